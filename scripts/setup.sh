#!/usr/bin/env bash
# Installs every tool soisua's build and tests need, pinned, into git-ignored folders of the repo
# (.tools/, .venv/, node_modules/), plus Debian's chromium for the browser tests. Idempotent: a tool
# already present at the pinned version is skipped. Usage: scripts/setup.sh [--no-browser]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
want_browser=1
[ "${1:-}" = "--no-browser" ] && want_browser=0
log() { printf '[setup] %s\n' "$*"; }

# 1. Debian chromium + chromedriver (browser tests only).
if [ "$want_browser" = 1 ] && ! [ -x /usr/bin/chromium ]; then
  log "installing chromium from Debian"
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver >/dev/null
fi

# 2. Rust wasm target.
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "adding rust target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi
rustup target list --installed | grep -qx wasm32-unknown-unknown || { echo "wasm32 target missing" >&2; exit 1; }

# 3. Python venv with pinned tools. The download and install (network and disk) run in the
# background while cargo compiles wasm-bindgen-cli (CPU); the script waits for them below.
python_setup() {
  if ! [ -x .venv/bin/python ]; then
    log "creating .venv"
    python3 -m venv .venv
  fi
  if ! cmp -s requirements-dev.txt .venv/.requirements-installed 2>/dev/null; then
    log "pip install -r requirements-dev.txt"
    .venv/bin/pip install -q --disable-pip-version-check -r requirements-dev.txt
    cp requirements-dev.txt .venv/.requirements-installed
  fi
}
mkdir -p .tools
python_setup >.tools/python-setup.log 2>&1 &
python_pid=$!

# 4. wasm-bindgen-cli, the version Cargo.lock pins for the wasm-bindgen crate (they must match exactly).
wbg_version=$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/version = |"/, ""); print; exit}' Cargo.lock)
[ -n "$wbg_version" ] || { echo "cannot read the wasm-bindgen version from Cargo.lock" >&2; exit 1; }
if ! [ -x .tools/bin/wasm-bindgen ] || [ "$(.tools/bin/wasm-bindgen --version | awk '{print $2}')" != "$wbg_version" ]; then
  log "installing wasm-bindgen-cli $wbg_version into .tools/ (a few minutes, once)"
  # Not --locked: the CLI's own lock file names a crate version the registry here lacks.
  # --debug: it compiles in a third of the time (minutes of CI) and still processes our module in seconds.
  cargo install -q --debug wasm-bindgen-cli --version "$wbg_version" --root "$root/.tools"
fi

# 5. Node tools pinned in package-lock.json: binaryen (wasm-opt), playwright-core, typescript.
if ! [ -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  log "npm ci"
  npm ci --no-audit --no-fund --loglevel=error
fi

# 6. The Python tools installed in the background.
python_status=0
wait "$python_pid" || python_status=$?
cat .tools/python-setup.log
[ "$python_status" = 0 ] || { echo "[setup] the Python venv failed ($python_status)" >&2; exit 1; }
# The notebook test runs kernels named "python3": make that name this venv's interpreter.
if ! [ -f .venv/share/jupyter/kernels/python3/kernel.json ]; then
  log "ipykernel install --sys-prefix"
  .venv/bin/python -m ipykernel install --sys-prefix >/dev/null
fi
log "done"
