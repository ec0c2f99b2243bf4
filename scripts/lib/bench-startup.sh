#!/usr/bin/env bash
# scripts/bench startup (issue 15): Casco Desk against a blank Tauri 2 app (benches/blank-app),
# both in release, launched alternately in one headless session. Per launch: the time from exec
# to the page's first painted frame, and the RSS and PSS of the whole process tree (the app plus
# WebKit's web and network processes) after 5 s idle. Also the size of the release binary and of
# the .deb. Its last line is the result:
#   startup: app_ms=… blank_ms=… ratio=… rss_mib=… blank_rss_mib=… rss_ratio=… binary_mb=… deb_mb=…
# (medians over the runs; ratio = app / blank). Goals are printed, not asserted.
#
# Ready protocol, shared by the app and the blank app: with CASCO_READY_FILE set, the process
# appends `ready_epoch_ms=<ms since the Unix epoch>` to it when its page reports its first frame.
#
# Warm starts are measured: each side is launched once untimed first, because the app's very
# first start creates its database and its key in the keychain, which an agent pays once; the
# start an agent makes many times a day is the ordinary one that finds them.
#
# Environment:
#   CASCO_BENCH_RUNS=N       launches per side (default 5)
#   CASCO_BENCH_PREBUILT=1   build nothing: take the newest .deb and the release blank-app as built
#   CASCO_BENCH_APP=PATH     launch PATH as the "app" side (sizes still come from the .deb), to try
#                            the harness against a binary that reports ready, e.g. the blank app
#   CASCO_HEADLESS_LOCK=F    lock file that serialises headless sessions (default /tmp/casco-e2e.lock):
#                            two keyring daemons at once have hung a run. Do not wrap this script in
#                            flock on the same file: it takes the lock itself, around its sessions only.
set -euo pipefail
source "$(dirname "$0")/common.sh"

RUNS="${CASCO_BENCH_RUNS:-5}"
LOCK="${CASCO_HEADLESS_LOCK:-/tmp/casco-e2e.lock}"
READY_TIMEOUT_S=60
IDLE_S=5
SELF="$ROOT/scripts/lib/bench-startup.sh"

fail() { echo "bench startup: $*" >&2; exit 1; }

# Milliseconds since the epoch from bash's own clock: `date +%s%3N` without forking `date`
# between the reading and the exec.
now_ms() {
  local us="${EPOCHREALTIME/[.,]/}"
  echo $((us / 1000))
}

### Inside the headless session ###############################################################

# The process and all its descendants (WebKitWebProcess, WebKitNetworkProcess, …), one pid a
# line. Through ps --ppid: /proc/PID/task/*/children needs a kernel option not every kernel has.
tree_pids() {
  echo "$1"
  local child
  for child in $(ps -o pid= --ppid "$1" 2>/dev/null); do tree_pids "$child"; done
}

# "rss_kb pss_kb" of one process from smaps_rollup (zeros if it is gone).
mem_kb() {
  awk '/^Rss:/ { r = $2 } /^Pss:/ { p = $2 } END { print r + 0, p + 0 }' \
    "/proc/$1/smaps_rollup" 2>/dev/null || echo "0 0"
}

gone() {
  [ ! -e "/proc/$1" ] || [ "$(awk '{ print $3 }' "/proc/$1/stat" 2>/dev/null)" = Z ]
}

# Ends the whole tree and waits until every process of it is gone, so the next launch starts
# clean (the app is single-instance over D-Bus: a survivor would take the next launch's place).
kill_tree() {
  local root="$1" pids p
  pids="$(tree_pids "$root")"
  kill -TERM $pids 2>/dev/null || true
  wait "$root" 2>/dev/null || true
  for _ in $(seq 500); do
    local left=0
    for p in $pids; do gone "$p" || left=1; done
    [ "$left" = 0 ] && return 0
    sleep 0.02
  done
  kill -KILL $pids 2>/dev/null || true
}

# Polls FILE every 10 ms for a complete ready line and prints its milliseconds; fails with the
# app's output when the process exits or nothing comes within the timeout.
wait_ready() {
  local file="$1" pid="$2" out="$3" line
  local deadline=$(($(now_ms) + READY_TIMEOUT_S * 1000))
  while [ "$(now_ms)" -lt "$deadline" ]; do
    # `read` succeeds only on a whole line: the ready line is written in one write, newline last.
    if [ -f "$file" ] && IFS= read -r line < "$file" && [[ "$line" =~ ^ready_epoch_ms=([0-9]+)$ ]]; then
      echo "${BASH_REMATCH[1]}"
      return 0
    fi
    gone "$pid" && { cat "$out" >&2; fail "$(basename "$out" .out) exited before it was ready"; }
    sleep 0.01
  done
  cat "$out" >&2
  kill_tree "$pid"
  fail "$(basename "$out" .out) not ready within ${READY_TIMEOUT_S} s"
}

