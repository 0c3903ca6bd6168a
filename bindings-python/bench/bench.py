"""Python benchmarks of the analyst path (run against a release build).

    SOISUA_PY_PROFILE=release scripts/test-python.sh -k nothing   # or: maturin develop --release
    .venv/bin/python bindings-python/bench/bench.py [--scale district] [--repeat 5]

Prints one line per measurement: the median of `--repeat` runs (wall clock, `time.perf_counter`),
and the work per second. What it measures:

- `from_arrow`: a month of long-format reviews (one row per finding) from a pyarrow Table, through
  the Arrow C data interface, into reviews (every row checked);
- `evaluate`: that month evaluated for every member (the GIL released);
- `to_pandas`: the results as a pandas DataFrame (one row per member-month);
- `report`: the month's report;
- `evaluate_review`: one small review evaluated on its own (the per-call cost of a form's live
  verdict), and `call_floor`: a no-op native method, the floor of any call into the module.
"""

from __future__ import annotations

import argparse
import platform
import statistics
import time
from typing import Any, Callable, List, Tuple

import pyarrow as pa

import soisua


def timed(repeat: int, f: Callable[[], Any]) -> Tuple[float, Any]:
    runs: List[float] = []
    value: Any = None
    for _ in range(repeat):
        start = time.perf_counter()
        value = f()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs), value


def per_call(n: int, f: Callable[[], Any]) -> float:
    for _ in range(min(n, 1000)):
        f()
    start = time.perf_counter()
    for _ in range(n):
        f()
    return (time.perf_counter() - start) / n


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", default="district", choices=["district", "province"])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    print(f"# soisua {soisua.__version__}, Python {platform.python_version()}, {platform.machine()}")
    catalogue = soisua.Catalogue.synthetic_local()
    organisation = soisua.Organisation.synthetic(args.scale, 2020)
    batch = soisua.ReviewBatch.synthetic(organisation, catalogue, "2020-09", 2020)
    table = pa.table(batch.to_long())
    rows = table.num_rows
    members = len(batch)
    print(f"# {args.scale}: {members} reviews, {rows} long-format rows")

    seconds, (read, account) = timed(args.repeat, lambda: soisua.ReviewBatch.from_arrow(table, catalogue, organisation))
    assert account["accepted"] == rows, account["rejected"][:3]
    print(f"from_arrow        {seconds * 1e3:9.1f} ms   {rows / seconds / 1e6:6.2f} M rows/s")

    evaluator = soisua.Evaluator(catalogue, organisation)
    history = soisua.History(read)
    seconds, evaluation = timed(args.repeat, lambda: evaluator.evaluate(history, "2020-09"))
    print(f"evaluate          {seconds * 1e3:9.1f} ms   {members / seconds / 1e6:6.2f} M member-months/s")

    seconds, _ = timed(args.repeat, evaluation.to_pandas)
    print(f"to_pandas         {seconds * 1e3:9.1f} ms   {members / seconds / 1e6:6.2f} M rows/s")

    seconds, _ = timed(args.repeat, evaluation.report)
    print(f"report            {seconds * 1e3:9.1f} ms")

    review = batch.to_dict()["reviews"][0]
    small = dict(review, answers=review["answers"][:1], status="draft")
    print(f"evaluate_review   {per_call(20000, lambda: evaluator.evaluate_review(small)) * 1e6:9.2f} µs per call (1 answer)")
    print(
        f"evaluate_review   {per_call(5000, lambda: evaluator.evaluate_review(review)) * 1e6:9.2f} µs per call "
        f"({len(review['answers'])} answers)"
    )
    print(f"call_floor        {per_call(200000, lambda: evaluation.months) * 1e6:9.2f} µs per call (a getter)")


if __name__ == "__main__":
    main()
