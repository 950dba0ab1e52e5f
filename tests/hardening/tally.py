"""Count the catalogue's outcomes per category: ``python tests/hardening/tally.py``.

Run it with ``PYTHONPATH`` pointing at another checkout's code to count that code's outcomes on the
same cases (how the before/after figures in the note were made)."""
import sys
import tempfile
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from catalogue import all_cases, run_case, verdict  # noqa: E402
from roster_catalogue import BASE_FINDINGS, all_roster_cases, findings, roster_verdict, screen_case  # noqa: E402


def main() -> int:
    counts = {"cli": Counter(), "policy": Counter(), "roster": Counter()}
    examples = {}
    for case in all_cases():
        with tempfile.TemporaryDirectory() as folder:
            result = verdict(case, run_case(case, Path(folder)))
        counts[case.kind][result.category] += 1
        examples.setdefault((case.kind, result.category), []).append(f"{case.name}: {result.detail[:120]!r}")
    rosters = all_roster_cases()
    with tempfile.TemporaryDirectory() as folder:
        outcome, report = screen_case(rosters[0], Path(folder))
        if report is not None:
            BASE_FINDINGS["counts"] = findings(report)
    for case in rosters:
        with tempfile.TemporaryDirectory() as folder:
            result = roster_verdict(case, *screen_case(case, Path(folder)))
        counts["roster"][result.category] += 1
        examples.setdefault(("roster", result.category), []).append(f"{case.name}: {result.detail[:120]!r}")
    for kind, counter in counts.items():
        print(kind, sum(counter.values()), dict(sorted(counter.items())))
    if "-v" in sys.argv:
        for (kind, category), names in sorted(examples.items()):
            if category != "good":
                print(f"\n[{kind} / {category}]")
                print("\n".join(f"  {n}" for n in names))
    return 0


if __name__ == "__main__":
    sys.exit(main())
