"""Benchmark peers for issue 7: one month of the register (register_spec.md), four ways.

Every function here reads the columnar month described in ``register_spec.md`` beside this file (a
dict of NumPy arrays and policy scalars, in the dense ``cells`` form or the sparse ``entry_*`` form,
whichever key is present) and returns the same :class:`Result`: verdicts per unit rolled up the tree
and the month's case totals.

- :func:`reference_month` -- the spec read line by line, in plain Python loops over members and their
  cases. Slow and obviously correct: the oracle the tests hold the other three to.
- :func:`numpy_month` -- vectorised NumPy, in the manner of OpenFisca's formulas: whole-array masks,
  ``bincount`` and fancy indexing; Python only loops over tree levels.
- :func:`polars_month` -- Polars lazy frames and expressions (joins, group-bys, ``when/then``); the
  arrays enter zero-copy through Arrow. Threads come from ``POLARS_MAX_THREADS`` set before import.
- :func:`duckdb_month` -- DuckDB SQL over the arrays registered zero-copy as Arrow tables
  (``threads`` sets ``SET threads``).
- :func:`synthetic` -- a NumPy generator of months in the spec's format, with the synthetic local
  catalogue's shape and planted histories that exercise every rule at small scale.

All three engines follow one plan, the one an analyst would write. The dense matrix is first reduced
to its long form, one row per non-clean cell (the same rows as the sparse form): NumPy finds the
members whose column is not all clean (its minimum or maximum is not 1) and reads only their columns;
Polars filters the rows that are not all clean and unpivots them; DuckDB unions one filtered SELECT per
item column (UNPIVOT over the whole table was about four times slower at national scale). Every rule
is then computed over those rows and the (few) carried cases; the verdict is computed for every
member (the members with nothing to say are commended through the same expression) and counted per
unit, then rolled up the tree. Codes other than 0, 1, 2, 4 raise :class:`ValueError` everywhere.

Preconditions the spec states and the peers do not check: member, item and unit indices in range,
entries sorted by (member, item) without duplicates, at most one active case per (member, item).
``recurrence_months`` must be at least 1, so that the new case counts in its own recurrence window
(checked).
"""

from __future__ import annotations

from typing import Any, Counter, Dict, List, Mapping, Optional, Sequence, Tuple, TypedDict

import numpy as np
import numpy.typing as npt
import polars as pl
import pyarrow as pa  # type: ignore[import-untyped]

__all__ = [
    "Result",
    "reference_month",
    "numpy_month",
    "polars_month",
    "duckdb_month",
    "synthetic",
    "ROOT",
]

#: ``unit_parent`` of a root unit.
ROOT = 0xFFFF_FFFF
# Case states.
OPEN, REMEDIED, ESCALATED, CLOSED = 0, 1, 2, 3
# Verdict indices (columns of ``verdicts``); a rule's level is HELP or INSPECT.
NOT_EVALUATED, COMMEND, HELP, INSPECT = 0, 1, 2, 3
# Item kinds.
MANIFESTATION, EXEMPLARY, PROHIBITION = 0, 1, 2
# Cell codes.
NO_CONCLUSION, CLEAN, NOT_APPLICABLE, ADVERSE = 0, 1, 2, 4
VALID_CODES = (NO_CONCLUSION, CLEAN, NOT_APPLICABLE, ADVERSE)

Data = Mapping[str, Any]
I64 = npt.NDArray[np.int64]


class Result(TypedDict):
    """What every peer returns (and the tests compare)."""

    verdicts: I64  # int64[U, 4]: members per verdict per unit, rolled up the tree
    cases_opened: int
    cases_remedied: int
    cases_escalated: int


class _Month:
    """The scalars and the small per-item arrays of a month, read once and checked."""

    def __init__(self, data: Data) -> None:
        self.month = int(data["month"])
        self.kind = np.asarray(data["item_kind"], dtype=np.uint8)
        self.window = np.asarray(data["item_window"], dtype=np.uint8)
        self.inspect = np.asarray(data["item_inspect"], dtype=np.bool_)
        self.applies = np.asarray(data["item_applies"], dtype=np.uint8)
        self.items = len(self.kind)
        self.members = len(data["member_unit"])
        self.units = len(data["unit_parent"])
        self.recurrence_cases = int(data["recurrence_cases"])
        self.recurrence_months = int(data["recurrence_months"])
        self.breadth = int(data["breadth"])
        self.pending_level = INSPECT if bool(data["pending_inspect"]) else HELP
        self.commend_requires_complete = bool(data["commend_requires_complete"])
        if self.recurrence_months < 1:
            raise ValueError("recurrence_months must be at least 1")
        #: First month of the recurrence window: cases opened on or after it count.
        self.recurrence_from = self.month + 1 - self.recurrence_months
        if "cells" in data:
            shape = np.shape(data["cells"])
            if shape != (self.items, self.members):
                raise ValueError(f"cells has shape {shape}, expected {(self.items, self.members)}")
        elif "entry_member" not in data:
            raise ValueError("a month needs either cells (dense) or entry_member/entry_item/entry_code (sparse)")


def _bad_code(codes: npt.NDArray[Any]) -> None:
    bad = ~np.isin(codes, VALID_CODES)
    if bad.any():
        raise ValueError(f"invalid cell code {int(codes[bad][0])} (codes are 0, 1, 2, 4)")


def _empty_result(units: int) -> I64:
    return np.zeros((units, 4), dtype=np.int64)


# --------------------------------------------------------------------------------------------------
# The reference: the spec in loops.
# --------------------------------------------------------------------------------------------------


