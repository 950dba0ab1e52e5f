"""The built handbook, for tests that read its HTML.

The site is read from ``$DOUDI_SITE_DIR`` if set, else from ``_build/html``. When that build is
missing or older than its sources (``scripts/site_freshness.py``: the book, the table of contents,
the config, the engine, the policy files), the fixture builds it first with ``scripts/build_site.sh``.
"""
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))
from site_freshness import stale_sources  # noqa: E402  (shared with scripts/test.sh)


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
    if stale_sources(html):
        _build()
    return html
