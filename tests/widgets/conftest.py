"""Fixtures for the calculator tests."""
import pytest

from widget_helpers import cli_assess


@pytest.fixture
def cli(tmp_path):
    return lambda household, *args: cli_assess(household, tmp_path, *args)
