"""The handle API: Policy, History, Evaluator, Evaluation, Ledger, Report — checked against the
shared vectors (the same answers as Rust and JS, compared whole) and for the errors they raise."""

from __future__ import annotations

import json
import pickle
from pathlib import Path
from typing import Any, Dict, List

import pytest

import soisua

VECTORS = Path(__file__).resolve().parents[2] / "tests" / "vectors"


def _vector_cases(file: str, op: str) -> List[Dict[str, Any]]:
    document = json.loads((VECTORS / file).read_text(encoding="utf-8"))
    cases: List[Dict[str, Any]] = [c for c in document["cases"] if c["op"] == op]
    assert cases, f"no {op} case in {file}"
    return cases


@pytest.fixture(scope="module")
def district_db22() -> Dict[str, Any]:
    """The year 2020 of the unit DB-22 of the synthetic district (seed 2020), as the vector builds it."""
    organisation = soisua.Organisation.synthetic("district", 2020).subtree("DB-22")
    catalogue = soisua.Catalogue.synthetic_local()
    batches = [soisua.ReviewBatch.synthetic(organisation, catalogue, f"2020-{m:02d}", 2020) for m in range(1, 13)]
    evaluator = soisua.Evaluator(catalogue, organisation)
    evaluation = evaluator.evaluate(soisua.History(batches), "2020")
    return {
        "organisation": organisation,
        "catalogue": catalogue,
        "batches": batches,
        "evaluator": evaluator,
        "evaluation": evaluation,
    }


# ---- the shared vectors, through the handles ---------------------------------------------------


@pytest.mark.parametrize("case", _vector_cases("long.json", "evaluation.review"), ids=lambda c: c["name"])
def test_evaluate_review_gives_the_vector_answer(case: Dict[str, Any]) -> None:
    given = case["input"]
    evaluator = soisua.Evaluator(
        soisua.Catalogue.central_2020(), soisua.Organisation.from_dict(given["organisation"])
    )
    if "ok" in case["expect"]:
        assert evaluator.evaluate_review(given["review"]) == case["expect"]["ok"]
    else:
        with pytest.raises(soisua.SoisuaError) as raised:
            evaluator.evaluate_review(given["review"])
        assert raised.value.code == case["expect"]["error"]["code"]


def test_monthly_quarterly_and_year_reports_equal_the_vector(district_db22: Dict[str, Any]) -> None:
    (case,) = _vector_cases("reports.json", "synthetic.year_reports")
    expected = case["expect"]["ok"]["reports"]
    evaluation = district_db22["evaluation"]
    monthly = [evaluation.report(month) for month in evaluation.months]
    for month, report in zip(evaluation.months, monthly):
        assert report.seal().figures() == expected[month], month
    for q in range(4):
        merged = soisua.Report.merge_all(monthly[3 * q : 3 * q + 3])
        assert merged == evaluation.report(f"2020-Q{q + 1}")
        assert merged.seal().figures() == expected[f"2020-Q{q + 1}"]
    assert evaluation.report().seal().figures() == expected["2020"]


# ---- evaluation ----------------------------------------------------------------------------------


def test_an_evaluation_answers_month_by_month(district_db22: Dict[str, Any]) -> None:
    evaluation = district_db22["evaluation"]
    assert evaluation.months == [f"2020-{m:02d}" for m in range(1, 13)]
    assert len(evaluation) == 12
    september = evaluation.month("2020-09")
    assert september["counts"] == evaluation.counts()["2020-09"]
    assert sum(september["counts"].values()) == len(september["results"])
    first = september["results"][0]
    assert first["explanation"]["vi"].startswith("Đồng chí ")
    assert first["explanation"]["en"].startswith("Comrade ")
    assert evaluation.result(first["member"], "2020-09") == first
    assert evaluation.result("NOBODY", "2020-09") is None


