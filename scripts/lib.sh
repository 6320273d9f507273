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

# Builds the release app into dist/ with Trunk, then writes compressed copies of its files.
build_app() {
  (cd "$ROOT" && with_wasm_toolchain trunk build --release --offline >"$ROOT/target/trunk-build.log" 2>&1) \
    || { tail -n 40 "$ROOT/target/trunk-build.log" >&2; fail "the app did not build (log: $ROOT/target/trunk-build.log)"; }
  version_service_worker "$ROOT/dist"
  compress "$ROOT/dist"
}

# The service worker's version is the app build's: the wasm file's content hash (in its name)
# replaces the placeholder, so every new app build installs a new worker.
version_service_worker() {
  local wasm hash
  wasm="$(ls "$1"/*_bg.wasm 2>/dev/null | head -n 1)"
  [ -n "$wasm" ] || fail "no wasm file in $1 to version the service worker with" "build the app with scripts/serve"
  hash="$(basename "$wasm" | sed -E 's/.*-([0-9a-f]{16})_bg\.wasm$/\1/')"
  grep -q CAREFINDER_APP_BUILD "$1/sw.js" || fail "$1/sw.js has no CAREFINDER_APP_BUILD placeholder"
  sed -i "s/CAREFINDER_APP_BUILD/$hash/" "$1/sw.js"
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
