#!/usr/bin/env bash
# Sets up every pinned tool (scripts/setup.sh) and runs every test: formatting and lints, the Rust
# workspace (unit, doc, integration, property tests, shared vectors, CLI), the embedded catalogue's
# provenance check, the Python binding (pytest, vectors, stubtest), and the WebAssembly binding
# (build + size budget, tsc, node tests, vectors, headless Chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
step() { printf '\n== %s ==\n' "$*"; }

step "setup"
scripts/setup.sh

step "format and lints"
cargo fmt --all -- --check
cargo clippy --workspace --all-targets --quiet -- -D warnings

step "embedded catalogue matches ../shared/domain/reference-items.json"
python3 scripts/gen_central_catalogue.py --check
python3 scripts/gen_scenario_vectors.py --check

step "rust: cargo test --workspace"
cargo test --workspace --quiet

step "python"
scripts/test-python.sh

step "wasm: node and browser"
SOISUA_REQUIRE_BROWSER=1 scripts/test-wasm.sh

step "all tests passed"
