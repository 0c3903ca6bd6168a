"""Long-format reviews through the Arrow PyCapsule interface (`ReviewBatch.from_arrow`): pyarrow,
polars and pandas tables read back to the same batch; every row accepted or rejected with a
located finding, numbered across record batches; wrong tables refused before any row is read."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any, Callable, Dict, Iterator, List, Optional, Tuple

import pandas as pd  # type: ignore[import-untyped]
import polars as pl
import pyarrow as pa  # type: ignore[import-untyped]
import pytest
from conftest import ISSUE_KEYS, MINI_CATALOGUE, MINI_ORGANISATION, check_issue
from hypothesis import given, settings
from hypothesis import strategies as st

import soisua

COLUMNS = ["member", "month", "item", "assessor", "finding", "unit", "status"]
REQUIRED = COLUMNS[:5]

# Module-level (not fixtures) so that hypothesis can share them between examples.
CATALOGUE = soisua.Catalogue.from_dict(MINI_CATALOGUE)
ORGANISATION = soisua.Organisation.from_dict(MINI_ORGANISATION)
BATCH = soisua.ReviewBatch.synthetic(ORGANISATION, CATALOGUE, "2020-09", 2020)
LONG: Dict[str, List[str]] = BATCH.to_long()
N = len(LONG["member"])

Long = Dict[str, List[Optional[str]]]


def read(table: Any, **kwargs: Any) -> Tuple[soisua.ReviewBatch, Dict[str, Any]]:
    batch, account = soisua.ReviewBatch.from_arrow(table, CATALOGUE, ORGANISATION, **kwargs)
    assert list(account) == ["rows", "accepted", "rejected"]
    assert account["rows"] == account["accepted"] + len(account["rejected"])
    for issue in account["rejected"]:
        check_issue(issue)
        assert issue["path"][0] == "rows" and 0 <= issue["path"][1] < account["rows"]
    return batch, account


def copy(long: Dict[str, List[str]]) -> Long:
    return {name: list(values) for name, values in long.items()}


def rejected(account: Dict[str, Any]) -> List[Tuple[str, List[Any]]]:
    return [(issue["code"], issue["path"]) for issue in account["rejected"]]


def test_to_long_is_columnar() -> None:
    assert list(LONG) == COLUMNS
    assert N == 20 and all(len(values) == N for values in LONG.values())
    assert all(isinstance(value, str) for values in LONG.values() for value in values)
    assert set(LONG["status"]) == {"final"}
    assert set(LONG["assessor"]) == {"self", "cell"}


def _pandas_strings(long: Dict[str, List[str]]) -> Any:
    return pd.DataFrame(long).astype("string[pyarrow]")


def _pandas_categories(long: Dict[str, List[str]]) -> Any:
    return pd.DataFrame(long).astype("category")


def _dictionaries(long: Dict[str, List[str]]) -> Any:
    return pa.table({name: pa.array(values).dictionary_encode() for name, values in long.items()})


def _views(long: Dict[str, List[str]]) -> Any:
    return pa.table({name: pa.array(values, pa.string_view()) for name, values in long.items()})


def _large(long: Dict[str, List[str]]) -> Any:
    return pa.table({name: pa.array(values, pa.large_string()) for name, values in long.items()})


def _polars_categorical(long: Dict[str, List[str]]) -> Any:
    return pl.DataFrame(long).with_columns(pl.col("member", "item", "unit").cast(pl.Categorical))


def _polars_enum(long: Dict[str, List[str]]) -> Any:
    findings = pl.Enum(sorted(set(long["finding"])))
    assessors = pl.Enum(["self", "cell"])
    return pl.DataFrame(long).with_columns(pl.col("finding").cast(findings), pl.col("assessor").cast(assessors))


def _record_batch(long: Dict[str, List[str]]) -> Any:
    return pa.RecordBatch.from_pydict(long)


def _reader(long: Dict[str, List[str]]) -> Any:
    return pa.table(long).to_reader(max_chunksize=3)


FRAMES: Dict[str, Callable[[Dict[str, List[str]]], Any]] = {
    "pyarrow.table": pa.table,
    "pyarrow large_string": _large,
    "pyarrow string_view": _views,
    "pyarrow dictionary": _dictionaries,
    "pyarrow.RecordBatch": _record_batch,
    "pyarrow.RecordBatchReader": _reader,
    "polars": pl.DataFrame,
    "polars Categorical": _polars_categorical,
    "polars Enum": _polars_enum,
    "pandas": pd.DataFrame,
    "pandas string[pyarrow]": _pandas_strings,
    "pandas category": _pandas_categories,
}


@pytest.mark.parametrize("make", list(FRAMES.values()), ids=list(FRAMES))
def test_round_trip(make: Callable[[Dict[str, List[str]]], Any]) -> None:
    batch, account = read(make(LONG))
    assert account == {"rows": N, "accepted": N, "rejected": []}
    assert batch == BATCH


def test_polars_exports_string_views() -> None:
    # polars hands out its own string layout (Utf8View): read without a cast.
    schema = pa.RecordBatchReader.from_stream(pl.DataFrame(LONG)).schema
    assert schema.field("member").type in (pa.string_view(), pa.large_string())
    _, account = read(pl.DataFrame(LONG))
    assert account["accepted"] == N


def test_a_bigger_synthetic_month(district: soisua.Organisation, local: soisua.Catalogue) -> None:
    whole = soisua.ReviewBatch.synthetic(district.subtree("DB-01"), local, "2020-09", 7)
    # A few hundred reviews keep the debug build quick; `from_dict` keeps only some reviews.
    some = soisua.ReviewBatch.from_dict({"reviews": whole.to_dict()["reviews"][:40]})
    long = some.to_long()
    for table in (pa.table(long), pl.DataFrame(long)):
        batch, account = soisua.ReviewBatch.from_arrow(table, local, district)
        assert account["rejected"] == [] and account["rows"] == len(long["member"])
        assert batch == some


def test_status_argument_and_column() -> None:
    without = {name: values for name, values in LONG.items() if name != "status"}
    draft, _ = read(pa.table(without), status="draft")
    assert {review["status"] for review in draft.to_dict()["reviews"]} == {"draft"}
    assert read(pa.table(without), status="final")[0] == BATCH
    assert read(pa.table(without))[0] == BATCH
    # A `status` column wins over the argument.
    assert read(pa.table(LONG), status="draft")[0] == BATCH
    with pytest.raises(soisua.InvalidValueError, match="final or draft"):
        read(pa.table(LONG), status="done")
    with pytest.raises(soisua.InvalidArgumentError, match="`status`"):
        read(pa.table(LONG), status=1)


def test_several_record_batches_number_rows_continuously() -> None:
    long = copy(LONG)
    bad = [2, 9, 10, 19]
    for i in bad:
        long["finding"][i] = "excellent"
    whole = pa.table(long)
    chunked = pa.Table.from_batches(whole.to_batches(max_chunksize=4))
    assert chunked.column("finding").num_chunks == 5
    concatenated = pa.concat_tables([whole.slice(0, 7), whole.slice(7, 6), whole.slice(13)])
    for table in (chunked, concatenated, whole.to_reader(max_chunksize=3)):
        _, account = read(table)
        assert rejected(account) == [("invalid_value", ["rows", i, "finding"]) for i in bad]
        assert account["rejected"][0]["params"] == {
            "column": "finding",
            "expected": account["rejected"][0]["params"]["expected"],
            "value": "excellent",
        }


def test_columns_chunked_differently() -> None:
    # Each column cut at other places: the stream gives batches cut at every boundary.
    columns = {
        name: pa.chunked_array([values[:k], values[k:]])
        for k, (name, values) in zip([3, 5, 8, 11, 13, 17, 19], LONG.items())
    }
    table = pa.table(columns)
    assert len(table.to_batches()) > 2
    batch, account = read(table)
    assert account["rejected"] == [] and batch == BATCH


def test_polars_chunks() -> None:
    frame = pl.concat([pl.DataFrame(LONG).slice(0, 9), pl.DataFrame(LONG).slice(9)], rechunk=False)
    assert frame.n_chunks() == 2
    long = copy(LONG)
    long["finding"][15] = None
    frame = pl.concat([pl.DataFrame(long).slice(0, 9), pl.DataFrame(long).slice(9)], rechunk=False)
    _, account = read(frame)
    assert rejected(account) == [("missing_value", ["rows", 15, "finding"])]


def test_a_reader_over_a_python_generator() -> None:
    # The batches are made by Python code while the reader runs without the GIL: the producer
    # takes the GIL back for each batch (no deadlock, no crash).
    table = pa.table(LONG)

    def batches() -> Iterator[Any]:
        for batch in table.to_batches(max_chunksize=6):
            yield batch

    reader = pa.RecordBatchReader.from_batches(table.schema, batches())
    batch, account = read(reader)
    assert account["accepted"] == N and batch == BATCH


def test_a_producer_that_fails_midway() -> None:
    table = pa.table(LONG)

    def batches() -> Iterator[Any]:
        yield table.slice(0, 5).to_batches()[0]
        raise RuntimeError("the source went away")

    reader = pa.RecordBatchReader.from_batches(table.schema, batches())
    with pytest.raises(soisua.InvalidArgumentError, match="the source went away") as info:
        read(reader)
    assert "`table`" in str(info.value) and "record batch 1" in str(info.value)


class OnlyArray:
    """An object with `__arrow_c_array__` only (a struct array: one record batch)."""

    def __init__(self, batch: Any) -> None:
        self.batch = batch

    def __arrow_c_array__(self, requested_schema: Any = None) -> Any:
        return self.batch.__arrow_c_array__(requested_schema)


class OnlyStream:
    """An object with `__arrow_c_stream__` only."""

    def __init__(self, table: Any) -> None:
        self.table = table

    def __arrow_c_stream__(self, requested_schema: Any = None) -> Any:
        return self.table.__arrow_c_stream__(requested_schema)


class Failing:
    def __arrow_c_stream__(self, requested_schema: Any = None) -> Any:
        raise ValueError("no stream today")


def test_any_object_with_the_dunders() -> None:
    assert read(OnlyArray(pa.RecordBatch.from_pydict(LONG)))[0] == BATCH
    struct = pa.StructArray.from_arrays([pa.array(v) for v in LONG.values()], names=list(LONG))
    assert read(OnlyArray(struct))[0] == BATCH
    assert read(OnlyStream(pa.table(LONG)))[0] == BATCH
    with pytest.raises(soisua.InvalidArgumentError, match="no stream today"):
        read(Failing())


@pytest.mark.parametrize(
    "obj", [None, [1, 2], {"member": ["DV1"]}, "member,month", 3, LONG], ids=type
)
def test_a_non_table_is_refused(obj: Any) -> None:
    with pytest.raises(soisua.InvalidArgumentError) as info:
        read(obj)
    message = str(info.value)
    assert message.startswith("invalid argument `table`: must be an Arrow table")
    assert "pyarrow Table" in message and "polars" in message and "pandas" in message
    assert info.value.message_vi.startswith("tham số `table` không hợp lệ")


def test_an_arrow_object_that_is_not_a_table_is_refused() -> None:
    for obj in (pa.array(["DV1"]), pl.Series(["DV1"]), pa.chunked_array([["DV1"]])):
        with pytest.raises(soisua.InvalidArgumentError, match="`table`"):
            read(obj)


def test_nulls_and_empty_strings_are_missing_values() -> None:
    long = copy(LONG)
    long["member"][1] = None
    long["month"][4] = ""
    long["item"][6] = None
    long["unit"][0] = None  # no unit: the member's unit at the end of the month
    long["status"][0] = None  # no status: the argument's
    batch, account = read(pa.table(long))
    assert rejected(account) == [
        ("missing_value", ["rows", 1, "member"]),
        ("missing_value", ["rows", 4, "month"]),
        ("missing_value", ["rows", 6, "item"]),
    ]
    assert account["rejected"][0]["params"] == {"column": "member"}
    assert account["accepted"] == N - 3
    # pandas: None and NaN in an object column are nulls too.
    frame = pd.DataFrame(long)
    frame.loc[4, "month"] = float("nan")
    assert rejected(read(frame)[1]) == rejected(account)


def test_a_column_of_nulls() -> None:
    # pyarrow types a column with nothing in it as `null`: every value missing.
    long: Long = {name: list(values) for name, values in LONG.items() if name != "unit"}
    table = pa.table({**long, "unit": [None] * N})
    assert table.schema.field("unit").type == pa.null()
    batch, account = read(table)
    assert account["rejected"] == [] and batch == BATCH
    _, account = read(pa.table({**long, "item": [None] * N}))
    assert account["accepted"] == 0
    assert {tuple(issue["path"][2:]) for issue in account["rejected"]} == {("item",)}


def test_dictionaries_with_other_keys_and_nulls() -> None:
    values = sorted(set(LONG["item"])) + ["NOPE"]
    keys = [values.index(item) for item in LONG["item"]]
    keys[3] = None  # type: ignore[call-overload]
    keys[5] = len(values) - 1
    for key_type in (pa.int8(), pa.uint16(), pa.int64(), pa.uint64()):
        for value_type in (pa.string(), pa.large_string(), pa.string_view()):
            items = pa.DictionaryArray.from_arrays(
                pa.array(keys, key_type), pa.array(values, value_type)
            )
            _, account = read(pa.table({**LONG, "item": items}))
            assert rejected(account) == [
                ("missing_value", ["rows", 3, "item"]),
                ("unknown_item", ["rows", 5, "item"]),
            ], (key_type, value_type)
    # A null inside the dictionary, and an empty dictionary of an all-null column.
    with_null = pa.DictionaryArray.from_arrays(pa.array([0] * N, pa.int8()), pa.array([None], pa.string()))
    _, account = read(pa.table({**LONG, "unit": with_null}))
    assert account["rejected"] == []
    empty = pa.DictionaryArray.from_arrays(pa.array([None] * N, pa.int32()), pa.array([], pa.string()))
    _, account = read(pa.table({**LONG, "finding": empty}))
    assert account["accepted"] == 0


def test_pandas_index_columns_are_ignored() -> None:
    frame = pd.DataFrame(LONG).sample(frac=1, random_state=3)
    assert "__index_level_0__" in pa.Table.from_pandas(frame).column_names
    _, account = read(frame)
    assert account["accepted"] == N


DAY = dt.date(2020, 9, 30)


def instants(at: dt.datetime, type: Any) -> Any:
    return pa.array([at.replace(tzinfo=dt.timezone.utc)] * N, type)



@pytest.mark.parametrize(
    "months, expected",
    [
        (pa.array([DAY] * N, pa.date32()), "2020-09"),
        (pa.array([DAY] * N, pa.date64()), "2020-09"),
        (pa.array([dt.datetime(2020, 9, 30, 23, 59)] * N, pa.timestamp("s")), "2020-09"),
        (pa.array([dt.datetime(2020, 9, 30, 23, 59)] * N, pa.timestamp("ns")), "2020-09"),
        # Stored as 2020-09-30 20:00 UTC, written 2020-10-01 03:00 at +07:00: the day as written.
        (
            instants(dt.datetime(2020, 9, 30, 20), pa.timestamp("us", "+07:00")),
            "2020-10",
        ),
        (
            instants(dt.datetime(2020, 10, 1, 2), pa.timestamp("us", "-04:00")),
            "2020-09",
        ),
        (
            instants(dt.datetime(2020, 9, 30, 20), pa.timestamp("ms", "UTC")),
            "2020-09",
        ),
        (
            instants(dt.datetime(2020, 9, 30, 20), pa.timestamp("ms", "Etc/GMT-7")),
            "2020-10",
        ),
    ],
    ids=["date32", "date64", "timestamp[s]", "timestamp[ns]", "tz +07:00", "tz -04:00", "tz UTC", "tz Etc/GMT-7"],
)
def test_month_as_dates(months: Any, expected: str) -> None:
    batch, account = read(pa.table({**LONG, "month": months}))
    assert account["accepted"] == N, account["rejected"][:1]
    assert {review["month"] for review in batch.to_dict()["reviews"]} == {expected}
    if expected == "2020-09":
        assert batch == BATCH


def test_month_dates_from_polars_and_pandas() -> None:
    frame = pl.DataFrame(LONG).with_columns(pl.lit(DAY).alias("month"))
    assert read(frame)[0] == BATCH
    frame = pl.DataFrame(LONG).with_columns(pl.lit(dt.datetime(2020, 9, 30, 12)).alias("month"))
    assert read(frame)[0] == BATCH
    pandas = pd.DataFrame(LONG).assign(month=pd.Timestamp("2020-09-30 12:00"))
    assert read(pandas)[0] == BATCH
    pandas = pd.DataFrame(LONG).assign(month=pd.Timestamp("2020-09-30 12:00", tz="+07:00"))
    assert read(pandas)[0] == BATCH
    pandas = pd.DataFrame(LONG).assign(month=pd.Timestamp("2020-09-30 12:00", tz="UTC"))
    assert read(pandas)[0] == BATCH
    frame = pl.DataFrame(LONG).with_columns(
        pl.lit(dt.datetime(2020, 9, 30, 12)).dt.replace_time_zone("UTC").alias("month")
    )
    assert read(frame)[0] == BATCH


HANOI = instants(dt.datetime(2020, 9, 30, 20), pa.timestamp("ms", "Asia/Ho_Chi_Minh"))


def _named_pandas(long: Dict[str, List[str]]) -> Any:
    return pd.DataFrame(long).assign(month=pd.Timestamp("2020-09-30 12:00", tz="Asia/Ho_Chi_Minh"))


def _named_polars(long: Dict[str, List[str]]) -> Any:
    month = pl.lit(dt.datetime(2020, 9, 30, 12)).dt.replace_time_zone("Asia/Ho_Chi_Minh")
    return pl.DataFrame(long).with_columns(month.alias("month"))


@pytest.mark.parametrize(
    "make, zone",
    [
        (lambda long: pa.table({**long, "month": HANOI}), "Asia/Ho_Chi_Minh"),
        (
            lambda long: pa.table({**long, "month": pa.array([None] * N, pa.timestamp("us", "America/New_York"))}),
            "America/New_York",
        ),
        (_named_pandas, "Asia/Ho_Chi_Minh"),
        (_named_polars, "Asia/Ho_Chi_Minh"),
    ],
    ids=["pyarrow Hanoi", "pyarrow New York", "pandas Hanoi", "polars Hanoi"],
)
def test_a_named_time_zone_is_refused_before_any_row(make: Callable[[Long], Any], zone: str) -> None:
    # The build has no time-zone database: a named zone is refused with how to convert it.
    long = copy(LONG)
    long["member"][0] = None  # would be a rejected row, if rows were read
    with pytest.raises(soisua.InvalidArgumentError) as info:
        read(make(long))
    message = str(info.value)
    assert message.startswith("invalid argument `table`: the column `month` has the Arrow type `Timestamp(")
    assert f"the time zone `{zone}` is a named zone" in message
    assert "`.dt.date`" in message and "`.cast(pa.date32())`" in message and "`+07:00`" in message
    assert f"múi giờ `{zone}` là múi giờ theo tên" in info.value.message_vi


def test_a_named_time_zone_converted_as_advised() -> None:
    # The day as written in Hanoi (2020-10-01 03:00), whichever way it is converted.
    table = pa.table({**LONG, "month": HANOI})
    for converted in (
        table.set_column(1, "month", HANOI.cast(pa.date32())),
        table.set_column(1, "month", HANOI.cast(pa.timestamp("ms", "+07:00"))),
        pl.DataFrame(table).with_columns(pl.col("month").dt.date()),
        table.to_pandas().assign(month=lambda f: f["month"].dt.date),
        table.to_pandas().assign(month=lambda f: f["month"].dt.tz_convert("+07:00")),
    ):
        batch, account = read(converted)
        assert account["accepted"] == N
        assert {review["month"] for review in batch.to_dict()["reviews"]} == {"2020-10"}


def test_dates_with_nulls_and_out_of_range() -> None:
    months = [DAY] * N
    months[2] = None  # type: ignore[call-overload]
    table = pa.table({**LONG, "month": pa.array(months, pa.date32())})
    assert rejected(read(table)[1]) == [("missing_value", ["rows", 2, "month"])]
    raw = [18535] * N  # 2020-09-30
    raw[4] = 2**31 - 1  # far past what a calendar holds
    table = pa.table({**LONG, "month": pa.array(raw, pa.int32()).cast(pa.date32())})
    _, account = read(table)
    assert rejected(account) == [("invalid_value", ["rows", 4, "month"])]


@pytest.mark.parametrize(
    "column, values, shown",
    [
        ("member", pa.array(range(N), pa.int64()), "Int64"),
        ("month", pa.array([2020.09] * N), "Float64"),
        ("assessor", pa.array([True] * N), "Boolean"),
        ("finding", pa.array([b"none"] * N), "Binary"),
        ("item", pa.array([["M-1"]] * N), "List"),
        ("unit", pa.array([DAY] * N, pa.date32()), "Date32"),
        ("status", pa.array([1] * N, pa.int8()).dictionary_encode(), "Dictionary"),
        ("month", pa.array([dt.time(12)] * N), "Time64"),
    ],
    ids=lambda v: v if isinstance(v, str) else None,
)
def test_wrong_column_types_are_refused_before_any_row(column: str, values: Any, shown: str) -> None:
    long = copy(LONG)
    long["member"][0] = None  # would be a rejected row, if rows were read
    table = pa.table({**long, column: values})
    with pytest.raises(soisua.InvalidArgumentError) as info:
        read(table)
    message = str(info.value)
    assert message.startswith(f"invalid argument `table`: the column `{column}` has the Arrow type `{shown}")
    assert "expected text" in message
    assert (" or dates" in message) == (column == "month")
    assert f"cột `{column}` có kiểu Arrow" in info.value.message_vi


def test_every_wrong_column_is_named() -> None:
    table = pa.table({**LONG, "member": list(range(N)), "finding": [1.5] * N})
    with pytest.raises(soisua.InvalidArgumentError) as info:
        read(table)
    assert "`member`" in str(info.value) and "`finding`" in str(info.value)


def test_missing_and_unknown_columns_are_listed_together() -> None:
    long = {name: values for name, values in LONG.items() if name not in ("month", "finding")}
    for table in (pa.table({**long, "colour": ["red"] * N}), pl.DataFrame({**long, "colour": ["red"] * N})):
        with pytest.raises(soisua.InvalidDocumentError) as info:
            read(table)
        issues = info.value.issues
        for issue in issues:  # an exception's findings come through JSON, keys sorted
            check_issue({key: issue[key] for key in ISSUE_KEYS})
        assert [(i["code"], i["path"], i["params"]) for i in issues] == [
            ("unknown_column", ["columns", "colour"], {"column": "colour"}),
            ("missing_column", ["columns", "month"], {"column": "month"}),
            ("missing_column", ["columns", "finding"], {"column": "finding"}),
        ]
        assert "long-format reviews" in str(info.value)


def test_only_the_required_columns() -> None:
    batch, account = read(pa.table({name: LONG[name] for name in REQUIRED}))
    assert account["accepted"] == N and batch == BATCH


def test_an_empty_table() -> None:
    batch, account = read(pa.table({name: pa.array([], pa.string()) for name in REQUIRED}))
    assert account == {"rows": 0, "accepted": 0, "rejected": []} and len(batch) == 0
    with pytest.raises(soisua.InvalidDocumentError):
        read(pa.table({}))


def test_a_column_given_twice() -> None:
    table = pa.table(LONG)
    twice = table.append_column("member", table.column("member"))
    with pytest.raises(soisua.InvalidArgumentError, match="the column `member` is given 2 times"):
        read(twice)


def test_from_long_csv_has_the_same_shape() -> None:
    lines = [",".join(COLUMNS)] + [",".join(row) for row in zip(*LONG.values())]
    batch, account = soisua.ReviewBatch.from_long_csv("\n".join(lines), CATALOGUE, ORGANISATION)
    assert account == {"rows": N, "accepted": N, "rejected": []}
    assert batch == BATCH
    lines[3] = lines[3].replace(LONG["member"][2], "DV9")
    _, account = soisua.ReviewBatch.from_long_csv("\n".join(lines), CATALOGUE, ORGANISATION, status="draft")
    assert [(i["code"], i["path"]) for i in account["rejected"]] == [("unknown_member", [4, "member"])]
    with pytest.raises(soisua.InvalidDocumentError) as info:
        soisua.ReviewBatch.from_long_csv("member,month\n", CATALOGUE, ORGANISATION)
    assert [i["code"] for i in info.value.issues] == ["missing_column"] * 3
    with pytest.raises(soisua.InvalidArgumentError, match="`text`"):
        soisua.ReviewBatch.from_long_csv(b"member", CATALOGUE, ORGANISATION)  # type: ignore[arg-type]
    with pytest.raises(soisua.InvalidValueError):
        soisua.ReviewBatch.from_long_csv(
            "\n".join(lines), CATALOGUE, ORGANISATION, status="Final"  # type: ignore[arg-type]
        )


def test_other_arguments_are_checked() -> None:
    with pytest.raises(soisua.InvalidArgumentError, match="`catalogue`"):
        soisua.ReviewBatch.from_arrow(pa.table(LONG), MINI_CATALOGUE, ORGANISATION)  # type: ignore[arg-type]
    with pytest.raises(soisua.InvalidArgumentError, match="`organisation`"):
        soisua.ReviewBatch.from_arrow(pa.table(LONG), CATALOGUE, MINI_ORGANISATION)  # type: ignore[arg-type]


CORRUPTIONS = ["", "excellent", "violated", "NONE", " none", "present\x00"]


@settings(max_examples=150, deadline=None)
@given(
    picks=st.lists(st.integers(0, N - 1), max_size=3 * N),
    corrupt=st.lists(st.tuples(st.integers(0, 3 * N), st.sampled_from(CORRUPTIONS)), max_size=5),
    chunk=st.integers(1, 2 * N),
    kind=st.sampled_from(["pyarrow", "polars", "pandas", "dictionary"]),
)
def test_every_row_is_accounted_for(
    picks: List[int], corrupt: List[Tuple[int, str]], chunk: int, kind: str
) -> None:
    long: Long = {name: [values[i] for i in picks] for name, values in LONG.items()}
    for at, value in corrupt:
        if at < len(picks):
            long["finding"][at] = value
    if kind == "pyarrow":
        table: Any = pa.table(long)
        if picks:
            table = pa.Table.from_batches(table.to_batches(max_chunksize=chunk))
    elif kind == "polars":
        table = pl.DataFrame(long, schema={name: pl.String for name in COLUMNS})
    elif kind == "pandas":
        table = pd.DataFrame(long, dtype=object)
    else:
        table = pa.table({name: pa.array(v, pa.string()).dictionary_encode() for name, v in long.items()})
    batch, account = read(table)
    assert account["rows"] == len(picks)
    assert account["accepted"] + len(account["rejected"]) == len(picks)
    # Rows repeated or corrupted are rejected; when nothing was, the batch is the picked rows'.
    if len(set(picks)) == len(picks) and not any(at < len(picks) for at, _ in corrupt):
        assert account["rejected"] == []
    for issue in account["rejected"]:
        assert issue["path"][2] in ("finding", "unit", "status")
    assert len(batch) <= len(BATCH)
