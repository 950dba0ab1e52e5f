"""Benchmark: the 标准调整测算 dashboard's redraw for a county-sized roster (kernel side, no browser).

Generates (once, with ``data/roster/generate.py``) a roster of 40 000 households into a Parquet file,
then, in one process, as the staff dashboard runs under Voila (``DOUDI_DASHBOARD=staff``):

* the dashboard's start: the roster read, checked, turned into arrays and screened under the current
  file once (``Baseline``), and the first proposal drawn (what a preheated kernel has done already);
* each redraw: a new proposed standard set in the standard box, as typing it and pressing Enter does
  (``propose_policy``, one more ``screen_frame``, ``compare_results``, the tables, the two charts'
  specs and the widgets' values), over ``--proposals`` different standards;
* for comparison, what a redraw would cost by calling ``compare`` (read and check once, screen the
  whole roster twice), the way the command line does it.

Goal on this machine (2 cores): a redraw within 1 s for 40 000 households. Figures only: nothing here
is a timed test. The browser then draws the two charts (about 0.1 s, see the Voila test's printout).

    python benchmarks/standard_dashboard_bench.py                       # 40 000 households
    python benchmarks/standard_dashboard_bench.py --households 60000 --proposals 8
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


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--households", type=int, default=40_000)
    parser.add_argument("--seed", type=int, default=2017)
    parser.add_argument("--proposals", type=int, default=6, help="redraws timed, each a different standard")
    parser.add_argument("--policy", default="laifeng-2017")
    args = parser.parse_args(argv)
    path = Path(f"/tmp/doudi-bench/compare-{args.households}-{args.seed}.parquet")
    if not path.exists():
        from generate import generate, write

        t = time.perf_counter()
        write(generate(args.households, args.seed, 2), path)
        print(f"generated {args.households} households into {path} in {time.perf_counter() - t:.1f} s")

    os.environ["DOUDI_DASHBOARD"] = "staff"
    from calculators.dashboards.standard import StandardDashboard
    from calculators.proposal import propose_policy
    from calculators.roster.cli import import_roster
    from calculators.roster.compare import compare

    t = time.perf_counter()
    dashboard = StandardDashboard(path, args.policy)
    start = time.perf_counter() - t
    base = dashboard.baseline
    current = int(base.policy.dibao.standard_annual)
    standards = [current + 50 * (n + 1) * (-1) ** n for n in range(args.proposals)]   # +50, -100, +150, …
    redraws = []
    for value in standards:
        t = time.perf_counter()
        dashboard.standard.value = value
        redraws.append(time.perf_counter() - t)
        assert "doudi-error" not in dashboard.status.value, dashboard.status.value
    t = time.perf_counter()
    dashboard.standard.value = standards[0]
    again = time.perf_counter() - t
    t = time.perf_counter()
    whole = compare(import_roster(path, policy=base.policy), base.policy, propose_policy(base.policy, standards[-1]))
    naive = time.perf_counter() - t
    totals = base.compare(standards[-1]).totals()
    assert totals == whole.totals(), "the dashboard's comparison differs from compare()"

    print(f"roster: {len(base.before.households)} households, {totals['persons']} persons; {base.policy.id} "
          f"({current} 元/人·年); proposals {', '.join(map(str, standards))} 元/人·年")
    print(f"dashboard start (read, check, arrays, screen once, first drawing): {start:.2f} s")
    print(f"redraw for a new standard: median {statistics.median(redraws):.2f} s, best {min(redraws):.2f} s, "
          f"worst {max(redraws):.2f} s over {len(redraws)} standards (goal: within 1 s)")
    print(f"redraw for a standard already drawn (kept comparison): {again:.2f} s")
    print(f"the same comparison by compare() (read and check, screen twice): {naive:.2f} s")
    print(f"load average after the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    return 0


if __name__ == "__main__":
    sys.exit(main())
