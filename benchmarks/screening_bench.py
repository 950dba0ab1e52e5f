"""Benchmark: screen a generated roster of 1 000 000 households (about 2.5-3.4 million persons).

Prints the time pandas takes just to read the roster from Parquet, the screening throughput
(households per second: validation + conversion + the scalar engine, over worker processes, one
Parquet part per task) and the peak memory (resident set of this process and of the largest worker).

    python benchmarks/screening_bench.py                       # 1 000 000 households, 2 processes
    python benchmarks/screening_bench.py --households 20000    # a quick run
The roster is generated once into --folder (default /tmp/doudi-bench/roster-<N>/) and reused.
"""
import argparse
import os
import resource
import sys
import time
from multiprocessing import get_context
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "data" / "roster"))


def _screen_part(args):
    path, policy_id = args
    import pandas as pd

    from calculators.roster import as_text, validate
    from calculators.screening import screen_frame

    t0 = time.process_time()
    frame = pd.read_parquet(path)
    t1 = time.process_time()
    validated = validate(as_text(frame))
    t2 = time.process_time()
    result = screen_frame(validated.frame, policy_id)
    t3 = time.process_time()
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"rows": len(frame), "households": len(result.households), "rejected_rows": validated.rows_rejected,
            "eligible": int(result.households["eligible"].sum()), "read": t1 - t0, "validate": t2 - t1,
            "assess": t3 - t2, "peak_kb": peak_kb}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--households", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=2017)
    parser.add_argument("--folder", default=None)
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--policy", default="laifeng-2017")
    args = parser.parse_args(argv)
    folder = Path(args.folder or f"/tmp/doudi-bench/roster-{args.households}")

    if not folder.exists() or not any(folder.glob("*.parquet")):
        from generate import write_parts

        t = time.perf_counter()
        write_parts(args.households, args.seed, folder, args.processes)
        print(f"generated {args.households} households into {folder} in {time.perf_counter() - t:.1f} s")
    parts = sorted(folder.glob("*.parquet"))
    size_mb = sum(p.stat().st_size for p in parts) / 2**20

    import pandas as pd

    t, c = time.perf_counter(), time.process_time()
    whole = pd.read_parquet(folder)
    read_s, read_cpu = time.perf_counter() - t, time.process_time() - c
    persons = len(whole)
    households = whole["户编号"].nunique()
    del whole
    print(f"roster: {households} households, {persons} persons, {len(parts)} Parquet parts, {size_mb:.0f} MB")
    print(f"pandas read_parquet of the whole folder: {read_s:.2f} s wall, {read_cpu:.2f} s CPU")

    from calculators.screening import ProgressBar

    bar = ProgressBar(households, "筛查")
    totals = {"rows": 0, "households": 0, "rejected_rows": 0, "eligible": 0, "read": 0.0, "validate": 0.0,
              "assess": 0.0, "peak_kb": 0}
    t = time.perf_counter()
    with get_context("spawn").Pool(args.processes) as pool:
        for part in pool.imap_unordered(_screen_part, [(p, args.policy) for p in parts]):
            for key in totals:
                totals[key] = max(totals[key], part[key]) if key == "peak_kb" else totals[key] + part[key]
            bar(part["households"])
    bar.close()
    screen_s = time.perf_counter() - t
    parent_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    assert totals["rows"] == persons, "rows lost"
    print(f"screened {totals['households']} households ({totals['rows']} rows, {totals['rejected_rows']} rejected) "
          f"in {screen_s:.1f} s wall with {args.processes} processes: {totals['households'] / screen_s:,.0f} households/s")
    cpu = totals["read"] + totals["validate"] + totals["assess"]
    print(f"worker CPU time: read {totals['read']:.1f} s, validate {totals['validate']:.1f} s, "
          f"convert+assess {totals['assess']:.1f} s (sum {cpu:.1f} s; "
          f"{totals['households'] / cpu:,.0f} households/s per process)")
    print(f"screening / read time: {screen_s / read_s:.1f}x wall (goal: 2x); "
          f"CPU: {cpu:.0f} s screening vs {read_cpu:.1f} s reading")
    print(f"load average during the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores "
          "(other jobs on the machine slow the wall figures)")
    print(f"eligible for 低保 by the rules: {totals['eligible']}")
    print(f"peak memory: this process {parent_kb / 2**20:.2f} GB, largest worker {children_kb / 2**20:.2f} GB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
