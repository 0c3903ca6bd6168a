#!/usr/bin/env bash
# Builds the form's module (`--no-default-features`) as scripts/build-wasm.sh does, into a scratch
# folder, for the benchmarks: bindings-wasm/pkg is left alone (the tests use it).
# Usage: bindings-wasm/bench/build.sh [OUT] [--names]
#   OUT      output folder (default target/wasm-speed/pkg)
#   --names  keep function names (a `name` section) for `node --cpu-prof`: built with the
#            `wasm-profile` profile (the `wasm` profile without `strip`), wasm-opt keeps debug info.
# Uses CARGO_TARGET_DIR (default target/wasm-speed) so it does not contend with other builds.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
out=${1:-target/wasm-speed/pkg}
names=${2:-}
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$root/target/wasm-speed}
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="-C target-feature=-reference-types"
profile=wasm
strip=(--strip-debug --strip-producers)
if [ "$names" = "--names" ]; then
  # The wasm profile, with symbols kept (no `strip`), so the name section survives.
  export CARGO_PROFILE_WASM_STRIP=false
  export CARGO_PROFILE_WASM_DEBUG=false
  strip=(--strip-producers)
fi
cargo build -q -p soisua-wasm --no-default-features --target wasm32-unknown-unknown --profile "$profile"
raw="$CARGO_TARGET_DIR/wasm32-unknown-unknown/$profile/soisua_wasm.wasm"
rm -rf "$out"
if [ "$names" = "--names" ]; then
  # Unstripped, the module keeps the `target_features` section of the prebuilt std (which says
  # +reference-types), and wasm-bindgen would then emit externref glue: drop that section first.
  node_modules/.bin/wasm-opt -g --strip-target-features --enable-bulk-memory --enable-nontrapping-float-to-int \
    --enable-sign-ext --enable-mutable-globals --enable-multivalue "$raw" -o "$raw.names.wasm"
  raw="$raw.names.wasm"
fi
keep=()
[ "$names" = "--names" ] && keep=(--keep-debug)
.tools/bin/wasm-bindgen --target web "${keep[@]}" --out-name soisua_wasm --out-dir "$out" "$raw"
module="$out/soisua_wasm_bg.wasm"
debuginfo=()
[ "$names" = "--names" ] && debuginfo=(-g)
node_modules/.bin/wasm-opt -Oz "${debuginfo[@]}" --one-caller-inline-max-function-size 0 --enable-bulk-memory \
  --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals --enable-multivalue "${strip[@]}" \
  "$module" -o "$module.opt"
mv "$module.opt" "$module"
printf '%s: %d bytes, %d gzipped (-9)\n' "$module" "$(wc -c <"$module")" "$(gzip -9 -c "$module" | wc -c)"
