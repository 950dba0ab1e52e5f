"""Benchmark: a new standard's impact (``compare``) against one screening of the same roster.

Generates (once, with ``data/roster/generate.py``) a roster of 100 000 households into a Parquet file,
then times, in the same process and the same run:

* a single screening: read, check (``validate``) and screen (``screen``) under the current policy;
* the comparison: read and check once, screen under the current and the proposed policy
  (``propose_policy``: the standard raised by 300 元/人·年), line the two up (``compare``) and total.

Each is timed ``--repeat`` times (best and median printed); the goal is a comparison at most 2.2× a
single screening. Figures only: nothing here is a timed test.

    python benchmarks/compare_bench.py                         # 100 000 households, 1 process
    python benchmarks/compare_bench.py --households 20000 --processes 2
Run it on an otherwise idle machine: other jobs slow the wall figures (the load average is printed).
"""
import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "data" / "roster"))


def single(path, policy, processes):
    from calculators.roster.check import validate
    from calculators.roster.read import read_sheet
    from calculators.roster.screen import screen

    validated = validate(read_sheet(path), None, policy)
    return screen(validated.frame, policy, processes, show_progress=False)


def comparison(path, before, after, processes):
    from calculators.roster.check import validate
    from calculators.roster.compare import compare
    from calculators.roster.read import read_sheet

    validated = validate(read_sheet(path), None, before)
    result = compare(validated, before, after, processes, show_progress=False)
    return result, result.totals(), result.by_township(), result.by_band()


def timed(function, *args):
    start = time.perf_counter()
    value = function(*args)
    return time.perf_counter() - start, value


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--households", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=2017)
    parser.add_argument("--processes", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--policy", default="laifeng-2017")
    parser.add_argument("--raise-by", type=int, default=300, help="the proposed standard: current + this, 元/人·年")
    args = parser.parse_args(argv)
    path = Path(f"/tmp/doudi-bench/compare-{args.households}-{args.seed}.parquet")
    if not path.exists():
        from generate import generate, write

        t = time.perf_counter()
        write(generate(args.households, args.seed, max(args.processes, 2)), path)
        print(f"generated {args.households} households into {path} in {time.perf_counter() - t:.1f} s")

    from calculators import load_policy
    from calculators.proposal import propose_policy

    before = load_policy(args.policy)
    after = propose_policy(before, before.dibao.standard_annual + args.raise_by)
    single(path, before, args.processes)                  # warm the imports and the file cache
    singles, compares = [], []
    for _ in range(args.repeat):
        seconds, result = timed(single, path, before, args.processes)
        singles.append(seconds)
        seconds, (result_c, totals, _, _) = timed(comparison, path, before, after, args.processes)
        compares.append(seconds)
    assert totals["households"] == len(result.households), "the comparison lost households"
    print(f"roster: {totals['households']} households, {totals['persons']} persons; {args.policy} "
          f"({before.dibao.standard_annual} 元/人·年) against {after.id} ({after.dibao.standard_annual} 元/人·年); "
          f"{args.processes} process(es), {args.repeat} runs each")
    print(f"single screening (read + check + screen): best {min(singles):.2f} s, median {statistics.median(singles):.2f} s")
    print(f"compare (read + check once, screen twice, diff, totals and tables): best {min(compares):.2f} s, "
          f"median {statistics.median(compares):.2f} s")
    print(f"ratio compare / single: {min(compares) / min(singles):.2f}x best to best, "
          f"{statistics.median(compares) / statistics.median(singles):.2f}x median to median (goal: at most 2.2x)")
    print(f"cost per month: {totals['before_monthly']} → {totals['after_monthly']} 元 "
          f"({totals['difference_monthly']:+} 元); entering {totals['entering_households']}, leaving "
          f"{totals['leaving_households']}, gaining {totals['gaining_households']} households")
    print(f"load average after the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    return 0


if __name__ == "__main__":
    sys.exit(main())
