"""The register from Python (`soisua.Register`): whole months in columns, zero-copy.

- a synthetic district month: dense == sparse (verdicts, units, cases), one thread == two;
- the same cells from NumPy, a pyarrow Table (in any column order, in several chunks) and a polars
  DataFrame give the same result; entries from a dict and from tables too;
- `roster()` of the synthetic district and `ReviewBatch.synthetic` months against the `Evaluator`:
  the same verdict for every member, the same counts per unit, the same cases, month after month
  with `result["cases"]` carried;
- errors: wrong dtypes, strided columns, a missing item column, nulls, unsorted entries,
  `threads=0`, a bad code byte, both or neither of cells and entries;
- nothing large is copied: the Arrow views share the NumPy buffers, read-only inputs work, the
  results view native memory;
- against the benchmark peers (bench/peers.py, when present): the same counts per unit and totals.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any, Dict, List, Optional, Tuple

import numpy as np
import polars as pl
import pyarrow as pa  # type: ignore[import-untyped]
import pytest

import soisua
from soisua.register import NONE, MonthTally, _arrow_view

PEERS = Path(__file__).resolve().parents[1] / "bench" / "peers.py"
#: The register's code of each finding (register_spec.md).
CODES = {
    "none": 1,
    "clear": 1,
    "good": 1,
    "not_applicable": 2,
    "present": 4,
    "violated": 4,
    "not_yet_good": 4,
}
VERDICT_INDEX = {"not_evaluated": 0, "commend": 1, "help": 2, "inspect": 3}
STATE_INDEX = {"open": 0, "remedied": 1, "escalated": 2, "closed": 3}


@pytest.fixture(scope="module")
def register() -> soisua.Register:
    return soisua.Register(soisua.Catalogue.synthetic_local())


@pytest.fixture(scope="module")
def dense(register: soisua.Register) -> Dict[str, Any]:
    return register.synthetic("district")


@pytest.fixture(scope="module")
def sparse(register: soisua.Register) -> Dict[str, Any]:
    return register.synthetic("district", form="sparse")


def _run(register: soisua.Register, data: Dict[str, Any], threads: int = 1, **given: Any) -> MonthTally:
    """`Register.evaluate` of a month in the spec's format (either form); `given` overrides."""
    month = given.pop("month", data["month"])
    arguments: Dict[str, Any] = {
        "unit_parent": data["unit_parent"],
        "member_unit": data["member_unit"],
        "member_roles": data["member_roles"],
        "cases": data,
        "threads": threads,
    }
    if "cells" in data:
        arguments["cells"] = data["cells"]
    else:
        arguments["entries"] = data
    arguments.update(given)
    return register.evaluate(month, **arguments)


def _same(a: MonthTally, b: MonthTally) -> None:
    """Two results of the same month are equal in everything."""
    assert a["month"] == b["month"]
    for key in ("verdicts", "units", "items"):
        np.testing.assert_array_equal(a[key], b[key], err_msg=key)  # type: ignore[literal-required]
    assert (a["opened"], a["remedied"], a["escalated"]) == (b["opened"], b["remedied"], b["escalated"])
    for table in ("cases", "retired"):
        assert a[table].keys() == b[table].keys()  # type: ignore[literal-required]
        for column in a[table]:  # type: ignore[literal-required]
            np.testing.assert_array_equal(a[table][column], b[table][column], err_msg=f"{table}.{column}")  # type: ignore[literal-required]
    assert a["notes"] == b["notes"]


def _total(result: MonthTally, data: Dict[str, Any]) -> List[int]:
    top = np.asarray(data["unit_parent"]) == NONE
    return [int(n) for n in result["units"][top].sum(axis=0)]


# ---------------------------------------------------------------------------------------------
# The API's shapes


def test_rules_are_the_spec_columns(register: soisua.Register) -> None:
    rules = register.rules()
    assert list(rules) == [
        "item_kind",
        "item_window",
        "item_inspect",
        "item_applies",
        "recurrence_cases",
        "recurrence_months",
        "breadth",
        "pending_inspect",
        "commend_requires_complete",
    ]
    items = len(register.items)
    assert items == 127
    for key, dtype in [("item_kind", np.uint8), ("item_window", np.uint8), ("item_inspect", np.bool_), ("item_applies", np.uint8)]:
        assert rules[key].dtype == dtype and rules[key].shape == (items,), key
    assert np.bincount(rules["item_kind"]).tolist() == [82, 23, 22]
    assert not rules["item_inspect"][rules["item_kind"] == 0].any()
    assert (rules["recurrence_cases"], rules["recurrence_months"], rules["breadth"]) == (3, 6, 3)
    assert rules["pending_inspect"] is True and rules["commend_requires_complete"] is True


