"""Statistical disclosure control that holds: from everything a public dashboard page shows (its figures,
its tables and the labels of its charts), an attacker solving the page's sums exactly (linear programming
over the hidden cells) cannot pin down any hidden count.

The sums are written here from the page's layout, independently of the suppression code: each area
table column adds up to the figure of the same name, the amount bands add up to the 低保 households,
centralised plus dispersed 特困 make the 特困 figure, and the left-behind quarters add up to the three
categories together. A "<5" is 0 to 4 (the page hides the zeros of any sum holding a count of 1 to 4, so
a reader cannot tell them apart); an "×" is taken to be 5 or more (the worst case: the suppression hides
no count under 5 that way)."""
import html
import math
import re

import pandas as pd
import pytest
from scipy.optimize import linprog

from calculators import charts

MARKS = {charts.SMALL: (0, 4), charts.HIDDEN: (5, None)}


def figures_of(page) -> dict:
    text = charts.figures_html(page.figures, public=True)
    found = re.findall(r'data-key="([^"]+)">([^<]*)<span', text)
    return {key: html.unescape(value).replace(",", "") for key, value in found}


def tables_of(page) -> list:
    tables = []
    for table in page.tables:
        head = [html.unescape(h) for h in re.findall(r"<th>([^<]*)</th>", table)]
        rows = [[html.unescape(c) for c in re.findall(r"<td>([^<]*)</td>", row)]
                for row in re.findall(r"<tr>\s*(<td>.*?)</tr>", table, flags=re.S)]
        tables.append([dict(zip(head, row)) for row in rows])
    return tables


def chart_labels(chart, category: str) -> dict:
    data = chart.data if isinstance(chart.data, pd.DataFrame) else chart.layer[0].data
    return dict(zip(data[category], data["标注"]))


class Attack:
    """The page's published cells as known numbers or unknowns, and the sums between them."""

    def __init__(self):
        self.unknowns, self.bounds, self.sums = [], [], []

    def cell(self, text: str, name: str):
        if text in MARKS:
            self.unknowns.append(name)
            self.bounds.append(MARKS[text])
            return len(self.unknowns) - 1
        return int(text)

    def total(self, total, parts):
        self.sums.append((total, parts))

    def pinned(self) -> list:
        if not self.unknowns:
            return []
        rows, rhs = [], []
        for total, parts in self.sums:
            coefficients, constant = [0.0] * len(self.unknowns), 0.0
            for term, sign in [(total, -1)] + [(p, 1) for p in parts]:
                if not isinstance(term, Var):
                    constant -= sign * term
                else:
                    coefficients[term.index] += sign
            rows.append(coefficients)
            rhs.append(constant)
        found = []
        for i, name in enumerate(self.unknowns):
            if self.bounds[i] != MARKS[charts.SMALL]:
                continue        # an "×" is 5 or more: publishable; the secrets are the "<5"
            objective = [0.0] * len(self.unknowns)
            objective[i] = 1.0
            low = linprog(objective, A_eq=rows, b_eq=rhs, bounds=self.bounds, method="highs")
            objective[i] = -1.0
            high = linprog(objective, A_eq=rows, b_eq=rhs, bounds=self.bounds, method="highs")
            assert low.status == 0, f"the page's own numbers do not add up ({name})"
            top = -high.fun if high.status == 0 else math.inf
            if math.ceil(low.fun - 1e-6) >= math.floor(top + 1e-6):
                found.append(f"{name} = {round(low.fun)}")
        return found


class Var:
    def __init__(self, index):
        self.index = index


def known(attack, text, name):
    value = attack.cell(text, name)
    return Var(value) if text in MARKS else value


def caseload_attack(page) -> Attack:
    attack, figures = Attack(), figures_of(page)
    fig = {k: known(attack, v, f"figure {k}") for k, v in figures.items() if k != "outlay"}
    by_area = tables_of(page)[0]
    for column, figure in (("低保户数", "dibao_households"), ("低保人数", "dibao_persons"), ("特困人数", "tekun_persons")):
        parts = [known(attack, row[column], f"{column} {list(row.values())[0]}") for row in by_area]
        attack.total(fig[figure], parts)
    bands = chart_labels(page.charts[1], "金额段")
    attack.total(fig["dibao_households"], [known(attack, v, f"band {k}") for k, v in bands.items()])
    attack.total(fig["tekun_persons"], [fig["tekun_centralised"], fig["tekun_dispersed"]])
    return attack


def left_behind_attack(page) -> Attack:
    attack, figures = Attack(), figures_of(page)
    fig = {k: known(attack, v, f"figure {k}") for k, v in figures.items()}
    people, overdue = tables_of(page)
    for table, columns in ((people, {"儿童": "children", "老人": "elderly", "妇女": "women"}),
                           (overdue, {"未入台账": "not_in_ledger", "村级走访逾期": "visit_overdue",
                                      "乡镇核查逾期": "check_overdue"})):
        for column, figure in columns.items():
            attack.total(fig[figure], [known(attack, row[column], f"{column} {list(row.values())[0]}") for row in table])
    quarters = chart_labels(page.charts[2], "季度")
    # the quarters and the three categories both add up to everyone left behind
    everyone = Var(len(attack.unknowns))
    attack.unknowns.append("everyone (not stated)")
    attack.bounds.append((0, None))
    attack.total(everyone, [known(attack, v, f"quarter {k}") for k, v in quarters.items()])
    attack.total(everyone, [fig["children"], fig["elderly"], fig["women"]])
    attack.unknowns[everyone.index] = "everyone (not stated)"
    return attack


