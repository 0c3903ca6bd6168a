"""The national benchmark, Python side: `soisua.Register` against NumPy, Polars and DuckDB.

    maturin develop --release -m bindings-python/Cargo.toml      # or SOISUA_PY_PROFILE=release scripts/test-python.sh
    nice .venv/bin/python bindings-python/bench/national.py --scale district --scale province --repeat 5
    nice .venv/bin/python bindings-python/bench/national.py --scale nation --repeat 3
    nice .venv/bin/python bindings-python/bench/national.py --smoke        # CI: district once; exit 1 on disagreement

For each scale and form (dense, sparse), the month is `Register.synthetic(scale, form=form)` (the
synthetic local catalogue of 127 items, the default policy, month 2020-09, seed 2020: the data of
`cargo bench -p soisua --bench national`). Then:

1. **soisua**: `Register.evaluate` from Python on 1 and 2 threads (`--threads`). Dense and sparse,
   and every thread count, must give the same tally, or the run stops.
2. **peers** (bench/peers.py, register_spec.md): NumPy (single-threaded), Polars (threads from
   ``POLARS_MAX_THREADS``, read when polars is imported: each thread count runs in a child process,
   which builds the same month, computes soisua's tally for it and checks Polars against it; with
   ``--polars-in-process`` Polars runs here on its default pool instead, and says how many threads
   that is), DuckDB (``SET threads``; skipped, saying so, when duckdb cannot be imported). Each
   peer's verdict counts per unit and case totals are checked equal to soisua's **before** its time
   is reported; a disagreement stops the run (exit status 1).
3. **Python against Rust**: `Register.evaluate` from (a) NumPy arrays, (b) a pyarrow Table of 127
   UInt8 columns, (c) a polars DataFrame (both views of the same memory). The Rust numbers come from
   `cargo bench -p soisua --bench national -- --scale <scale>` run separately (nothing extra is
   exposed to time the native call alone): give its output with ``--rust FILE`` for the ratios.
4. **Per-call overhead**: one `Register.evaluate` of one member (µs per call), beside
   `Evaluator.evaluate_review` and a getter (`call_floor`), as bench.py measures them.

Every time is wall clock (`time.perf_counter`) after one untimed warm-up run, printed as
``median [min … max]`` over ``--repeat`` runs, with the ratio to soisua on the same number of
threads. The machine (platform, CPUs, load) is printed first: the machine is shared, so compare runs
made at the same load.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import time
import types
from pathlib import Path
from typing import Any, Callable, Dict, List, NamedTuple, Optional, Sequence, Tuple

import numpy as np

import soisua
from soisua.register import NONE

HERE = Path(__file__).resolve().parent
FORMS = ("dense", "sparse")


class Stats(NamedTuple):
    median: float
    low: float
    high: float


class Disagreement(SystemExit):
    """A peer (or a soisua configuration) that does not count what soisua counts: the run stops."""

    def __init__(self, message: str) -> None:
        print(f"\n!!! DISAGREEMENT: {message}", file=sys.stderr, flush=True)
        super().__init__(1)


def timed(repeat: int, f: Callable[[], Any]) -> Tuple[Stats, Any]:
    runs: List[float] = []
    value: Any = None
    for _ in range(max(repeat, 1)):
        start = time.perf_counter()
        value = f()
        runs.append(time.perf_counter() - start)
    return Stats(statistics.median(runs), min(runs), max(runs)), value


def per_call(f: Callable[[], Any], budget: float = 0.5) -> float:
    """Seconds per call of ``f``: as bench.py measures it (a warm-up, then a loop of calls), with
    as many calls as fit in about ``budget`` seconds (at least 10)."""
    start = time.perf_counter()
    f()
    n = int(min(max(budget / max(time.perf_counter() - start, 1e-7), 10), 200_000))
    for _ in range(min(n, 1000)):
        f()
    start = time.perf_counter()
    for _ in range(n):
        f()
    return (time.perf_counter() - start) / n


def line(what: str, form: str, scale: str, threads: Any, stats: Stats, ratio: Optional[float] = None, note: str = "") -> None:
    tail = f"  {ratio:7.2f}× soisua" if ratio is not None else ""
    print(
        f"{what:<24} {form:<7} {scale:<9} {threads!s:>2} thr  median {stats.median * 1e3:10.3f} ms  "
        f"[{stats.low * 1e3:10.3f} … {stats.high * 1e3:10.3f}]{tail}{note}",
        flush=True,
    )


# ---------------------------------------------------------------------------------------------
# The machine, the data, soisua


def machine() -> None:
    cpu = "?"
    try:
        for text in Path("/proc/cpuinfo").read_text().splitlines():
            if text.startswith("model name"):
                cpu = text.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    load = os.getloadavg() if hasattr(os, "getloadavg") else (float("nan"),) * 3
    memory = "?"
    try:
        total = next(t for t in Path("/proc/meminfo").read_text().splitlines() if t.startswith("MemTotal"))
        memory = f"{int(total.split()[1]) / 2**20:.1f} GiB"
    except (OSError, StopIteration):
        pass
    print(f"# machine: {platform.platform()}, {platform.machine()}, cpu {cpu!r}")
    print(f"# cpus: {os.cpu_count()} (usable here {usable}), memory {memory}, load {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    versions = [f"Python {platform.python_version()}", f"soisua {soisua.__version__}", f"numpy {np.__version__}"]
    for name in ("pyarrow", "polars", "duckdb"):
        try:
            versions.append(f"{name} {__import__(name).__version__}")
        except ImportError:
            versions.append(f"{name} missing")
    print("# " + ", ".join(versions))
    native = Path(soisua._native.__file__)
    print(
        f"# native module {native} ({native.stat().st_size / 2**20:.1f} MiB, built "
        f"{time.strftime('%Y-%m-%d %H:%M', time.localtime(native.stat().st_mtime))}): "
        f"time a release build (maturin develop --release)",
        flush=True,
    )


def evaluate(register: soisua.Register, data: Dict[str, Any], threads: int, cells: Any = None) -> Any:
    """`Register.evaluate` of a month in the spec's format (either form)."""
    dense = "cells" in data
    return register.evaluate(
        data["month"],
        unit_parent=data["unit_parent"],
        member_unit=data["member_unit"],
        member_roles=data["member_roles"],
        cells=(data["cells"] if cells is None else cells) if dense else None,
        entries=None if dense else data,
        cases=data,
        threads=threads,
    )


