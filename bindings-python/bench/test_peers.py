"""Tests of the benchmark peers (peers.py): each equals the reference, in both forms, rule by rule.

    .venv/bin/python -m pytest bindings-python/bench/test_peers.py -q

- Synthetic months (several seeds, policy variants, role masks): every peer equals `reference_month`,
  dense and sparse agree, and the generator exercises every path it should.
- Hand-made months, one member per cell so each member's verdict can be read off its own unit: each
  rule of register_spec.md on its own (overdue, remedied, help on a continuing case, inspect at once,
  relapse, window-0 overdue, breadth over an older open case, pending, open case, incomplete, no
  conclusion leaving cases alone, the order of the steps), run through the reference and the three
  peers in both forms, with the expected verdicts and case totals written out.
"""

from __future__ import annotations

import functools
import sys
from collections import Counter
from pathlib import Path
from typing import Any, Callable, Dict, List, Mapping, Optional, Sequence, Tuple

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

import peers  # noqa: E402
from peers import (  # noqa: E402
    CLOSED,
    COMMEND,
    ESCALATED,
    HELP,
    INSPECT,
    NOT_EVALUATED,
    OPEN,
    REMEDIED,
    ROOT,
    Result,
    reference_month,
    same,
    synthetic,
    to_dense,
    to_sparse,
)

Month = Callable[[Mapping[str, Any]], Result]
IMPLEMENTATIONS: Dict[str, Month] = {
    "reference": reference_month,
    "numpy": peers.numpy_month,
    "polars": peers.polars_month,
    "duckdb": peers.duckdb_month,
}
PEERS = ["numpy", "polars", "duckdb"]
T = peers.SYNTHETIC_MONTH
SEEDS = [0, 1, 2, 3]
SMALL = 3000  # members in a synthetic test month


# --------------------------------------------------------------------------------------------------
# Synthetic months: the peers against the reference.
# --------------------------------------------------------------------------------------------------