def reference_month(data: Data, trace: Optional[Counter[str]] = None) -> Result:
    """The spec's rules member by member, case by case, in plain Python. For small data only.

    ``trace``, if given, counts each path taken (rule names, ``remedied``, ``breadth_escalated``,
    ``no_conclusion``, ``incomplete``, ``commend``), so tests can check what a month exercises.
    """
    mo = _Month(data)
    seen: Counter[str] = Counter() if trace is None else trace
    month, n_items = mo.month, mo.items
    kind = [int(k) for k in mo.kind]
    window = [int(w) for w in mo.window]
    inspect = [bool(x) for x in mo.inspect]
    applies = [int(a) for a in mo.applies]
    member_unit = [int(u) for u in data["member_unit"]]
    member_roles = [int(r) for r in data["member_roles"]]
    unit_parent = [int(p) for p in data["unit_parent"]]

    # Each member's codes, item by item.
    codes: List[List[int]] = []
    if "cells" in data:
        cells = np.asarray(data["cells"])
        for m in range(mo.members):
            codes.append([int(c) for c in cells[:, m]])
    else:
        codes = [[CLEAN] * n_items for _ in range(mo.members)]
        for m, i, c in zip(data["entry_member"], data["entry_item"], data["entry_code"]):
            codes[int(m)][int(i)] = int(c)
    for row in codes:
        for c in row:
            if c not in VALID_CODES:
                raise ValueError(f"invalid cell code {c} (codes are 0, 1, 2, 4)")

    # Each member's cases, as mutable records, in the given order.
    cases: Dict[int, List[Dict[str, int]]] = {}
    for m, i, o, d, s, e in zip(
        data["case_member"], data["case_item"], data["case_opened"], data["case_deadline"],
        data["case_state"], data["case_escalated"],
    ):
        cases.setdefault(int(m), []).append(
            {"item": int(i), "opened": int(o), "deadline": int(d), "state": int(s), "escalated": int(e)}
        )

    opened = remedied = escalated = 0
    counts = [[0, 0, 0, 0] for _ in range(mo.units)]
    for m in range(mo.members):
        row = codes[m]
        mine = cases.get(m, [])
        # 1. No conclusion at all: not evaluated, the cases stay as they are.
        if all(c == NO_CONCLUSION for c in row):
            seen["no_conclusion"] += 1
            counts[member_unit[m]][NOT_EVALUATED] += 1
            continue
        adverse = {i for i in range(n_items) if row[i] == ADVERSE}
        clean = {i for i in range(n_items) if row[i] == CLEAN}
        levels: List[int] = []  # the level of every rule that fires

        def escalate(case: Dict[str, int]) -> None:
            nonlocal escalated
            case["state"] = ESCALATED
            case["escalated"] = month
            escalated += 1

        # 2.1 progress of the open cases opened before this month.
        for case in mine:
            if case["state"] == OPEN and case["opened"] < month:
                if case["item"] in clean and case["item"] not in adverse and month <= case["deadline"]:
                    case["state"] = REMEDIED
                    remedied += 1
                    seen["remedied"] += 1
                elif month >= case["deadline"]:
                    escalate(case)
                    levels.append(INSPECT)
                    seen["overdue"] += 1
        # 2.2 open cases for the adverse items, in item order.
        for p in sorted(adverse):
            active = [c for c in mine if c["item"] == p and c["state"] in (OPEN, ESCALATED)]
            if active:
                if any(c["state"] == OPEN and c["opened"] < month for c in active):
                    levels.append(HELP)
                    seen["help_continuing"] += 1
                else:
                    seen["active_no_help"] += 1
                continue
            case = {"item": p, "opened": month, "deadline": month + window[p], "state": OPEN, "escalated": -1}
            mine.append(case)
            opened += 1
            seen["new_case"] += 1
            if inspect[p]:
                levels.append(INSPECT)
                seen["inspect"] += 1
                escalate(case)
            recent = sum(1 for c in mine if c["item"] == p and c["opened"] >= month + 1 - mo.recurrence_months)
            if recent >= mo.recurrence_cases:
                levels.append(INSPECT)
                seen["relapse"] += 1
                if case["state"] != ESCALATED:
                    escalate(case)
            if case["state"] != ESCALATED and window[p] == 0:
                levels.append(INSPECT)
                seen["overdue_at_once"] += 1
                escalate(case)
            if case["state"] != ESCALATED:
                levels.append(HELP)
                seen["help_new"] += 1
        # 2.3 breadth.
        manifest = {p for p in adverse if kind[p] == MANIFESTATION}
        if len(manifest) >= mo.breadth:
            levels.append(INSPECT)
            seen["breadth"] += 1
            for case in mine:
                if case["state"] == OPEN and case["item"] in manifest:
                    escalate(case)
                    seen["breadth_escalated_new" if case["opened"] == month else "breadth_escalated_old"] += 1
        # 2.4 still open.
        for case in mine:
            if case["state"] == ESCALATED and case["escalated"] < month:
                levels.append(mo.pending_level)
                seen["pending"] += 1
            if (case["state"] == OPEN and case["opened"] < month
                    and case["item"] not in adverse and case["item"] not in clean):
                levels.append(HELP)
                seen["open_case"] += 1
        # 2.5 verdict.
        if levels:
            verdict = max(levels)
        else:
            incomplete = any(
                row[i] == NO_CONCLUSION and (applies[i] == 0 or applies[i] & member_roles[m] != 0)
                for i in range(n_items)
            )
            verdict = NOT_EVALUATED if mo.commend_requires_complete and incomplete else COMMEND
            seen["incomplete" if verdict == NOT_EVALUATED else "commend"] += 1
        counts[member_unit[m]][verdict] += 1

    # Roll up: children come after their parents, so walk backwards.
    for u in reversed(range(mo.units)):
        if unit_parent[u] != ROOT:
            for v in range(4):
                counts[unit_parent[u]][v] += counts[u][v]
    return {
        "verdicts": np.array(counts, dtype=np.int64).reshape(mo.units, 4),
        "cases_opened": opened,
        "cases_remedied": remedied,
        "cases_escalated": escalated,
    }


# --------------------------------------------------------------------------------------------------
# NumPy.
# --------------------------------------------------------------------------------------------------


def _numpy_entries(data: Data) -> Tuple[I64, I64, npt.NDArray[np.uint8]]:
    """The non-clean cells as (member, item, code); sparse: as given, dense: in item order.

    Dense: a member is all clean exactly when the minimum and the maximum of its column are both 1, so
    two reductions over the matrix find the few members with anything else; only their columns are
    read again, for the long form.
    """
    if "cells" in data:
        cells = np.asarray(data["cells"], dtype=np.uint8)
        dirty = np.flatnonzero((cells.min(axis=0) != CLEAN) | (cells.max(axis=0) != CLEAN))
        sub = np.take(cells, dirty, axis=1)  # [items, dirty members]
        item, column = np.divmod(np.flatnonzero(sub != CLEAN), len(dirty))
        return dirty[column], item, sub[item, column]
    return (
        np.asarray(data["entry_member"]).astype(np.int64),
        np.asarray(data["entry_item"]).astype(np.int64),
        np.asarray(data["entry_code"], dtype=np.uint8),
    )


def _lookup(keys: I64, values: npt.NDArray[Any], wanted: I64, default: int) -> npt.NDArray[Any]:
    """``values`` at the position of each ``wanted`` key in sorted ``keys``, ``default`` if absent."""
    if len(keys) == 0:
        return np.full(len(wanted), default, dtype=values.dtype)
    pos = np.minimum(np.searchsorted(keys, wanted), len(keys) - 1)
    return np.where(keys[pos] == wanted, values[pos], default)