class Tally(NamedTuple):
    """What soisua and every peer must agree on."""

    units: Any
    opened: int
    remedied: int
    escalated: int

    @staticmethod
    def of_soisua(result: Any) -> "Tally":
        return Tally(np.asarray(result["units"], dtype=np.int64), int(result["opened"]), int(result["remedied"]), int(result["escalated"]))

    @staticmethod
    def of_peer(result: Any) -> "Tally":
        return Tally(
            np.asarray(result["verdicts"], dtype=np.int64),
            int(result["cases_opened"]),
            int(result["cases_remedied"]),
            int(result["cases_escalated"]),
        )

    def differences(self, other: "Tally") -> List[str]:
        out = []
        if self.units.shape != other.units.shape:
            out.append(f"verdict tables of shapes {self.units.shape} and {other.units.shape}")
        elif not np.array_equal(self.units, other.units):
            rows = np.flatnonzero((self.units != other.units).any(axis=1))
            out.append(
                f"verdict counts differ in {len(rows)} unit(s), first unit {rows[0]}: "
                f"{self.units[rows[0]].tolist()} against {other.units[rows[0]].tolist()}"
            )
        for name in ("opened", "remedied", "escalated"):
            if getattr(self, name) != getattr(other, name):
                out.append(f"cases {name}: {getattr(self, name)} against {getattr(other, name)}")
        return out


def check(reference: Tally, other: Tally, who: str) -> None:
    wrong = reference.differences(other)
    if wrong:
        raise Disagreement(f"{who} does not count what soisua counts: " + "; ".join(wrong))


def summary(scale: str, form: str, data: Dict[str, Any]) -> None:
    members, units, items = len(data["member_unit"]), len(data["unit_parent"]), len(data["item_kind"])
    what = (
        f"dense {items} × {members} = {items * members / 1e6:.0f} MB"
        if "cells" in data
        else f"sparse {len(data['entry_member'])} rows"
    )
    print(f"# {scale} {form}: {units} units, {members} members; {what}; {len(data['case_member'])} carried cases", flush=True)