def _variant(data: Dict[str, Any], variant: str, seed: int) -> Dict[str, Any]:
    """A policy or catalogue variant of a dense synthetic month."""
    data = dict(data)
    if variant == "help_pending":
        data["pending_inspect"] = False
    elif variant == "no_complete":
        data["commend_requires_complete"] = False
    elif variant == "tight":
        data.update(breadth=2, recurrence_cases=2, recurrence_months=3)
    elif variant == "roles":
        # Items restricted to roles, and more members with unconcluded items.
        rng = np.random.default_rng(1000 + seed)
        data["item_applies"] = rng.choice(np.array([0, 0, 1, 2, 4], dtype=np.uint8), len(data["item_kind"]))
        cells = data["cells"].copy()
        n = len(data["member_unit"])
        who = rng.choice(n, n // 20, replace=False)
        cells[rng.integers(0, cells.shape[0], len(who)), who] = 0
        data["cells"] = cells
    else:
        assert variant == "default"
    return data


@functools.lru_cache(maxsize=None)
def _month(seed: int, variant: str, form: str) -> Dict[str, Any]:
    data = _variant(synthetic(SMALL, 60, seed=seed, form="dense"), variant, seed)
    return data if form == "dense" else to_sparse(data)


@functools.lru_cache(maxsize=None)
def _reference(seed: int, variant: str) -> Result:
    return reference_month(_month(seed, variant, "dense"))


def _describe(got: Result, want: Result) -> str:
    diff = np.argwhere(got["verdicts"] != want["verdicts"])
    return (
        f"totals {got['cases_opened'], got['cases_remedied'], got['cases_escalated']} != "
        f"{want['cases_opened'], want['cases_remedied'], want['cases_escalated']}; "
        f"{len(diff)} verdict cells differ, first {diff[:3].tolist()}"
    )


@pytest.mark.parametrize("form", ["dense", "sparse"])
@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("peer", PEERS)
def test_peer_equals_reference(peer: str, seed: int, form: str) -> None:
    want = _reference(seed, "default")
    got = IMPLEMENTATIONS[peer](_month(seed, "default", form))
    assert same(got, want), _describe(got, want)


@pytest.mark.parametrize("variant", ["help_pending", "no_complete", "tight", "roles"])
@pytest.mark.parametrize("peer", PEERS)
def test_peer_equals_reference_under_variants(peer: str, variant: str) -> None:
    want = _reference(0, variant)
    for form in ("dense", "sparse"):
        got = IMPLEMENTATIONS[peer](_month(0, variant, form))
        assert same(got, want), f"{form}: {_describe(got, want)}"


def test_variants_change_the_outcome() -> None:
    # Each variant matters, so the tests above compare something the policy decides.
    default = _reference(0, "default")
    for variant in ("help_pending", "no_complete", "tight", "roles"):
        assert not same(_reference(0, variant), default), variant


@pytest.mark.parametrize("seed", SEEDS)
def test_reference_dense_and_sparse_agree(seed: int) -> None:
    dense = _month(seed, "default", "dense")
    assert same(reference_month(to_sparse(dense)), _reference(seed, "default"))


def test_synthetic_forms_are_the_same_month() -> None:
    dense = synthetic(SMALL, 60, seed=5, form="dense")
    sparse = synthetic(SMALL, 60, seed=5, form="sparse")
    assert "cells" not in sparse and "entry_member" not in dense
    converted = to_sparse(dense)
    assert converted.keys() == sparse.keys()
    for key in sparse:
        assert np.array_equal(np.asarray(converted[key]), np.asarray(sparse[key])), key
    assert np.array_equal(to_dense(sparse)["cells"], dense["cells"])


def test_synthetic_shape() -> None:
    data = synthetic(20000, 200, seed=7)
    kind, window, inspect = data["item_kind"], data["item_window"], data["item_inspect"]
    assert np.bincount(kind).tolist() == [82, 23, 22]
    assert not data["item_applies"].any()
    assert (window[kind != 2] == 3).all() and not inspect[kind != 2].any()
    j = np.arange(22)
    assert window[kind == 2].tolist() == np.where(j % 7 == 0, 0, np.where(j % 7 == 3, 3, 1)).tolist()
    assert inspect[kind == 2].tolist() == (j % 7 != 3).tolist()
    parent = data["unit_parent"].astype(np.int64)
    roots = parent == ROOT
    assert roots.any() and (parent[~roots] < np.flatnonzero(~roots)).all()
    leaves = np.setdiff1d(np.arange(len(parent)), parent[~roots])
    assert np.isin(data["member_unit"], leaves).all()
    cells = data["cells"]
    assert cells.shape == (127, 20000) and cells.flags.c_contiguous
    assert set(np.unique(cells).tolist()) == {0, 1, 2, 4}
    adverse = (cells == 4).sum(axis=0)
    assert 0.04 < (adverse > 0).mean() < 0.07
    assert ((cells == 0).all(axis=0)).sum() >= 3  # some members with no conclusion
    assert (((cells == 0).any(axis=0)) & ~((cells == 0).all(axis=0))).sum() >= 5  # some incomplete
    # Cases: sorted by (member, opened, item), at most one active per (member, item), deadlines right.
    key = np.stack([data["case_member"], data["case_opened"], data["case_item"]]).astype(np.int64)
    assert (np.lexsort(key[::-1]) == np.arange(key.shape[1])).all()
    state = data["case_state"]
    active = (state == OPEN) | (state == ESCALATED)
    pairs = data["case_member"][active].astype(np.int64) * 127 + data["case_item"][active]
    assert len(np.unique(pairs)) == len(pairs)
    assert (data["case_opened"] < T).all()
    assert ((data["case_escalated"] >= 0) == (state == ESCALATED)).all()
    assert 0.008 < len(np.unique(data["case_member"])) / 20000 < 0.012


@pytest.mark.parametrize("seed", SEEDS)
def test_synthetic_exercises_every_path(seed: int) -> None:
    trace: Counter[str] = Counter()
    reference_month(_month(seed, "default", "sparse"), trace)
    for path in (
        "no_conclusion", "incomplete", "commend", "remedied", "overdue", "help_continuing", "new_case",
        "inspect", "relapse", "help_new", "breadth", "breadth_escalated_new", "breadth_escalated_old",
        "pending", "open_case",
    ):
        assert trace[path] > 0, path


# --------------------------------------------------------------------------------------------------
# Hand-made months.
# --------------------------------------------------------------------------------------------------

# The catalogue of the hand-made months: (kind, window, inspect).
ITEMS = [
    (0, 3, False),  # 0-3 manifestations
    (0, 3, False),
    (0, 3, False),
    (0, 3, False),
    (1, 3, False),  # 4 exemplary
    (2, 0, True),  # 5 grave prohibition: inspected at once
    (2, 1, True),  # 6 serious prohibition: inspected at once
    (2, 3, False),  # 7 minor prohibition
    (2, 0, False),  # 8 a prohibition with no remedy window, not inspected
]
N_ITEMS = len(ITEMS)
ALL_ZERO = {i: 0 for i in range(N_ITEMS)}

Case = Tuple[int, int, int, int, int, int]  # member, item, opened, deadline, state, escalated


def month_of(
    members: Sequence[Mapping[int, int]],
    cases: Sequence[Case] = (),
    roles: Optional[Sequence[int]] = None,
    applies: Optional[Sequence[int]] = None,
    **policy: Any,
) -> Dict[str, Any]:
    """A dense month: member m's codes (item -> code, the rest clean), m alone in cell unit m + 1."""
    n = len(members)
    cells = np.ones((N_ITEMS, n), dtype=np.uint8)
    for m, codes in enumerate(members):
        for i, c in codes.items():
            cells[i, m] = c
    rows = sorted(cases, key=lambda c: (c[0], c[2], c[1]))

    def column(k: int, dtype: Any) -> Any:
        return np.array([c[k] for c in rows], dtype=dtype)

    data: Dict[str, Any] = {
        "month": T,
        "item_kind": np.array([k for k, _, _ in ITEMS], dtype=np.uint8),
        "item_window": np.array([w for _, w, _ in ITEMS], dtype=np.uint8),
        "item_inspect": np.array([x for _, _, x in ITEMS], dtype=np.bool_),
        "item_applies": np.array(applies or [0] * N_ITEMS, dtype=np.uint8),
        "recurrence_cases": 3,
        "recurrence_months": 6,
        "breadth": 3,
        "pending_inspect": True,
        "commend_requires_complete": True,
        "unit_parent": np.array([ROOT] + [0] * n, dtype=np.uint32),
        "unit_org_type": np.array([0] + [2] * n, dtype=np.uint8),
        "member_unit": np.arange(1, n + 1, dtype=np.uint32),
        "member_roles": np.array(roles or [0] * n, dtype=np.uint8),
        "cells": cells,
        "case_member": column(0, np.uint32),
        "case_item": column(1, np.uint16),
        "case_opened": column(2, np.int32),
        "case_deadline": column(3, np.int32),
        "case_state": column(4, np.uint8),
        "case_escalated": column(5, np.int32),
    }
    data.update(policy)
    return data


Run = Callable[[Dict[str, Any]], Result]


@pytest.fixture(params=[(name, form) for name in IMPLEMENTATIONS for form in ("dense", "sparse")],
                ids=lambda p: f"{p[0]}-{p[1]}")
def run(request: pytest.FixtureRequest) -> Run:
    name, form = request.param
    month = IMPLEMENTATIONS[name]

    def go(data: Dict[str, Any]) -> Result:
        return month(data if form == "dense" else to_sparse(data))

    return go


def verdicts(result: Result) -> List[int]:
    """Each member's verdict (one member per cell unit), after checking the root counts them all."""
    table = result["verdicts"]
    assert (table[1:].sum(axis=1) == 1).all()
    assert (table[0] == table[1:].sum(axis=0)).all()
    return [int(v) for v in table[1:].argmax(axis=1)]


def totals(result: Result) -> Tuple[int, int, int]:
    return result["cases_opened"], result["cases_remedied"], result["cases_escalated"]


def test_clean_member_is_commended(run: Run) -> None:
    result = run(month_of([{}]))
    assert verdicts(result) == [COMMEND]
    assert totals(result) == (0, 0, 0)


def test_overdue(run: Run) -> None:
    result = run(month_of(
        [{0: 4}, {0: 1}, {0: 2}, {0: 1}],
        cases=[
            (0, 0, T - 3, T, OPEN, -1),  # at the deadline, still adverse: escalated (and no new case)
            (1, 0, T - 4, T - 1, OPEN, -1),  # past the deadline, clean at last: escalated all the same
            (2, 0, T - 3, T, OPEN, -1),  # at the deadline, not applicable: escalated
            (3, 0, T - 3, T, OPEN, -1),  # at the deadline and clean: remedied in time
        ],
    ))
    assert verdicts(result) == [INSPECT, INSPECT, INSPECT, COMMEND]
    assert totals(result) == (0, 1, 3)


def test_remedied(run: Run) -> None:
    result = run(month_of(
        [{}, {1: 0}],
        cases=[(0, 0, T - 2, T + 1, OPEN, -1), (1, 0, T - 1, T + 2, OPEN, -1)],
    ))
    # Member 1 is remedied too, but item 1 has no conclusion: incomplete, so not evaluated.
    assert verdicts(result) == [COMMEND, NOT_EVALUATED]
    assert totals(result) == (0, 2, 0)


def test_help_on_a_continuing_case(run: Run) -> None:
    result = run(month_of([{0: 4}], cases=[(0, 0, T - 1, T + 2, OPEN, -1)]))
    assert verdicts(result) == [HELP]
    assert totals(result) == (0, 0, 0)  # no new case on an item with an active one


def test_new_cases_inspect_at_once_or_help(run: Run) -> None:
    result = run(month_of([{5: 4}, {6: 4}, {7: 4}, {4: 4}]))
    # Grave and serious prohibitions are inspected (escalated at once); minor and exemplary get help.
    assert verdicts(result) == [INSPECT, INSPECT, HELP, HELP]
    assert totals(result) == (4, 0, 2)


def test_relapse(run: Run) -> None:
    result = run(month_of(
        [{1: 4}, {1: 4}, {1: 4}],
        cases=[
            (0, 1, T - 5, T - 2, REMEDIED, -1),  # two earlier cases in the window, any state,
            (0, 1, T - 3, T, CLOSED, T - 2),  # and the new one: three, a relapse
            (1, 1, T - 6, T - 3, REMEDIED, -1),  # the first is just outside the window: two
            (1, 1, T - 3, T, CLOSED, -1),
            (2, 2, T - 5, T - 2, REMEDIED, -1),  # earlier cases on another item do not count
            (2, 2, T - 3, T, REMEDIED, -1),
        ],
    ))
    assert verdicts(result) == [INSPECT, HELP, HELP]
    assert totals(result) == (3, 0, 1)


def test_relapse_policy(run: Run) -> None:
    data = month_of([{1: 4}], cases=[(0, 1, T - 3, T, REMEDIED, -1)], recurrence_cases=2)
    assert verdicts(run(data)) == [INSPECT]
    assert verdicts(run(dict(data, recurrence_months=3))) == [HELP]  # opened T-3 is outside 3 months


def test_window_zero_overdue(run: Run) -> None:
    result = run(month_of([{8: 4}, {5: 4}]))
    # Item 8 (window 0, not inspected): overdue at once. Item 5 is inspected first: escalated once.
    assert verdicts(result) == [INSPECT, INSPECT]
    assert totals(result) == (2, 0, 2)


def test_breadth_escalates_open_cases_including_older_ones(run: Run) -> None:
    result = run(month_of(
        [{0: 4, 1: 4, 2: 4, 4: 4}, {0: 4, 1: 4, 4: 4}],
        cases=[
            (0, 0, T - 1, T + 2, OPEN, -1),  # an older open case on an adverse manifestation: escalated
            (0, 4, T - 1, T + 2, OPEN, -1),  # on an exemplary item: stays open
            (1, 0, T - 1, T + 2, OPEN, -1),  # member 1 has only two manifestations: no breadth
        ],
    ))
    assert verdicts(result) == [INSPECT, HELP]
    # New cases: member 0 on items 1, 2 (escalated by breadth with the older one on item 0);
    # member 1 on items 1 and 4 (help).
    assert totals(result) == (4, 0, 3)


def test_breadth_after_the_open_cases(run: Run) -> None:
    # Breadth escalates the older open case on item 0 and the two new ones; the case on item 3,
    # escalated in an earlier month, is pending (help here). Below the threshold, nothing escalates.
    data = month_of(
        [{0: 4, 1: 4, 2: 4}],
        cases=[(0, 0, T - 1, T + 2, OPEN, -1), (0, 3, T - 3, T, ESCALATED, T - 1)],
        pending_inspect=False,
    )
    result = run(data)
    assert verdicts(result) == [INSPECT]
    assert totals(result) == (2, 0, 3)
    result = run(dict(data, breadth=4))
    assert verdicts(result) == [HELP]  # help on the case, help on the new ones, pending as help
    assert totals(result) == (2, 0, 0)


def test_pending(run: Run) -> None:
    data = month_of(
        [{3: 4}, {}, {0: 4}],
        cases=[
            (0, 3, T - 4, T - 1, ESCALATED, T - 1),  # adverse again: the active case blocks a new one
            (1, 3, T - 4, T - 1, ESCALATED, T - 2),
            (2, 0, T - 3, T, OPEN, -1),  # escalated this month (overdue): not pending
        ],
    )
    result = run(data)
    assert verdicts(result) == [INSPECT, INSPECT, INSPECT]
    assert totals(result) == (0, 0, 1)
    result = run(dict(data, pending_inspect=False))
    assert verdicts(result) == [HELP, HELP, INSPECT]
    assert totals(result) == (0, 0, 1)


def test_open_case(run: Run) -> None:
    result = run(month_of(
        [{4: 2}, {4: 0}, {}],
        cases=[(0, 4, T - 1, T + 2, OPEN, -1), (1, 4, T - 1, T + 2, OPEN, -1), (2, 4, T - 1, T + 2, OPEN, -1)],
    ))
    # Not applicable or not concluded: the case stays open (help); clean: remedied.
    assert verdicts(result) == [HELP, HELP, COMMEND]
    assert totals(result) == (0, 1, 0)


def test_incomplete(run: Run) -> None:
    members = [{2: 0}, {2: 0}, {2: 0}, {2: 2}]
    assert verdicts(run(month_of(members))) == [NOT_EVALUATED, NOT_EVALUATED, NOT_EVALUATED, COMMEND]
    # Item 2 applies to role 1 only: members without it are complete.
    applies = [0, 0, 1, 0, 0, 0, 0, 0, 0]
    result = run(month_of(members, roles=[1, 2, 3, 0], applies=applies))
    assert verdicts(result) == [NOT_EVALUATED, COMMEND, NOT_EVALUATED, COMMEND]
    assert verdicts(run(month_of(members, commend_requires_complete=False))) == [COMMEND] * 4
    # A rule beats incompleteness.
    assert verdicts(run(month_of([{2: 0, 4: 4}]))) == [HELP]


def test_no_conclusion_leaves_cases_alone(run: Run) -> None:
    cases = [
        (0, 0, T - 3, T, OPEN, -1),  # would be overdue
        (0, 1, T - 2, T + 1, OPEN, -1),  # would be remedied
        (0, 3, T - 4, T - 1, ESCALATED, T - 2),  # would be pending
    ]
    result = run(month_of([ALL_ZERO], cases))
    assert verdicts(result) == [NOT_EVALUATED]
    assert totals(result) == (0, 0, 0)
    # With one concluded item (item 1 clean) the same cases move: overdue, remedied, pending.
    almost = {**ALL_ZERO, 1: 1}
    result = run(month_of([almost], cases))
    assert verdicts(result) == [INSPECT]
    assert totals(result) == (0, 1, 1)


def test_progress_comes_before_the_open_cases(run: Run) -> None:
    result = run(month_of(
        [{0: 4}, {1: 4}],
        cases=[
            (0, 0, T - 4, T - 1, OPEN, -1),  # overdue first, so escalated: active, no new case
            (1, 1, T - 3, T, REMEDIED, -1),  # not active: a new case opens (help)
        ],
    ))
    assert verdicts(result) == [INSPECT, HELP]
    assert totals(result) == (1, 0, 1)


def test_rolled_up_the_tree(run: Run) -> None:
    data = month_of([{}, {0: 4}, {5: 4}, ALL_ZERO])
    # root 0 <- committee 1 <- cells 2, 3; root 4 <- cell 5; members in cells 2, 3, 3, 5.
    data.update(
        unit_parent=np.array([ROOT, 0, 1, 1, ROOT, 4], dtype=np.uint32),
        unit_org_type=np.array([0, 1, 2, 2, 0, 2], dtype=np.uint8),
        member_unit=np.array([2, 3, 3, 5], dtype=np.uint32),
    )
    table = run(data)["verdicts"]
    assert table.dtype == np.int64 and table.shape == (6, 4)
    assert table.tolist() == [
        [0, 1, 1, 1],
        [0, 1, 1, 1],
        [0, 1, 0, 0],
        [0, 0, 1, 1],
        [1, 0, 0, 0],
        [1, 0, 0, 0],
    ]


@pytest.mark.parametrize("code", [3, 5, 8, 255])
def test_invalid_code_is_an_error(run: Run, code: int) -> None:
    with pytest.raises(ValueError, match="invalid cell code"):
        run(month_of([{}, {2: code}]))


def test_duckdb_threads() -> None:
    data = _month(0, "default", "sparse")
    assert same(peers.duckdb_month(data, threads=1), _reference(0, "default"))
