"""Evaluation from Python: scenarios, policies, and the errors they raise."""

from __future__ import annotations

import copy
import json
import pickle
from pathlib import Path
from typing import Any, Dict

import pytest

import soisua

SCENARIOS = Path(__file__).resolve().parents[2] / "tests" / "scenarios"


def _scenario(name: str) -> Dict[str, Any]:
    document: Dict[str, Any] = json.loads((SCENARIOS / name).read_text(encoding="utf-8"))
    return document


@pytest.mark.parametrize("path", sorted(SCENARIOS.glob("*.json")), ids=lambda p: p.stem)
def test_every_shared_scenario_meets_its_expectations(path: Path) -> None:
    report = soisua.run_scenario(path.read_text(encoding="utf-8"))
    assert report["expect"] == {"passed": True, "failures": []}


def test_a_dict_and_its_json_text_give_the_same_report() -> None:
    scenario = _scenario("02-minor-window.json")
    assert soisua.run_scenario(scenario) == soisua.run_scenario(json.dumps(scenario, ensure_ascii=False))


def test_the_report_explains_each_verdict_in_both_languages() -> None:
    report = soisua.run_scenario(_scenario("02-minor-window.json"))
    october = next(m for m in report["months"] if m["month"] == "2020-10")
    result = next(r for r in october["results"] if r["member"] == "DV1")
    assert result["verdict"] == "inspect"
    assert [f["rule"] for f in result["rules"]] == ["inspect.overdue"]
    assert result["rules"][0]["threshold"] == 3
    assert result["explanation"]["vi"] == (
        "Đồng chí Nguyễn Văn An: kiểm tra vì biểu hiện TTCT-3 chưa được khắc phục sau 3 tháng (hạn 2020-10)"
    )
    assert october["counts"] == {"not_evaluated": 0, "commend": 1, "help": 0, "inspect": 1}


def test_a_failed_expectation_is_reported_not_raised() -> None:
    scenario = _scenario("02-minor-window.json")
    scenario["expect"]["verdicts"][0]["verdict"] = "commend"
    report = soisua.run_scenario(scenario)
    assert report["expect"]["passed"] is False
    assert report["expect"]["failures"] == ["DV1 2020-07: verdict `help`, expected `commend`"]


def test_the_default_policy_is_data_and_validates_clean() -> None:
    policy = soisua.default_policy()
    assert policy["remedy_windows"] == [
        {"severity": "minor", "months": 3},
        {"severity": "serious", "months": 1},
        {"severity": "grave", "months": 0},
    ]
    assert soisua.validate_policy(policy) == []


def test_a_hole_in_the_ladder_is_a_located_finding() -> None:
    policy = soisua.default_policy()
    del policy["prohibitions"][1]
    issues = soisua.validate_policy(policy)
    assert [(i["code"], i["path"]) for i in issues] == [("policy_severity_missing", ["prohibitions"])]


def test_a_scenario_with_a_broken_policy_raises_with_the_findings() -> None:
    scenario = _scenario("02-minor-window.json")
    policy = soisua.default_policy()
    policy["recurrence"]["cases"] = 0
    scenario["policy"] = policy
    with pytest.raises(soisua.InvalidDocumentError) as raised:
        soisua.run_scenario(scenario)
    error = raised.value
    assert error.code == "invalid_document"
    assert [i["code"] for i in error.issues] == ["policy_value_out_of_range"]
    assert error.issues[0]["path"] == ["recurrence", "cases"]
    again = pickle.loads(pickle.dumps(error))
    assert again.issues == error.issues and isinstance(again, soisua.InvalidDocumentError)


@pytest.mark.parametrize(
    "bad, code",
    [
        (42, "invalid_argument"),
        ("{not json", "invalid_json"),
        ({"name": "x"}, "invalid_json"),
    ],
)
def test_bad_scenarios_raise_typed_errors(bad: Any, code: str) -> None:
    with pytest.raises(soisua.SoisuaError) as raised:
        soisua.run_scenario(bad)
    assert raised.value.code == code


def test_an_unknown_policy_name_is_an_unknown_name() -> None:
    scenario = copy.deepcopy(_scenario("02-minor-window.json"))
    scenario["policy"] = "strict"
    with pytest.raises(soisua.UnknownNameError):
        soisua.run_scenario(scenario)