# ---------------------------------------------------------------------------------------------
# The peers


def load_peers() -> Tuple[Optional[types.ModuleType], Optional[str]]:
    """bench/peers.py, and why DuckDB cannot run (None when it can).

    peers.py imports duckdb only when the DuckDB peer runs: where duckdb is missing, the NumPy and
    Polars peers run and DuckDB is reported as skipped.
    """
    path = HERE / "peers.py"
    if not path.exists():
        return None, f"{path} is not there"
    duckdb_missing: Optional[str] = None
    try:
        import duckdb  # noqa: F401
    except ImportError as error:
        duckdb_missing = f"duckdb cannot be imported ({error})"
    spec = importlib.util.spec_from_file_location("peers", path)
    if spec is None or spec.loader is None:
        return None, f"{path} cannot be loaded"
    module = importlib.util.module_from_spec(spec)
    sys.modules["peers"] = module
    try:
        spec.loader.exec_module(module)
    except ImportError as error:
        del sys.modules["peers"]
        return None, f"bench/peers.py cannot be imported: {error}"
    return module, duckdb_missing


def polars_child(args: argparse.Namespace) -> None:
    """One Polars configuration in this (child) process: POLARS_MAX_THREADS is set by the parent."""
    peers, _ = load_peers()
    assert peers is not None
    import polars

    register = soisua.Register(soisua.Catalogue.synthetic_local())
    data = register.synthetic(args.scale, form=args.form)
    reference = Tally.of_soisua(evaluate(register, data, 1))
    first = peers.polars_month(data)  # the warm-up is also the check
    wrong = reference.differences(Tally.of_peer(first))
    stats: Optional[Stats] = None
    if not wrong:
        stats, _ = timed(args.repeat, lambda: peers.polars_month(data))
    print(
        json.dumps(
            {
                "threads": polars.thread_pool_size(),
                "wrong": wrong,
                "stats": list(stats) if stats else None,
            }
        ),
        flush=True,
    )


def polars_in_child(args: argparse.Namespace, scale: str, form: str, threads: int) -> Tuple[Stats, int]:
    command = [
        sys.executable,
        __file__,
        "--polars-child",
        "--scale",
        scale,
        "--form",
        form,
        "--repeat",
        str(args.repeat),
    ]
    env = dict(os.environ, POLARS_MAX_THREADS=str(threads))
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise Disagreement(f"the Polars child process ({threads} threads) failed:\n{done.stderr[-3000:]}")
    answer = json.loads(done.stdout.strip().splitlines()[-1])
    if answer["wrong"]:
        raise Disagreement(f"polars ({threads} threads) does not count what soisua counts: " + "; ".join(answer["wrong"]))
    return Stats(*answer["stats"]), int(answer["threads"])


# ---------------------------------------------------------------------------------------------
# Python against Rust


RUST_LINE = re.compile(
    r"^month (?P<form>dense|sparse)\s+(?P<scale>\w+)\s+(?P<threads>\d+) thr\s+median\s+(?P<median>[\d.]+) ms\s+"
    r"\[\s*(?P<low>[\d.]+) …\s*(?P<high>[\d.]+)\]"
)


def rust_numbers(path: Optional[Path]) -> Dict[Tuple[str, str, int], Stats]:
    """The `month dense|sparse` lines of a saved `cargo bench -p soisua --bench national` output."""
    if path is None:
        return {}
    numbers: Dict[Tuple[str, str, int], Stats] = {}
    for text in path.read_text(encoding="utf-8").splitlines():
        found = RUST_LINE.match(text.strip())
        if found:
            key = (found["scale"], found["form"], int(found["threads"]))
            numbers[key] = Stats(*(float(found[k]) / 1e3 for k in ("median", "low", "high")))
    return numbers