def test_the_policy_is_the_registers(register: soisua.Register) -> None:
    policy = soisua.Policy.default_2020().with_changes({"breadth": {"manifestations": 2}})
    other = soisua.Register(register.catalogue, policy)
    assert other.rules()["breadth"] == 2 and register.rules()["breadth"] == 3
    assert other.policy == policy and other.items == register.items
    assert repr(other).startswith("Register(catalogue='synthetic-local-82-23-22@1'")


def test_roster_columns(register: soisua.Register) -> None:
    roster = soisua.Register.roster(soisua.Organisation.synthetic("district", 2020), "2020-09")
    assert list(roster) == ["month", "unit_ids", "unit_parent", "unit_org_type", "member_ids", "member_unit", "member_roles"]
    assert roster["month"] == 2020 * 12 + 8
    units, members = len(roster["unit_ids"]), len(roster["member_ids"])
    assert roster["unit_parent"].dtype == np.uint32 and roster["unit_parent"].shape == (units,)
    assert len(roster["unit_org_type"]) == units and isinstance(roster["unit_org_type"][0], str)
    assert roster["member_unit"].dtype == np.uint32 and roster["member_unit"].shape == (members,)
    assert roster["member_roles"].dtype == np.uint8 and roster["member_roles"].shape == (members,)
    parent = roster["unit_parent"].astype(np.int64)
    assert all(p == NONE or p < u for u, p in enumerate(parent))  # parents before children


def test_synthetic_month_in_both_forms(register: soisua.Register, dense: Dict[str, Any], sparse: Dict[str, Any]) -> None:
    assert dense["month"] == sparse["month"] == 24248
    cells = dense["cells"]
    assert cells.dtype == np.uint8 and cells.flags.c_contiguous and cells.shape == (127, len(dense["member_unit"]))
    assert "cells" not in sparse and "member_ids" not in dense
    assert len(dense["unit_ids"]) == len(dense["unit_parent"]) == len(dense["unit_org_type"])
    assert dense["unit_org_type"].dtype == np.uint8 and dense["org_types"] == sorted(set(dense["org_types"]))
    assert int(dense["unit_org_type"].max()) < len(dense["org_types"])
    member, item = np.nonzero(cells.T != 1)
    np.testing.assert_array_equal(sparse["entry_member"], member)
    np.testing.assert_array_equal(sparse["entry_item"], item)
    np.testing.assert_array_equal(sparse["entry_code"], cells[item, member])
    assert sparse["entry_member"].dtype == np.uint32 and sparse["entry_item"].dtype == np.uint16
    for key in ("case_member", "case_item", "case_opened", "case_deadline", "case_state", "case_escalated", "case_remedied"):
        np.testing.assert_array_equal(dense[key], sparse[key])
    assert len(dense["case_member"]) > 0
    again = register.synthetic("district")
    np.testing.assert_array_equal(again["cells"], cells)  # the same seed, the same month
    other = register.synthetic("district", seed=7)
    assert not np.array_equal(other["cells"], cells)


# ---------------------------------------------------------------------------------------------
# Dense and sparse, threads, inputs of every kind


def test_dense_equals_sparse(register: soisua.Register, dense: Dict[str, Any], sparse: Dict[str, Any]) -> None:
    one = _run(register, dense)
    _same(one, _run(register, sparse))
    _same(one, _run(register, dense, threads=2))
    _same(one, _run(register, sparse, threads=3))
    assert one["verdicts"].dtype == np.uint8 and one["verdicts"].shape == (len(dense["member_unit"]),)
    assert one["units"].dtype == np.int64 and one["units"].shape == (len(dense["unit_parent"]), 4)
    assert one["items"].dtype == np.int64 and one["items"].shape == (127,)
    total = _total(one, dense)
    assert sum(total) == len(dense["member_unit"])
    assert total[1] > total[2] > total[3] > 0 and one["opened"] > 0 and one["escalated"] > 0
    assert np.bincount(one["verdicts"], minlength=4)[:4].tolist() == total


