"""Is the built site older than what it is built from?

    python scripts/site_freshness.py      # exit 0 if _build/html is up to date, 1 (and why) if not

``stale_sources()`` is also used by the test fixtures that need the built site.
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HTML = ROOT / "_build" / "html"


def sources() -> list[Path]:
    patterns = ["_config.yml", "_toc.yml", "book/**/*.md", "book/**/*.ipynb", "book/_ext/*.py",
                "book/_ext/templates/**/*.html", "book/_static/*.css", "book/_static/scripts/*.js",
                "calculators/**/*.py", "data/policies/*.yaml", "runtime/src/*", "book/_static/live/manifest.json",
                "requirements.txt", "scripts/build_pdf.py", "scripts/build_site.sh"]
    found = []
    for pattern in patterns:
        found += [p for p in ROOT.glob(pattern) if p.is_file() and "_build" not in p.parts]
    return found


def stale_sources(html: Path = HTML) -> list[Path]:
    """Sources newer than the last build (all of them if there is no build).

    The time of the last build is that of ``_build/.shared-hash``, which scripts/build_site.sh
    writes after a build succeeds: an incremental build rewrites only the pages that changed.
    """
    index = html / "book" / "index.html"
    stamp = html.parent / ".shared-hash"
    if not index.is_file() or not stamp.is_file():
        return sources()
    built = stamp.stat().st_mtime
    return [p for p in sources() if p.stat().st_mtime > built]


def main() -> int:
    stale = stale_sources()
    if stale:
        names = ", ".join(str(p.relative_to(ROOT)) for p in stale[:5])
        print(f"site is stale ({len(stale)} newer sources: {names}{' ...' if len(stale) > 5 else ''})")
        return 1
    print("site is up to date")
    return 0


if __name__ == "__main__":
    sys.exit(main())
