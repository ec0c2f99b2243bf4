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


# The system's Documents folder for the run (where the app saves PDFs by default), through
# the XDG user-dirs file the app reads, so no test writes into $HOME.
export CASCO_DOCUMENTS="$tmp/Documents"
mkdir -p "$CASCO_DOCUMENTS"
printf 'XDG_DOCUMENTS_DIR="%s"\n' "$CASCO_DOCUMENTS" > "$XDG_CONFIG_HOME/user-dirs.dirs"

# A stand-in for xdg-open, first on PATH: the app opens documents through the system's opener
# (tauri-plugin-opener runs xdg-open on Linux), unchanged; under test nothing may pop up, and
# the e2e reads what was opened. Each argument becomes one line of $CASCO_OPENED_LOG.
export CASCO_OPENED_LOG="$tmp/opened.log"
mkdir -p "$tmp/bin"
printf '#!/bin/sh\nfor a in "$@"; do printf "%%s\\n" "$a" >> "$CASCO_OPENED_LOG"; done\n' > "$tmp/bin/xdg-open"
chmod +x "$tmp/bin/xdg-open"
export PATH="$tmp/bin:$PATH"
