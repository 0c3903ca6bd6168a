#!/usr/bin/env bash
# Runs the binding's tests inside WebAssembly (bindings-wasm/tests/wasm.rs, wasm-bindgen-test under
# Node, through the wasm-bindgen-test-runner installed with wasm-bindgen-cli by scripts/setup.sh).
# Built in the dev profile in its own target dir (target/wasm-test) with the target's default
# features: the release module's `-reference-types` flag does not apply here (the runner needs the
# externref table that a debug build with that flag lacks, and these tests have no hot loop).
# Usage: scripts/test-wasm-inside.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
runner="$root/.tools/bin/wasm-bindgen-test-runner"
[ -x "$runner" ] || { echo "$runner missing: run scripts/setup.sh" >&2; exit 1; }
echo "[test-wasm-inside] cargo test -p soisua-wasm --target wasm32-unknown-unknown --test wasm"
CARGO_TARGET_DIR="$root/target/wasm-test" CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER="$runner" \
  cargo test -p soisua-wasm --target wasm32-unknown-unknown --test wasm
