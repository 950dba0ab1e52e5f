"""Every bad input of the catalogue (``catalogue.py``) is refused with exit status 2 and one Chinese line
naming the field or file, without a traceback and without output; the good ones in it are accepted."""
import pytest

from catalogue import all_cases, run_case, verdict

CASES = all_cases()


def test_the_catalogue_holds_at_least_200_cli_and_policy_cases():
    assert len(CASES) >= 200
    assert len({c.name for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_input_gets_one_chinese_line_naming_the_field(case, tmp_path):
    result = verdict(case, run_case(case, tmp_path))
    assert result.category == "good", result.detail