def python_paths(
    register: soisua.Register, scale: str, data: Dict[str, Any], reference: Tally, args: argparse.Namespace, rust: Dict[Tuple[str, str, int], Stats]
) -> None:
    """`Register.evaluate` of the dense month from NumPy, a pyarrow Table and a polars DataFrame."""
    import polars as pl
    import pyarrow as pa  # type: ignore[import-untyped]

    from soisua.register import _arrow_view

    cells = data["cells"]
    # Views of the NumPy rows (no copy): a 127-column Table, and a DataFrame over the same buffers.
    table = pa.table({code: _arrow_view("cells", row) for code, row in zip(register.items, cells)})
    frame = pl.from_arrow(table, rechunk=False)
    assert isinstance(frame, pl.DataFrame)
    inputs: Sequence[Tuple[str, Any]] = (("from numpy", cells), ("from pyarrow Table", table), ("from polars DataFrame", frame))
    print(f"\n## Python paths into the register, {scale} dense (the Rust numbers: cargo bench -p soisua --bench national -- --scale {scale})")
    for threads in args.threads:
        base: Optional[Stats] = None
        for what, given in inputs:
            first = evaluate(register, data, threads, cells=given)
            check(reference, Tally.of_soisua(first), f"soisua {what} on {threads} threads")
            stats, _ = timed(args.repeat, lambda: evaluate(register, data, threads, cells=given))
            base = base or stats
            native = rust.get((scale, "dense", threads))
            note = f"  {stats.median / native.median:6.2f}× Rust ({native.median * 1e3:.3f} ms)" if native else ""
            line(f"evaluate {what}", "dense", scale, threads, stats, note=note)
        if not rust:
            print("#   (give a saved `cargo bench -p soisua --bench national` output with --rust FILE for the ratios to Rust)")


def overhead(register: soisua.Register, repeat: int) -> None:
    """Per-call costs: a one-member month, `Evaluator.evaluate_review`, a getter."""
    print("\n## Per-call overhead")
    items = len(register.items)
    one: Dict[str, Any] = {
        "unit_parent": np.array([NONE], dtype=np.uint32),
        "member_unit": np.zeros(1, dtype=np.uint32),
        "member_roles": np.zeros(1, dtype=np.uint8),
    }
    cells = np.ones((items, 1), dtype=np.uint8)

    def tiny() -> Any:
        return register.evaluate(24248, cells=cells, **one)

    assert tiny()["units"].tolist() == [[0, 1, 0, 0]]
    seconds = statistics.median(per_call(tiny) for _ in range(max(repeat, 1)))
    print(f"evaluate, 1 member, dense  {seconds * 1e6:9.2f} µs per call (numpy in, numpy out; {items} items)")
    entries = {"entry_member": np.zeros(0, np.uint32), "entry_item": np.zeros(0, np.uint16), "entry_code": np.zeros(0, np.uint8)}

    def tiny_sparse() -> Any:
        return register.evaluate(24248, entries=entries, **one)

    seconds = statistics.median(per_call(tiny_sparse) for _ in range(max(repeat, 1)))
    print(f"evaluate, 1 member, sparse {seconds * 1e6:9.2f} µs per call")
    organisation = soisua.Organisation.synthetic("district", 2020).subtree("DB-01")
    batch = soisua.ReviewBatch.synthetic(organisation, register.catalogue, "2020-09", 2020)
    evaluator = soisua.Evaluator(register.catalogue, organisation)
    review = batch.to_dict()["reviews"][0]
    small = dict(review, answers=review["answers"][:1], status="draft")
    print(f"evaluate_review            {per_call(lambda: evaluator.evaluate_review(small)) * 1e6:9.2f} µs per call (1 answer; bench.py's)")
    evaluation = evaluator.evaluate(batch, "2020-09")
    print(f"call_floor                 {per_call(lambda: evaluation.months) * 1e6:9.2f} µs per call (a getter; bench.py's)", flush=True)


# ---------------------------------------------------------------------------------------------
# One scale


