"""A form's review from Python: preview, outlook, fingerprint and verification through the
Evaluator handle, equal to the shared vectors (tests/vectors/form.json) that Rust and JS also run."""

import json
import unicodedata
from pathlib import Path
from typing import Any, Dict, List

import pytest

import soisua

VECTORS = Path(__file__).resolve().parents[2] / "tests" / "vectors"
CASES: List[Dict[str, Any]] = json.loads((VECTORS / "form.json").read_text(encoding="utf-8"))["cases"]
CENTRAL = soisua.Catalogue.central_2020()
ORG = soisua.Organisation.from_dict(CASES[0]["input"]["organisation"])


def _evaluator(case: Dict[str, Any]) -> soisua.Evaluator:
    policy = case["input"].get("policy")
    return soisua.Evaluator(CENTRAL, ORG, soisua.Policy.from_dict(policy) if policy else None)


def _review(answers: List[Dict[str, str]], **extra: Any) -> Dict[str, Any]:
    review: Dict[str, Any] = {
        "member": "DV1",
        "unit": "CB1",
        "month": "2020-09",
        "catalogue": {"id": "central-2020", "version": "2020.1"},
        "status": "draft",
        "answers": answers,
    }
    review.update(extra)
    return review


def _complete(status: str = "final") -> Dict[str, Any]:
    clean = {"manifestation": "none", "exemplary": "good", "prohibition": "clear"}
    items = CENTRAL.items()
    return _review([{"item": i["code"], "cell": clean[i["kind"]]} for i in items], status=status)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c["name"])
def test_the_handle_gives_the_vector_answer(case: Dict[str, Any]) -> None:
    evaluator = _evaluator(case)
    review = case["input"]["review"]
    op = case["op"]
    expect = case["expect"]
    if op == "evaluation.verify":
        if "error" in expect:
            with pytest.raises(TypeError):
                evaluator.verify(review)  # type: ignore[call-arg]
            return
        assert evaluator.verify(review, case["input"]["fingerprint"]) is expect["ok"]["matches"]
        assert evaluator.fingerprint(review) == expect["ok"]["fingerprint"]
        return
    run = {
        "evaluation.outlook": evaluator.outlook,
        "evaluation.preview": evaluator.preview,
        "evaluation.review": evaluator.evaluate_review,
    }[op]
    assert run(review) == expect["ok"]


def test_a_violated_prohibition_decides_and_a_complete_form_is_decided_on_its_verdict() -> None:
    evaluator = soisua.Evaluator(CENTRAL, ORG)
    decided = evaluator.outlook(_review([{"item": "QD47-1", "cell": "violated"}]))
    assert (decided["decided"], decided["verdict"], decided["open_items"]) == (True, "inspect", [])
    done = evaluator.preview(_complete())
    assert done["evaluation"]["result"]["verdict"] == "commend"
    assert done["outlook"]["unanswered"] == [] and done["outlook"]["verdict"] == "commend"
    assert done["fields"] == []


def test_findings_are_placed_on_form_fields() -> None:
    evaluator = soisua.Evaluator(CENTRAL, ORG)
    answers = [a for a in _complete()["answers"] if a["item"] != "DDLS-4"]
    answers.append({"item": "TTCT-3", "self": "good", "cell": "none"})
    fields = evaluator.preview(_review(answers, status="final"))["fields"]
    assert [(f["field"], f["code"], f["level"]) for f in fields] == [
        ("answers.TTCT-3", "duplicate_answer", "error"),
        ("answers.TTCT-3.self", "finding_wrong_kind", "error"),
        ("answers.DDLS-4.cell", "missing_cell_conclusion", "error"),
    ]


def test_fingerprints_ignore_answer_order_and_nfd_and_follow_the_policy() -> None:
    evaluator = soisua.Evaluator(CENTRAL, ORG)
    review = _complete()
    fingerprint = evaluator.fingerprint(review)
    assert fingerprint.startswith("sha256:") and len(fingerprint) == 7 + 64
    assert evaluator.evaluate_review(review)["fingerprint"] == fingerprint
    nfc = dict(review, notes="Đồng chí An")
    nfd = dict(review, notes=unicodedata.normalize("NFD", "Đồng chí An"), answers=review["answers"][::-1])
    assert evaluator.fingerprint(nfd) == evaluator.fingerprint(nfc) != fingerprint
    assert evaluator.fingerprint(json.dumps(review)) == fingerprint
    assert evaluator.verify(review, fingerprint)
    assert not evaluator.verify(dict(review, status="draft"), fingerprint)
    stricter = soisua.Evaluator(CENTRAL, ORG, soisua.Policy.default_2020().with_changes({"version": "2020.2"}))
    assert stricter.fingerprint(review) != fingerprint
    api = soisua.call(
        "evaluation.review",
        {"catalogue": "central-2020", "organisation": CASES[0]["input"]["organisation"], "review": review},
    )
    assert api["ok"]["fingerprint"] == fingerprint


def test_applicable_items_and_bad_input() -> None:
    evaluator = soisua.Evaluator(CENTRAL, ORG)
    assert evaluator.applicable_items("DV1", "2020-09") == [i["code"] for i in CENTRAL.items()]
    with pytest.raises(soisua.SoisuaError) as raised:
        evaluator.applicable_items("DV9", "2020-09")
    assert raised.value.code == "unknown_name"
    with pytest.raises(soisua.SoisuaError) as raised:
        evaluator.applicable_items("DV1", "2020-13")
    assert raised.value.code == "invalid_value"
    with pytest.raises(soisua.InvalidArgumentError):
        evaluator.verify(_review([]), 42)  # type: ignore[arg-type]
    bad_reviews: List[Any] = [None, 42, [], "{", {"member": "DV1"}]
    for bad in bad_reviews:
        with pytest.raises(soisua.SoisuaError):
            evaluator.preview(bad)  # type: ignore[arg-type]
