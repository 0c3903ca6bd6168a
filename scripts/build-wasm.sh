#!/usr/bin/env bash
# Builds the WebAssembly binding twice, as ES modules (`--target web`, loaded in Node through
# initSync) with their TypeScript types and a package.json:
# - bindings-wasm/pkg/: the browser form's module (`--no-default-features`: catalogues,
#   organisations, review batches, the Evaluator), shrunk with wasm-opt (npm binaryen; Debian's is
#   broken, see the toolchain notes); the build fails when it is over the size budget, gzipped;
# - bindings-wasm/pkg-full/: everything (the JSON api, reports, scenarios, synthetic data), for
#   Node, servers and the tests; no budget, and no wasm-opt (binaryen's JS build takes minutes on it
#   and saves about 2% gzipped).
# Both link the same compiled core (one `wasm` profile), so the second costs one link.
# Needs scripts/setup.sh to have run. Usage: scripts/build-wasm.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

# The budget: 330 KB (330,000 bytes) gzipped, the embedded central catalogue included. It was 300 KB until the
# form gained the cell meeting (issue 8: +49 KB); DESIGN.md ("Forms") says why and what would bring it back.
budget_bytes=${SOISUA_WASM_BUDGET_BYTES:-330000}
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$root/target/wasm}
wasm_bindgen=.tools/bin/wasm-bindgen
wasm_opt=node_modules/.bin/wasm-opt
log() { printf '[build-wasm] %s\n' "$*"; }
fail() { printf '[build-wasm] error: %s\n' "$*" >&2; exit 1; }

[ -x "$wasm_bindgen" ] || fail "$wasm_bindgen missing: run scripts/setup.sh"
[ -x "$wasm_opt" ] || fail "$wasm_opt missing: run scripts/setup.sh"
rustup target list --installed | grep -qx wasm32-unknown-unknown || fail "rust target wasm32-unknown-unknown missing: run scripts/setup.sh"
# The CLI and the crate must be the same version, or wasm-bindgen refuses the module.
want=$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/version = |"/, ""); print; exit}' Cargo.lock)
have=$("$wasm_bindgen" --version | awk '{print $2}')
[ "$want" = "$have" ] || fail "wasm-bindgen CLI is $have but Cargo.lock pins $want: run scripts/setup.sh"

# Without reference types: wasm-bindgen then passes JS values as i32 indices instead of `externref`.
# Node 20's V8 aborts the whole process ("Fatal error: unreachable code" in
# Deoptimizer::DoComputeBuiltinContinuation) when it lazily deoptimizes a JS function into which it
# inlined a call to a Wasm export returning `externref`; a hot loop of `call(...)` hits it.
# The Node test bindings-wasm/tests/module.test.mjs checks the glue stays free of externref.
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="-C target-feature=-reference-types"
raw="$CARGO_TARGET_DIR/wasm32-unknown-unknown/wasm/soisua_wasm.wasm"
version=$(awk -F'"' '/^version = / {print $2; exit}' Cargo.toml)

# package <out> <description>: the package.json and README beside a module.
package() {
  cp bindings-wasm/README.md "$1/README.md"
  cat >"$1/package.json" <<EOF
{
  "name": "soisua-wasm",
  "version": "$version",
  "description": "$2",
  "license": "MIT OR Apache-2.0",
  "type": "module",
  "main": "soisua_wasm.js",
  "module": "soisua_wasm.js",
  "types": "soisua_wasm.d.ts",
  "exports": {
    ".": { "types": "./soisua_wasm.d.ts", "default": "./soisua_wasm.js" },
    "./soisua_wasm_bg.wasm": "./soisua_wasm_bg.wasm"
  },
  "files": ["soisua_wasm.js", "soisua_wasm.d.ts", "soisua_wasm_bg.wasm", "soisua_wasm_bg.wasm.d.ts", "README.md"],
  "sideEffects": false
}
EOF
}

sizes() {
  local size gz
  size=$(wc -c <"$1")
  gz=$(gzip -9 -c "$1" | wc -c)
  printf '%d bytes raw (%.1f KiB), %d bytes gzipped (%.1f KiB)' "$size" "$(awk "BEGIN {print $size/1024}")" "$gz" "$(awk "BEGIN {print $gz/1024}")"
}

# 1. The form's module.
out=bindings-wasm/pkg
log "cargo build --no-default-features (profile wasm, $CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS)"
cargo build -q -p soisua-wasm --no-default-features --target wasm32-unknown-unknown --profile wasm
[ -f "$raw" ] || fail "no module at $raw"
log "wasm-bindgen --target web -> $out"
rm -rf "$out"
"$wasm_bindgen" --target web --out-dir "$out" "$raw"
module="$out/soisua_wasm_bg.wasm"
before=$(sizes "$module")
# -Oz without inlining functions that have one caller (--one-caller-inline-max-function-size 0):
# inlining them makes the module smaller raw but larger gzipped.
log "wasm-opt -Oz"
"$wasm_opt" -Oz --one-caller-inline-max-function-size 0 --enable-bulk-memory --enable-nontrapping-float-to-int \
  --enable-sign-ext --enable-mutable-globals --enable-multivalue --strip-debug --strip-producers \
  "$module" -o "$module.opt"
mv "$module.opt" "$module"
package "$out" "soisua (tự soi, tự sửa) for browser forms, as a WebAssembly ES module"
gz=$(gzip -9 -c "$module" | wc -c)
log "$module: before wasm-opt $before; after $(sizes "$module"); budget $budget_bytes bytes gzipped"
[ "$gz" -le "$budget_bytes" ] || fail "the form's module is $gz bytes gzipped, over the budget of $budget_bytes"

# 2. The full module.
full=bindings-wasm/pkg-full
log "cargo build (all features, profile wasm)"
cargo build -q -p soisua-wasm --target wasm32-unknown-unknown --profile wasm
log "wasm-bindgen --target web -> $full"
rm -rf "$full"
"$wasm_bindgen" --target web --out-dir "$full" "$raw"
package "$full" "soisua (tự soi, tự sửa) as a WebAssembly ES module: the full api"
log "$full/soisua_wasm_bg.wasm: $(sizes "$full/soisua_wasm_bg.wasm")"
