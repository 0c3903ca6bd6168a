#!/usr/bin/env bash
# Builds the WebAssembly binding into bindings-wasm/pkg/: an ES module (`--target web`, also
# loaded by the Node tests through initSync), its TypeScript types and a package.json.
# Then shrinks the module with wasm-opt (npm binaryen; Debian's is broken, see toolchain notes) and
# fails when the gzipped module is over the size budget.
# Needs scripts/setup.sh to have run. Usage: scripts/build-wasm.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

budget_kib=${SOISUA_WASM_BUDGET_KIB:-560}
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$root/target/wasm}
out=bindings-wasm/pkg
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
log "cargo build (profile wasm, $CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS)"
cargo build -q -p soisua-wasm --target wasm32-unknown-unknown --profile wasm
raw="$CARGO_TARGET_DIR/wasm32-unknown-unknown/wasm/soisua_wasm.wasm"
[ -f "$raw" ] || fail "no module at $raw"

log "wasm-bindgen --target web"
rm -rf "$out"
"$wasm_bindgen" --target web --out-dir "$out" "$raw"

log "wasm-opt -Oz"
module="$out/soisua_wasm_bg.wasm"
before=$(wc -c <"$module")
"$wasm_opt" -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-mutable-globals --enable-multivalue --strip-debug --strip-producers \
  "$module" -o "$module.opt"
mv "$module.opt" "$module"

cp bindings-wasm/README.md "$out/README.md"
version=$(awk -F'"' '/^version = / {print $2; exit}' Cargo.toml)
cat >"$out/package.json" <<EOF
{
  "name": "soisua-wasm",
  "version": "$version",
  "description": "soisua (tự soi, tự sửa) as a WebAssembly ES module",
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

size=$(wc -c <"$module")
gz=$(gzip -9 -c "$module" | wc -c)
printf '[build-wasm] %s: %d bytes before wasm-opt, %d bytes raw (%.1f KiB), %d bytes gzipped (%.1f KiB); budget %d KiB gzipped\n' \
  "$module" "$before" "$size" "$(awk "BEGIN {print $size/1024}")" "$gz" "$(awk "BEGIN {print $gz/1024}")" "$budget_kib"
[ "$gz" -le $((budget_kib * 1024)) ] || fail "gzipped module is $gz bytes, over the budget of $budget_kib KiB"
