"""Organisation: loading, findings, the summary, synthetic organisations, round trips."""

from __future__ import annotations

import json
import pickle
from typing import Any, Dict

import pytest
from conftest import check_issue

import soisua


def test_mini_organisation(mini_organisation: soisua.Organisation) -> None:
    assert mini_organisation.id == "mau"
    assert mini_organisation.validate() == []
    assert mini_organisation.summary() == {
        "id": "mau",
        "units": {"committee": 2, "cell": 3, "group": 0},
        "members": 3,
    }
    assert repr(mini_organisation) == "Organisation(id='mau', units=5, members=3)"


def test_summary_is_the_json_api_answer(mini_organisation_dict: Dict[str, Any]) -> None:
    organisation = soisua.Organisation.from_dict(mini_organisation_dict)
    answer = soisua.call("organisation.summary", {"organisation": mini_organisation_dict})
    assert answer == {"ok": organisation.summary()}


@pytest.mark.parametrize(
    "edit, code, path",
    [
        (lambda o: o["units"][1].update(parent="NOPE"), "unknown_parent", ["units", 1, "parent"]),
        (lambda o: o["units"][2].update(id="CB-2"), "duplicate_code", None),
        (
            lambda o: o["members"][0]["memberships"].append({"unit": "CB-9", "from": "2020-01-01"}),
            "unknown_unit",
            None,
        ),
    ],
    ids=["dangling parent", "duplicate unit", "unknown unit"],
)
def test_findings(mini_organisation_dict: Dict[str, Any], edit: Any, code: str, path: Any) -> None:
    edit(mini_organisation_dict)
    issues = soisua.Organisation.from_dict(mini_organisation_dict).validate()
    assert code in [i["code"] for i in issues]
    for issue in issues:
        check_issue(issue)
    if path is not None:
        assert issues[0]["path"] == path


def test_structure_errors_are_located(mini_organisation_dict: Dict[str, Any]) -> None:
    mini_organisation_dict["members"][1]["status"] = "honorary"
    with pytest.raises(soisua.InvalidJsonError) as info:
        soisua.Organisation.from_dict(mini_organisation_dict)
    assert info.value.code == "invalid_json"
    assert info.value.location is not None
    assert info.value.location["path"] == ["members", 1, "status"]
    with pytest.raises(soisua.InvalidJsonError) as info:
        soisua.Organisation.from_json(json.dumps(mini_organisation_dict, indent=1))
    assert info.value.location is not None
    assert info.value.location["path"] == ["members", 1, "status"]
    assert type(info.value.location["line"]) is int


def test_synthetic_district(district: soisua.Organisation) -> None:
    summary = district.summary()
    assert 6000 <= summary["members"] <= 6600
    assert summary["units"]["committee"] >= 1
    assert district.validate() == []
    assert soisua.Organisation.synthetic("district", 2020) == district
    assert soisua.Organisation.synthetic("district", 2021) != district


def test_round_trips(mini_organisation: soisua.Organisation, district: soisua.Organisation) -> None:
    for organisation in (mini_organisation, district):
        assert soisua.Organisation.from_json(organisation.to_json()) == organisation
        assert soisua.Organisation.from_dict(organisation.to_dict()) == organisation
        assert pickle.loads(pickle.dumps(organisation)) == organisation


@pytest.mark.parametrize(
    "scale, seed, error",
    [
        ("planet", 1, soisua.UnknownNameError),
        ("district", -1, soisua.InvalidArgumentError),
        ("district", 2**64, soisua.InvalidArgumentError),
        ("district", 1.0, soisua.InvalidArgumentError),
        ("district", True, soisua.InvalidArgumentError),
        ("district", "1", soisua.InvalidArgumentError),
        (None, 1, soisua.InvalidArgumentError),
    ],
)
def test_synthetic_refuses(scale: Any, seed: Any, error: type) -> None:
    with pytest.raises(error):
        soisua.Organisation.synthetic(scale, seed)


def test_largest_seed_is_accepted() -> None:
    organisation = soisua.Organisation.synthetic("district", 2**64 - 1)
    assert organisation.validate() == []
