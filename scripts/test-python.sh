#!/usr/bin/env bash
# Builds the Python binding into .venv (maturin develop, release) and runs its tests: pytest
# (bindings-python/tests, the shared vectors included) and mypy.stubtest of the hand-written stubs
# against the built module. Assumes scripts/setup.sh has run. Exits non-zero on any failure.
# Usage: scripts/test-python.sh [extra pytest arguments]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

[ -x .venv/bin/python ] || { echo "no .venv: run scripts/setup.sh first" >&2; exit 1; }
# shellcheck disable=SC1091
source .venv/bin/activate

# A target dir of its own, so that this release build does not evict the workspace's debug builds.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target/py}"

echo "[python] maturin develop --release"
maturin develop --release --quiet -m bindings-python/Cargo.toml

echo "[python] pytest"
python -m pytest -q --doctest-modules bindings-python/python/soisua bindings-python/tests "$@"

echo "[python] mypy.stubtest soisua._native"
python -m mypy.stubtest soisua._native

echo "[python] mypy: the package (strict) and the tests (the stubs as users see them)"
python -m mypy --strict bindings-python/python/soisua
python -m mypy bindings-python/tests
