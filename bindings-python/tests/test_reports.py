"""Reports, publication lists and visibility from Python: thin wrappers over the JSON api's
`report.*`, `publication.*`, `visibility.redact` and `synthetic.year_reports`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Callable, Dict

import pytest

import soisua

SCENARIOS = Path(__file__).resolve().parents[2] / "tests" / "scenarios"
CSV_HEADER = "section,section_vi,section_en,row,row_vi,row_en,column_vi,column_en,value"
PARENT = {"unit": "DB", "name": "Đảng bộ xã Mẫu", "kind": "committee", "org_type": "commune"}


def _scenario() -> Dict[str, Any]:
    text = (SCENARIOS / "07-supervision.json").read_text(encoding="utf-8")
    document: Dict[str, Any] = json.loads(text)
    return document


@pytest.fixture(scope="module")
def scenario() -> Dict[str, Any]:
    return _scenario()


@pytest.fixture(scope="module")
def report(scenario: Dict[str, Any]) -> Dict[str, Any]:
    return soisua.build_report(scenario)


def test_a_report_counts_member_months_and_distinct_members(report: Dict[str, Any]) -> None:
    assert set(report) >= {"coverage", "total", "rows", "by_org_type"}
    assert "sealed" not in report
    total = report["total"]
    assert set(total["member_months"]) == set(total["distinct"])
    for measure, member_months in total["member_months"].items():
        distinct = total["distinct"][measure]
        assert type(member_months) is int and type(distinct) is int, measure
        assert 0 <= distinct <= member_months, measure
    assert total["member_months"]["evaluated"] > 0
    assert report["coverage"]["units"] == {"CB-1": ["2020-08", "2020-09"]}


def test_a_dict_and_its_json_text_give_the_same_report(
    scenario: Dict[str, Any], report: Dict[str, Any]
) -> None:
    assert soisua.build_report(json.dumps(scenario, ensure_ascii=False)) == report
    assert soisua.call("report.build", {"scenario": scenario}) == {"ok": report}


def test_months_merge_into_the_report_of_both(
    scenario: Dict[str, Any], report: Dict[str, Any]
) -> None:
    august = soisua.build_report(scenario, "2020-08", scope=None)
    september = soisua.build_report(scenario, period="2020-09")
    assert august["coverage"]["units"] == {"CB-1": ["2020-08"]}
    assert soisua.merge_reports([august, september]) == report
    assert soisua.merge_reports((september, august)) == report


def test_merging_a_report_with_itself_is_refused(report: Dict[str, Any]) -> None:
    with pytest.raises(soisua.ReportOverlapError) as info:
        soisua.merge_reports([report, report])
    error = info.value
    assert error.code == "report_overlap"
    assert isinstance(error, soisua.ReportError) and isinstance(error, soisua.SoisuaError)
    assert error.message_en and error.message_vi
    answer = soisua.call("report.merge", {"reports": [report, report]})
    assert answer["error"]["code"] == "report_overlap"


def test_sealed_reports_and_other_scopes_do_not_merge(
    scenario: Dict[str, Any], report: Dict[str, Any]
) -> None:
    sealed = soisua.seal_report(report)
    assert sealed["sealed"] is True
    assert "detail" not in sealed["total"]
    assert sealed["total"]["distinct"] == report["total"]["distinct"]
    with pytest.raises(soisua.ReportSealedError) as sealed_info:
        soisua.merge_reports([sealed, report])
    assert sealed_info.value.code == "report_sealed"

    cell = soisua.build_report(scenario, period="2020-08", scope="CB-1")
    with pytest.raises(soisua.ReportScopeMismatchError) as scope_info:
        soisua.merge_reports([cell, soisua.build_report(scenario, period="2020-09")])
    assert scope_info.value.code == "report_scope_mismatch"
    lifted = soisua.lift_report(cell, PARENT)
    assert lifted["scope"]["unit"] == "DB"
    assert list(lifted["rows"]) == ["CB-1"]
    assert lifted["total"]["member_months"] == cell["total"]["member_months"]


def test_a_report_compared_with_itself_changes_nothing(report: Dict[str, Any]) -> None:
    comparison = soisua.compare_reports(report, report)
    assert comparison["figures"]
    assert all(delta["change"] == 0 for delta in comparison["figures"])
    names = {delta["figure"] for delta in comparison["figures"]}
    assert {"evaluated.member_months", "evaluated.distinct"} <= names


def test_render_as_document_csv_markdown_and_html(
    scenario: Dict[str, Any], report: Dict[str, Any]
) -> None:
    document = soisua.render_report(report)
    assert document == soisua.render_report(report, format="document")
    assert document["tables"] and document["title"]["vi"]
    csv = soisua.render_report(report, format="csv")
    assert csv.splitlines()[0] == CSV_HEADER
    assert csv.startswith(CSV_HEADER + "\n")
    markdown = soisua.render_report(report, format="markdown")
    assert "|" in markdown
    html = soisua.render_report(report, format="html")
    assert html.lstrip().startswith("<")

    august = soisua.build_report(scenario, period="2020-08")
    compared = soisua.render_report(
        report,
        templates=soisua.default_report_templates(),
        catalogue=soisua.Catalogue.central_2020(),
        period="2020-Q3",
        comparisons=[{"label": {"vi": "Kỳ trước", "en": "Previous period"}, "report": august}],
    )
    assert compared["period"] == "2020-Q3"
    assert "comparison" not in [table["id"] for table in document["tables"]]
    comparison = next(table for table in compared["tables"] if table["id"] == "comparison")
    assert [column["en"] for column in comparison["columns"]][1] == "Previous period"
    assert soisua.render_report(report, catalogue="central-2020")["tables"]
    with pytest.raises(soisua.InvalidValueError):
        soisua.render_report(report, format="pdf")  # type: ignore[call-overload]


def test_the_default_templates_validate_clean() -> None:
    templates = soisua.default_report_templates()
    assert templates["sections"]
    assert soisua.validate_report_templates(templates) == []
    assert soisua.validate_report_templates(json.dumps(templates)) == []


def test_notice_board_and_radio_list(scenario: Dict[str, Any]) -> None:
    board = soisua.notice_board(scenario, "2020-08", "CB-1")
    assert board["unit"]["unit"] == "CB-1" and board["month"] == "2020-08"
    assert board["entries"]
    for entry in board["entries"]:
        assert set(entry["groups"]) == {"manifestation", "exemplary", "prohibition"}
        assert "items" not in entry  # the default policy publishes no item details
    radio = soisua.radio_list(scenario, "2020-09")
    assert radio["month"] == "2020-09" and isinstance(radio["entries"], list)
    assert soisua.radio_list(scenario, "2020-09", top="CB-1") == radio
    with pytest.raises(soisua.UnknownNameError):
        soisua.notice_board(scenario, "2020-08", "nowhere")


def test_the_public_sees_no_report_and_no_member_results(
    scenario: Dict[str, Any], report: Dict[str, Any]
) -> None:
    organisation = scenario["organisation"]
    public = {"role": "public"}
    assert soisua.redact(organisation, public, "report", report) is None
    month = soisua.run_scenario(scenario)["months"][-1]
    # The scenario's month without what `run_scenario` adds (counts, explanations).
    result = {
        "month": month["month"],
        "results": [{k: v for k, v in r.items() if k != "explanation"} for r in month["results"]],
    }
    assert result["results"]
    redacted = soisua.redact(organisation, public, "month_result", result)
    assert redacted is not None and redacted["results"] == []
    own = soisua.redact(organisation, {"role": "member", "member": "DV1"}, "month_result", result)
    assert own is not None and [r["member"] for r in own["results"]] == ["DV1"]
    secretary = {"role": "secretary", "unit": "CB-1"}
    org = soisua.Organisation.from_dict(organisation)
    assert soisua.redact(org, json.dumps(secretary), "report", report) == report
    board = soisua.notice_board(scenario, "2020-08", "CB-1")
    assert soisua.redact(organisation, public, "notice_board", board) == board


def test_synthetic_year_reports_of_a_cell() -> None:
    year = soisua.synthetic_year_reports(7, 2020, scope="DB-01-CB-01")
    assert year == soisua.synthetic_year_reports(7, "2020", "DB-01-CB-01")
    assert year["units"] == 1 and year["members"] > 0
    reports = year["reports"]
    assert len(reports) == 12 + 4 + 1
    months = [reports[f"2020-{m:02}"] for m in range(1, 13)]
    assert reports["2020"]["evaluated.member_months"] == sum(
        m["evaluated.member_months"] for m in months
    )
    assert reports["2020"]["evaluated.distinct"] <= reports["2020"]["evaluated.member_months"]


# Calls the stubs refuse (mypy would): what counts here is what happens at run time.
untyped: Any = soisua

BAD_CALLS: list = [
    ("build_report(42)", lambda s, r: untyped.build_report(42), "invalid_argument"),
    ("build_report([])", lambda s, r: untyped.build_report([]), "invalid_argument"),
    ("build_report(None)", lambda s, r: untyped.build_report(None), "invalid_argument"),
    ("build_report('{')", lambda s, r: untyped.build_report("{"), "invalid_json"),
    ("build_report({})", lambda s, r: untyped.build_report({}), "invalid_json"),
    ("build_report period", lambda s, r: untyped.build_report(s, "2020-13"), "invalid_value"),
    ("build_report period int", lambda s, r: untyped.build_report(s, 2020), "invalid_argument"),
    ("build_report scope", lambda s, r: untyped.build_report(s, scope="nowhere"), "unknown_name"),
    ("merge_reports([])", lambda s, r: untyped.merge_reports([]), "invalid_argument"),
    ("merge_reports(report)", lambda s, r: untyped.merge_reports(r), "invalid_argument"),
    ("merge_reports([1])", lambda s, r: untyped.merge_reports([1]), "invalid_json"),
    ("seal_report(1)", lambda s, r: untyped.seal_report(1), "invalid_argument"),
    ("seal_report({set})", lambda s, r: untyped.seal_report({"x": {1}}), "invalid_argument"),
    ("lift_report parent", lambda s, r: untyped.lift_report(r, {"unit": "DB"}), "invalid_json"),
    ("compare_reports", lambda s, r: untyped.compare_reports(r, []), "invalid_argument"),
    ("render_report(1)", lambda s, r: untyped.render_report(1), "invalid_argument"),
    ("render format", lambda s, r: untyped.render_report(r, format=1), "invalid_argument"),
    ("render catalogue", lambda s, r: untyped.render_report(r, catalogue="x"), "unknown_name"),
    ("render comparisons", lambda s, r: untyped.render_report(r, comparisons={}), "invalid_argument"),
    ("validate templates", lambda s, r: untyped.validate_report_templates({}), "invalid_json"),
    ("notice_board month", lambda s, r: untyped.notice_board(s, "2020-13", "CB-1"), "invalid_value"),
    ("notice_board unit", lambda s, r: untyped.notice_board(s, "2020-08", None), "invalid_argument"),
    ("radio_list top", lambda s, r: untyped.radio_list(s, "2020-08", top=1), "invalid_argument"),
    ("redact kind", lambda s, r: untyped.redact(s["organisation"], {"role": "public"}, "x", r), "invalid_value"),
    ("redact viewer", lambda s, r: untyped.redact(s["organisation"], {"role": "king"}, "report", r), "invalid_json"),
    ("redact organisation", lambda s, r: untyped.redact(1, {"role": "public"}, "report", r), "invalid_argument"),
    ("redact value", lambda s, r: untyped.redact(s["organisation"], {"role": "public"}, "report", {1}), "invalid_argument"),
    ("year seed", lambda s, r: untyped.synthetic_year_reports(-1, 2020), "invalid_argument"),
    ("year year", lambda s, r: untyped.synthetic_year_reports(1, "2020-Q1"), "invalid_argument"),
    ("year bool", lambda s, r: untyped.synthetic_year_reports(1, True), "invalid_argument"),
    ("year huge", lambda s, r: untyped.synthetic_year_reports(1, 10**30), "invalid_argument"),
    ("year float", lambda s, r: untyped.synthetic_year_reports(1, 2020.0), "invalid_argument"),
]


@pytest.mark.parametrize(
    "call, code", [(c, code) for _, c, code in BAD_CALLS], ids=[n for n, _, _ in BAD_CALLS]
)
def test_bad_input_raises_the_class_of_its_code(
    call: Callable[[Dict[str, Any], Dict[str, Any]], Any],
    code: str,
    scenario: Dict[str, Any],
    report: Dict[str, Any],
) -> None:
    with pytest.raises(soisua.SoisuaError) as info:
        call(scenario, report)
    assert info.value.code == code, info.value.message_en
    assert type(info.value) is not soisua.SoisuaError
    assert info.value.message_en and info.value.message_vi
