"""The shared vectors (`tests/vectors/*.json` at the repository root), run through `soisua.call`
exactly as the Rust and JS runners run them: a case passes when the whole answer equals `expect`.

`SOISUA_VECTORS` may name another directory of vector files.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Dict, List, Tuple

import pytest

import soisua

VECTORS = Path(
    os.environ.get("SOISUA_VECTORS", Path(__file__).resolve().parents[2] / "tests" / "vectors")
)


def _cases() -> List[Tuple[str, Dict[str, Any]]]:
    cases = []
    for file in sorted(VECTORS.glob("*.json")):
        document = json.loads(file.read_text(encoding="utf-8"))
        for case in document["cases"]:
            cases.append((f"{file.stem}: {case['name']}", case))
    return cases


CASES = _cases()


def test_there_are_vectors() -> None:
    assert CASES, f"no vector files in {VECTORS}"


@pytest.mark.parametrize("case", [c for _, c in CASES], ids=[name for name, _ in CASES])
def test_vector(case: Dict[str, Any]) -> None:
    assert soisua.call(case["op"], case["input"]) == case["expect"]
