"""Benchmark: screen a generated roster of 1 000 000 households (about 3.4 million persons).

Prints, for a folder of Parquet parts (households never span two parts):

* the time pandas takes just to read the whole roster, in a fresh process (cold: the process also
  takes its memory from the system) and again in that same process (warm);
* the screening: every part read, checked (``validate``) and assessed (``screen_frame``: the column
  form of the rules, the engine itself for the few households it leaves) in worker processes, one
  part per task, as the Dask path does; households per second and the ratio to both read times;
* CPU seconds per stage summed over the workers, and the peak memory of the largest worker.

    python benchmarks/screening_bench.py                       # 1 000 000 households, 2 processes
    python benchmarks/screening_bench.py --households 20000    # a quick run
The roster is generated once into --folder (default /tmp/doudi-bench/roster-<N>/) and reused.
Run it on an otherwise idle machine: other jobs slow the wall figures (the load average is printed).
"""
import argparse
import os
import resource
import subprocess
import sys
import time
from multiprocessing import get_context
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "data" / "roster"))

READ = """
import resource, sys, time, pandas as pd
t = time.perf_counter(); frame = pd.read_parquet(sys.argv[1]); cold = time.perf_counter() - t
t = time.perf_counter(); frame = pd.read_parquet(sys.argv[1]); warm = time.perf_counter() - t
print(cold, warm, len(frame), frame["户编号"].nunique(), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def read_times(folder: Path) -> tuple:
    """(cold s, warm s, persons, households, peak kB) of pandas reading the folder, in a new process."""
    out = subprocess.run([sys.executable, "-c", READ, str(folder)], capture_output=True, text=True, check=True)
    cold, warm, persons, households, peak = out.stdout.split()
    return float(cold), float(warm), int(persons), int(households), int(peak)


def screen_part(args):
    path, policy_id = args
    import pandas as pd

    from calculators.roster.check import validate
    from calculators.roster.read import as_text
    from calculators.roster.screen import screen_frame

    t0 = time.process_time()
    frame = pd.read_parquet(path)
    t1 = time.process_time()
    validated = validate(as_text(frame))
    t2 = time.process_time()
    result = screen_frame(validated.frame, policy_id)
    t3 = time.process_time()
    return {"rows": len(frame), "households": len(result.households) + len(result.rejected_keys),
            "rejected_rows": validated.rows_rejected, "eligible": int(result.households["eligible"].sum()),
            "left_behind": len(result.left_behind), "read": t1 - t0, "validate": t2 - t1, "assess": t3 - t2,
            "peak_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}


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
    cold, warm, persons, households, read_peak = read_times(folder)
    print(f"roster: {households} households, {persons} persons, {len(parts)} Parquet parts, "
          f"{sum(p.stat().st_size for p in parts) / 2**20:.0f} MB")
    print(f"pandas read_parquet of the whole folder: {cold:.2f} s in a fresh process, {warm:.2f} s read again")

    from calculators.roster.screen import ProgressBar

    bar = ProgressBar(households, "筛查")
    totals = {"rows": 0, "households": 0, "rejected_rows": 0, "eligible": 0, "left_behind": 0, "read": 0.0,
              "validate": 0.0, "assess": 0.0, "peak_kb": 0}
    t = time.perf_counter()
    with get_context("spawn").Pool(args.processes) as pool:
        for part in pool.imap_unordered(screen_part, [(p, args.policy) for p in parts]):
            for key in totals:
                totals[key] = max(totals[key], part[key]) if key == "peak_kb" else totals[key] + part[key]
            bar(part["households"])
    bar.close()
    screen_s = time.perf_counter() - t
    assert totals["rows"] == persons, "rows lost"
    print(f"screened {totals['households']} households ({totals['rows']} rows, {totals['rejected_rows']} rejected) "
          f"in {screen_s:.1f} s wall with {args.processes} processes: {totals['households'] / screen_s:,.0f} "
          "households/s")
    cpu = totals["read"] + totals["validate"] + totals["assess"]
    print(f"worker CPU: read {totals['read']:.1f} s, as_text+validate {totals['validate']:.1f} s, "
          f"screen_frame {totals['assess']:.1f} s (sum {cpu:.1f} s)")
    print(f"screening / read time: {screen_s / cold:.2f}x the fresh-process read, {screen_s / warm:.1f}x the "
          "warm read (goal: 2x)")
    print(f"load average after the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"eligible for 低保 by the rules: {totals['eligible']}; left-behind people found: {totals['left_behind']}")
    print(f"peak memory of the largest worker: {totals['peak_kb'] / 2**20:.2f} GB; "
          f"reading the whole roster into one process: {read_peak / 2**20:.2f} GB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
