"""The built handbook, for tests that read its HTML.

The site is read from ``$DOUDI_SITE_DIR`` if set, else from ``_build/html``. When that build is
missing or older than the book, the table of contents, the config or the engine, the fixture
builds it first (``scripts/build_site.sh`` if present, else ``jupyter-book build . -W``).
"""
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SOURCES = [ROOT / "_toc.yml", ROOT / "_config.yml", *ROOT.glob("book/**/*.md"), *ROOT.glob("calculators/*.py"),
           *ROOT.glob("data/policies/*.yaml")]


def _stale(html: Path) -> bool:
    index = html / "index.html"
    if not index.is_file():
        return True
    built = index.stat().st_mtime
    return any(p.is_file() and p.stat().st_mtime > built for p in SOURCES)


def _build() -> None:
    script = ROOT / "scripts" / "build_site.sh"
    if script.is_file():
        command = ["bash", str(script)]
    else:
        command = [sys.executable, "-m", "jupyter_book", "build", str(ROOT), "-W", "--keep-going"]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        pytest.fail(f"the handbook build failed ({' '.join(command)}):\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")


@pytest.fixture(scope="session")
def site() -> Path:
    given = os.environ.get("DOUDI_SITE_DIR")
    if given:
        return Path(given)
    html = ROOT / "_build" / "html"
    if _stale(html):
        _build()
    return html
