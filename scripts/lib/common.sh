# Shared by scripts/app, test, e2e and bench: paths, and installing what a fresh Debian 12 machine
# lacks. Sourced, not run.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# The cargo target dir lives outside the clone so a fresh clone reuses earlier builds.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/casco-desk/target}"
export PATH="$HOME/.cargo/bin:$PATH"

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

# Tauri's WebKitGTK build dependencies, plus what running headless and the tests need.
APT_BUILD=(libwebkit2gtk-4.1-dev build-essential curl wget file pkg-config libxdo-dev libssl-dev
  libayatana-appindicator3-dev librsvg2-dev)
APT_RUN=(xvfb xauth dbus-x11 fonts-dejavu-core imagemagick)
APT_TEST=(webkit2gtk-driver gnome-keyring libsecret-1-dev poppler-utils procps)

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# Installs the Debian packages that are missing (only those), in one apt run.
ensure_apt() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  say "apt: installing ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

ensure_rust() {
  if ! command -v cargo >/dev/null; then
    echo "cargo not found: install Rust with rustup (https://rustup.rs), then run this again." >&2
    exit 1
  fi
  if command -v rustup >/dev/null; then
    for c in rustfmt clippy; do
      rustup component list --installed 2>/dev/null | grep -q "^$c" || rustup component add "$c"
    done
  fi
}

ensure_node() {
  if ! command -v npm >/dev/null; then ensure_apt nodejs npm; fi
}

# npm ci only when package-lock.json changed since the last install.
ensure_ui_packages() {
  ensure_node
  local stamp="$ROOT/ui/node_modules/.casco-lock"
  if [ ! -f "$stamp" ] || ! cmp -s "$ROOT/ui/package-lock.json" "$stamp"; then
    say "npm ci (ui/)"
    (cd "$ROOT/ui" && npm ci --no-audit --no-fund)
    cp "$ROOT/ui/package-lock.json" "$stamp"
  fi
}

build_ui() {
  say "vite build (ui/ → ui/dist)"
  (cd "$ROOT/ui" && npx vite build --logLevel warn)
}

ensure_tauri_driver() {
  if ! tauri-driver --help >/dev/null 2>&1; then
    say "cargo install tauri-driver"
    cargo install tauri-driver --locked --version '^2'
  fi
}

# The app binary as built by `cargo build -p casco-desk` (the same build the tests use).
app_binary() { echo "$CARGO_TARGET_DIR/debug/casco-desk"; }

# A virtual 1280×800 screen for the app when there is no display.
XVFB=(xvfb-run -a -s "-screen 0 1280x800x24 -nolisten tcp")

# Builds the app and the sandbox, then runs scripts/lib/headless-tests.sh under Xvfb in a
# private D-Bus session with fresh XDG dirs (scripts/test and scripts/e2e).
run_headless_tests() {
  say "cargo build (the app and the sandbox binaries for e2e)"
  cargo build -p casco-desk -p casco-sandbox
  source "$ROOT/scripts/lib/e2e-env.sh"
  "${XVFB[@]}" dbus-run-session -- env ROOT="$ROOT" bash "$ROOT/scripts/lib/headless-tests.sh"
}

has_display() { [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; }
