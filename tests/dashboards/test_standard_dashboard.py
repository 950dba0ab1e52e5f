"""标准调整测算 (calculators.dashboards.standard) without a browser: the dashboard's quick path gives
what ``compare`` gives, the public page states no small count and no person, the staff inputs redraw
(the browser test is in test_voila_dashboards.py)."""
import re

import pandas as pd
import pytest

import dashboard_expected as expected
from calculators import load_policy
from calculators.dashboards import standard
from calculators.proposal import propose_policy
from calculators.roster.cli import import_roster
from calculators.roster.compare import compare


@pytest.fixture(scope="module")
def laifeng():
    return standard.baseline(expected.SAMPLE, "laifeng-2017")


def engine(policy_id, standard_annual, tiers=None):
    """The comparison as ``python -m calculators compare`` makes it: read, screen twice, compare."""
    base = load_policy(policy_id)
    return compare(import_roster(expected.SAMPLE, policy=base), base,
                   propose_policy(base, standard_annual, tiers=tiers))


@pytest.mark.parametrize("standard_annual", [3000, 3500, 3800, 4600])
def test_the_dashboard_compares_every_household_as_compare_does(laifeng, standard_annual):
    got = laifeng.compare(standard_annual)
    want = engine("laifeng-2017", standard_annual)
    assert got.households.reset_index(drop=True).equals(want.households.reset_index(drop=True))
    assert got.totals() == want.totals()


def test_a_tier_table_typed_by_the_officer_is_the_one_compared():
    tiers = ((110, 360), (220, 260), (330, 160), (440, 70))
    got = standard.baseline(expected.SAMPLE, "example-tiers-2020").compare(5280, tiers)
    assert [(t.up_to, t.amount) for t in got.after_policy.dibao.payment.tiers] == [tuple(map(int, t)) for t in tiers]
    assert got.totals() == engine("example-tiers-2020", 5280, tiers).totals()


def cells_and_figures(page) -> list:
    from calculators import charts
    cells = re.findall(r"<td>\s*([0-9,]+)\s*</td>", "".join(page.tables[:1] + page.tables[2:]))
    counts = [f for f in page.figures if f[3] in ("户", "人")]
    figures = re.findall(r'data-key="[^"]+">([0-9,]+)<', charts.figures_html(counts, public=True))
    return [int(c.replace(",", "")) for c in cells + figures]


@pytest.mark.parametrize("standard_annual", [3200, 3800, 4000, 4400])
def test_the_public_page_states_no_count_from_one_to_four_and_no_person(laifeng, standard_annual):
    page = standard.standard_page(laifeng, standard_annual, public=True)
    numbers = cells_and_figures(page)
    assert numbers and not [n for n in numbers if 1 <= n <= 4]
    text = standard.static_html(laifeng, standard_annual, consumption=9000)
    roster = expected.roster()
    assert not [i for i in roster["身份证号"] if i in text]
    assert not [k for k in roster["户编号"] if k in text]
    assert not [n for n in roster["姓名"] if n in text]
    for chart in page.charts[:1]:
        for rows in chart.to_dict().get("datasets", {}).values():
            assert not [r["标注"] for r in rows if r["标注"].isdigit() and 1 <= int(r["标注"]) <= 4]


def payments_summed(households: pd.DataFrame) -> pd.DataFrame:
    """Per township, counted here from the households: how many payments each amount sums."""
    changed = households["change"].isin(["entering", "leaving", "gaining", "losing"])
    return pd.DataFrame({"before": households["before_eligible"], "after": households["after_eligible"],
                         "changed": changed, "township": households["township"]}).groupby("township", sort=False).sum()


@pytest.mark.parametrize("standard_annual", [3200, 3600, 3800, 4600])
def test_a_public_page_publishes_no_township_amount_that_sums_fewer_than_five_payments(laifeng, standard_annual):
    page = standard.standard_page(laifeng, standard_annual, public=True)
    table = page.tables[1]
    rows = dict(re.findall(r"<tr><td>([^<]+)</td><td>([^<]+)</td>", table.replace("\n", "").replace(" ", "")))
    summed = payments_summed(laifeng.compare(standard_annual).households)
    few = summed[((summed > 0) & (summed < 5)).any(axis=1)].index
    assert len(few), "the sample has no small township to protect: the test would show nothing"
    for township in few:
        assert rows[township] == standard.NOT_PUBLISHED, township
    hidden = [t for t, amount in rows.items() if amount == standard.NOT_PUBLISHED]
    together = summed.loc[hidden].sum()
    assert not ((together > 0) & (together < 5)).any(), "the county total less the rest gives a small sum back"
    assert len(page.charts) == 1, "a public page draws no amounts by township"
    assert len(standard.standard_page(laifeng, standard_annual, public=False).charts) == 2


def test_the_staff_page_lists_the_households_that_enter_with_head_names_and_no_id_number(laifeng):
    page = standard.standard_page(laifeng, 4600, public=False)
    entering = laifeng.compare(4600).households.query("change == 'entering'")
    lists = "".join(page.tables)
    assert len(entering) and all(k in lists and n in lists for k, n in zip(entering["户编号"], entering["head_name"]))
    assert f"新纳入的户：{len(entering)}户" in lists
    assert not [i for i in expected.roster()["身份证号"] if i in lists]