def one_scale(register: soisua.Register, scale: str, args: argparse.Namespace, peers: Any, no_duckdb: Optional[str], rust: Dict[Tuple[str, str, int], Stats]) -> None:
    print(f"\n## {scale}")
    reference: Optional[Tally] = None
    for form in args.forms:
        start = time.perf_counter()
        data = register.synthetic(scale, form=form)
        summary(scale, form, data)
        print(f"#   built in {time.perf_counter() - start:.1f} s")
        ours: Dict[int, Stats] = {}
        for threads in args.threads:
            tally = Tally.of_soisua(evaluate(register, data, threads))  # warm-up and check
            if reference is None:
                reference = tally
                top = np.asarray(data["unit_parent"]) == NONE
                print(
                    f"# verdicts (not evaluated, commend, help, inspect) {tally.units[top].sum(axis=0).tolist()}; "
                    f"cases opened {tally.opened}, remedied {tally.remedied}, escalated {tally.escalated}"
                )
            check(reference, tally, f"soisua {form} on {threads} threads")
            ours[threads], _ = timed(args.repeat, lambda: evaluate(register, data, threads))
            native = rust.get((scale, form, threads))
            note = f"  {ours[threads].median / native.median:6.2f}× Rust ({native.median * 1e3:.3f} ms)" if native else ""
            line("soisua (Python)", form, scale, threads, ours[threads], note=note)
        if peers is not None:
            assert reference is not None
            if "numpy" in args.peers:
                check(reference, Tally.of_peer(peers.numpy_month(data)), f"numpy ({form})")
                stats, _ = timed(args.repeat, lambda: peers.numpy_month(data))
                line("numpy", form, scale, 1, stats, stats.median / ours[min(ours)].median, "  (single-threaded)")
            if "polars" in args.peers:
                if args.polars_in_process:
                    import polars

                    check(reference, Tally.of_peer(peers.polars_month(data)), f"polars ({form})")
                    stats, _ = timed(args.repeat, lambda: peers.polars_month(data))
                    pool = polars.thread_pool_size()
                    mine = ours.get(pool, ours[max(ours)])
                    line("polars", form, scale, pool, stats, stats.median / mine.median, f"  (its default pool: {pool} threads)")
                else:
                    for threads in args.threads:
                        stats, pool = polars_in_child(args, scale, form, threads)
                        line("polars", form, scale, pool, stats, stats.median / ours[threads].median, "  (child process)")
            if "duckdb" in args.peers:
                if no_duckdb:
                    print(f"duckdb                   skipped: {no_duckdb}")
                else:
                    for threads in args.threads:
                        check(reference, Tally.of_peer(peers.duckdb_month(data, threads=threads)), f"duckdb ({form}, {threads} threads)")
                        stats, _ = timed(args.repeat, lambda: peers.duckdb_month(data, threads=threads))
                        line("duckdb", form, scale, threads, stats, stats.median / ours[threads].median)
        if form == "dense" and not args.smoke:
            assert reference is not None
            python_paths(register, scale, data, reference, args, rust)
        del data


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", action="append", choices=["district", "province", "nation"], help="repeatable; default district")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--threads", type=lambda t: [int(x) for x in t.split(",")], default=[1, 2], help="soisua's, DuckDB's and Polars' thread counts (default 1,2)")
    parser.add_argument("--forms", type=lambda t: t.split(","), default=list(FORMS))
    parser.add_argument("--peers", type=lambda t: t.split(",") if t else [], default=["numpy", "polars", "duckdb"], help="comma-separated; empty for none")
    parser.add_argument("--polars-in-process", action="store_true", help="Polars on its default pool here, not one child per thread count")
    parser.add_argument("--rust", type=Path, help="a saved output of `cargo bench -p soisua --bench national`")
    parser.add_argument("--smoke", action="store_true", help="district, once, every check; exit 1 on disagreement (CI)")
    parser.add_argument("--no-overhead", action="store_true", help="skip the per-call measurements")
    parser.add_argument("--polars-child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--form", default="dense", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.polars_child:
        args.scale = args.scale[0]
        polars_child(args)
        return
    if args.smoke:
        args.scale, args.repeat, args.polars_in_process = ["district"], 1, True
    scales = args.scale or ["district"]
    machine()
    peers, no_duckdb = load_peers() if args.peers else (None, None)
    if args.peers and peers is None:
        print(f"# peers: none ({no_duckdb})")
        if args.smoke:
            raise SystemExit("the smoke run needs bench/peers.py")
    register = soisua.Register(soisua.Catalogue.synthetic_local())
    print(f"# {register!r}; repeat {args.repeat}, threads {args.threads}; times: median [min … max] of the repeats after a warm-up")
    rust = rust_numbers(args.rust)
    for scale in scales:
        one_scale(register, scale, args, peers, no_duckdb, rust)
    if not args.no_overhead:
        overhead(register, 1 if args.smoke else 3)
    print("\n# every configuration agreed" + (" (smoke)" if args.smoke else ""))


if __name__ == "__main__":
    main()
