#!/usr/bin/env bash
# Builds the Python binding into .venv (maturin develop) and runs its tests: pytest
# (bindings-python/tests, the shared vectors included) and mypy.stubtest of the hand-written stubs
# against the built module. Assumes scripts/setup.sh has run. Exits non-zero on any failure.
# Usage: scripts/test-python.sh [extra pytest arguments]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

[ -x .venv/bin/python ] || { echo "no .venv: run scripts/setup.sh first" >&2; exit 1; }
# shellcheck disable=SC1091
source .venv/bin/activate

# Tests use the dev profile in the workspace's target dir: every dependency but pyo3 is already built
# there by `cargo test --workspace`, which saves a full release build in CI. Benchmarks and wheels
# build with --release (SOISUA_PY_PROFILE=release here does the same).
profile="${SOISUA_PY_PROFILE:-dev}"
echo "[python] maturin develop (profile $profile)"
if [ "$profile" = release ]; then
  export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target/py}"
  maturin develop --release --quiet -m bindings-python/Cargo.toml
else
  maturin develop --profile "$profile" --quiet -m bindings-python/Cargo.toml
fi

echo "[python] the package as users get it: pip builds one abi3 wheel, which installs and imports on its own"
wheel_dir=$(mktemp -d)
trap 'rm -rf "$wheel_dir"' EXIT
# The PEP 517 build pip runs for `pip install ./bindings-python`, in the profile above (it reuses the build).
MATURIN_PEP517_ARGS="--profile $profile" pip wheel -q --no-build-isolation --no-deps ./bindings-python -w "$wheel_dir"
wheel=$(ls "$wheel_dir"/soisua-*.whl)
case "$(basename "$wheel")" in
  *-cp39-abi3-*) echo "  $(basename "$wheel")" ;;
  *) echo "not a cp39-abi3 wheel: $wheel" >&2; exit 1 ;;
esac
python -m venv "$wheel_dir/venv"
"$wheel_dir/venv/bin/pip" install -q --disable-pip-version-check --no-index "$wheel"
(cd "$wheel_dir" && "$wheel_dir/venv/bin/python" -c '
import soisua, importlib.resources as r
assert r.files("soisua").joinpath("py.typed").is_file() and r.files("soisua").joinpath("_native.pyi").is_file()
e = soisua.Evaluator(soisua.Catalogue.central_2020(), soisua.Organisation.synthetic("district", 1).subtree("DB-01"))
print("  installed wheel:", soisua.__version__, e)
')

echo "[python] pytest"
python -m pytest -q --doctest-modules bindings-python/python/soisua bindings-python/tests "$@"

# Benchmarks are not timed tests: this runs the national benchmark once at district scale, which
# checks that soisua's tally agrees with the NumPy, Polars and DuckDB peers (exit 1 if not).
echo "[python] national benchmark, smoke run (soisua against its peers, district)"
smoke_log="$wheel_dir/national-smoke.log"
if python bindings-python/bench/national.py --smoke >"$smoke_log" 2>&1; then
  grep -E '^(# district|# every)' "$smoke_log"
else
  cat "$smoke_log"
  echo "the national benchmark's smoke run failed (a peer disagrees with soisua, or it did not run)" >&2
  exit 1
fi

echo "[python] mypy.stubtest soisua._native"
python -m mypy.stubtest soisua._native

echo "[python] mypy: the package (strict) and the tests (the stubs as users see them)"
python -m mypy --strict bindings-python/python/soisua
python -m mypy bindings-python/tests
