"""Shared fixtures: the committed sample roster, read independently with the csv module."""
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from calculators import load_policy  # noqa: E402
from roster_files import SAMPLE_CSV, read_csv_rows  # noqa: E402


@pytest.fixture(scope="session")
def policy():
    return load_policy("laifeng-2017")


@pytest.fixture(scope="session")
def sample_rows():
    return read_csv_rows(SAMPLE_CSV)