def _numpy_rollup(counts: I64, parent: npt.NDArray[np.uint32]) -> I64:
    """Add every unit's counts into all its ancestors, one tree level at a time (deepest first)."""
    units = len(parent)
    has_parent = parent != ROOT
    up = np.where(has_parent, parent, 0).astype(np.int64)
    depth = np.zeros(units, dtype=np.int64)
    ancestor = np.arange(units, dtype=np.int64)
    alive = has_parent.copy()
    while alive.any():
        depth += alive
        ancestor = np.where(alive, up[ancestor], ancestor)
        alive = alive & has_parent[ancestor]
    for level in range(int(depth.max(initial=0)), 0, -1):
        at = np.flatnonzero(depth == level)
        np.add.at(counts, up[at], counts[at])
    return counts


def numpy_month(data: Data) -> Result:
    """The month with NumPy array operations (no Python loop over members, cases or entries)."""
    mo = _Month(data)
    month, n_items, n_members = mo.month, mo.items, mo.members
    kind, window, inspect, applies = mo.kind, mo.window, mo.inspect, mo.applies
    roles = np.asarray(data["member_roles"], dtype=np.uint8)

    em, ei, ec = _numpy_entries(data)
    _bad_code(ec)

    # Per member, from the long form: no conclusion, incomplete, manifestation items in A.
    zero = ec == NO_CONCLUSION
    evaluated = np.bincount(em[zero], minlength=n_members) < n_items
    applicable = (applies[ei] == 0) | ((applies[ei] & roles[em]) != 0)
    incomplete = np.zeros(n_members, dtype=np.bool_)
    incomplete[em[zero & applicable]] = True
    adverse = ec == ADVERSE
    am, ai = em[adverse], ei[adverse]
    broad = evaluated & (np.bincount(am[kind[ai] == MANIFESTATION], minlength=n_members) >= mo.breadth)

    # The carried cases, with their member's code on their item (1 where no entry).
    cm = np.asarray(data["case_member"]).astype(np.int64)
    ci = np.asarray(data["case_item"]).astype(np.int64)
    co = np.asarray(data["case_opened"]).astype(np.int64)
    cd = np.asarray(data["case_deadline"]).astype(np.int64)
    cs = np.asarray(data["case_state"]).astype(np.int64)
    ce = np.asarray(data["case_escalated"]).astype(np.int64)
    case_key = cm * n_items + ci
    if "cells" in data:
        code = np.asarray(data["cells"])[ci, cm]
    else:  # the entries are sorted by (member, item)
        code = _lookup(em * n_items + ei, ec, case_key, CLEAN)
    ev = evaluated[cm]

    # 2.1 progress.
    progress = ev & (cs == OPEN) & (co < month)
    remedy = progress & (code == CLEAN) & (month <= cd)
    overdue = progress & ~remedy & (month >= cd)
    state = np.where(remedy, REMEDIED, np.where(overdue, ESCALATED, cs))
    when = np.where(overdue, month, ce)

    # 2.2 open cases: help on a continuing case, else a new case.
    continuing = ev & (state == OPEN) & (co < month) & (code == ADVERSE)
    active = np.unique(case_key[(state == OPEN) | (state == ESCALATED)])
    fresh = ~np.isin(am * n_items + ai, active)
    nm, ni = am[fresh], ai[fresh]
    recent_keys, recent_n = np.unique(case_key[co >= mo.recurrence_from], return_counts=True)
    recurrences = 1 + _lookup(recent_keys, recent_n, nm * n_items + ni, 0)
    escalate_new = inspect[ni] | (recurrences >= mo.recurrence_cases) | (window[ni] == 0)

    # 2.3 breadth: open cases (carried and new) on the member's adverse manifestation items.
    breadth_old = broad[cm] & (state == OPEN) & (code == ADVERSE) & (kind[ci] == MANIFESTATION)
    breadth_new = broad[nm] & ~escalate_new & (kind[ni] == MANIFESTATION)
    state = np.where(breadth_old, ESCALATED, state)
    when = np.where(breadth_old, month, when)

    # 2.4 still open.
    pending = ev & (state == ESCALATED) & (when < month)
    open_case = ev & (state == OPEN) & (co < month) & (code != ADVERSE) & (code != CLEAN)

    # 2.5 verdict: help first, then inspect over it (the highest level wins).
    level = np.zeros(n_members, dtype=np.int8)
    helped = [cm[continuing], nm[~escalate_new], cm[open_case]]
    inspected = [cm[overdue], nm[escalate_new], np.flatnonzero(broad)]
    (inspected if mo.pending_level == INSPECT else helped).append(cm[pending])
    level[np.concatenate(helped)] = HELP
    level[np.concatenate(inspected)] = INSPECT
    rest = COMMEND - (mo.commend_requires_complete & incomplete).astype(np.int8)
    verdict = np.where(evaluated, np.where(level > 0, level, rest), NOT_EVALUATED)

    member_unit = np.asarray(data["member_unit"]).astype(np.intp)
    counts = np.bincount(member_unit * 4 + verdict, minlength=mo.units * 4).reshape(mo.units, 4)
    counts = _numpy_rollup(counts.astype(np.int64), np.asarray(data["unit_parent"], dtype=np.uint32))
    return {
        "verdicts": counts,
        "cases_opened": int(len(nm)),
        "cases_remedied": int(remedy.sum()),
        "cases_escalated": int(overdue.sum() + escalate_new.sum() + breadth_old.sum() + breadth_new.sum()),
    }


# --------------------------------------------------------------------------------------------------
# Arrow tables shared by Polars and DuckDB (zero-copy views of the NumPy arrays).
# --------------------------------------------------------------------------------------------------


def _arrow(columns: Mapping[str, npt.NDArray[Any]]) -> Any:
    """A pyarrow Table whose columns wrap the given (contiguous, primitive) arrays without copying."""
    return pa.table({name: pa.array(np.ascontiguousarray(values)) for name, values in columns.items()})


def _item_columns(mo: _Month) -> Dict[str, npt.NDArray[Any]]:
    return {
        "item": np.arange(mo.items, dtype=np.uint16),
        "kind": mo.kind,
        "window": mo.window.astype(np.int32),
        "inspect": mo.inspect,
        "applies": mo.applies,
    }


def _case_columns(data: Data) -> Dict[str, npt.NDArray[Any]]:
    return {
        "member": np.asarray(data["case_member"], dtype=np.uint32),
        "item": np.asarray(data["case_item"], dtype=np.uint16),
        "opened": np.asarray(data["case_opened"], dtype=np.int32),
        "deadline": np.asarray(data["case_deadline"], dtype=np.int32),
        "state": np.asarray(data["case_state"], dtype=np.uint8),
        "escalated": np.asarray(data["case_escalated"], dtype=np.int32),
    }


def _cell_columns(data: Data) -> Dict[str, npt.NDArray[Any]]:
    """The dense matrix as one column per item (each a contiguous row of ``cells``)."""
    cells = np.asarray(data["cells"], dtype=np.uint8)
    return {f"c{i}": cells[i] for i in range(cells.shape[0])}


