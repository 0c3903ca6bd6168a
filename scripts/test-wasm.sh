#!/usr/bin/env bash
# Builds the WebAssembly binding and runs every test of it: the binding's Rust unit tests, the
# TypeScript check of the generated types, and the Node tests (API behaviour, bad input, the shared
# vectors in tests/vectors/, the module inside headless Chromium, and the form's benchmark smoke
# runs). The module is tested through its JS surface only, as users call it: the Node tests cover
# what tests inside WebAssembly (wasm-bindgen-test) would, without a third build of the core.
# Needs scripts/setup.sh to have run. Exits non-zero on the first failure.
# Set SOISUA_REQUIRE_BROWSER=1 (CI does) to fail rather than skip when Chromium is missing.
# SOISUA_WASM_BUILT=1 skips the build (scripts/test.sh has just run scripts/build-wasm.sh in the
# background, beside the Python tests).
# Usage: scripts/test-wasm.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$root/target/wasm}
log() { printf '[test-wasm] %s\n' "$*"; }

if [ "${SOISUA_WASM_BUILT:-0}" != 1 ]; then
  scripts/build-wasm.sh
fi

# The binding's native unit tests are part of `cargo test --workspace`, which scripts/test.sh has run.
if [ "${SOISUA_WASM_BUILT:-0}" != 1 ]; then
  log "cargo test -p soisua-wasm (native unit tests of the binding, in the workspace's debug target)"
  CARGO_TARGET_DIR="$root/target" cargo test -q -p soisua-wasm
fi

log "tsc -p bindings-wasm/tsconfig.json"
node_modules/.bin/tsc -p bindings-wasm/tsconfig.json

log "node --test bindings-wasm/tests/"
node --test bindings-wasm/tests/

# Benchmarks are not timed tests: one checked run of each form call, in Node and in Chromium.
log "form benchmark, smoke run (node, chromium)"
node bindings-wasm/bench/form.mjs --smoke
if [ -x "${SOISUA_CHROMIUM:-/usr/bin/chromium}" ]; then
  node bindings-wasm/bench/form-browser.mjs --smoke
elif [ "${SOISUA_REQUIRE_BROWSER:-0}" = 1 ]; then
  echo "no chromium for the browser smoke run" >&2
  exit 1
fi
log "ok"
