"""Fixtures for the dashboard tests: the sample roster screened once."""
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))


@pytest.fixture(scope="session")
def view():
    from calculators import charts
    return charts.load_roster(charts.SAMPLE_ROSTER)