def _scatter(units: int, unit: npt.NDArray[Any], verdict: npt.NDArray[Any], n: npt.NDArray[Any]) -> I64:
    out = _empty_result(units)
    out[np.asarray(unit, dtype=np.int64), np.asarray(verdict, dtype=np.int64)] = np.asarray(n, dtype=np.int64)
    return out


# --------------------------------------------------------------------------------------------------
# Polars.
# --------------------------------------------------------------------------------------------------


def _polars_entries(data: Data) -> pl.DataFrame:
    """The long form (member u32, item u16, code u8) of either input form."""
    if "cells" in data:
        # The rows that are not all clean, unpivoted; the item from the column name.
        wide = pl.from_arrow(_arrow(_cell_columns(data)), rechunk=False)
        assert isinstance(wide, pl.DataFrame)
        names = wide.columns
        return (
            wide.lazy()
            .with_row_index("member")
            .filter(~pl.all_horizontal(pl.col(names) == CLEAN))
            .unpivot(index="member", variable_name="name", value_name="code")
            .filter(pl.col("code") != CLEAN)
            .select("member", pl.col("name").str.slice(1).cast(pl.UInt16).alias("item"), "code")
            .collect()
        )
    frame = pl.from_arrow(
        _arrow({
            "member": np.asarray(data["entry_member"], dtype=np.uint32),
            "item": np.asarray(data["entry_item"], dtype=np.uint16),
            "code": np.asarray(data["entry_code"], dtype=np.uint8),
        }),
        rechunk=False,
    )
    assert isinstance(frame, pl.DataFrame)
    return frame


def _polars_closure(parent: npt.NDArray[Any]) -> pl.LazyFrame:
    """(unit, ancestor) for every unit and each of its ancestors, itself included."""
    units = pl.DataFrame({"unit": np.arange(len(parent), dtype=np.uint32), "parent": parent.astype(np.uint32)})
    closure = [units.select("unit", pl.col("unit").alias("ancestor"))]
    step = units.filter(pl.col("parent") != ROOT).select("unit", pl.col("parent").alias("ancestor"))
    while step.height:  # one pass per tree level
        closure.append(step)
        step = (
            step.join(units, left_on="ancestor", right_on="unit")
            .filter(pl.col("parent") != ROOT)
            .select("unit", pl.col("parent").alias("ancestor"))
        )
    return pl.concat(closure).lazy()


def polars_month(data: Data) -> Result:
    """The month with Polars lazy frames (threads: ``POLARS_MAX_THREADS`` before polars is imported)."""
    mo = _Month(data)
    month, n_items = mo.month, mo.items
    lit = pl.lit
    col = pl.col
    items = pl.from_arrow(_arrow(_item_columns(mo)))
    members_frame = pl.from_arrow(
        _arrow({"unit": np.asarray(data["member_unit"], dtype=np.uint32),
                "roles": np.asarray(data["member_roles"], dtype=np.uint8)}),
        rechunk=False,
    )
    cases_frame = pl.from_arrow(_arrow(_case_columns(data)), rechunk=False)
    assert isinstance(items, pl.DataFrame) and isinstance(members_frame, pl.DataFrame)
    assert isinstance(cases_frame, pl.DataFrame)
    members = members_frame.lazy().with_row_index("member")

    entries = _polars_entries(data)
    bad = entries.filter(~col("code").is_in(VALID_CODES))
    if bad.height:
        raise ValueError(f"invalid cell code {bad['code'][0]} (codes are 0, 1, 2, 4)")
    e = entries.lazy().join(items.lazy(), on="item")

    # Per member with any entry: zeros (no conclusion), incomplete, manifestation items in A. Roles
    # matter only for unconcluded items restricted to roles: only those rows meet the members table.
    restricted = (
        e.filter((col("code") == NO_CONCLUSION) & (col("applies") != 0))
        .join(members.select("member", "roles"), on="member")
        .group_by("member")
        .agg(applicable_zero=((col("applies") & col("roles")) != 0).any())
    )
    stats = (
        e.group_by("member")
        .agg(
            n_zero=(col("code") == NO_CONCLUSION).sum(),
            universal_zero=((col("code") == NO_CONCLUSION) & (col("applies") == 0)).any(),
            n_manifest=((col("code") == ADVERSE) & (col("kind") == MANIFESTATION)).sum(),
        )
        .join(restricted, on="member", how="left")
        .select("member", "n_zero", "n_manifest",
                incomplete=col("universal_zero") | col("applicable_zero").fill_null(False))
        .collect()
        .lazy()
    )
    evaluated = col("n_zero").fill_null(0) < n_items
    broad = evaluated & (col("n_manifest").fill_null(0) >= mo.breadth)

    # The carried cases through progress, help on continuing cases, breadth and still open.
    progress = col("ev") & (col("state") == OPEN) & (col("opened") < month)
    remedy = progress & (col("code") == CLEAN) & (month <= col("deadline"))
    cases = (
        cases_frame.lazy()
        .join(entries.lazy(), on=["member", "item"], how="left")
        .join(stats, on="member", how="left")
        .join(items.lazy(), on="item", how="left")
        .with_columns(col("code").fill_null(CLEAN), ev=evaluated, broad=broad)
        .with_columns(remedy=remedy, overdue=progress & ~remedy & (month >= col("deadline")))
        .with_columns(
            state1=pl.when("remedy").then(lit(REMEDIED)).when("overdue").then(lit(ESCALATED)).otherwise("state"),
            escalated1=pl.when("overdue").then(lit(month)).otherwise("escalated"),
        )
        .with_columns(
            continuing=col("ev") & (col("state1") == OPEN) & (col("opened") < month) & (col("code") == ADVERSE),
            breadth=col("broad") & (col("state1") == OPEN) & (col("code") == ADVERSE)
            & (col("kind") == MANIFESTATION),
        )
        .with_columns(
            state2=pl.when("breadth").then(lit(ESCALATED)).otherwise("state1"),
            escalated2=pl.when("breadth").then(lit(month)).otherwise("escalated1"),
        )
        .with_columns(
            pending=col("ev") & (col("state2") == ESCALATED) & (col("escalated2") < month),
            open_case=col("ev") & (col("state2") == OPEN) & (col("opened") < month)
            & ~col("code").is_in([ADVERSE, CLEAN]),
        )
        .collect()
    )

    # New cases: adverse items without an active case.
    active = cases.lazy().filter(col("state1").is_in([OPEN, ESCALATED])).select("member", "item").unique()
    recent = (
        cases.lazy().filter(col("opened") >= mo.recurrence_from).group_by("member", "item").agg(n_recent=pl.len())
    )
    new = (
        e.filter(col("code") == ADVERSE)
        .join(active, on=["member", "item"], how="anti")
        .join(recent, on=["member", "item"], how="left")
        .join(stats, on="member", how="left")
        .with_columns(
            escalate=col("inspect") | (col("n_recent").fill_null(0) + 1 >= mo.recurrence_cases) | (col("window") == 0)
        )
        .with_columns(breadth=broad & ~col("escalate") & (col("kind") == MANIFESTATION))
        .collect()
    )

    # Every rule that fired, as (member, level); the highest per member.
    def fired(frame: pl.DataFrame, where: str, level: int) -> pl.LazyFrame:
        return frame.lazy().filter(col(where)).select("member", level=lit(level, dtype=pl.Int8))

    levels = (
        pl.concat(
            [
                fired(cases, "overdue", INSPECT),
                fired(cases, "continuing", HELP),
                fired(cases, "pending", mo.pending_level),
                fired(cases, "open_case", HELP),
                new.lazy().select(
                    "member", level=pl.when("escalate").then(lit(INSPECT)).otherwise(lit(HELP)).cast(pl.Int8)
                ),
            ]
        )
        .group_by("member")
        .agg(col("level").max())
    )
    incomplete = col("incomplete").fill_null(False) if mo.commend_requires_complete else lit(False)
    verdict = (
        pl.when(~evaluated).then(lit(NOT_EVALUATED))
        .when(broad).then(lit(INSPECT))
        .when(col("level").is_not_null()).then(col("level"))
        .when(incomplete).then(lit(NOT_EVALUATED))
        .otherwise(lit(COMMEND))
    )
    names = [f"v{v}" for v in range(4)]
    # The members with anything to say (an entry or a rule), then every member through one join.
    flags = stats.join(levels, on="member", how="full", coalesce=True)
    per_unit = (
        members.select("member", "unit")
        .join(flags, on="member", how="left")
        .with_columns(verdict=verdict)
        .group_by("unit")
        .agg([(col("verdict") == v).sum().alias(name) for v, name in enumerate(names)])
    )
    rolled = (
        per_unit.join(_polars_closure(np.asarray(data["unit_parent"])), on="unit")
        .group_by("ancestor")
        .agg(col(names).sum())
        .collect()
    )
    table = _empty_result(mo.units)
    table[rolled["ancestor"].to_numpy().astype(np.int64)] = rolled.select(names).to_numpy()
    return {
        "verdicts": table,
        "cases_opened": new.height,
        "cases_remedied": int(cases["remedy"].sum()),
        "cases_escalated": sum(
            int(frame[flag].sum()) for frame, flag in
            ((cases, "overdue"), (cases, "breadth"), (new, "escalate"), (new, "breadth"))
        ),
    }


