# Sourced by scripts/test and scripts/e2e: a private place for the app's files during tests.
tmp="$(mktemp -d)"
cleanup() { rm -rf "$tmp"; }
trap cleanup EXIT
# Fresh XDG dirs: the app's files and the keyring stay out of $HOME, and every run starts clean.
export XDG_DATA_HOME="$tmp/data" XDG_CONFIG_HOME="$tmp/config" XDG_CACHE_HOME="$tmp/cache" NO_AT_BRIDGE=1
mkdir -p "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME"
export CASCO_APP_BINARY="$(app_binary)"
export CASCO_SANDBOX_BINARY="$CARGO_TARGET_DIR/debug/casco-sandbox"
export CASCO_SCREENSHOTS="${CASCO_SCREENSHOTS:-$ROOT/tests/e2e/screenshots}"
export CASCO_TMP="$tmp"

