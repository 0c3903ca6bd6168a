#!/usr/bin/env python3
"""Builds tests/vectors/scenarios.json from tests/scenarios/*.json: one `scenario.run` vector per
scenario file, keeping the blessed `expect` of a case whose input did not change (a changed input
gets `expect: null`, to be blessed with `SOISUA_BLESS=1 cargo test -p soisua --test it vectors`).

    python3 scripts/gen_scenario_vectors.py           # write
    python3 scripts/gen_scenario_vectors.py --check   # fail if the vectors' inputs drifted
"""

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCENARIOS = ROOT / "tests" / "scenarios"
VECTORS = ROOT / "tests" / "vectors" / "scenarios.json"


def main() -> int:
    old = {}
    if VECTORS.exists():
        for case in json.loads(VECTORS.read_text(encoding="utf-8"))["cases"]:
            old[case["name"]] = case
    cases = []
    for path in sorted(SCENARIOS.glob("*.json")):
        scenario = json.loads(path.read_text(encoding="utf-8"))
        name = path.stem
        previous = old.get(name)
        unchanged = previous is not None and previous["input"]["scenario"] == scenario
        expect = previous["expect"] if unchanged else None
        cases.append({"name": name, "op": "scenario.run", "input": {"scenario": scenario}, "expect": expect})
    if "--check" in sys.argv:
        drifted = [c["name"] for c in cases if c["name"] not in old or old[c["name"]]["input"] != c["input"]]
        if drifted or len(old) != len(cases):
            print(f"tests/vectors/scenarios.json is stale ({drifted}): run scripts/gen_scenario_vectors.py")
            return 1
        return 0
    VECTORS.write_text(json.dumps({"cases": cases}, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