# --------------------------------------------------------------------------------------------------
# DuckDB.
# --------------------------------------------------------------------------------------------------

_DUCKDB_RULES = """
-- Per member with any entry: zeros (no conclusion), incomplete, manifestation items in A. Roles matter
-- only for unconcluded items restricted to roles: only those rows meet the members table.
CREATE TEMP TABLE stats AS
WITH restricted AS (
    SELECT e.member, bool_or((i.applies & m.roles) <> 0) AS applicable_zero
    FROM entries e JOIN items i USING (item) JOIN members m USING (member)
    WHERE e.code = 0 AND i.applies <> 0
    GROUP BY e.member
)
SELECT e.member,
       count(*) FILTER (WHERE e.code = 0) AS n_zero,
       bool_or(e.code = 0 AND i.applies = 0) OR coalesce(any_value(r.applicable_zero), false) AS incomplete,
       count(*) FILTER (WHERE e.code = 4 AND i.kind = 0) AS n_manifest
FROM entries e JOIN items i USING (item) LEFT JOIN restricted r USING (member)
GROUP BY e.member;

-- The carried cases through 2.1 progress, 2.2 help on continuing cases, 2.3 breadth, 2.4 still open.
CREATE TEMP TABLE case_month AS
WITH joined AS (
    SELECT c.*, coalesce(e.code, 1) AS code, i.kind,
           coalesce(s.n_zero, 0) < $items AS ev,
           coalesce(s.n_zero, 0) < $items AND coalesce(s.n_manifest, 0) >= $breadth AS broad
    FROM cases c
    LEFT JOIN entries e USING (member, item)
    LEFT JOIN stats s USING (member)
    JOIN items i USING (item)
), progress AS (
    SELECT *,
           ev AND state = 0 AND opened < $month AND code = 1 AND $month <= deadline AS remedy,
           ev AND state = 0 AND opened < $month AND NOT (code = 1 AND $month <= deadline)
              AND $month >= deadline AS overdue
    FROM joined
), progressed AS (
    SELECT *,
           CASE WHEN remedy THEN 1 WHEN overdue THEN 2 ELSE state END AS state1,
           CASE WHEN overdue THEN $month ELSE escalated END AS escalated1
    FROM progress
), broadened AS (
    SELECT *,
           ev AND state1 = 0 AND opened < $month AND code = 4 AS continuing,
           broad AND state1 = 0 AND code = 4 AND kind = 0 AS breadth
    FROM progressed
)
SELECT *,
       ev AND state2 = 2 AND escalated2 < $month AS pending,
       ev AND state2 = 0 AND opened < $month AND code NOT IN (1, 4) AS open_case
FROM (SELECT *,
             CASE WHEN breadth THEN 2 ELSE state1 END AS state2,
             CASE WHEN breadth THEN $month ELSE escalated1 END AS escalated2
      FROM broadened);

-- 2.2 new cases: adverse items without an active case, with the recurrence count.
CREATE TEMP TABLE new_cases AS
WITH recent AS (
    SELECT member, item, count(*) AS n_recent FROM cases WHERE opened >= $recurrence_from GROUP BY ALL
), fresh AS (
    SELECT e.member, e.item, i.kind,
           i.inspect OR coalesce(r.n_recent, 0) + 1 >= $recurrence_cases OR i.window = 0 AS escalate,
           coalesce(s.n_zero, 0) < $items AND coalesce(s.n_manifest, 0) >= $breadth AS broad
    FROM entries e
    JOIN items i USING (item)
    LEFT JOIN recent r USING (member, item)
    LEFT JOIN stats s USING (member)
    WHERE e.code = 4
      AND NOT EXISTS (SELECT 1 FROM case_month c
                      WHERE c.member = e.member AND c.item = e.item AND c.state1 IN (0, 2))
)
SELECT *, broad AND NOT escalate AND kind = 0 AS breadth FROM fresh;

-- The members with anything to say (an entry or a rule): what the verdict needs.
CREATE TEMP TABLE flags AS
WITH levels AS (
    SELECT member, max(level) AS level FROM (
        SELECT member, 3 AS level FROM case_month WHERE overdue
        UNION ALL SELECT member, 2 FROM case_month WHERE continuing
        UNION ALL SELECT member, $pending_level FROM case_month WHERE pending
        UNION ALL SELECT member, 2 FROM case_month WHERE open_case
        UNION ALL SELECT member, CASE WHEN escalate THEN 3 ELSE 2 END FROM new_cases
    ) GROUP BY member
)
SELECT member, s.n_zero, s.n_manifest, s.incomplete, l.level
FROM stats s FULL JOIN levels l USING (member);
"""

