"""Catalogue: loading, the embedded and synthetic catalogues, flat views, findings, round trips."""

from __future__ import annotations

import json
import pickle
import unicodedata
from typing import Any, Dict

import pytest
from conftest import MINI_CATALOGUE, check_issue

import soisua

ITEM_KEYS = [
    "code",
    "kind",
    "group",
    "subgroup",
    "text_vi",
    "text_en",
    "severity",
    "wording",
    "source_document",
    "source_point",
    "applies_to",
    "refines",
]


def test_central_2020(central: soisua.Catalogue) -> None:
    assert central.id == "central-2020"
    assert central.origin == "central"
    assert central.reference == {"id": "central-2020", "version": central.version}
    assert set(central.title) == {"vi", "en"}
    assert central.counts() == {"manifestation": 27, "exemplary": 16, "prohibition": 19}
    assert len(central) == 62
    wording = central.wording_counts()
    assert list(wording) == ["verbatim", "partial", "label"]
    assert sum(wording.values()) == 62
    assert all(type(n) is int for n in wording.values())
    assert central.validate() == []


def test_synthetic_local(central: soisua.Catalogue, local: soisua.Catalogue) -> None:
    assert local.origin == "synthetic"
    assert local.counts() == {"manifestation": 82, "exemplary": 23, "prohibition": 22}
    assert len(local) == 127
    assert local.validate(central) == []
    assert all(item["refines"] for item in local.items())


def test_refined_catalogue_missing_is_a_warning(local: soisua.Catalogue) -> None:
    issues = local.validate()
    assert [(i["code"], i["level"]) for i in issues] == [
        ("refined_catalogue_unavailable", "warning")
    ]
    check_issue(issues[0])
    assert local.validate(None) == issues


def test_items_are_flat_dicts_in_catalogue_order(central: soisua.Catalogue) -> None:
    items = central.items()
    assert len(items) == len(central)
    for item in items:
        assert list(item) == ITEM_KEYS
        assert item["kind"] in ("manifestation", "exemplary", "prohibition")
        assert isinstance(item["applies_to"], list)
    assert [i["kind"] for i in items] == sorted(
        (i["kind"] for i in items), key=["manifestation", "exemplary", "prohibition"].index
    )
    first = items[0]
    assert central.item(first["code"]) == first


def test_item_lookup(mini_catalogue: soisua.Catalogue) -> None:
    assert mini_catalogue.item("M-2") == {
        "code": "M-2",
        "kind": "manifestation",
        "group": "M",
        "subgroup": None,
        "text_vi": "Biểu hiện thử 2",
        "text_en": "Test manifestation 2",
        "severity": "serious",
        "wording": "label",
        "source_document": "T-1",
        "source_point": "Điều 2",
        "applies_to": [],
        "refines": None,
    }
    assert mini_catalogue.item("E-1")["applies_to"] == ["secretary"]  # type: ignore[index]
    assert mini_catalogue.item("NOPE") is None


def test_vietnamese_is_normalised(mini_catalogue_dict: Dict[str, Any]) -> None:
    nfd = unicodedata.normalize("NFD", "Đảng-ủy-1")
    mini_catalogue_dict["groups"][0]["items"][0]["code"] = nfd
    mini_catalogue_dict["title"]["vi"] = unicodedata.normalize("NFD", "Danh mục thử")
    for catalogue in (
        soisua.Catalogue.from_dict(mini_catalogue_dict),
        soisua.Catalogue.from_json(json.dumps(mini_catalogue_dict, ensure_ascii=False)),
    ):
        assert catalogue.title["vi"] == "Danh mục thử"
        nfc = unicodedata.normalize("NFC", nfd)
        assert catalogue.item(nfc)["code"] == nfc  # type: ignore[index]
        assert catalogue.item(nfd)["code"] == nfc  # type: ignore[index]