def test_months_in_pieces_with_the_ledger_equal_the_year_at_once(district_db22: Dict[str, Any]) -> None:
    evaluator = district_db22["evaluator"]
    history = soisua.History(district_db22["batches"])
    first = evaluator.evaluate(history, "2020-01", "2020-06")
    second = evaluator.evaluate(history, "2020-07", "2020-12", ledger=first.ledger)
    whole = district_db22["evaluation"]
    assert second.month("2020-11") == whole.month("2020-11")
    assert second.cases() == whole.cases()
    assert second.ledger.last_month == "2020-12"
    with pytest.raises(soisua.InvalidArgumentError):
        evaluator.evaluate(history, "2020-03", ledger=first.ledger)


def test_frames_have_one_row_per_member_month_and_ordered_verdicts(district_db22: Dict[str, Any]) -> None:
    evaluation = district_db22["evaluation"]
    results = evaluation.to_pandas()
    assert len(results) == sum(sum(c.values()) for c in evaluation.counts().values())
    assert list(results["verdict"].cat.categories) == ["not_evaluated", "commend", "help", "inspect"]
    by_month = results[results["month"] == "2020-09"]["verdict"].value_counts()
    assert {k: int(v) for k, v in by_month.items()} == evaluation.counts()["2020-09"]
    findings = evaluation.to_polars("findings")
    assert findings.columns == ["month", "member", "unit", "org_type", "item", "kind"]
    assert findings.height == int(results["found"].sum())
    cases = evaluation.to_pandas("cases")
    assert len(cases) == len(evaluation.cases()) == len(evaluation.ledger)
    with pytest.raises(soisua.InvalidValueError):
        evaluation.to_pandas("verdicts")  # type: ignore[arg-type]


def test_what_if_reports_the_member_months_that_change(district_db22: Dict[str, Any]) -> None:
    evaluator = district_db22["evaluator"]
    history = soisua.History(district_db22["batches"])
    stricter = evaluator.policy.with_changes({"recurrence": {"cases": 2}})
    assert stricter.to_dict()["recurrence"] == {"cases": 2, "within_months": 6}
    changes = evaluator.what_if(history, "2020", policy=stricter)
    other = soisua.Evaluator(district_db22["catalogue"], district_db22["organisation"], stricter)
    assert changes == district_db22["evaluation"].compare(other.evaluate(history, "2020"))
    assert all(c["before"] != c["after"] or c["rules_before"] != c["rules_after"] for c in changes)
    assert evaluator.what_if(history, "2020", policy=evaluator.policy) == []


def test_a_policy_change_with_errors_is_refused_with_its_findings() -> None:
    with pytest.raises(soisua.InvalidDocumentError) as raised:
        soisua.Policy.default_2020().with_changes({"recurrence": {"cases": 0}})
    assert raised.value.code == "invalid_document"
    assert [i["code"] for i in raised.value.issues] == ["policy_value_out_of_range"]
    with pytest.raises(soisua.InvalidJsonError) as located:
        soisua.Policy.default_2020().with_changes({"recurrence": {"cases": -1}})
    assert "recurrence.cases" in str(located.value)
    with pytest.raises(soisua.InvalidArgumentError):
        soisua.Policy.default_2020().with_changes([1, 2])  # type: ignore[arg-type]


def test_history_lists_are_read_with_located_errors(district_db22: Dict[str, Any]) -> None:
    history = soisua.History(district_db22["batches"][0], supervision=[], outcomes=[])
    assert len(history) == len(district_db22["batches"][0])
    assert soisua.History.from_json(history.to_json()) == history
    assert pickle.loads(pickle.dumps(history)) == history
    with pytest.raises(soisua.InvalidJsonError) as raised:
        soisua.History(supervision=[{"member": "DV1"}])
    assert "supervision" in str(raised.value)
    with pytest.raises(soisua.InvalidArgumentError):
        soisua.History(reviews=[district_db22["batches"][0], "not a batch"])  # type: ignore[list-item]
    with pytest.raises(soisua.InvalidArgumentError):
        soisua.History(supervision="x")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (("not a history", "2020"), soisua.InvalidArgumentError),
        ((None, "2020"), soisua.InvalidArgumentError),
        (("H", 2020), soisua.InvalidArgumentError),
        (("H", "2020-13"), soisua.InvalidValueError),
        (("H", "2020-06", "2020-01"), soisua.InvalidArgumentError),
    ],
)
def test_bad_evaluate_arguments_raise_located_errors(
    district_db22: Dict[str, Any], args: Any, error: type
) -> None:
    history = soisua.History(district_db22["batches"][0])
    args = tuple(history if a == "H" else a for a in args)
    with pytest.raises(error):
        district_db22["evaluator"].evaluate(*args)