def coverage_attack(page) -> Attack:
    attack, figures = Attack(), figures_of(page)
    fig = {k: known(attack, v, f"figure {k}") for k, v in figures.items()}
    by_area = tables_of(page)[0]
    for column, figure in (("应保未保", "left_out"), ("保而不应", "wrongly_in"), ("特困候选", "tekun_candidates")):
        attack.total(fig[figure], [known(attack, row[column], f"{column} {list(row.values())[0]}") for row in by_area])
    return attack


def standard_attack(page) -> Attack:
    """The standard page: each township column and each payment-band column adds up to its county figure."""
    attack, figures = Attack(), figures_of(page)
    counts = {f[0] for f in page.figures if f[3] in ("户", "人")}
    fig = {k: known(attack, v, f"figure {k}") for k, v in figures.items() if k in counts}
    by_township, _, by_band = tables_of(page)[:3]
    for table, columns in ((by_township, STANDARD_TOWNSHIP_COLUMNS), (by_band, STANDARD_BAND_COLUMNS)):
        for column, figure in columns.items():
            attack.total(fig[figure], [known(attack, row[column], f"{column} {list(row.values())[0]}") for row in table])
    return attack


STANDARD_BAND_COLUMNS = {"新纳入（户）": "entering_households", "退出（户）": "leaving_households",
                         "补助增加（户）": "gaining_households", "补助减少（户）": "losing_households",
                         "补助不变（户）": "unchanged_households"}
STANDARD_TOWNSHIP_COLUMNS = {**STANDARD_BAND_COLUMNS, "新纳入（人）": "entering_persons", "退出（人）": "leaving_persons"}


@pytest.mark.parametrize("standard_annual", [3000, 3200, 3600, 3800, 4000, 4400])
def test_no_hidden_count_can_be_recomputed_from_the_standard_page(standard_annual):
    from calculators.dashboards import standard
    b = standard.baseline(charts.SAMPLE_ROSTER, "laifeng-2017")
    page = standard.standard_page(b, standard_annual, public=True)
    attack = standard_attack(page)
    assert attack.unknowns, "the sample's proposal hides some count (the case this audit is about)"
    assert not attack.pinned()


def selections(view):
    yield charts.ALL, charts.ALL
    for township in view.townships:
        yield township, charts.ALL
    first = view.townships[0]
    for village in view.villages(first)[:3]:
        yield first, village


PAGES = {"caseload": (charts.caseload_page, caseload_attack),
         "left_behind": (charts.left_behind_page, left_behind_attack),
         "coverage": (charts.coverage_page, coverage_attack)}


@pytest.mark.parametrize("name", list(PAGES))
def test_no_hidden_count_can_be_recomputed_from_what_a_public_page_shows(view, name):
    build, attack_of = PAGES[name]
    exposed = []
    for township, village in selections(view):
        page = build(view, township) if name == "coverage" else build(view, township, village)
        attack = attack_of(page)
        found = [f for f in attack.pinned() if not f.startswith("everyone")]
        exposed += [f"{township}/{village}: {f}" for f in found]
    assert not exposed, exposed


def test_the_attack_does_recover_a_count_hidden_only_by_primary_suppression(view):
    """The audit is not blind: with "<5" alone (no complementary cells) it finds the hidden township."""
    page = charts.caseload_page(view)
    attack = Attack()
    staff = charts.caseload(view)
    rows = staff["by_area"]
    parts = [Var(attack.cell(charts.suppress(v), f"低保人数 {a}")) if 1 <= v <= 4 else int(v)
             for a, v in zip(rows["地区"], rows["低保人数"])]
    if not any(isinstance(p, Var) for p in parts):
        pytest.skip("the sample has no township with 1 to 4 低保 persons")
    attack.total(int(staff["figures"]["dibao_persons"]), parts)
    assert attack.pinned() and page is not None


def sums_of(total: int, parts: list):
    counts = charts.Counts()
    refs = [counts.figure(f"p{i}", v) for i, v in enumerate(parts)]
    counts.sums.append((counts.figure("total", total), refs))
    return counts, refs


def test_a_lone_small_count_beside_a_stated_total_gets_a_complementary_cell():
    counts, refs = sums_of(40, [3, 17, 20])
    published = charts.protect(counts)
    assert published[refs[0]] is charts.PRIMARY and published[refs[1]] is charts.SECONDARY
    assert published[refs[2]] == 20 and published[("figure", "total")] == 40


def test_the_zeros_of_a_sum_with_a_small_count_are_hidden_with_it():
    counts, refs = sums_of(2, [1, 0, 1, 0])
    published = charts.protect(counts)
    assert all(published[r] is charts.PRIMARY for r in refs)
    assert published[("figure", "total")] is charts.PRIMARY


def test_a_sum_without_small_counts_is_published_whole():
    counts, refs = sums_of(30, [0, 12, 18])
    published = charts.protect(counts)
    assert [published[r] for r in refs] == [0, 12, 18]
