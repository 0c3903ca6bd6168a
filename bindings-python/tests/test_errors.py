"""Failures: one exception class per stable code, all `SoisuaError(ValueError)`; wrong Python
types are `InvalidArgumentError`s; `call` answers errors as values; nothing panics."""

from __future__ import annotations

import math
import pickle
from typing import Any, Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import soisua
from soisua import errors

CLASSES = {
    "invalid_json": soisua.InvalidJsonError,
    "invalid_csv": soisua.InvalidCsvError,
    "invalid_value": soisua.InvalidValueError,
    "unknown_name": soisua.UnknownNameError,
    "invalid_argument": soisua.InvalidArgumentError,
    "invalid_document": soisua.InvalidDocumentError,
    "report_overlap": soisua.ReportOverlapError,
    "report_scope_mismatch": soisua.ReportScopeMismatchError,
    "report_sealed": soisua.ReportSealedError,
    "internal_error": soisua.InternalError,
}


@pytest.mark.parametrize("code, cls", sorted(CLASSES.items()))
def test_one_class_per_code(code: str, cls: type) -> None:
    assert issubclass(cls, soisua.SoisuaError)
    assert issubclass(cls, ValueError)
    assert cls.default_code == code  # type: ignore[attr-defined]
    error = errors._from_native(code, "english", "tiếng Việt", None)
    assert type(error) is cls
    assert (error.code, error.message_en, error.message_vi, error.location) == (
        code,
        "english",
        "tiếng Việt",
        None,
    )
    assert str(error) == "english"


def test_an_unknown_code_is_still_a_soisua_error() -> None:
    error = errors._from_native("some_new_code", "en", "vi", None)
    assert type(error) is soisua.SoisuaError
    assert error.code == "some_new_code"


def test_exceptions_pickle() -> None:
    error = errors._from_native("invalid_json", "en", "vi", {"path": ["a", 0], "line": 1})
    again = pickle.loads(pickle.dumps(error))
    assert type(again) is soisua.InvalidJsonError
    assert (again.code, again.message_en, again.message_vi, again.location) == (
        "invalid_json",
        "en",
        "vi",
        {"path": ["a", 0], "line": 1},
    )


BAD_CALLS: list = [
    ("from_json(None)", lambda: soisua.Catalogue.from_json(None), "invalid_argument"),  # type: ignore[arg-type]
    ("from_json(bytes)", lambda: soisua.Catalogue.from_json(b"{}"), "invalid_argument"),  # type: ignore[arg-type]
    ("from_json('{')", lambda: soisua.Catalogue.from_json("{"), "invalid_json"),
    ("from_json('[]')", lambda: soisua.Organisation.from_json("[]"), "invalid_json"),
    ("from_json trailing", lambda: soisua.ReviewBatch.from_json('{"reviews": []} x'), "invalid_json"),
    ("from_dict(None)", lambda: soisua.Catalogue.from_dict(None), "invalid_argument"),  # type: ignore[arg-type]
    ("from_dict(list)", lambda: soisua.Organisation.from_dict([]), "invalid_argument"),  # type: ignore[arg-type]
    ("from_dict(set inside)", lambda: soisua.Catalogue.from_dict({"id": {1}}), "invalid_argument"),
    ("from_dict(NaN)", lambda: soisua.Catalogue.from_dict({"x": math.nan}), "invalid_argument"),
    ("from_dict(int key)", lambda: soisua.ReviewBatch.from_dict({1: []}), "invalid_argument"),  # type: ignore[dict-item]
    ("from_dict(huge int)", lambda: soisua.ReviewBatch.from_dict({"r": 10**30}), "invalid_argument"),
    ("from_dict(surrogate)", lambda: soisua.ReviewBatch.from_dict({"\ud800": 1}), "invalid_argument"),
    ("from_dict({})", lambda: soisua.ReviewBatch.from_dict({}), "invalid_json"),
    ("from_csv(None, '')", lambda: soisua.Catalogue.from_csv(None, ""), "invalid_argument"),  # type: ignore[arg-type]
    ("from_csv('{', '')", lambda: soisua.Catalogue.from_csv("{", ""), "invalid_json"),
    ("item(1)", lambda: soisua.Catalogue.central_2020().item(1), "invalid_argument"),  # type: ignore[arg-type]
    ("validate('x')", lambda: soisua.Catalogue.central_2020().validate("x"), "invalid_argument"),  # type: ignore[arg-type]
    ("parse_period('2020-13')", lambda: soisua.parse_period("2020-13"), "invalid_value"),
    ("parse_period(2020)", lambda: soisua.parse_period(2020), "invalid_argument"),  # type: ignore[arg-type]
    ("synthetic scale", lambda: soisua.Organisation.synthetic("planet", 1), "unknown_name"),
]