def test_the_month_as_index_text_or_numpy_int(register: soisua.Register, dense: Dict[str, Any]) -> None:
    by_index = _run(register, dense)
    _same(by_index, _run(register, dense, month="2020-09"))
    _same(by_index, _run(register, dense, month=np.int64(24248)))


def _cell_table(register: soisua.Register, cells: Any) -> Any:
    """The cells as a pyarrow Table, its item columns in reverse order after a member id column."""
    columns: Dict[str, Any] = {"member": pa.array([f"DV{m}" for m in range(cells.shape[1])])}
    for i, code in reversed(list(enumerate(register.items))):
        columns[code] = pa.array(cells[i])
    return pa.table(columns)


def test_numpy_pyarrow_and_polars_give_the_same_month(register: soisua.Register, dense: Dict[str, Any]) -> None:
    cells = dense["cells"]
    expected = _run(register, dense)
    table = _cell_table(register, cells)
    _same(expected, _run(register, dense, cells=table))
    # A table in several chunks (its columns joined: a copy), and a record batch.
    chunked = pa.concat_tables([table.slice(0, 1000), table.slice(1000, 3000), table.slice(4000)])
    assert chunked.column(register.items[0]).num_chunks == 3
    _same(expected, _run(register, dense, cells=chunked, threads=2))
    _same(expected, _run(register, dense, cells=table.to_batches(max_chunksize=1 << 30)[0]))
    frame = pl.DataFrame({code: cells[i] for i, code in enumerate(register.items)}).with_columns(unit=pl.lit("x"))
    assert frame.schema[register.items[0]] == pl.UInt8
    _same(expected, _run(register, dense, cells=frame))
    # Arrow arrays and polars Series for the other columns.
    _same(
        expected,
        _run(
            register,
            dense,
            unit_parent=pa.array(dense["unit_parent"]),
            member_unit=pl.Series(dense["member_unit"]),
            member_roles=pa.chunked_array([dense["member_roles"][:10], dense["member_roles"][10:]]),
        ),
    )
    # A list of one array per item (NumPy rows, Arrow arrays).
    _same(expected, _run(register, dense, cells=list(cells)))
    _same(expected, _run(register, dense, cells=[pa.array(row) for row in cells]))
    # Rows contiguous but not the whole matrix (a slice of a wider one): one view per row.
    wide = np.ones((cells.shape[0], cells.shape[1] + 5), dtype=np.uint8)
    wide[:, : cells.shape[1]] = cells
    view = wide[:, : cells.shape[1]]
    assert not view.flags.c_contiguous
    _same(expected, _run(register, dense, cells=view))


def test_entries_from_a_dict_and_from_tables(register: soisua.Register, sparse: Dict[str, Any]) -> None:
    expected = _run(register, sparse)
    keys = ("entry_member", "entry_item", "entry_code")
    _same(expected, _run(register, sparse, entries={k: sparse[k] for k in keys}))
    _same(expected, _run(register, sparse, entries={k: pa.array(sparse[k]) for k in keys}))
    short = {"member": sparse["entry_member"], "item": sparse["entry_item"], "code": sparse["entry_code"]}
    _same(expected, _run(register, sparse, entries=pa.table(short)))
    _same(expected, _run(register, sparse, entries=pl.DataFrame(short)))
    _same(expected, _run(register, sparse, entries=pa.table({k: sparse[k] for k in keys})))


def test_cases_from_arrow_and_without_case_remedied(register: soisua.Register, dense: Dict[str, Any]) -> None:
    expected = _run(register, dense)
    cases = {k: pa.array(v) for k, v in dense.items() if k.startswith("case_") and k != "case_remedied"}
    result = _run(register, dense, cases=cases)
    np.testing.assert_array_equal(result["verdicts"], expected["verdicts"])
    np.testing.assert_array_equal(result["units"], expected["units"])
    carried = result["cases"]["case_remedied"]
    assert carried.dtype == np.int32 and ((carried == -1) | (carried == 24248)).all()
    nothing = _run(register, dense, cases=None)
    assert len(nothing["cases"]["case_member"]) == nothing["opened"]


def test_a_member_not_counted_with_shortcomings_is_a_note(register: soisua.Register) -> None:
    cells = np.ones((len(register.items), 2), dtype=np.uint8)
    cells[0, 0] = 4
    result = register.evaluate(
        "2020-09",
        unit_parent=np.array([NONE], dtype=np.uint32),
        member_unit=np.array([NONE, 0], dtype=np.uint32),
        member_roles=np.zeros(2, dtype=np.uint8),
        cells=cells,
    )
    assert result["verdicts"].tolist() == [255, 1]
    assert result["units"].tolist() == [[0, 1, 0, 0]]
    assert [n["code"] for n in result["notes"]] == ["member_not_in_unit"]
    assert result["notes"][0]["path"] == ["members", 0]