_DUCKDB_VERDICTS = """
WITH RECURSIVE closure(unit, ancestor) AS (
    SELECT unit, unit FROM units
    UNION ALL
    SELECT c.unit, u.parent FROM closure c JOIN units u ON u.unit = c.ancestor WHERE u.parent <> 4294967295
), per_unit AS (
    SELECT m.unit,
           CASE WHEN coalesce(f.n_zero, 0) >= $items THEN 0
                WHEN coalesce(f.n_manifest, 0) >= $breadth THEN 3
                WHEN f.level IS NOT NULL THEN f.level
                WHEN $complete AND coalesce(f.incomplete, false) THEN 0
                ELSE 1 END AS verdict,
           count(*) AS n
    FROM members m LEFT JOIN flags f USING (member)
    GROUP BY ALL
)
SELECT c.ancestor, p.verdict, sum(p.n)::BIGINT AS n
FROM per_unit p JOIN closure c USING (unit)
GROUP BY ALL
"""

_DUCKDB_TOTALS = """
SELECT (SELECT count(*) FROM new_cases) AS opened,
       (SELECT count(*) FILTER (WHERE remedy) FROM case_month) AS remedied,
       (SELECT count(*) FILTER (WHERE overdue) + count(*) FILTER (WHERE breadth) FROM case_month)
       + (SELECT count(*) FILTER (WHERE escalate) + count(*) FILTER (WHERE breadth) FROM new_cases) AS escalated
"""


def _duckdb_dense_entries(n_items: int) -> str:
    """The wide table's non-clean cells as rows: one filtered branch per item column."""
    return "\nUNION ALL\n".join(
        f"SELECT member, {i}::USMALLINT AS item, c{i} AS code FROM cells WHERE c{i} <> 1" for i in range(n_items)
    )


def duckdb_month(data: Data, threads: Optional[int] = None) -> Result:
    """The month in DuckDB SQL over Arrow views of the arrays (``threads`` sets ``SET threads``).

    duckdb is imported here, so that the other peers run where it is not installed."""
    import duckdb

    mo = _Month(data)
    con = duckdb.connect()
    try:
        if threads is not None:
            con.execute(f"SET threads = {int(threads)}")
        n_members = mo.members
        member_id = np.arange(n_members, dtype=np.uint32)
        tables: Dict[str, Any] = {
            "items": _arrow(_item_columns(mo)),
            "members": _arrow({"member": member_id,
                               "unit": np.asarray(data["member_unit"], dtype=np.uint32),
                               "roles": np.asarray(data["member_roles"], dtype=np.uint8)}),
            "cases": _arrow(_case_columns(data)),
            "units": _arrow({"unit": np.arange(mo.units, dtype=np.uint32),
                             "parent": np.asarray(data["unit_parent"], dtype=np.uint32)}),
        }
        if "cells" in data:
            tables["cells"] = _arrow({"member": member_id, **_cell_columns(data)})
            entries_sql = _duckdb_dense_entries(mo.items)
        else:
            tables["entries_in"] = _arrow({"member": np.asarray(data["entry_member"], dtype=np.uint32),
                                           "item": np.asarray(data["entry_item"], dtype=np.uint16),
                                           "code": np.asarray(data["entry_code"], dtype=np.uint8)})
            entries_sql = "SELECT member, item, code FROM entries_in"
        for name, table in tables.items():
            con.register(name, table)
        con.execute(f"CREATE TEMP TABLE entries AS {entries_sql}")
        bad = con.execute("SELECT code FROM entries WHERE code NOT IN (0, 1, 2, 4) LIMIT 1").fetchone()
        if bad is not None:
            raise ValueError(f"invalid cell code {bad[0]} (codes are 0, 1, 2, 4)")

        params = {
            "$items": str(mo.items),
            "$breadth": str(mo.breadth),
            "$month": str(mo.month),
            "$recurrence_from": str(mo.recurrence_from),
            "$recurrence_cases": str(mo.recurrence_cases),
            "$pending_level": str(mo.pending_level),
            "$complete": "true" if mo.commend_requires_complete else "false",
        }

        def sql(text: str) -> str:
            for key in sorted(params, key=len, reverse=True):
                text = text.replace(key, params[key])
            return text

        for statement in sql(_DUCKDB_RULES).split(";"):
            if statement.strip():
                con.execute(statement)
        rolled = con.execute(sql(_DUCKDB_VERDICTS)).fetchnumpy()
        totals = con.execute(_DUCKDB_TOTALS).fetchone()
        assert totals is not None
        return {
            "verdicts": _scatter(mo.units, rolled["ancestor"], rolled["verdict"], rolled["n"]),
            "cases_opened": int(totals[0]),
            "cases_remedied": int(totals[1]),
            "cases_escalated": int(totals[2]),
        }
    finally:
        con.close()


# --------------------------------------------------------------------------------------------------
# Synthetic months.
# --------------------------------------------------------------------------------------------------

#: 2020-09 as months since year 0.
SYNTHETIC_MONTH = 2020 * 12 + 8

# Case scenarios planted in the synthetic month (one per case member): each exercises a path.
_REMEDY, _CONTINUE, _OVERDUE, _PENDING, _RELAPSE, _OPEN_CASE, _BREADTH, _SILENT, _REOPEN = range(9)
_SCENARIOS = 9


def synthetic_catalogue(items: int = 127) -> Dict[str, npt.NDArray[Any]]:
    """The synthetic local catalogue's shape (82 manifestations, 23 exemplary, 22 prohibitions at 127)."""
    if items < 3:
        raise ValueError("a synthetic catalogue needs at least 3 items")
    n_exemplary = max(1, round(items * 23 / 127))
    n_prohibition = max(1, round(items * 22 / 127))
    n_manifest = items - n_exemplary - n_prohibition
    kind = np.repeat(np.array([MANIFESTATION, EXEMPLARY, PROHIBITION], dtype=np.uint8),
                     [n_manifest, n_exemplary, n_prohibition])
    window = np.full(items, 3, dtype=np.uint8)
    inspect = np.zeros(items, dtype=np.bool_)
    j = np.arange(n_prohibition)
    pro = n_manifest + n_exemplary + j
    grave, minor = j % 7 == 0, j % 7 == 3
    window[pro] = np.where(grave, 0, np.where(minor, 3, 1))
    inspect[pro] = ~minor
    return {
        "item_kind": kind,
        "item_window": window,
        "item_inspect": inspect,
        "item_applies": np.zeros(items, dtype=np.uint8),
    }