@pytest.mark.parametrize(
    "call, code", [(c, code) for _, c, code in BAD_CALLS], ids=[n for n, _, _ in BAD_CALLS]
)
def test_failures_raise_the_class_of_their_code(call: Callable[[], Any], code: str) -> None:
    with pytest.raises(soisua.SoisuaError) as info:
        call()
    assert info.value.code == code
    assert type(info.value) is CLASSES[code]
    assert info.value.message_en and info.value.message_vi
    assert str(info.value) == info.value.message_en


def test_json_errors_are_located() -> None:
    with pytest.raises(soisua.InvalidJsonError) as info:
        soisua.Catalogue.from_json('{"id": 1}')
    location = info.value.location
    assert location is not None
    assert location["path"] == ["id"]
    assert (type(location["line"]), type(location["column"])) == (int, int)


def test_argument_errors_name_the_argument_and_the_place() -> None:
    with pytest.raises(soisua.InvalidArgumentError) as info:
        soisua.Catalogue.from_dict({"groups": [{"code": {1}}]})
    assert info.value.message_en == (
        "invalid argument `obj`: a value of type `set` at `groups[0].code` is not JSON"
    )
    assert info.value.location is None


def test_parse_period_matches_the_json_api() -> None:
    period = soisua.parse_period("2020-Q3")
    assert period["kind"] == "quarter"
    assert period["first_month"] == "2020-07"
    assert period["months"] == 3 and type(period["months"]) is int
    assert soisua.call("period.parse", {"period": "2020-Q3"}) == {"ok": period}


@pytest.mark.parametrize(
    "op, input, code",
    [
        ("nope", {}, "unknown_name"),
        ("period.parse", [1], "invalid_argument"),
        ("period.parse", {"period": "2020-13"}, "invalid_value"),
        ("period.parse", {"period": {1, 2}}, "invalid_argument"),
        ("period.parse", {"period": math.inf}, "invalid_argument"),
        (None, {}, "invalid_argument"),
    ],
)
def test_call_answers_errors_as_values(op: Any, input: Any, code: str) -> None:
    answer = soisua.call(op, input)
    assert list(answer) == ["error"]
    assert answer["error"]["code"] == code
    assert set(answer["error"]) <= {"code", "message_en", "message_vi", "location"}


FUZZ_OPS = [
    "catalogue.validate",
    "catalogue.summary",
    "catalogue.from_csv",
    "catalogue.check_versions",
    "organisation.validate",
    "organisation.summary",
    "reviews.validate",
    "period.parse",
    "no.such.op",
]
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=20,
)
keys = st.sampled_from(["catalogue", "organisation", "reviews", "period", "header", "csv", "refined"])
inputs = st.dictionaries(keys, json_values | st.sampled_from(["central-2020", "2020-09"]), max_size=4)
anything = json_values | inputs | st.sets(st.integers(), max_size=2) | st.binary(max_size=4)


@settings(max_examples=300, deadline=None)
@given(op=st.sampled_from(FUZZ_OPS), input=inputs | anything)
def test_call_never_raises(op: str, input: Any) -> None:
    answer = soisua.call(op, input)
    assert list(answer) in (["ok"], ["error"])
    if "error" in answer:
        assert answer["error"]["code"] in CLASSES


@settings(max_examples=300, deadline=None)
@given(obj=anything)
def test_loading_anything_raises_only_soisua_errors(obj: Any) -> None:
    for load in (
        soisua.Catalogue.from_dict,
        soisua.Organisation.from_dict,
        soisua.ReviewBatch.from_dict,
        soisua.Catalogue.from_json,
    ):
        try:
            load(obj)
        except soisua.SoisuaError as error:
            assert error.code in CLASSES


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=12) | st.from_regex(r"\A-?[0-9]{1,5}(-(Q[0-9]|[0-9]{1,4}))?\Z"))
def test_parse_period_anything(text: str) -> None:
    try:
        period = soisua.parse_period(text)
    except (soisua.InvalidValueError, soisua.InvalidArgumentError):
        return
    assert soisua.parse_period(period["period"]) == period
