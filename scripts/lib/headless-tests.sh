# Runs inside xvfb-run + dbus-run-session (see scripts/test): needs a display, a session bus
# and a Secret Service.
set -euo pipefail
cd "$ROOT"
# Stop what we start, by PID.
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

# gnome-keyring's Secret Service on this session bus; the login keyring gets this password.
unlock_keyring() { echo -n casco-ci | gnome-keyring-daemon --unlock --components=secrets >/dev/null; }
unlock_keyring

# gnome-keyring-daemon has crashed here (a glib trap, in dmesg) when several clients made their
# first requests to the new login keyring at once; D-Bus then started a locked daemon whose
# unlock prompt nobody can answer, and CI hung. So the Secret Service tests run one at a time,
# under a timeout, on a daemon that is there and unlocked.
keyring_up() {
  dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
    org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q "boolean true"
}

if [ -z "${CASCO_E2E_ONLY:-}" ]; then
  echo "==> cargo test --workspace"
  cargo test --workspace
  echo "==> Secret Service tests (real keyring)"
  keyring_up || unlock_keyring
  timeout 600 cargo test --workspace -- --ignored secret_service --test-threads=1
  echo "==> a launch over a dying instance starts over (session bus, display)"
  cargo test -p casco-desk --test relaunch -- --ignored
  echo "==> a start-up that fails says why (log and native message box)"
  cargo test -p casco-desk --test startup_failure -- --ignored
  echo "==> the first start moves an earlier build's data and keychain entries (real app, Secret Service)"
  cargo test -p casco-desk --test upgrade -- --ignored
fi

echo "==> e2e (tauri-driver → WebKitWebDriver → the app)"
tauri-driver --port 4444 >"$CASCO_TMP/tauri-driver.log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do curl -sf http://127.0.0.1:4444/status >/dev/null && break; sleep 0.1; done
curl -sf http://127.0.0.1:4444/status >/dev/null || { cat "$CASCO_TMP/tauri-driver.log"; exit 1; }
files=(${CASCO_E2E_FILES:-})
[ ${#files[@]} -gt 0 ] || files=("$ROOT"/tests/e2e/*.test.mjs)
if ! node --test --test-concurrency=1 --test-reporter=spec "${files[@]}"; then
  echo "--- tauri-driver log ---"; tail -50 "$CASCO_TMP/tauri-driver.log"
  exit 1
fi