def test_an_unknown_scope_is_an_unknown_name(district_db22: Dict[str, Any]) -> None:
    with pytest.raises(soisua.UnknownNameError):
        district_db22["evaluator"].evaluate(district_db22["batches"][0], "2020-01", scope="NOWHERE")


def test_an_evaluator_refuses_a_policy_for_another_catalogue() -> None:
    policy = soisua.Policy.from_dict(
        {**soisua.Policy.default_2020().to_dict(), "catalogues": [{"id": "other", "version": "1"}]}
    )
    with pytest.raises(soisua.InvalidDocumentError):
        soisua.Evaluator(soisua.Catalogue.central_2020(), soisua.Organisation.synthetic("district", 1), policy)


def test_evaluator_arguments_must_be_handles() -> None:
    with pytest.raises(soisua.InvalidArgumentError) as raised:
        soisua.Evaluator({"id": "x"}, soisua.Organisation.synthetic("district", 1))  # type: ignore[arg-type]
    assert "catalogue" in str(raised.value)


# ---- reports ------------------------------------------------------------------------------------


def test_a_report_handle_renders_merges_and_round_trips(district_db22: Dict[str, Any]) -> None:
    evaluation = district_db22["evaluation"]
    q2, q3 = evaluation.report("2020-Q2"), evaluation.report("2020-Q3")
    assert soisua.Report.from_json(q3.to_json()) == q3
    assert pickle.loads(pickle.dumps(q3)) == q3
    assert q3.scope is None and list(q3.coverage["units"]) [0].startswith("DB-22")
    scoped = evaluation.report("2020-Q3", scope="DB-22")
    assert scoped.scope is not None and scoped.scope["unit"] == "DB-22"
    assert scoped.figures() == q3.figures()
    html = q3.render("html", catalogue=district_db22["catalogue"], compare=[("Quý trước", "Previous quarter", q2)])
    assert html.startswith('<section class="soisua-report" lang="vi">') and "Previous quarter" in html
    assert q3.render()["tables"]
    workbook = q3.render("xlsx", catalogue=district_db22["catalogue"])
    assert isinstance(workbook, bytes) and workbook[:2] == b"PK"  # a zip: the XLSX container
    comparison = q3.compare(q2)
    help_row = next(f for f in comparison["figures"] if f["figure"] == "help.distinct")
    assert help_row["current"] == q3.figures()["help.distinct"]
    frame = q3.to_pandas()
    total = frame[(frame["part"] == "total")].set_index("figure")["value"]
    assert {k: int(v) for k, v in total.items()} == q3.figures()
    with pytest.raises(soisua.ReportOverlapError):
        q3.merge(q3)
    with pytest.raises(soisua.ReportSealedError):
        q3.seal().merge(q2)
    with pytest.raises(soisua.InvalidArgumentError):
        soisua.Report.merge_all([q2, "q3"])  # type: ignore[list-item]
    with pytest.raises(soisua.InvalidValueError):
        q3.render("pdf")  # type: ignore[call-overload]