# ---------------------------------------------------------------------------------------------
# Against the Evaluator: roster() and ReviewBatch.synthetic months


def _cells_of(register: soisua.Register, roster: Dict[str, Any], batches: List[soisua.ReviewBatch]) -> Any:
    """The cell's conclusions of batches as a dense matrix over the roster's members (0 where none)."""
    long = pl.concat([pl.DataFrame(b.to_long()) for b in batches]).filter(pl.col("assessor") == "cell")
    members = pl.DataFrame({"member": roster["member_ids"], "m": np.arange(len(roster["member_ids"]), dtype=np.int64)})
    items = pl.DataFrame({"item": register.items, "i": np.arange(len(register.items), dtype=np.int64)})
    codes = pl.DataFrame({"finding": list(CODES), "code": list(CODES.values())}, schema={"finding": pl.String, "code": pl.UInt8})
    rows = long.join(members, on="member").join(items, on="item").join(codes, on="finding")
    assert rows.height == long.height
    cells = np.zeros((len(register.items), len(roster["member_ids"])), dtype=np.uint8)
    cells[rows["i"].to_numpy(), rows["m"].to_numpy()] = rows["code"].to_numpy()
    return cells


def _roll_up(own: Any, parent: Any) -> Any:
    counts = own.copy()
    for u in range(len(parent) - 1, -1, -1):
        if parent[u] != NONE:
            counts[parent[u]] += counts[u]
    return counts


#: The units whose members have reviews in the Evaluator comparison: a grassroots committee and
#: its 12 cells, and two sector cells (reading every review of the district into Python takes
#: minutes in the unoptimised build the tests use). Every other member has none: not evaluated.
REVIEWED = ["DB-01", "CB-37", "CB-38"]


def test_roster_months_equal_the_evaluator_month_by_month(register: soisua.Register) -> None:
    catalogue = register.catalogue
    organisation = soisua.Organisation.synthetic("district", 2020)
    months = ["2020-09", "2020-10", "2020-11"]
    batches = [
        [soisua.ReviewBatch.synthetic(organisation.subtree(unit), catalogue, month, 2020 + i) for unit in REVIEWED]
        for i, month in enumerate(months)
    ]
    history = soisua.History([batch for month in batches for batch in month])
    evaluation = soisua.Evaluator(catalogue, organisation).evaluate(history, months[0], months[-1])
    results = evaluation.columns("results")
    cases: Optional[Dict[str, Any]] = None
    for month, batch in zip(months, batches):
        roster = soisua.Register.roster(organisation, month)
        result = register.evaluate(
            month,
            unit_parent=roster["unit_parent"],
            member_unit=roster["member_unit"],
            member_roles=roster["member_roles"],
            cells=_cells_of(register, roster, batch),
            threads=2,
            cases=cases,
        )
        # Every member's verdict.
        index = {m: i for i, m in enumerate(roster["member_ids"])}
        expected = np.full(len(roster["member_ids"]), 255, dtype=np.uint8)
        units = {u: i for i, u in enumerate(roster["unit_ids"])}
        own = np.zeros((len(units), 4), dtype=np.int64)
        for at, member, unit, verdict in zip(results["month"], results["member"], results["unit"], results["verdict"]):
            if at == month:
                expected[index[member]] = VERDICT_INDEX[verdict]
                own[units[unit], VERDICT_INDEX[verdict]] += 1
        assert (expected != 255).sum() == (roster["member_unit"] != NONE).sum() > 6000
        reviewed = sum(len(b) for b in batch)
        assert reviewed > 250 and int(((expected != 0) & (expected != 255)).sum()) == reviewed
        np.testing.assert_array_equal(result["verdicts"], expected, err_msg=month)
        # The counts per unit, rolled up, and in total.
        np.testing.assert_array_equal(result["units"], _roll_up(own, roster["unit_parent"]), err_msg=month)
        counts = evaluation.counts()[month]
        assert _total(result, roster) == [counts[v] for v in VERDICT_INDEX], month
        cases = dict(result["cases"])
    # The cases at the end: the ledger's.
    assert cases is not None
    roster = soisua.Register.roster(organisation, months[-1])
    ours = sorted(
        (roster["member_ids"][m], register.items[i], o, s)
        for m, i, o, s in zip(cases["case_member"], cases["case_item"], cases["case_opened"], cases["case_state"])
    )

    def index_of(month: str) -> int:
        year, number = month.split("-")
        return int(year) * 12 + int(number) - 1

    theirs = sorted((c["member"], c["item"], index_of(c["opened"]), STATE_INDEX[c["state"]]) for c in evaluation.cases())
    # The register keeps cases later months need; the ledger keeps them all.
    assert set(ours) <= set(theirs)
    assert {c for c in theirs if c[3] in (0, 2)} <= set(ours)
    assert len(ours) > 10