# Launches SIDE's binary once with its own XDG dirs and a fresh ready file, waits for ready,
# idles, measures the tree, ends it. Prints "ready_ms rss_kb pss_kb tree" (tree: name=rss_kb,…).
measure_once() {
  local side="$1" bin="$2" work="$3"
  local home="$work/$side" ready="$work/$side.ready" out="$work/$side.out"
  rm -f "$ready"
  local t0 pid ready_at ready_ms
  t0="$(now_ms)"
  XDG_DATA_HOME="$home/data" XDG_CONFIG_HOME="$home/config" XDG_CACHE_HOME="$home/cache" \
    CASCO_READY_FILE="$ready" "$bin" > "$out" 2>&1 &
  pid=$!
  ready_at="$(wait_ready "$ready" "$pid" "$out")"
  ready_ms=$((ready_at - t0))
  sleep "$IDLE_S"
  gone "$pid" && { cat "$out" >&2; fail "$side exited while idle"; }
  local rss=0 pss=0 tree="" p r s
  for p in $(tree_pids "$pid"); do
    read -r r s < <(mem_kb "$p")
    rss=$((rss + r)) pss=$((pss + s))
    tree+="$(cat "/proc/$p/comm" 2>/dev/null || echo "$p")=$r,"
  done
  kill_tree "$pid"
  echo "$ready_ms $rss $pss ${tree%,}"
}

mib() { awk -v kb="$1" 'BEGIN { printf "%.1f", kb / 1024 }'; }

# One session: a keyring as on a desktop, one untimed warm-up per side, then app, blank, app,
# blank… RUNS times. Appends "side ready_ms rss_kb pss_kb" lines to RESULTS.
session() {
  local app="$1" blank="$2" work="$3" runs="$4" results="$3/results"
  # A Secret Service as on a desktop: without one the app works on a temporary database.
  echo -n casco-ci | gnome-keyring-daemon --unlock --components=secrets > /dev/null
  # Other work on the machine slows both sides, not equally: the load goes with the figures.
  echo "startup: loadavg $(cut -d" " -f1-3 /proc/loadavg) on $(nproc) cores before the runs"
  local side bin i line ms rss pss tree
  for side in app blank; do
    [ "$side" = app ] && bin="$app" || bin="$blank"
    mkdir -p "$work/$side"/{data,config,cache}
    line="$(measure_once "$side" "$bin" "$work")"
    echo "startup: warm-up $side ready_ms=${line%% *} (not counted)"
  done
  for i in $(seq "$runs"); do
    for side in app blank; do
      [ "$side" = app ] && bin="$app" || bin="$blank"
      line="$(measure_once "$side" "$bin" "$work")"
      read -r ms rss pss tree <<< "$line"
      echo "$side $ms $rss $pss" >> "$results"
      printf 'startup: run %d/%d %-5s ready_ms=%d rss_mib=%s pss_mib=%s tree_rss_kb: %s\n' \
        "$i" "$runs" "$side" "$ms" "$(mib "$rss")" "$(mib "$pss")" "${tree//,/ }"
    done
  done
  echo "startup: loadavg $(cut -d" " -f1-3 /proc/loadavg) after the runs"
}

if [ "${1:-}" = --session ]; then
  shift
  session "$@"
  exit 0
fi

### Outside: builds, sizes, the session, the report ###########################################

cd "$ROOT"

# The blank app as the tauri CLI builds a release: assets embedded (custom-protocol), not a dev
# server. Same workspace, so the same tauri from Cargo.lock and the same release profile.
build_blank() {
  say "cargo build --release -p blank-app --features tauri/custom-protocol" >&2
  cargo build --release -p blank-app --features tauri/custom-protocol >&2
}

# The app's release build and .deb, through scripts/package (it also starts the packaged app
# headless, hence the lock).
build_app() {
  say "scripts/package (the app in release and its .deb)" >&2
  flock "$LOCK" "$ROOT/scripts/package" >&2
}

