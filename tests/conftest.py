"""Shared test set-up.

- ``tests/`` is put on ``sys.path`` so any suite can ``from browser import serve, chromium``
  (see ``tests/browser.py``).
- ``built_site`` (session fixture): the built handbook in ``_build/html``, built first with
  ``scripts/build_site.sh`` when it is missing or older than its sources
  (``scripts/site_freshness.py``). ``DOUDI_SITE_DIR=<dir>`` tests another build as is.
  ``DOUDI_NO_SITE=1`` never builds: tests that need the site are then skipped, with that
  reason, if there is no build. By default the site is built and its tests run.
"""
import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT / "tests") not in sys.path:
    sys.path.insert(0, str(ROOT / "tests"))


def _freshness():
    spec = importlib.util.spec_from_file_location("site_freshness", ROOT / "scripts" / "site_freshness.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def built_site() -> Path:
    given = os.environ.get("DOUDI_SITE_DIR")
    if given:
        return Path(given)
    html = ROOT / "_build" / "html"
    if os.environ.get("DOUDI_NO_SITE"):
        if not (html / "book" / "index.html").is_file():
            pytest.skip("DOUDI_NO_SITE is set and _build/html has no built site")
        return html
    if _freshness().stale_sources(html):
        done = subprocess.run(["bash", str(ROOT / "scripts" / "build_site.sh")], cwd=ROOT, capture_output=True,
                              text=True)
        if done.returncode != 0:
            pytest.fail(f"scripts/build_site.sh failed:\n{done.stdout[-4000:]}\n{done.stderr[-4000:]}")
    return html
