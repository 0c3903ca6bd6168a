"""Time the benchmark peers of issue 7 (peers.py) on a synthetic month at national scale.

    nice .venv/bin/python bindings-python/bench/bench_peers.py --all            # every configuration
    nice .venv/bin/python bindings-python/bench/bench_peers.py --peer polars --form sparse --threads 2

One configuration (peer, form, threads) runs in its own process: Polars reads ``POLARS_MAX_THREADS``
when it is imported, and a fresh process gives each peer its own peak memory (``ru_maxrss``, which
includes generating the month). Each process generates the month (``synthetic``, seed 1), runs the
peer once untimed (warm-up: this VM faults fresh pages in slowly), then ``--repeat`` timed runs
(wall clock, ``time.perf_counter``; and CPU time, all threads), and prints one JSON line: best and
median seconds, the totals, and a digest of the verdict table so that ``--all`` can check every peer
returned the same result.
NumPy runs single-threaded whatever ``--threads`` says, so ``--all`` runs it once per form.
DuckDB gets ``SET threads``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Dict, List

HERE = Path(__file__).resolve().parent


def one(args: argparse.Namespace) -> Dict[str, Any]:
    os.environ["POLARS_MAX_THREADS"] = str(args.threads)  # before polars is imported (by peers)
    sys.path.insert(0, str(HERE))
    import numpy
    import peers  # noqa: E402

    start = time.perf_counter()
    data = peers.synthetic(args.members, args.units, seed=args.seed, form=args.form)
    generated = time.perf_counter() - start
    def duckdb_month(d: Any) -> Any:
        return peers.duckdb_month(d, threads=args.threads)

    month = {"numpy": peers.numpy_month, "polars": peers.polars_month, "duckdb": duckdb_month}[args.peer]
    if args.peer == "polars":
        import polars

        assert polars.thread_pool_size() == args.threads, polars.thread_pool_size()
    result = month(data)  # warm-up
    runs: List[float] = []
    cpu: List[float] = []
    for _ in range(args.repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        result = month(data)
        runs.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    verdicts = result["verdicts"]
    return {
        "peer": args.peer,
        "form": args.form,
        "threads": args.threads,
        "members": args.members,
        "units": args.units,
        "entries": int(len(data["entry_member"])) if "entry_member" in data else None,
        "cases": int(len(data["case_member"])),
        "best": min(runs),
        "median": statistics.median(runs),
        "runs": runs,
        "cpu_median": statistics.median(cpu),
        "generate": generated,
        "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "totals": [result["cases_opened"], result["cases_remedied"], result["cases_escalated"]],
        "roots": verdicts[numpy.asarray(data["unit_parent"]) == peers.ROOT].sum(axis=0).tolist(),
        "digest": hashlib.sha256(verdicts.tobytes()).hexdigest()[:16],
        "load": os.getloadavg()[0],
    }


def everything(args: argparse.Namespace) -> None:
    configs = [(peer, form, threads) for form in ("dense", "sparse")
               for peer in ("numpy", "polars", "duckdb") for threads in (1, 2)
               if not (peer == "numpy" and threads == 2)]
    rows: List[Dict[str, Any]] = []
    for peer, form, threads in configs:
        command = [sys.executable, __file__, "--peer", peer, "--form", form, "--threads", str(threads),
                   "--members", str(args.members), "--units", str(args.units), "--repeat", str(args.repeat),
                   "--seed", str(args.seed)]
        out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
        row = json.loads(out.strip().splitlines()[-1])
        print(json.dumps(row), flush=True)
        rows.append(row)
    digests = {(r["digest"], tuple(r["totals"])) for r in rows}
    print(f"\n# {args.members} members, {args.units} units, seed {args.seed}; best / median of {args.repeat}"
          f" (s); every peer agrees: {len(digests) == 1}")
    print("| peer | form | threads | best (s) | median (s) | CPU median (s) | peak RSS (MB) | load |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for r in rows:
        print(f"| {r['peer']} | {r['form']} | {r['threads']} | {r['best']:.3f} | {r['median']:.3f} "
              f"| {r['cpu_median']:.3f} | {r['maxrss_mb']:.0f} | {r['load']:.1f} |")
    print(f"totals (opened, remedied, escalated): {rows[0]['totals']}; verdicts at the roots: {rows[0]['roots']}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--all", action="store_true", help="every configuration, one process each, and a table")
    parser.add_argument("--peer", choices=["numpy", "polars", "duckdb"], default="numpy")
    parser.add_argument("--form", choices=["dense", "sparse"], default="dense")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--members", type=int, default=5_300_000)
    parser.add_argument("--units", type=int, default=290_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    if args.all:
        everything(args)
    else:
        print(json.dumps(one(args)), flush=True)


if __name__ == "__main__":
    main()