def test_carrying_cases_into_the_next_month(register: soisua.Register, dense: Dict[str, Any]) -> None:
    september = _run(register, dense)
    october = register.synthetic("district", month="2020-10")
    result = _run(register, october, cases=september["cases"])
    assert result["month"] == 24249
    cases = result["cases"]
    assert len(cases["case_member"]) > 0
    # Cases stay sorted by member; the ones opened in September are still there or retired.
    assert (np.diff(cases["case_member"].astype(np.int64)) >= 0).all()
    opened_before = int((september["cases"]["case_opened"] == 24248).sum())
    still = int((cases["case_opened"] == 24248).sum()) + int((result["retired"]["case_opened"] == 24248).sum())
    assert still == opened_before
    assert result["remedied"] > 0
    # Carrying the same cases as Arrow arrays gives the same month.
    _same(result, _run(register, october, cases={k: pa.array(v) for k, v in september["cases"].items()}))


def test_inspection_outcomes_close_escalated_cases(register: soisua.Register, dense: Dict[str, Any]) -> None:
    september = _run(register, dense)
    cases: Dict[str, Any] = dict(september["cases"])
    escalated = np.flatnonzero(cases["case_state"] == STATE_INDEX["escalated"])
    assert len(escalated) > 2
    october = register.synthetic("district", month="2020-10")
    without = _run(register, october, cases=cases)
    decided: Dict[str, Any] = {
        "outcome_member": cases["case_member"][escalated],
        "outcome_item": cases["case_item"][escalated],
        "outcome_opened": cases["case_opened"][escalated],
    }
    result = _run(register, october, cases=cases, outcomes=decided)
    # Closed before October is evaluated: none of those cases keeps its member at help or inspect.
    after: Dict[str, Any] = dict(result["cases"])
    keys = set(zip(decided["outcome_member"].tolist(), decided["outcome_item"].tolist(), decided["outcome_opened"].tolist()))
    retired: Dict[str, Any] = dict(result["retired"])
    for table in (after, retired):
        for member, item, opened, state in zip(
            table["case_member"].tolist(), table["case_item"].tolist(), table["case_opened"].tolist(), table["case_state"].tolist()
        ):
            if (member, item, opened) in keys:
                assert state == STATE_INDEX["closed"]
    better = int((result["verdicts"] < without["verdicts"]).sum())
    worse = int((result["verdicts"] > without["verdicts"]).sum())
    assert better > 0 and worse == 0
    # A case not escalated (or unknown) is located, and nothing is recorded.
    open_case = int(np.flatnonzero(cases["case_state"] == STATE_INDEX["open"])[0])
    bad = {k: np.append(v, [cases[k.replace("outcome", "case")][open_case]]) for k, v in decided.items()}
    with pytest.raises(soisua.InvalidDocumentError) as caught:
        _run(register, october, cases=cases, outcomes=bad)
    issue = caught.value.issues[0]
    assert issue["code"] == "case_not_escalated" and issue["path"] == ["outcomes", len(escalated)]
    with pytest.raises(soisua.InvalidArgumentError, match="outcome_item"):
        _run(register, october, cases=cases, outcomes={**decided, "outcome_item": decided["outcome_item"].astype(np.int64)})
    with pytest.raises(soisua.InvalidArgumentError, match="outcomes"):
        _run(register, october, cases=cases, outcomes=[1, 2])


# ---------------------------------------------------------------------------------------------
# Errors


