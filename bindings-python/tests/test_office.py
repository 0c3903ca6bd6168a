"""The office records from Python (soisua.office): the answers equal the shared vectors', failures
raise the typed exceptions, and the frames have one row per record."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Dict

import pytest

import soisua
from soisua import office

VECTORS = Path(__file__).resolve().parents[2] / "tests" / "vectors"


def vector(file: str, name: str) -> Dict[str, Any]:
    cases = json.loads((VECTORS / file).read_text(encoding="utf-8"))["cases"]
    case: Dict[str, Any] = next(c for c in cases if c["name"] == name)
    return case


def test_targets_equal_the_vectors_and_the_article() -> None:
    case = vector("target.json", "assess the article's sheet: 34, 31 achieved, 22 exceeded")
    assessment = office.assess_targets(case["input"]["sheet"])
    assert assessment == case["expect"]["ok"]
    tally = assessment["tally"]
    assert (tally["targets"], tally["achieved"], tally["exceeded"]) == (34, 31, 22)
    # The sheet given as JSON text gives the same answer.
    assert office.assess_targets(json.dumps(case["input"]["sheet"])) == assessment


def test_targets_frame_has_one_row_per_target() -> None:
    frame = office.targets_frame(office.assess_targets(office.target_fixture()))
    assert len(frame) == 34
    admissions = frame[frame["code"] == "ket-nap-dang-vien"].iloc[0]
    assert admissions["attainment"] == 116.0
    assert admissions["status"] == "exceeded"
    poor = frame[frame["code"] == "ho-ngheo"].iloc[0]
    assert (poor["direction"], poor["status"]) == ("lower", "exceeded")
    polars = office.targets_frame(office.assess_targets(office.target_fixture()), library="polars")
    assert polars.height == 34


def test_target_report_with_an_organisation_handle() -> None:
    case = vector("target.json", "report scoped to the commune")
    org = soisua.Organisation.from_dict(case["input"]["organisation"])
    report = office.target_report(org, case["input"]["sheets"], scope="DB-1")
    assert report == case["expect"]["ok"]


def test_failures_raise_typed_exceptions() -> None:
    case = vector("target.json", "two sheets for one unit and term refused")
    with pytest.raises(soisua.ReportOverlapError):
        office.target_report(case["input"]["organisation"], case["input"]["sheets"])
    bad = vector("target.json", "bad JSON located")
    with pytest.raises(soisua.InvalidJsonError) as error:
        office.assess_targets(bad["input"]["sheet"])
    assert error.value.code == "invalid_json"
    with pytest.raises(ValueError):
        office.merge("nothing", [])
    with pytest.raises(soisua.InvalidArgumentError):
        office.merge("target", [])


def test_ratings_from_a_scenario() -> None:
    case = vector("rating.json", "the same over Q3: the violation month is in it")
    args = case["input"]
    result = office.rate_scenario(args["scenario"], args["period"], args["inputs"])
    assert result == case["expect"]["ok"]
    frame = office.ratings_frame(result)
    assert list(frame["level"]) == ["KHTNV", "KHTNV"]
    assert "QD47-2 (2020-08)" in frame.iloc[0]["why"]


def test_rating_scheme_and_rate() -> None:
    assert office.rating_scheme()["id"] == "qd366-2025"
    assert office.rating_scheme("2020-12-31")["id"] == "soisua-rating-2018"
    case = vector("rating.json", "points, conditions and a cap from given evidence")
    answer = office.rate_members(case["input"]["inputs"], case["input"]["evidence"])
    assert answer == case["expect"]["ok"]
    with pytest.raises(soisua.InvalidValueError):
        office.rating_scheme("31/12/2020")


# Every area's typed function gives the shared vector's answer (the vectors run whole through
# soisua.call in test_vectors.py; these check the wrappers pass their arguments through).
WRAPPED = [
    ("meeting-rate.json", "a good meeting", lambda i: office.rate_meeting(i["organisation"], i["meeting"], i.get("earlier"))),
    ("dialogue.json", "the month once closed, one commune", lambda i: office.dialogue_month(i["organisation"], i["dialogues"], i["month"], i.get("on"), i.get("scope"))),
    ("household.json", "a month's coverage under the default load", lambda i: office.household_coverage(i["organisation"], {k: i[k] for k in ("households", "assignments", "reports") if k in i}, i["month"], i.get("policy"))),
    ("accountability.json", "September: topics due, explained and missing per unit", lambda i: office.accountability_status(i["organisation"], i["explanations"], i["month"], i.get("policy"))),
    ("emulation.json", "sheets scored with titles and why", lambda i: office.emulation_score(i["scores"], i.get("scheme"), i.get("organisation"))),
]


@pytest.mark.parametrize("file,name,run", WRAPPED, ids=[w[1] for w in WRAPPED])
def test_wrappers_give_the_vectors_answers(file: str, name: str, run: Any) -> None:
    case = vector(file, name)
    assert "ok" in case["expect"], case["expect"]
    assert run(case["input"]) == case["expect"]["ok"]


def test_petition_status_frame_and_errors() -> None:
    petitions = office.synthetic_records("petition", "2020-09")
    status = office.petition_status(petitions, "2020-12-31")
    frame = office.petitions_frame(status)
    assert len(frame) == len(petitions) == len(status["rows"])
    assert set(frame["state"]) <= {"received", "forwarded", "resolved", "replied", "overdue", "escalated"}
    with pytest.raises(soisua.InvalidJsonError) as error:
        office.petition_status(petitions, "31/12/2020")
    assert error.value.code == "invalid_json"
    with pytest.raises(soisua.UnknownNameError):
        office.synthetic_records("nothing", "2020-09")


def test_rendered_reports_show_the_office_sections() -> None:
    meetings = next(
        c for c in json.loads((VECTORS / "meeting-report.json").read_text(encoding="utf-8"))["cases"]
        if c["op"] == "meeting.report" and "ok" in c["expect"]
    )
    targets = vector("target.json", "report of the district and a commune")["expect"]["ok"]
    rollups = {"meeting": meetings["expect"]["ok"]["report"], "target": targets}
    # The office's sections alone: no report, so no evaluation section.
    document = soisua.render_report(None, rollups=rollups)
    ids = [t["id"] for t in document["tables"]]
    assert ids == ["meetings", "meeting_units", "targets"]
    held = next(r for r in document["tables"][0]["rows"] if r["key"] == "held")
    assert held["cells"] == [rollups["meeting"]["total"]["held"]]
    assert document["tables"][2]["period"] == "2015-2020"
    assert document["tables"][2]["source"] == "target"
    markdown = soisua.render_report(None, rollups={"target": targets}, format="markdown")
    assert "### Chỉ tiêu nhiệm kỳ / Term targets (2015-2020)" in markdown
    # The same document as the shared vector's, through soisua.call.
    case = vector("report-office.json", "the office's sections as Markdown, each headed with its period")
    assert soisua.render_report(None, **case["input"]) == case["expect"]["ok"]
    with pytest.raises(soisua.InvalidJsonError) as error:
        soisua.render_report(None, rollups={"meeting": targets})
    location = error.value.location
    assert location is not None and location["path"][:2] == ["rollups", "meeting"]
    with pytest.raises(soisua.InvalidValueError):
        soisua.render_report(None, rollups={"meetings": targets})
    with pytest.raises(soisua.InvalidArgumentError):
        soisua.render_report(None)


def test_a_report_renders_with_the_office_roll_ups_of_its_unit(commune_evaluation: soisua.Evaluation) -> None:
    report = commune_evaluation.report("2020-Q1")
    tally = {"sheets": 1, "targets": 34, "reported": 34, "achieved": 31, "exceeded": 22, "not_achieved": 3, "not_reported": 0}
    scope = report.to_dict().get("scope")
    same = {"coverage": {"DB-01": ["2015-2020"]}, "total": tally, **({"scope": scope} if scope else {})}
    text = report.render("markdown", rollups={"target": same})
    assert "| Đạt và vượt / Achieved or exceeded | 31 |" in text
    assert text.index("### Chỉ tiêu nhiệm kỳ") > text.index("| Biểu dương / Commended |")
    other = dict(same, scope={"unit": "HU", "name": "Huyện", "kind": "committee", "org_type": "agency"})
    with pytest.raises(soisua.ReportScopeMismatchError):
        report.render(rollups={"target": other})
    with pytest.raises(soisua.InvalidArgumentError):
        report.render(rollups=[same])  # type: ignore[call-overload]
