#!/usr/bin/env bash
# Sets up every pinned tool (scripts/setup.sh) and runs every test: formatting and lints, the Rust
# workspace (unit, doc, integration, property tests, shared vectors, CLI), the embedded catalogue's
# provenance check, the Python binding (pytest, vectors, stubtest), and the WebAssembly binding
# (build + size budget, tsc, node tests, vectors, headless Chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
# Each step prints the minutes and seconds since the start, so a slow CI run shows where it went.
step() { printf '\n== %s == (at %dm%02ds)\n' "$*" $((SECONDS / 60)) $((SECONDS % 60)); }

step "setup"
scripts/setup.sh

step "format"
cargo fmt --all -- --check

# Clippy lints the workspace while the tests build: `clippy-driver` wraps rustc for the workspace's
# own crates (what `cargo clippy` does, with the same lints from Cargo.toml and `-D warnings`), so
# the dependencies compile once for lints and tests instead of a check build then a test build.
# Every cargo call below (the Python and WebAssembly builds too) runs under it, so none rebuilds.
clippy_driver=$(command -v clippy-driver) || { echo "clippy-driver not found (rustup component add clippy)" >&2; exit 1; }
export RUSTC_WORKSPACE_WRAPPER="$clippy_driver"
export CLIPPY_ARGS="-D__CLIPPY_HACKERY__warnings__CLIPPY_HACKERY__"
step "rust: build every target with clippy's lints (cargo clippy --workspace --all-targets -- -D warnings)"
cargo test --workspace --all-targets --no-run --quiet

step "embedded catalogue matches ../shared/domain/reference-items.json"
python3 scripts/gen_central_catalogue.py --check
python3 scripts/gen_scenario_vectors.py --check

step "rust: cargo test --workspace"
cargo test --workspace --quiet

# Benchmarks are not timed tests: this runs each once at district scale (national.rs checks that
# dense and sparse agree) so that they keep running. Numbers come from `cargo bench` (BENCHMARKS.md).
# `--workspace`, like the build above: with `-p soisua` alone, features unify differently and the
# core would compile again.
step "rust: benchmarks, smoke run"
cargo test --workspace --bench national --bench month --bench office --quiet

# The release WebAssembly build (one long single-threaded LTO link, then wasm-opt) runs beside the
# Python tests, which mostly use one core; its log is printed when the wasm step starts.
step "wasm build in the background; python"
wasm_log=target/build-wasm.log
mkdir -p target
scripts/build-wasm.sh >"$wasm_log" 2>&1 &
wasm_build=$!
if ! scripts/test-python.sh; then
  kill "$wasm_build" 2>/dev/null || true
  exit 1
fi

step "wasm: node and browser"
wasm_status=0
wait "$wasm_build" || wasm_status=$?
cat "$wasm_log"
[ "$wasm_status" = 0 ] || { echo "the wasm build failed ($wasm_status)" >&2; exit 1; }
SOISUA_WASM_BUILT=1 SOISUA_REQUIRE_BROWSER=1 scripts/test-wasm.sh

step "all tests passed"
