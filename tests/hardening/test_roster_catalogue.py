"""Every broken roster of the catalogue (``roster_catalogue.py``) gives a full report whose rows read =
accepted + rejected, with no ID number and money to the fen, and the same findings as the template
where only the form differs; or, when no row can be read, exit status 2 and one Chinese line."""
import pytest

from roster_catalogue import BASE_FINDINGS, all_roster_cases, base_cases, findings, roster_verdict, screen_case

CASES = all_roster_cases()


@pytest.fixture(scope="module")
def template_findings(tmp_path_factory):
    template = base_cases()[0]
    outcome, report = screen_case(template, tmp_path_factory.mktemp("template"))
    assert outcome.code == 0, outcome.err
    BASE_FINDINGS["counts"] = findings(report)
    return BASE_FINDINGS["counts"]


def test_the_catalogue_holds_at_least_50_broken_rosters():
    assert len(CASES) >= 50
    assert len({c.name for c in CASES}) == len(CASES)


def test_the_template_roster_has_findings_to_compare_against(template_findings):
    assert template_findings["rejected"] == 0
    assert sum(template_findings.values()) > 0


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_a_broken_roster_is_reported_row_by_row_or_refused_in_one_line(case, tmp_path, template_findings):
    result = roster_verdict(case, *screen_case(case, tmp_path))
    assert result.category == "good", result.detail