def test_the_floor_checks_are_the_40_and_80_percent_rules_of_the_proposal(laifeng):
    text = standard.floors_html(laifeng.compare(3800).after_policy, 9000)
    rows = re.findall(r"<tr>\s*<td>([^<]+)</td>\s*<td>([^<]+)</td>\s*<td>([^<]+)</td>\s*<td>([^<]+)</td>", text)
    assert rows == [("低保标准", "3800", "3600（40%）", "达到"),
                    ("特困供养标准（集中供养）", "6300", "7200（80%）", "未达到"),
                    ("特困供养标准（分散供养）", "5700", "7200（80%）", "未达到")]
    assert "40%" in standard.floors_html(laifeng.policy, 0) and "<table" not in standard.floors_html(laifeng.policy, 0)


@pytest.fixture
def staff(monkeypatch):
    monkeypatch.setenv("DOUDI_DASHBOARD", "staff")
    return standard.StandardDashboard(expected.SAMPLE, "laifeng-2017")


def test_a_typed_standard_redraws_the_figures_to_the_engine_values(staff):
    staff.standard.value = 4200
    want = engine("laifeng-2017", 4200).totals()
    assert f'data-key="entering_households" data-value="{want["entering_households"]}"' in staff.figures.value
    assert f'data-key="difference_monthly" data-value="{float(want["difference_monthly"]):.2f}"' in staff.figures.value
    assert "4200" in staff.status.value


def test_a_tier_table_out_of_order_is_refused_with_the_engine_message_and_the_last_page_kept(staff):
    staff.base.value = "example-tiers-2020"
    assert len(staff.tier_boxes) == 4 and all(amount.disabled for _, amount in staff.tier_boxes)
    staff.scale.value = False
    staff.tier_boxes[0][0].value = 500           # above the second tier's edge
    assert "各档上限应逐档递增" in staff.status.value and "doudi-error" in staff.status.value
    staff.tier_boxes[0][0].value = 100
    assert "doudi-error" not in staff.status.value
    assert "不超过100元：351元" in staff.intro.value and "按新标准逐档重划" in staff.intro.value


def test_the_notebook_is_listed_on_the_dashboards_index_and_in_the_table_of_contents():
    root = expected.ROOT
    assert "(standard.ipynb)" in (root / "book" / "dashboards" / "index.md").read_text()
    assert "book/dashboards/standard" in (root / "_toc.yml").read_text()
    assert '"standard.ipynb": ("标准调整测算"' in (root / "voila" / "voila" / "templates" / "doudi-dashboard"
                                                  / "tree.html").read_text()


def test_amount_labels_are_money_not_counts():
    from calculators import charts
    frame = pd.DataFrame({"地区": ["甲镇"], "现行": [3.0], "拟定": [25333.0]})
    chart = charts.grouped_bars(frame, ["现行", "拟定"], "测试", False, "元", label=charts.money_label)
    labels = [r["标注"] for rows in chart.to_dict()["datasets"].values() for r in rows]
    assert labels == ["3元", "25,333元"]


# -- the handbook page's worked comparison, as built --------------------------------------------------

def worked_comparison(built_site):
    """(table cells, engine spans) of the worked comparison on the built handbook page."""
    from bs4 import BeautifulSoup
    doc = BeautifulSoup((built_site / "book" / "dibao" / "setting-the-standard.html").read_text(), "html.parser")
    tables = [t for t in doc.select("table") if t.select('span.doudi-num[data-call="cmp"]')]
    return tables, doc.select('span.doudi-num[data-call="cmp"]')


def test_the_worked_comparison_on_the_handbook_page_equals_what_compare_gives(built_site):
    from calculators import handbook
    tables, spans = worked_comparison(built_site)
    assert len(tables) == 3 and len(spans) >= 8
    want = engine("laifeng-2017", 3800)
    result = {"totals": want.totals(), "standard_annual": 3800,
              "by_township": {r["township"]: r for r in want.by_township().to_dict("records")}}
    for span in spans:
        value = handbook.lookup(result, span["data-path"])
        assert handbook.show(value) == span.get_text(strip=True), span["data-path"]


def test_the_worked_comparison_states_no_count_from_one_to_four_and_suppresses_as_the_dashboard(built_site):
    tables, _ = worked_comparison(built_site)
    counts = [td.get_text(strip=True) for table in tables[1:] for row in table.select("tbody tr")
              for td in row.select("td")[1:]]
    assert counts and not [c for c in counts if c.isdigit() and 1 <= int(c) <= 4]
    assert "<5" in counts
    page = standard.standard_page(standard.baseline(expected.ROOT / "data" / "roster" / "sample.xlsx",
                                                    "laifeng-2017"), 3800, public=True)
    shown = dict((key, standard.charts.suppress(value)) for key, _, value, unit in page.figures if unit == "户")
    county = [td.get_text(strip=True) for td in tables[1].select("tbody td")]
    assert county[1::2] == [shown[f"{c}_households"] for c in standard.SHOWN]