def test_publication_lists_come_from_the_evaluation(district_db22: Dict[str, Any]) -> None:
    evaluation = district_db22["evaluation"]
    september = evaluation.month("2020-09")
    unit = september["results"][0]["unit"]
    board = evaluation.notice_board("2020-09", unit)
    assert {e["member"] for e in board["entries"]} == {
        r["member"] for r in september["results"] if r["unit"] == unit
    }
    assert evaluation.radio_list("2020-09")["month"] == "2020-09"
    with pytest.raises(soisua.InvalidArgumentError):
        evaluation.notice_board("2019-09", unit)


def test_catalogue_items_as_frames() -> None:
    catalogue = soisua.Catalogue.central_2020()
    frame = catalogue.to_pandas()
    assert len(frame) == len(catalogue) == 62
    assert set(frame["kind"]) == {"manifestation", "exemplary", "prohibition"}
    assert catalogue.to_polars().height == 62


# ---- bad input ----------------------------------------------------------------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)
_REVIEW_KEYS = ["member", "unit", "month", "catalogue", "status", "answers", "notes"]


@settings(max_examples=150, deadline=None)
@given(
    st.dictionaries(st.sampled_from(_REVIEW_KEYS), _JSON, max_size=7)
    | st.dictionaries(st.text(max_size=6), _JSON, max_size=3)
    | _JSON
)
def test_evaluate_review_answers_or_raises_a_soisua_error(review: Any) -> None:
    evaluator = _small_evaluator()
    try:
        answer = evaluator.evaluate_review(review)
    except soisua.SoisuaError as error:
        assert error.code and error.message_en and error.message_vi
    else:
        assert set(answer) == {"result", "explanation", "cases", "issues", "fingerprint"}


_EVALUATOR: List[soisua.Evaluator] = []


def _small_evaluator() -> soisua.Evaluator:
    if not _EVALUATOR:
        org = soisua.Organisation.from_dict(
            json.loads((VECTORS / "long.json").read_text(encoding="utf-8"))["cases"][0]["input"]["organisation"]
        )
        _EVALUATOR.append(soisua.Evaluator(soisua.Catalogue.central_2020(), org))
    return _EVALUATOR[0]


def test_non_nfc_vietnamese_text_matches_its_nfc_form() -> None:
    import unicodedata

    document = {
        "id": "o",
        "name": {"vi": "Đảng bộ", "en": "Committee"},
        "units": [{"id": "CB-Đông", "name": "Chi bộ Đông", "kind": "cell", "org_type": "commune"}],
        "members": [{"id": "ĐV-Hồng", "status": "full", "memberships": [{"unit": "CB-Đông", "from": "2010-01-01"}]}],
    }
    org = soisua.Organisation.from_dict(document)
    decomposed = unicodedata.normalize("NFD", "ĐV-Hồng,2020-09,TTCT-3,cell,present,CB-Đông\n")
    assert decomposed != unicodedata.normalize("NFC", decomposed)
    batch, rows = soisua.ReviewBatch.from_long_csv(
        "member,month,item,assessor,finding,unit\n" + decomposed, soisua.Catalogue.central_2020(), org
    )
    assert rows["rejected"] == [] and batch.to_dict()["reviews"][0]["member"] == "ĐV-Hồng"
    review = dict(batch.to_dict()["reviews"][0], member=unicodedata.normalize("NFD", "ĐV-Hồng"))
    answer = soisua.Evaluator(soisua.Catalogue.central_2020(), org).evaluate_review(review)
    assert answer["result"]["member"] == "ĐV-Hồng" and answer["result"]["verdict"] == "help"


def test_nan_and_lone_surrogates_are_refused_with_their_place() -> None:
    evaluator = _small_evaluator()
    review = json.loads((VECTORS / "long.json").read_text(encoding="utf-8"))["cases"][4]["input"]["review"]
    with pytest.raises(soisua.InvalidArgumentError) as raised:
        evaluator.evaluate_review(dict(review, notes=float("nan")))
    assert "notes" in str(raised.value)
    with pytest.raises(soisua.InvalidArgumentError):
        evaluator.evaluate_review(dict(review, member="DV\ud800"))
