#!/usr/bin/env bash
# The main job: build soisua and run `soisua demo` on the embedded default district — a synthetic
# district shaped like the article's (60 units under the district committee, 280 cells under the
# grassroots committees, ~6,300 members) and a month of reviews, validated and summarised.
# Needs only Rust (cargo). Extra arguments go to `soisua demo` (e.g. --month 2020-10 --seed 7).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -q -p soisua-cli
exec target/release/soisua demo --out out/demo "$@"