def _synthetic_units(units: int, rng: np.random.Generator) -> Tuple[npt.NDArray[np.uint32], npt.NDArray[np.uint8], I64]:
    """A small tree: roots, committees (two levels), cells; parents first. Returns the cells too."""
    if units < 3:
        raise ValueError("a synthetic tree needs at least 3 units")
    n_roots = max(1, units // 200)
    n_committees = max(1, (units - n_roots) // 6)
    n_upper = max(1, n_committees // 2)
    parent = np.empty(units, dtype=np.uint32)
    parent[:n_roots] = ROOT
    upper = np.arange(n_roots, n_roots + n_upper)
    parent[upper] = rng.integers(0, n_roots, n_upper)
    lower = np.arange(n_roots + n_upper, n_roots + n_committees)
    parent[lower] = rng.choice(upper, len(lower))
    cells = np.arange(n_roots + n_committees, units)
    parent[cells] = rng.integers(n_roots, n_roots + n_committees, len(cells))
    org_type = np.full(units, 2, dtype=np.uint8)
    org_type[:n_roots] = 0
    org_type[n_roots:n_roots + n_committees] = 1
    return parent, org_type, cells.astype(np.int64)


def synthetic(scale_members: int, units: int, items: int = 127, seed: int = 0, form: str = "dense") -> Dict[str, Any]:
    """A synthetic month in the spec's format (``form`` "dense": ``cells``; "sparse": ``entry_*``).

    The tree (``units`` of them): roots (1 per 200 units), two levels of committees (1 in 6), and
    cells, parents first; members sit in cells, listed cell by cell. About 5% of members have 1-3
    adverse cells (48% manifestations, 48% exemplary, 4% prohibitions), 0.2% of (member, exemplary
    item) pairs are not applicable, 0.05% of members have no conclusion at all and 0.2% are
    incomplete. About 1% of members (at least 4 per scenario) carry cases, each with one planted
    history: remedied, continuing (help), overdue (at or past the deadline), pending (escalated in an
    earlier month), relapse (or one short of it), open case (item not concluded or not applicable),
    breadth over an older open case, no conclusion (cases untouched), an old remedied case whose
    item is adverse again (a prohibition half the time: inspected at once). The same seed gives the
    same month in both forms. ``item_applies`` is all 0 and ``member_roles`` random (tests vary them).
    """
    if form not in ("dense", "sparse"):
        raise ValueError("form is 'dense' or 'sparse'")
    rng = np.random.default_rng(seed)
    n_members = int(scale_members)
    month = SYNTHETIC_MONTH
    catalogue = synthetic_catalogue(items)
    kind, window = catalogue["item_kind"], catalogue["item_window"]
    manifest = np.flatnonzero(kind == MANIFESTATION)
    exemplary = np.flatnonzero(kind == EXEMPLARY)
    prohibition = np.flatnonzero(kind == PROHIBITION)
    mild = np.flatnonzero(kind != PROHIBITION)  # window 3, not inspected
    parent, org_type, cell_units = _synthetic_units(units, rng)
    # Members are listed cell by cell, as a register exported from the organisation is (the peers do
    # not rely on it).
    member_unit = np.sort(cell_units[rng.integers(0, len(cell_units), n_members)]).astype(np.uint32)
    member_roles = rng.integers(0, 4, n_members).astype(np.uint8)

    # Cell codes as (member, item, code) triples; a later triple wins over an earlier one.
    triples: List[Tuple[I64, I64, I64]] = []

    def put(member: npt.NDArray[Any], item: npt.NDArray[Any], code: Any) -> None:
        member = np.asarray(member, dtype=np.int64)
        triples.append((member, np.asarray(item, dtype=np.int64),
                        np.broadcast_to(np.asarray(code, dtype=np.int64), member.shape)))

    # Disjoint groups: case members, members with no conclusion, incomplete members.
    order = rng.permutation(n_members)
    n_cases = min(max(round(n_members * 0.01), 4 * _SCENARIOS), n_members // 4)
    n_silent = min(max(round(n_members * 0.0005), 3), n_members // 20)
    n_incomplete = min(max(round(n_members * 0.002), 5), n_members // 20)
    case_members = np.sort(order[:n_cases])
    silent = order[n_cases:n_cases + n_silent]
    incomplete = order[n_cases + n_silent:n_cases + n_silent + n_incomplete]

    # Background: adverse cells, not-applicable exemplary items, incomplete members.
    n_adverse = round(n_members * 0.05)
    adverse = rng.choice(n_members, n_adverse, replace=False)
    per = rng.integers(1, 4, n_adverse)
    who = np.repeat(adverse, per)
    which = rng.choice(3, len(who), p=[0.48, 0.48, 0.04])
    pools = (manifest, exemplary, prohibition)
    item = np.empty(len(who), dtype=np.int64)
    for k, pool in enumerate(pools):
        at = which == k
        item[at] = pool[rng.integers(0, len(pool), int(at.sum()))]
    put(who, item, ADVERSE)
    n_na = round(n_members * len(exemplary) * 0.002)
    put(rng.integers(0, n_members, n_na), exemplary[rng.integers(0, len(exemplary), n_na)], NOT_APPLICABLE)
    per = rng.integers(1, 4, len(incomplete))
    put(np.repeat(incomplete, per), rng.integers(0, items, int(per.sum())), NO_CONCLUSION)

    # Planted case histories.
    case_rows: List[Tuple[I64, ...]] = []

    def case(member: npt.NDArray[Any], item: npt.NDArray[Any], opened: Any, state: Any,
             escalated: Any = -1, deadline: Any = None) -> None:
        member = np.asarray(member, dtype=np.int64)
        n = member.shape
        item = np.asarray(item, dtype=np.int64)
        opened = np.broadcast_to(np.asarray(opened, dtype=np.int64), n)
        if deadline is None:
            deadline = opened + window[item]
        case_rows.append((member, item, opened, np.broadcast_to(np.asarray(deadline, dtype=np.int64), n),
                          np.broadcast_to(np.asarray(state, dtype=np.int64), n),
                          np.broadcast_to(np.asarray(escalated, dtype=np.int64), n)))

    # At least 4 members per scenario, the rest spread by how common each history is.
    weights = np.array([0.25, 0.15, 0.1, 0.15, 0.1, 0.1, 0.05, 0.02, 0.08])
    scenario = np.concatenate([np.repeat(np.arange(_SCENARIOS), 4),
                               rng.choice(_SCENARIOS, n_cases - 4 * _SCENARIOS, p=weights)])
    rng.shuffle(scenario)

    def pick(pool: npt.NDArray[np.int64], n: int) -> I64:
        return pool[rng.integers(0, len(pool), n)]

    def group(s: int) -> I64:
        chosen: I64 = case_members[scenario == s]
        return chosen

    m = group(_REMEDY)  # open, the item clean again before the deadline: remedied
    p = pick(mild, len(m))
    case(m, p, month - rng.integers(1, 4, len(m)), OPEN)
    put(m, p, CLEAN)

    m = group(_CONTINUE)  # open, still adverse before the deadline: help, no new case
    p = pick(mild, len(m))
    case(m, p, month - rng.integers(1, 3, len(m)), OPEN)
    put(m, p, ADVERSE)

    m = group(_OVERDUE)  # open and due: at the deadline not clean, or past it whatever the code
    p = pick(mild, len(m))
    late = rng.integers(0, 2, len(m)).astype(np.bool_)
    case(m, p, month - 3 - late, OPEN)
    put(m[~late], p[~late], rng.choice([NO_CONCLUSION, NOT_APPLICABLE, ADVERSE], int((~late).sum())))

    m = group(_PENDING)  # escalated in an earlier month, waiting: pending (the item maybe still adverse)
    p = rng.integers(0, items, len(m))
    age = rng.integers(2, 11, len(m))
    case(m, p, month - age, ESCALATED, escalated=month - age + rng.integers(0, age))
    put(m, p, rng.choice([CLEAN, ADVERSE], len(m)))

    m = group(_RELAPSE)  # two earlier cases on the item, now adverse again: relapse, or one short of it
    p = pick(mild, len(m))
    inside = rng.integers(0, 3, len(m)) > 0  # both earlier cases in the window (else the first is older)
    first = np.where(inside, month - 5, month - 7)
    case(m, p, first, rng.choice([REMEDIED, CLOSED], len(m)))
    case(m, p, month - 2 - rng.integers(0, 2, len(m)), REMEDIED)
    put(m, p, ADVERSE)

    m = group(_OPEN_CASE)  # open, the item not concluded or not applicable this month: open case
    p = pick(mild, len(m))
    case(m, p, month - 1, OPEN)
    put(m, p, rng.choice([NO_CONCLUSION, NOT_APPLICABLE], len(m)))

    m = group(_BREADTH)  # 3-4 adverse manifestations, one with an older open case: breadth escalates both
    take = np.argsort(rng.random((len(m), len(manifest))), axis=1)[:, :4]
    wide = 3 + rng.integers(0, 2, len(m))
    mask = np.arange(4) < wide[:, None]
    put(np.repeat(m, wide), manifest[take][mask], ADVERSE)
    case(m, manifest[take[:, 0]], month - 1, OPEN)

    m = group(_SILENT)  # no conclusion at all: an overdue open case and an escalated one stay as they are
    p = pick(mild, len(m))
    q = mild[(np.searchsorted(mild, p) + 1 + rng.integers(0, len(mild) - 1, len(m))) % len(mild)]
    case(m, p, month - 3, OPEN)
    case(m, q, month - 4, ESCALATED, escalated=month - 2)
    silent = np.concatenate([silent, m])

    m = group(_REOPEN)  # an old case remedied, the item adverse again (prohibitions: inspected at once)
    p = np.where(rng.integers(0, 2, len(m)) > 0, pick(prohibition, len(m)), pick(mild, len(m)))
    case(m, p, month - 4, REMEDIED)
    put(m, p, ADVERSE)

    # No conclusion beats everything.
    put(np.repeat(silent, items), np.tile(np.arange(items), len(silent)), NO_CONCLUSION)

    member = np.concatenate([t[0] for t in triples])
    item_ = np.concatenate([t[1] for t in triples])
    code = np.concatenate([t[2] for t in triples])
    key = member * items + item_
    order = np.argsort(key, kind="stable")
    last = np.ones(len(order), dtype=np.bool_)
    last[:-1] = key[order][1:] != key[order][:-1]
    keep = order[last]  # the last triple per (member, item), sorted by (member, item)
    member, item_, code = member[keep], item_[keep], code[keep]
    dirty = code != CLEAN
    member, item_, code = member[dirty], item_[dirty], code[dirty]

    cm, ci, co, cd, cs, ce = (np.concatenate([r[k] for r in case_rows]) for k in range(6))
    by = np.lexsort((ci, co, cm))
    data: Dict[str, Any] = {
        "month": month,
        **catalogue,
        "recurrence_cases": 3,
        "recurrence_months": 6,
        "breadth": 3,
        "pending_inspect": True,
        "commend_requires_complete": True,
        "unit_parent": parent,
        "unit_org_type": org_type,
        "member_unit": member_unit,
        "member_roles": member_roles,
        "case_member": cm[by].astype(np.uint32),
        "case_item": ci[by].astype(np.uint16),
        "case_opened": co[by].astype(np.int32),
        "case_deadline": cd[by].astype(np.int32),
        "case_state": cs[by].astype(np.uint8),
        "case_escalated": ce[by].astype(np.int32),
    }
    if form == "dense":
        cells = np.full((items, n_members), CLEAN, dtype=np.uint8)
        cells[item_, member] = code
        data["cells"] = cells
    else:
        data["entry_member"] = member.astype(np.uint32)
        data["entry_item"] = item_.astype(np.uint16)
        data["entry_code"] = code.astype(np.uint8)
    return data


def to_sparse(data: Data) -> Dict[str, Any]:
    """The same month in the sparse form (for tests; small data)."""
    out = {k: v for k, v in data.items() if k != "cells"}
    cells = np.asarray(data["cells"])
    member, item = np.nonzero(cells.T != CLEAN)
    out["entry_member"] = member.astype(np.uint32)
    out["entry_item"] = item.astype(np.uint16)
    out["entry_code"] = cells[item, member].astype(np.uint8)
    return out


def to_dense(data: Data) -> Dict[str, Any]:
    """The same month in the dense form (for tests)."""
    out = {k: v for k, v in data.items() if not k.startswith("entry_")}
    cells = np.full((len(data["item_kind"]), len(data["member_unit"])), CLEAN, dtype=np.uint8)
    cells[np.asarray(data["entry_item"], dtype=np.int64), np.asarray(data["entry_member"], dtype=np.int64)] = (
        data["entry_code"]
    )
    out["cells"] = cells
    return out


def same(a: Result, b: Result) -> bool:
    """Whether two results are equal (verdict tables and totals)."""
    return (
        np.array_equal(a["verdicts"], b["verdicts"])
        and a["cases_opened"] == b["cases_opened"]
        and a["cases_remedied"] == b["cases_remedied"]
        and a["cases_escalated"] == b["cases_escalated"]
    )


PEERS: Sequence[Tuple[str, Any]] = (
    ("numpy", numpy_month),
    ("polars", polars_month),
    ("duckdb", duckdb_month),
)