def test_a_wrong_numpy_dtype_is_named(register: soisua.Register, dense: Dict[str, Any]) -> None:
    with pytest.raises(soisua.InvalidArgumentError) as raised:
        _run(register, dense, member_unit=dense["member_unit"].astype(np.int64))
    message = str(raised.value)
    assert "member_unit" in message and "int64" in message and "uint32" in message
    assert raised.value.code == "invalid_argument" and "member_unit" in raised.value.message_vi
    with pytest.raises(soisua.InvalidArgumentError, match=r"`cells`.*int16.*uint8"):
        _run(register, dense, cells=dense["cells"].astype(np.int16))
    with pytest.raises(soisua.InvalidArgumentError, match=r"case_opened.*int64.*int32"):
        _run(register, dense, cases=dict(dense, case_opened=dense["case_opened"].astype(np.int64)))


def test_a_wrong_arrow_type_is_named(register: soisua.Register, dense: Dict[str, Any]) -> None:
    with pytest.raises(soisua.InvalidArgumentError, match=r"`member_roles`.*`Int64` \(NumPy `int64`\).*`UInt8`"):
        _run(register, dense, member_roles=pa.array(dense["member_roles"].astype(np.int64)))
    table = _cell_table(register, dense["cells"])
    code = register.items[3]
    table = table.set_column(table.schema.get_field_index(code), code, pa.array(dense["cells"][3].astype(np.int32)))
    with pytest.raises(soisua.InvalidArgumentError) as raised:
        _run(register, dense, cells=table)
    assert f"`{code}`" in str(raised.value) and "Int32" in str(raised.value)
    frame = pl.DataFrame({"member": [1, 2], "item": [0, 1], "code": [4, 4]})  # Int64 columns
    with pytest.raises(soisua.InvalidArgumentError, match=r"`member`.*Int64.*UInt32"):
        _run(register, dense, cells=None, entries=frame)


def test_nulls_are_refused(register: soisua.Register, dense: Dict[str, Any]) -> None:
    table = _cell_table(register, dense["cells"])
    code = register.items[0]
    with_null = pa.array([None] + dense["cells"][0][1:].tolist(), type=pa.uint8())
    table = table.set_column(table.schema.get_field_index(code), code, with_null)
    with pytest.raises(soisua.InvalidArgumentError, match=rf"`{code}` has 1 null"):
        _run(register, dense, cells=table)


def test_strided_or_wrongly_shaped_numpy_arrays_are_refused(register: soisua.Register, dense: Dict[str, Any]) -> None:
    doubled = np.repeat(dense["member_unit"], 2)[::2]
    assert not doubled.flags.c_contiguous
    with pytest.raises(soisua.InvalidArgumentError, match="strided"):
        _run(register, dense, member_unit=doubled)
    with pytest.raises(soisua.InvalidArgumentError, match="Fortran"):
        _run(register, dense, cells=np.asfortranarray(dense["cells"]))
    with pytest.raises(soisua.InvalidArgumentError, match=r"shape \(126, 6278\)"):
        _run(register, dense, cells=dense["cells"][1:])
    with pytest.raises(soisua.InvalidArgumentError, match="not `list`"):
        _run(register, dense, member_roles=dense["member_roles"].tolist())


def test_a_missing_item_column_is_named(register: soisua.Register, dense: Dict[str, Any]) -> None:
    table = _cell_table(register, dense["cells"]).drop_columns([register.items[5], register.items[9]])
    with pytest.raises(soisua.InvalidDocumentError) as raised:
        _run(register, dense, cells=table)
    issues = raised.value.issues
    assert [(i["code"], i["path"]) for i in issues] == [
        ("missing_column", ["cells", register.items[5]]),
        ("missing_column", ["cells", register.items[9]]),
    ]
    assert register.items[5] in str(raised.value)


def test_unsorted_entries_are_rows_out_of_order(register: soisua.Register, sparse: Dict[str, Any]) -> None:
    swapped = {k: sparse[k].copy() for k in ("entry_member", "entry_item", "entry_code")}
    for column in swapped.values():
        column[[3, 4]] = column[[4, 3]]
    with pytest.raises(soisua.InvalidDocumentError) as raised:
        _run(register, sparse, entries=swapped)
    assert raised.value.issues[0]["code"] == "rows_out_of_order"
    assert raised.value.issues[0]["path"] == ["entries", 4]


def test_threads_zero_is_refused(register: soisua.Register, dense: Dict[str, Any]) -> None:
    with pytest.raises(soisua.InvalidArgumentError, match="threads"):
        _run(register, dense, threads=0)
    with pytest.raises(soisua.InvalidArgumentError, match="threads"):
        _run(register, dense, threads=-1)


