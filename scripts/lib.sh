# Shared by scripts/setup, scripts/serve and scripts/test. Source it; do not run it.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# Tools that outlive one clone (npm's wasm-opt, the sysroot build) live here.
TOOLS_DIR="${CAREFINDER_TOOLS:-$HOME/.cache/carefinder}"
TRUNK_VERSION="0.21.14"
BINARYEN_VERSION="132"
AXE_VERSION="4.14.1"
SHARED_DATA="$(cd "$ROOT/.." && pwd)/shared/data"
mkdir -p "$TOOLS_DIR"

say() { printf '%s\n' "$*" >&2; }

# fail "what went wrong" "what to do by hand"
fail() {
  say ""
  say "carefinder: $1"
  [ -n "${2:-}" ] && say "  To fix this by hand: $2"
  exit 1
}

# step "name" command...: runs one step and prints how long it took.
step() {
  local name="$1"; shift
  local start ms
  start=$(date +%s%N)
  say "==> $name"
  "$@"
  ms=$(( ($(date +%s%N) - start) / 1000000 ))
  say "    $name: $((ms / 1000)).$(( (ms % 1000) / 100 )) s"
}

# Runs a command as root (directly, or through sudo when available).
as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null; then sudo "$@"
  else fail "'$*' needs root and sudo is not available" "run it as root, then run this again"
  fi
}

# The wasm toolchain that scripts/setup chose: "rustup", or "debian" (Debian's rustc-web first on PATH).
wasm_toolchain() { cat "$TOOLS_DIR/wasm-toolchain" 2>/dev/null || echo none; }

# Runs a command with the chosen wasm toolchain and the project's wasm-opt first on PATH,
# leaving rustup's toolchain in charge of every native build.
with_wasm_toolchain() {
  local path="$TOOLS_DIR/node/node_modules/.bin:$HOME/.cargo/bin:$PATH"
  if [ "$(wasm_toolchain)" = debian ]; then path="/usr/bin:$path"; fi
  PATH="$path" CARGO_TARGET_DIR="$ROOT/target/wasm" "$@"
}

# Builds the release app into dist/ with Trunk, writes its Content-Security-Policy, then
# compressed copies of its files.
build_app() {
  mkdir -p "$ROOT/target"
  (cd "$ROOT" && with_wasm_toolchain trunk build --release --offline >"$ROOT/target/trunk-build.log" 2>&1) \
    || { tail -n 40 "$ROOT/target/trunk-build.log" >&2; fail "the app did not build (log: $ROOT/target/trunk-build.log)"; }
  write_csp "$ROOT/dist"
  version_service_worker "$ROOT/dist"
  compress "$ROOT/dist"
}

# The service worker's version is the app build's: the wasm file's content hash (in its name)
# replaces the placeholder, so every new app build installs a new worker.
version_service_worker() {
  local wasm hash
  wasm="$(ls "$1"/*_bg.wasm 2>/dev/null | head -n 1)"
  [ -n "$wasm" ] || fail "no wasm file in $1 to version the service worker with" "build the app with scripts/serve"
  hash="$(basename "$wasm" | sed -E 's/.*-([0-9a-f]{12,16})_bg\.wasm$/\1/')"
  grep -q CAREFINDER_APP_BUILD "$1/sw.js" || fail "$1/sw.js has no CAREFINDER_APP_BUILD placeholder"
  sed -i "s/CAREFINDER_APP_BUILD/$hash/" "$1/sw.js"
}

# Writes DIR/csp.txt: the Content-Security-Policy header, with the hash of the one inline loader
# script Trunk put in DIR/index.html. Every server of the build sends it.
write_csp() {
  (cd "$ROOT" && cargo run --quiet --release -p carefinder-serve -- csp "$1" >/dev/null)
}

# Writes .br and .gz copies beside the files browsers download (Trunk does not).
compress() {
  (cd "$ROOT" && cargo run --quiet --release -p carefinder-serve -- compress "$1" >/dev/null)
}

# Writes the app's pages as static HTML into a built app folder whose data/ is in place, so
# they work without JavaScript, then compresses them.
prerender() {
  (cd "$ROOT" && cargo run --quiet --release -p carefinder-prerender -- --dist "$1")
  compress "$1"
}

# The default dataset: real files from ../shared/data when present, else the example data.
build_default_dataset() {
  local out="$1"
  (cd "$ROOT" && cargo run --quiet --release -p carefinder-data -- default --shared "$SHARED_DATA" --out "$out")
  compress "$out"
}

# nginx serving a site by deploy/nginx.conf, as this user on a loopback port, with its pid, logs
# and temporary files under target/nginx/<name>/ (the journeys against nginx, scripts/bench).
NGINX_MODULES=/usr/lib/nginx/modules

