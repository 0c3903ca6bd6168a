"""Review batches: loading, findings against a catalogue and an organisation, synthetic months."""

from __future__ import annotations

import json
import pickle
import threading
from typing import Any, Dict, List

import pytest
from conftest import check_issue

import soisua


def test_mini_batch(
    mini_reviews_dict: Dict[str, Any],
    mini_catalogue: soisua.Catalogue,
    mini_organisation: soisua.Organisation,
) -> None:
    batch = soisua.ReviewBatch.from_dict(mini_reviews_dict)
    assert len(batch) == 3
    assert repr(batch) == "ReviewBatch(reviews=3)"
    assert batch.validate(mini_catalogue, mini_organisation) == []


@pytest.mark.parametrize(
    "edit, code, level, path",
    [
        (
            lambda r: r["reviews"][0].update(member="DV9"),
            "unknown_member",
            "error",
            ["reviews", 0, "member"],
        ),
        (
            lambda r: r["reviews"][0]["answers"].append({"item": "NOPE", "cell": "none"}),
            "unknown_item",
            "error",
            ["reviews", 0, "answers", 4, "item"],
        ),
        (
            lambda r: r["reviews"][0]["answers"][0].update(cell="violated"),
            "finding_wrong_kind",
            "error",
            None,
        ),
        (
            lambda r: r["reviews"][0]["answers"][0].pop("cell"),
            "missing_cell_conclusion",
            "error",
            None,
        ),
        (
            lambda r: (r["reviews"][0].update(status="draft"), r["reviews"][0]["answers"][0].pop("cell")),
            "missing_cell_conclusion",
            "warning",
            ["reviews", 0, "answers"],
        ),
    ],
    ids=["unknown member", "unknown item", "wrong kind", "missing on final", "missing on draft"],
)
def test_findings(
    mini_reviews_dict: Dict[str, Any],
    mini_catalogue: soisua.Catalogue,
    mini_organisation: soisua.Organisation,
    edit: Any,
    code: str,
    level: str,
    path: Any,
) -> None:
    edit(mini_reviews_dict)
    issues = soisua.ReviewBatch.from_dict(mini_reviews_dict).validate(
        mini_catalogue, mini_organisation
    )
    assert [(i["code"], i["level"]) for i in issues] == [(code, level)]
    check_issue(issues[0])
    if path is not None:
        assert issues[0]["path"] == path


def test_findings_match_the_json_api(
    mini_reviews_dict: Dict[str, Any],
    mini_catalogue_dict: Dict[str, Any],
    mini_organisation_dict: Dict[str, Any],
) -> None:
    mini_reviews_dict["reviews"][1]["member"] = "DV9"
    batch = soisua.ReviewBatch.from_dict(mini_reviews_dict)
    issues = batch.validate(
        soisua.Catalogue.from_dict(mini_catalogue_dict),
        soisua.Organisation.from_dict(mini_organisation_dict),
    )
    answer = soisua.call(
        "reviews.validate",
        {
            "catalogue": mini_catalogue_dict,
            "organisation": mini_organisation_dict,
            "reviews": mini_reviews_dict,
        },
    )
    assert answer == {"ok": issues}


def test_a_bad_month_is_a_located_structure_error(mini_reviews_dict: Dict[str, Any]) -> None:
    mini_reviews_dict["reviews"][2]["month"] = "2020-13"
    with pytest.raises(soisua.InvalidJsonError) as info:
        soisua.ReviewBatch.from_dict(mini_reviews_dict)
    assert info.value.location == {"path": ["reviews", 2, "month"]}


def test_synthetic_month(
    district: soisua.Organisation, local: soisua.Catalogue, september: soisua.ReviewBatch
) -> None:
    assert len(september) == district.summary()["members"]
    assert september.validate(local, district) == []
    assert soisua.ReviewBatch.synthetic(district, local, "2020-09", 2020) == september
    assert soisua.ReviewBatch.synthetic(district, local, "2020-09", 2021) != september
    first = september.to_dict()["reviews"][0]
    assert first["month"] == "2020-09"
    assert first["catalogue"] == local.reference


def test_round_trips(mini_reviews_dict: Dict[str, Any]) -> None:
    # A whole district month round-trips through JSON in the Rust tests (foundation.rs); here the
    # mini batch copied for 2,000 members exercises the binding's text path at size.
    mini = soisua.ReviewBatch.from_dict(mini_reviews_dict)
    assert mini.to_dict() == mini_reviews_dict
    assert soisua.ReviewBatch.from_dict(mini.to_dict()) == mini
    assert pickle.loads(pickle.dumps(mini)) == mini
    assert soisua.ReviewBatch.from_json(mini.to_json()) == mini
    copies = [
        dict(review, member=f"{review['member']}-{n}")
        for n in range(2000 // len(mini_reviews_dict["reviews"]) + 1)
        for review in mini_reviews_dict["reviews"]
    ]
    big = soisua.ReviewBatch.from_json(json.dumps({"reviews": copies}, ensure_ascii=False))
    assert len(big) == len(copies) >= 2000
    assert soisua.ReviewBatch.from_json(big.to_json()) == big
    assert big.to_dict() == {"reviews": copies}


def test_validation_runs_in_threads(
    district: soisua.Organisation, local: soisua.Catalogue, september: soisua.ReviewBatch
) -> None:
    results: List[Any] = []
    threads = [
        threading.Thread(target=lambda: results.append(september.validate(local, district)))
        for _ in range(4)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [[]] * 4


@pytest.mark.parametrize(
    "args, error",
    [
        (("2020-13", 1), soisua.InvalidValueError),
        (("2020-9", 1), soisua.InvalidValueError),
        ((202009, 1), soisua.InvalidArgumentError),
        (("2020-09", -5), soisua.InvalidArgumentError),
    ],
)
def test_synthetic_refuses(
    district: soisua.Organisation, local: soisua.Catalogue, args: Any, error: type
) -> None:
    with pytest.raises(error):
        soisua.ReviewBatch.synthetic(district, local, *args)


def test_handles_must_be_handles(
    mini_reviews_dict: Dict[str, Any],
    mini_catalogue: soisua.Catalogue,
    mini_organisation: soisua.Organisation,
    mini_catalogue_dict: Dict[str, Any],
) -> None:
    batch = soisua.ReviewBatch.from_dict(mini_reviews_dict)
    with pytest.raises(soisua.InvalidArgumentError, match="`catalogue`"):
        batch.validate(mini_catalogue_dict, mini_organisation)  # type: ignore[arg-type]
    with pytest.raises(soisua.InvalidArgumentError, match="`organisation`"):
        batch.validate(mini_catalogue, mini_catalogue)  # type: ignore[arg-type]
    with pytest.raises(soisua.InvalidArgumentError, match="`organisation`"):
        soisua.ReviewBatch.synthetic(None, mini_catalogue, "2020-09", 1)  # type: ignore[arg-type]