newest_deb() {
  local deb
  deb="$(ls -t "$CARGO_TARGET_DIR"/release/bundle/deb/*.deb 2>/dev/null | head -1)"
  [ -n "$deb" ] || fail "no .deb in $CARGO_TARGET_DIR/release/bundle/deb (run without CASCO_BENCH_PREBUILT)"
  echo "$deb"
}

mb() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1e6 }'; }

# Median of the numbers on stdin.
median() {
  sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# Median of column COL (2 ready_ms, 3 rss_kb, 4 pss_kb) for SIDE.
side_median() { awk -v s="$2" -v c="$3" '$1 == s { print $c }' "$1" | median; }

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

# "name value ≤ goal met|NOT met".
goal() { awk -v n="$1" -v v="$2" -v g="$3" 'BEGIN { printf "%s %s ≤ %s %s", n, v, g, (v + 0 <= g + 0 ? "met" : "NOT met") }'; }

report() {
  local results="$1" binary_mb="$2" deb_mb="$3"
  local app_ms blank_ms app_rss blank_rss app_pss blank_pss
  app_ms="$(printf '%.0f' "$(side_median "$results" app 2)")"
  blank_ms="$(printf '%.0f' "$(side_median "$results" blank 2)")"
  app_rss="$(mib "$(side_median "$results" app 3)")"
  blank_rss="$(mib "$(side_median "$results" blank 3)")"
  app_pss="$(mib "$(side_median "$results" app 4)")"
  blank_pss="$(mib "$(side_median "$results" blank 4)")"
  local r rr
  r="$(ratio "$app_ms" "$blank_ms")"
  rr="$(ratio "$app_rss" "$blank_rss")"
  echo "startup-pss: app_pss_mib=$app_pss blank_pss_mib=$blank_pss pss_ratio=$(ratio "$app_pss" "$blank_pss")"
  echo "startup-goals: $(goal ratio "$r" 1.25); $(goal rss_ratio "$rr" 1.3); $(goal binary_mb "$binary_mb" 25); $(goal deb_mb "$deb_mb" 12)"
  echo "startup: app_ms=$app_ms blank_ms=$blank_ms ratio=$r rss_mib=$app_rss blank_rss_mib=$blank_rss rss_ratio=$rr binary_mb=$binary_mb deb_mb=$deb_mb"
}

main() {
  ensure_apt "${APT_BUILD[@]}" "${APT_RUN[@]}" "${APT_TEST[@]}"
  ensure_rust
  if [ "${CASCO_BENCH_PREBUILT:-}" != 1 ]; then
    build_blank
    build_app
  fi
  local tmp
  tmp="$(mktemp -d)"
  # shellcheck disable=SC2064
  trap "rm -rf '$tmp'" EXIT

  # Both binaries are copied out of the target dir, so another build there cannot change them
  # mid-run; the app's is the one inside the .deb, as installed, and the binary size is its size.
  local deb
  deb="$(newest_deb)"
  dpkg-deb -x "$deb" "$tmp/deb"
  local app_bin="${CASCO_BENCH_APP:-$tmp/deb/usr/bin/casco-desk}"
  [ -x "$CARGO_TARGET_DIR/release/blank-app" ] || fail "no release blank-app (run without CASCO_BENCH_PREBUILT)"
  cp "$CARGO_TARGET_DIR/release/blank-app" "$tmp/blank-app"
  local binary_mb deb_mb
  binary_mb="$(mb "$(stat -c %s "$tmp/deb/usr/bin/casco-desk")")"
  deb_mb="$(mb "$(stat -c %s "$deb")")"
  say "sizes: binary_mb=$binary_mb deb_mb=$deb_mb ($deb)" >&2

  # A private runtime dir, so this session's keyring daemon cannot meet another session's
  # control socket; session-wide XDG dirs for the keyring, the launches get their own.
  mkdir -p "$tmp/work" "$tmp/run" "$tmp/session"/{data,config,cache}
  chmod 700 "$tmp/run"
  say "headless session: warm-up, then app and blank alternately, $RUNS runs each" >&2
  XDG_RUNTIME_DIR="$tmp/run" XDG_DATA_HOME="$tmp/session/data" XDG_CONFIG_HOME="$tmp/session/config" \
    XDG_CACHE_HOME="$tmp/session/cache" NO_AT_BRIDGE=1 \
    flock "$LOCK" "${XVFB[@]}" dbus-run-session -- \
    bash "$SELF" --session "$app_bin" "$tmp/blank-app" "$tmp/work" "$RUNS"
  [ -s "$tmp/work/results" ] || fail "the session measured nothing"
  report "$tmp/work/results" "$binary_mb" "$deb_mb"
}

main