def test_a_bad_code_byte_is_located(register: soisua.Register, dense: Dict[str, Any]) -> None:
    cells = dense["cells"].copy()
    cells[5, 17] = 3
    with pytest.raises(soisua.InvalidDocumentError) as raised:
        _run(register, dense, cells=cells)
    issue = raised.value.issues[0]
    assert (issue["code"], issue["path"]) == ("invalid_value", ["cells", register.items[5], 17])
    # Not applicable (2) on a manifestation is a bad code too; and in the sparse form.
    cells[5, 17] = 2
    assert register.rules()["item_kind"][5] == 0
    with pytest.raises(soisua.InvalidDocumentError, match="invalid|không"):
        _run(register, dense, cells=cells)
    entries = {"entry_member": np.array([0], np.uint32), "entry_item": np.array([0], np.uint16), "entry_code": np.array([9], np.uint8)}
    with pytest.raises(soisua.InvalidDocumentError) as raised:
        _run(register, dense, cells=None, entries=entries)
    assert raised.value.issues[0]["path"] == ["entries", 0, "code"]


def test_cells_and_entries_exactly_one(register: soisua.Register, dense: Dict[str, Any], sparse: Dict[str, Any]) -> None:
    with pytest.raises(soisua.InvalidArgumentError, match="not both"):
        _run(register, dense, entries=sparse)
    with pytest.raises(soisua.InvalidArgumentError, match="`cells` \\(dense\\) or `entries`"):
        _run(register, dense, cells=None)


def test_lengths_that_do_not_fit_are_located(register: soisua.Register, dense: Dict[str, Any]) -> None:
    with pytest.raises(soisua.InvalidDocumentError) as raised:
        _run(register, dense, member_roles=dense["member_roles"][:-1])
    assert raised.value.issues[0]["code"] == "column_length"
    parent = dense["unit_parent"].copy()
    parent[0] = 5
    with pytest.raises(soisua.InvalidDocumentError) as raised:
        _run(register, dense, unit_parent=parent)
    assert raised.value.issues[0]["code"] == "rows_out_of_order"


def test_other_bad_arguments(register: soisua.Register, dense: Dict[str, Any]) -> None:
    with pytest.raises(soisua.InvalidValueError):
        _run(register, dense, month="2020-13")
    with pytest.raises(soisua.InvalidArgumentError, match="cases"):
        _run(register, dense, cases=[1, 2])
    with pytest.raises(soisua.InvalidArgumentError, match="case_state"):
        _run(register, dense, cases={k: v for k, v in dense.items() if k != "case_state"})
    with pytest.raises(soisua.InvalidArgumentError, match="policy"):
        soisua.Register(register.catalogue, "strict")  # type: ignore[arg-type]
    with pytest.raises(soisua.UnknownNameError):
        register.synthetic("planet")
    with pytest.raises(soisua.InvalidValueError):
        register.synthetic("district", form="wide")


# ---------------------------------------------------------------------------------------------
# Zero-copy


def test_numpy_arrays_are_viewed_not_copied(register: soisua.Register, dense: Dict[str, Any]) -> None:
    unit = dense["member_unit"]
    view = _arrow_view("member_unit", unit)
    assert view.buffers()[1].address == unit.ctypes.data and view.type == pa.uint32()
    flat = register._cells(dense["cells"], len(unit), np)
    assert flat.buffers()[1].address == dense["cells"].ctypes.data and len(flat) == dense["cells"].size
    entries = _arrow_view("entries", dense["case_item"], "case_item")
    assert entries.buffers()[1].address == dense["case_item"].ctypes.data


def test_read_only_inputs_work_and_results_are_read_only_views(register: soisua.Register, dense: Dict[str, Any]) -> None:
    frozen = {k: v.copy() if isinstance(v, np.ndarray) else v for k, v in dense.items()}
    for value in frozen.values():
        if isinstance(value, np.ndarray):
            value.flags.writeable = False
    result = _run(register, frozen)
    _same(result, _run(register, dense))
    for array in (result["verdicts"], result["units"], result["cases"]["case_member"]):
        assert not array.flags.writeable and not array.flags.owndata
    with pytest.raises(ValueError):
        result["verdicts"][0] = 0
    # Results can be carried as they are (read-only arrays are viewed as well).
    _run(register, dense, cases=result["cases"])


def _owner(array: Any) -> Any:
    """What owns an array's memory: its first base that is not an array."""
    while isinstance(array, np.ndarray):
        array = array.base
    return array


