"""Helpers for the calculator tests: the engine's CLI, numbers read from result HTML."""
import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def cli_assess(household: dict, tmp_path, *args) -> dict:
    """What ``python -m calculators assess`` says about this household (JSON output)."""
    path = tmp_path / "household.json"
    path.write_text(json.dumps(household, ensure_ascii=False), encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "calculators", "assess", str(path), *args],
                          capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def data_value(page_html: str, css_class: str) -> str:
    """The ``data-value`` of the first element carrying ``css_class`` in a result's HTML."""
    found = re.search(rf'class="[^"]*\b{re.escape(css_class)}\b[^"]*" data-value="([^"]*)"', page_html)
    assert found, f"no {css_class} in the result"
    return found.group(1)


def number(text: str) -> float:
    return float(text)