@pytest.mark.parametrize(
    "edit, code, path, params",
    [
        (
            lambda c: c["groups"][0]["items"][1].update(code="M-1"),
            "duplicate_code",
            ["groups", 0, "items", 1, "code"],
            {"code": "M-1"},
        ),
        (
            lambda c: c["groups"][0].update(declared_count=3),
            "count_mismatch",
            ["groups", 0, "declared_count"],
            {"actual": "2", "declared": "3", "group": "M"},
        ),
        (
            lambda c: c["groups"][2]["items"][0].update(code="P 1"),
            "invalid_code",
            ["groups", 2, "items", 0, "code"],
            {"code": "P 1"},
        ),
        (
            lambda c: c.update(effective_until="2019-12-31"),
            "invalid_date_range",
            ["effective_until"],
            {"from": "2020-01-01", "until": "2019-12-31"},
        ),
    ],
    ids=["duplicate", "count", "code", "dates"],
)
def test_findings(
    mini_catalogue_dict: Dict[str, Any], edit: Any, code: str, path: list, params: dict
) -> None:
    assert soisua.Catalogue.from_dict(mini_catalogue_dict).validate() == []
    edit(mini_catalogue_dict)
    issues = soisua.Catalogue.from_dict(mini_catalogue_dict).validate()
    assert [i["code"] for i in issues] == [code]
    check_issue(issues[0])
    assert issues[0]["path"] == path
    assert issues[0]["params"] == params
    assert issues[0]["level"] == "error"


def test_findings_match_the_json_api(mini_catalogue_dict: Dict[str, Any]) -> None:
    mini_catalogue_dict["groups"][0]["items"][1]["code"] = "M-1"
    issues = soisua.Catalogue.from_dict(mini_catalogue_dict).validate()
    assert soisua.call("catalogue.validate", {"catalogue": mini_catalogue_dict}) == {"ok": issues}


def test_round_trips(central: soisua.Catalogue, mini_catalogue: soisua.Catalogue) -> None:
    for catalogue in (central, mini_catalogue):
        assert soisua.Catalogue.from_json(catalogue.to_json()) == catalogue
        assert soisua.Catalogue.from_dict(catalogue.to_dict()) == catalogue
        assert catalogue.to_dict() == json.loads(catalogue.to_json())
        assert pickle.loads(pickle.dumps(catalogue)) == catalogue
    assert central != mini_catalogue
    assert central != "central-2020"
    assert (central == 1) is False


def test_repr(mini_catalogue: soisua.Catalogue) -> None:
    assert repr(mini_catalogue) == "Catalogue(id='mini', version='1', origin='synthetic', items=4)"


HEADER = {k: v for k, v in MINI_CATALOGUE.items() if k != "groups"}
HEADER["groups"] = [
    {k: v for k, v in g.items() if k != "items"}
    for g in MINI_CATALOGUE["groups"]
]
COLUMNS = "group,subgroup,code,text_vi,text_en,severity,wording,source_document,source_point,applies_to,refines"
ROWS = [
    "M,,M-1,Biểu hiện thử 1,Test manifestation 1,minor,label,T-1,,,",
    "M,,M-2,Biểu hiện thử 2,Test manifestation 2,serious,label,T-1,Điều 2,,",
    "E,,E-1,Nêu gương thử,Test exemplary,minor,label,T-1,,secretary,",
    "P,,P-1,Điều cấm thử,Test prohibition,grave,label,T-1,,,",
]


def test_from_csv(mini_catalogue: soisua.Catalogue) -> None:
    csv = "\n".join([COLUMNS, *ROWS]) + "\n"
    catalogue, issues = soisua.Catalogue.from_csv(json.dumps(HEADER), csv)
    assert issues == []
    assert catalogue == mini_catalogue


def test_from_csv_reports_bad_rows_by_row_and_column() -> None:
    rows = list(ROWS)
    rows[0] = rows[0].replace("minor", "huge")
    catalogue, issues = soisua.Catalogue.from_csv(
        json.dumps(HEADER), "\n".join([COLUMNS, *rows]) + "\n"
    )
    assert len(catalogue) == 3
    assert issues[0]["code"] == "invalid_value"
    assert issues[0]["path"] == [2, "severity"]
    assert issues[0]["params"]["value"] == "huge"
    for issue in issues:
        check_issue(issue)


def test_from_csv_with_a_broken_header() -> None:
    with pytest.raises(soisua.InvalidJsonError) as info:
        soisua.Catalogue.from_csv("{", COLUMNS + "\n")
    assert info.value.location == {"path": [], "line": 1, "column": 1}