def test_big_results_view_native_memory(register: soisua.Register) -> None:
    """Results over 16 KiB are the native vectors lent to NumPy; smaller ones are copied."""
    members = 20_000
    result = register.evaluate(
        "2020-09",
        unit_parent=np.array([NONE], dtype=np.uint32),
        member_unit=np.zeros(members, dtype=np.uint32),
        member_roles=np.zeros(members, dtype=np.uint8),
        cells=np.ones((len(register.items), members), dtype=np.uint8),
    )
    verdicts = result["verdicts"]
    assert type(_owner(verdicts)).__name__ == "_NativeBuffer"
    assert getattr(_owner(verdicts), "__array_interface__")["data"][1] is True  # lent read-only
    assert not verdicts.flags.writeable and verdicts.tolist() == [1] * members
    assert type(_owner(result["units"])) is bytes and result["units"].tolist() == [[0, members, 0, 0]]
    # A view of a view keeps the vector alive.
    tail = verdicts[-5:]
    del result, verdicts
    assert tail.tolist() == [1] * 5


#: Run in a fresh interpreter: the peak resident memory grows by less than half a big matrix
#: while the register reads it (from NumPy, and from a pyarrow Table). Reading is all that is
#: measured: `member_roles` is one member short, so the core refuses the month right after the
#: columns are imported (evaluating them would take a while unoptimised).
NO_COPY = """
import resource, sys
import numpy as np, pyarrow as pa, soisua
from soisua.register import NONE, _arrow_view

def peak():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024

register = soisua.Register(soisua.Catalogue.synthetic_local())
members = 500_000
cells = np.ones((len(register.items), members), dtype=np.uint8)
table = pa.table({code: _arrow_view("cells", row) for code, row in zip(register.items, cells)})
columns = dict(
    unit_parent=np.array([NONE], dtype=np.uint32),
    member_unit=np.zeros(members, dtype=np.uint32),
    member_roles=np.zeros(members - 1, dtype=np.uint8),
)
for given in (cells[:, :1].copy(), cells, table):
    before = peak()
    try:
        register.evaluate("2020-09", **dict(columns, member_unit=columns["member_unit"][: given.shape[1] if hasattr(given, "ndim") else members]), cells=given)
    except soisua.InvalidDocumentError as error:
        assert error.issues[0]["code"] == "column_length", error.issues
    print(peak() - before, cells.nbytes)
"""


def test_a_big_matrix_is_not_copied() -> None:
    resource = pytest.importorskip("resource")
    assert resource
    out = subprocess.run([sys.executable, "-c", NO_COPY], check=True, capture_output=True, text=True).stdout
    runs = [tuple(int(x) for x in line.split()) for line in out.splitlines()]
    assert len(runs) == 3
    for grown, size in runs[1:]:  # the first run warms up
        assert grown < size // 2, f"the peak grew by {grown} bytes reading {size} bytes of cells"


# ---------------------------------------------------------------------------------------------
# Against the benchmark peers (bench/peers.py, written beside this binding)


def _peers() -> ModuleType:
    if not PEERS.exists():
        pytest.skip(f"{PEERS} is not there")
    name = "soisua_bench_peers"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, PEERS)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    try:
        spec.loader.exec_module(module)
    except ImportError as error:
        pytest.skip(f"bench/peers.py cannot be imported here: {error}")
    sys.modules[name] = module
    return module


def _duckdb_works() -> Tuple[bool, str]:
    try:
        import duckdb  # noqa: F401
    except ImportError as error:
        return False, f"duckdb is not installed ({error})"
    return True, ""


@pytest.mark.parametrize("form", ["dense", "sparse"])
@pytest.mark.parametrize("peer", ["numpy_month", "polars_month", "duckdb_month"])
def test_the_peers_count_what_soisua_counts(register: soisua.Register, form: str, peer: str) -> None:
    if peer == "duckdb_month":
        works, why = _duckdb_works()
        if not works:
            pytest.skip(why)
    peers = _peers()
    data = register.synthetic("district", form=form)
    ours = _run(register, data)
    theirs = getattr(peers, peer)(data)
    np.testing.assert_array_equal(theirs["verdicts"], ours["units"])
    assert (theirs["cases_opened"], theirs["cases_remedied"], theirs["cases_escalated"]) == (
        ours["opened"],
        ours["remedied"],
        ours["escalated"],
    )