# nginx_site_config DIST LISTEN DEPLOY LOGS: deploy/nginx.conf with its placeholders filled in,
# the CSP from DIST/csp.txt (written by the build).
nginx_site_config() {
  local dist="$1" listen="$2" deploy="$3" logs="$4" conf csp
  [ -f "$dist/csp.txt" ] || fail "$dist/csp.txt is missing" "build the app with build_app, which writes it"
  csp="$(head -n 1 "$dist/csp.txt")"
  # The value goes inside a double-quoted nginx string, where '"', '\' and '$' would not be text.
  case "$csp" in *[\"\\\$]* | "") fail "$dist/csp.txt holds no usable policy: $csp" "build the app again" ;; esac
  conf="$(cat "$ROOT/deploy/nginx.conf")"
  conf="${conf//CAREFINDER_LISTEN/"$listen"}"
  conf="${conf//CAREFINDER_DIST/"$dist"}"
  conf="${conf//CAREFINDER_DEPLOY/"$deploy"}"
  conf="${conf//CAREFINDER_LOGS/"$logs"}"
  conf="${conf//CAREFINDER_CSP/"$csp"}"
  case "$conf" in *CAREFINDER_[A-Z]*) fail "deploy/nginx.conf has a placeholder nginx_site_config does not fill" ;; esac
  printf '%s\n' "$conf"
}

# start_nginx DIST PORT [NAME]: serves DIST at http://127.0.0.1:PORT/ until `stop_nginx NAME`.
start_nginx() {
  local dist port="$2" name="${3:-nginx}" run
  dist="$(cd "$1" && pwd)" || fail "no site folder at $1"
  command -v nginx >/dev/null || fail "nginx is not installed" "scripts/setup --tests"
  run="$ROOT/target/nginx/$name"
  stop_nginx "$name"
  rm -rf "$run" && mkdir -p "$run/logs" "$run/tmp"
  nginx_site_config "$dist" "127.0.0.1:$port" "$ROOT/deploy" "$run/logs" >"$run/carefinder.conf"
  {
    echo "# Written by scripts/lib.sh start_nginx: $run/carefinder.conf (deploy/nginx.conf) run by $(id -un)."
    # Run by root, the master would hand its workers to 'nobody'; keep them this user's.
    [ "$(id -u)" = 0 ] && echo "user root;"
    echo "load_module $NGINX_MODULES/ngx_http_js_module.so;"
    echo "load_module $NGINX_MODULES/ngx_http_brotli_static_module.so;"
    echo "worker_processes auto;"
    echo "worker_rlimit_nofile 8192;"
    echo "pid $run/nginx.pid;"
    echo "error_log $run/logs/error.log warn;"
    echo "events { worker_connections 4096; }"
    echo "http {"
    for kind in client_body proxy fastcgi uwsgi scgi; do echo "    ${kind}_temp_path $run/tmp/$kind;"; done
    echo "    sendfile on;"
    echo "    tcp_nopush on;"
    echo "    include $run/carefinder.conf;"
    echo "}"
  } >"$run/nginx.conf"
  # nginx returns once its master has bound the port and gone to the background.
  nginx -p "$run" -c "$run/nginx.conf" 2>"$run/logs/start.log" \
    || { cat "$run/logs/start.log" >&2; fail "nginx did not start on port $port (config: $run/nginx.conf)"; }
}

# stop_nginx [NAME]: stops the nginx that start_nginx NAME started, if it still runs.
stop_nginx() {
  local run="$ROOT/target/nginx/${1:-nginx}" pid
  [ -f "$run/nginx.pid" ] || return 0
  pid="$(cat "$run/nginx.pid")"
  # A pid file left behind may name a process that is no longer ours.
  if tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF "$run/nginx.conf"; then
    kill -TERM "$pid"
    # Gone, or a zombie its parent has yet to reap (nginx's parent is whatever adopted it).
    local tries=0
    while [[ "$(cut -d' ' -f3 "/proc/$pid/stat" 2>/dev/null)" =~ ^[^Z]$ ]] && [ $tries -lt 100 ]; do
      sleep 0.1; tries=$((tries + 1))
    done
  fi
  rm -f "$run/nginx.pid"
}

# measure_nginx DIST COMMAND...: runs COMMAND with the address of nginx serving DIST as its last
# argument (a load client), then prints nginx's peak memory.
measure_nginx() {
  local dist="$1" port="${NGINX_BENCH_PORT:-18231}"; shift
  start_nginx "$dist" "$port" bench
  "$@" "http://127.0.0.1:$port" || { stop_nginx bench; fail "the load client failed against nginx"; }
  say "nginx peak memory (VmHWM of master and workers, summed): $(awk -v kb="$(nginx_peak_kb bench)" 'BEGIN { printf "%.1f", kb / 1024 }') MB"
  stop_nginx bench
}

# nginx_peak_kb [NAME]: the peak resident memory (VmHWM) of nginx's master and workers, summed
# (shared pages count once per process, so this is an upper bound).
nginx_peak_kb() {
  local run="$ROOT/target/nginx/${1:-nginx}" pid
  pid="$(cat "$run/nginx.pid")"
  # shellcheck disable=SC2046
  awk '/^VmHWM:/ { kb += $2 } END { print kb }' "/proc/$pid/status" \
    $(for child in $(cat /proc/"$pid"/task/*/children); do echo "/proc/$child/status"; done)
}
