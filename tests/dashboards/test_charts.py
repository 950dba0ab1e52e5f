"""Aggregation, suppression and national series of the dashboards (no browser)."""
import html
import re
from urllib.parse import urlparse

import pandas as pd
import pytest

from calculators import charts
import dashboard_expected as expected


@pytest.mark.parametrize("count,text", [(0, "0"), (1, "<5"), (2, "<5"), (3, "<5"), (4, "<5"), (5, "5"), (123, "123")])
def test_counts_from_one_to_four_are_shown_as_less_than_five(count, text):
    assert charts.suppress(count) == text


def test_suppressed_table_hides_small_counts_and_keeps_others():
    frame = pd.DataFrame({"地区": ["甲", "乙", "丙"], "户数": [0, 3, 17]})
    out = charts.suppress_frame(frame, ["户数"])
    assert list(out["户数"]) == ["0", "<5", "17"]


def test_public_figures_state_no_exact_small_count():
    text = charts.figures_html([("a", "低保户", 3, "户"), ("b", "人数", 12, "人")], public=True)
    assert "&lt;5" in text and ">3<" not in text and "data-value" not in text
    staff = charts.figures_html([("a", "低保户", 3, "户")], public=False)
    assert 'data-value="3"' in staff


def _table_cells(html_text):
    return re.findall(r"<td>([^<]*)</td>", html_text)


@pytest.mark.parametrize("page", ["caseload", "left_behind", "coverage"])
def test_public_pages_show_no_count_between_one_and_four(view, page):
    built = {"caseload": charts.caseload_page, "left_behind": charts.left_behind_page,
             "coverage": charts.coverage_page}[page](view, public=True)
    numbers = [c for c in _table_cells("".join(built.tables)) if c.isdigit()]
    figures = re.findall(r'data-key="[^"]+">([\d,]+)<', charts.figures_html(built.figures, public=True))
    # Something is checked: counts stated, or cells suppressed (the sample's coverage counts are all
    # under 5 since 特困 obligors are read as the closed list of 一（五）1.3).
    assert numbers or figures or "&lt;5" in "".join(built.tables), "the public page states no count at all"
    assert not [c for c in numbers if 1 <= int(c) <= 4]
    assert "&lt;5" in "".join(built.tables)
    for chart in built.charts:
        for layer in chart.to_dict().get("datasets", {}).values():
            for row in layer:
                for key, value in row.items():
                    if key.endswith("标注") or key == "标注":
                        assert not (isinstance(value, str) and value.isdigit() and 1 <= int(value) <= 4)


def test_the_public_caseload_page_states_no_amount_paid_as_it_would_give_hidden_counts_back(view):
    public, staff = charts.caseload_page(view, public=True), charts.caseload_page(view, public=False)
    assert "outlay" not in [f[0] for f in public.figures]
    assert "outlay" in [f[0] for f in staff.figures]
    assert [c for c in staff.charts if "每月发放金额" in str(c.title)]
    assert not [c for c in public.charts if "每月发放金额" in str(c.title)]
    assert "金额见工作人员版" in public.note


def test_public_pages_hold_no_name_or_id_number_from_the_roster(view):
    html_text = "".join(charts.static_html(p) for p in (
        charts.caseload_page(view), charts.left_behind_page(view), charts.coverage_page(view)))
    roster = expected.roster()
    assert not [i for i in roster["身份证号"] if i in html_text]
    assert not [n for n in roster["姓名"] if n in html_text]
    assert not [k for k in roster["户编号"] if k in html_text]


@pytest.mark.parametrize("month", ["2017-03", "2017-12"])
def test_caseload_by_village_matches_an_independent_count(view, month):
    for township in view.townships:
        got = charts.caseload(view, township, charts.ALL, month)["by_area"]
        want = expected.caseload_by_village(township, month)
        assert {r["地区"]: (r["低保户数"], r["低保人数"], r["特困人数"]) for _, r in got.iterrows()} == want


def test_county_caseload_figures_match_an_independent_count(view):
    f = charts.caseload(view, charts.ALL, charts.ALL, "2017-12")["figures"]
    d = expected.dibao_as_of("2017-12")
    assert f["dibao_households"] == len(d)
    assert f["dibao_persons"] == int(d["household_size"].sum())
    r = expected.roster()
    heads = r[r["与户主关系"] == "户主"]
    assert f["tekun_persons"] == int((r.groupby("户编号")["保障类别"].transform("first") == "特困").sum())
    assert f["tekun_centralised"] + f["tekun_dispersed"] == f["tekun_persons"]
    assert f["single_application"] == int(((heads["保障类别"] == "低保") & (heads["低保方式"] == "单人保")).sum())
    paid = pd.to_numeric(heads.loc[heads["保障类别"] != "无", "月发放金额(元)"])
    assert f["outlay_dibao"] + f["outlay_tekun"] == pytest.approx(float(paid.sum()))


def test_left_behind_by_village_matches_the_engine(view):
    for township in view.townships:
        got = charts.left_behind_counts(view, township)["by_area"]
        want = expected.left_behind_by_village(township)
        assert {r["地区"]: (r["儿童"], r["老人"], r["妇女"]) for _, r in got.iterrows()} == want


def test_coverage_by_township_matches_the_engine(view):
    got = charts.coverage(view)["by_area"].set_index("地区")
    want = expected.coverage_by_township()
    assert got.loc[want.index, ["应保未保", "保而不应", "特困候选"]].equals(want)


def test_national_series_keep_year_end_figures_apart_from_readings():
    data = charts.national()
    assert data["source_url"].str.startswith("http").all()
    assert not data["indicator"].str.contains("_DERIVED_|_approx").any()
    for key, _, unit in charts.NATIONAL_PANELS:
        part = data[data["panel"] == key]
        assert (part["unit"] == unit).all()
    for chart in charts.national_page().charts:
        spec = chart.to_dict()
        for layer in spec["layer"]:
            rows = spec["datasets"][(layer.get("data") or spec["data"])["name"]]
            assert rows, "no layer is drawn without data"
            if layer["mark"]["type"] == "line":
                assert {r["kind"] for r in rows} == {"年末公报"}


def test_national_charts_render_at_a_finite_size_even_without_year_end_figures():
    panels = {key for key, _, _ in charts.NATIONAL_PANELS}
    year_end = set(charts.national().query("kind == '年末公报'")["panel"])
    assert panels - year_end, "one panel has readings only (the case this test is about)"
    for chart in charts.national_page().charts:
        svg = charts.to_svg(charts.styled(chart))
        width, height = re.search(r'<svg[^>]* width="([^"]+)" height="([^"]+)"', svg).groups()
        assert float(width) < 2000 and float(height) < 2000


# -- how the charts and tables are drawn ---------------------------------------------------------

def axis_labels(svg: str, axis: str) -> list:
    """The tick labels of the X or Y axis of a chart's SVG (found by the axis' aria label)."""
    from bs4 import BeautifulSoup
    doc = BeautifulSoup(svg, "html.parser")
    group = doc.find("g", attrs={"aria-label": re.compile(f"^{axis}-axis")})
    return [t.get_text() for t in group.select("g.role-axis-label text")]


def svg_widths(html_text: str) -> list:
    return [float(w) for w in re.findall(r'<svg[^>]* width="([^"]+)"', html_text)]


@pytest.mark.parametrize("width", [charts.WIDE, charts.NARROW])
def test_year_axes_label_each_whole_year_at_most_once(width):
    for chart in charts.national_page().charts:
        labels = axis_labels(charts.to_svg(charts.styled(chart, width)), "X")
        years = [int(t) for t in labels]
        assert years == sorted(set(years)), labels
        assert len(years) >= 2


def test_static_chart_is_drawn_for_the_text_column_and_for_a_phone_with_its_title_as_text(view):
    for page in (charts.caseload_page(view), charts.national_page()):
        for chart in page.charts:
            drawn = charts.chart_html(chart)
            assert svg_widths(drawn) == [charts.WIDE, charts.NARROW]
            title = re.search(r'<p class="doudi-chart-title">([^<]+)</p>', drawn).group(1)
            assert title == chart.title
            assert drawn.count(title) == 1, "the title is not drawn again inside the charts"


def test_static_page_shows_the_phone_drawing_only_on_a_narrow_screen(view):
    page = charts.static_html(charts.coverage_page(view))
    assert ".doudi-chart-narrow{display:none}" in page
    assert re.search(r"@media \(max-width:\d+px\)\{\.doudi-chart-wide\{display:none\}"
                     r"\.doudi-chart-narrow\{display:block\}\}", page)


@pytest.mark.parametrize("public", [True, False])
def test_count_axes_show_whole_numbers_only(public):
    frame = pd.DataFrame({"地区": ["甲村", "乙村"], "低保户数": [2, 1], "特困人数": [0, 1]})
    chart = charts.grouped_bars(frame, ["低保户数", "特困人数"], "测试", public, "户数")
    for width in (charts.WIDE, charts.NARROW):
        labels = axis_labels(charts.to_svg(charts.styled(chart, width)), "X")
        assert all(t.isdigit() for t in labels) and len(labels) == len(set(labels)), labels


def test_chart_of_suppressed_counts_only_keeps_a_scale_up_to_five():
    frame = pd.DataFrame({"地区": ["甲镇", "乙镇"], "应保未保": [3, 0]})
    chart = charts.grouped_bars(frame, ["应保未保"], "测试", True, "户数")
    labels = axis_labels(charts.to_svg(charts.styled(chart)), "X")
    assert labels[0] == "0" and int(labels[-1]) >= 5


def test_national_tables_link_each_source_by_its_site_name():
    data = charts.national()
    tables = "".join(charts.national_page().tables)
    links = dict(re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', tables))
    assert set(links) == {html.escape(u) for u in data["source_url"]}
    assert all(text == urlparse(html.unescape(url)).hostname for url, text in links.items())
    assert "<td>5,305.7</td>" in tables and "<td>3,450</td>" in tables   # as published, no "3450.0"


def test_table_cells_are_escaped_and_kept_on_one_line():
    frame = pd.DataFrame({"名称": ["<b>甲</b>"], "来源": ["http://example.org/a?b=1&c=<2>"]})
    table = charts.table_html(frame, (), False, "标题", links=("来源",))
    assert "<b>" not in table and "&lt;b&gt;甲&lt;/b&gt;" in table
    assert 'href="http://example.org/a?b=1&amp;c=&lt;2&gt;"' in table
    assert table.count('<div class="doudi-table-wrap">') == 1
    assert "white-space:nowrap" in charts.FIGURE_STYLE


# -- the offline chart bundle of the staff dashboards ----------------------------------------------

@pytest.fixture
def bundle_folder(tmp_path, monkeypatch):
    """An empty bundle folder; JupyterChart's class state is restored after the test."""
    import altair as alt
    monkeypatch.setattr(charts, "OFFLINE_BUNDLES", tmp_path)
    monkeypatch.setattr(alt.JupyterChart, "_esm", alt.JupyterChart._esm)
    monkeypatch.setattr(alt.JupyterChart, "_is_offline", alt.JupyterChart._is_offline)
    monkeypatch.delenv("VOILA_BASE_URL", raising=False)
    return tmp_path


def test_offline_bundle_is_made_once_then_read_from_disk(bundle_folder, monkeypatch):
    import altair as alt
    made = []
    monkeypatch.setattr(charts, "_bundle_from_vl_convert", lambda: made.append(1) or "export default {};")
    charts.enable_offline_charts()
    charts.enable_offline_charts()
    assert made == [1]
    assert charts.offline_bundle_path().parent == bundle_folder
    assert charts.offline_bundle_path().read_text() == "export default {};"
    assert alt.JupyterChart._esm == "export default {};" and alt.JupyterChart._is_offline


def test_offline_bundle_is_named_after_the_altair_and_vl_convert_versions(bundle_folder):
    import altair
    import vl_convert
    name = charts.offline_bundle_path().name
    assert altair.__version__ in name and vl_convert.__version__.split(".post")[0] in name


def test_under_voila_a_chart_imports_the_bundle_from_the_dashboard_template(bundle_folder, monkeypatch):
    import altair as alt
    charts.offline_bundle_path().write_text("export default {};")
    monkeypatch.setenv("VOILA_BASE_URL", "/base/")
    charts.enable_offline_charts()
    module = alt.JupyterChart._esm
    address = f'"/base/voila/templates/doudi-dashboard/static/{charts.offline_bundle_path().name}"'
    assert address in module and "await import(" in module and len(module) < 300
    assert alt.JupyterChart._is_offline


def test_real_offline_bundle_loads_nothing_from_a_cdn():
    text = charts.cache_offline_bundle().read_text()
    assert len(text) > 100_000
    assert not re.search(r"""(import|from)\s*\(?\s*["']https?://""", text)
    assert "esm.sh" not in text and "cdn.jsdelivr" not in text


def test_dashboard_kernel_imports_altair_without_the_iri_grammar_and_still_validates_charts():
    import subprocess
    import sys
    code = """
import sys
from calculators import charts
alt = charts._alt()
assert sys.modules["rfc3987_syntax"] is None, "the grammar module was imported"
try:
    alt.Chart().mark_bar().encode(x="a:Q").properties(width="wide").to_dict()
except Exception as error:
    print(type(error).__name__)
"""
    done = subprocess.run([sys.executable, "-c", code], cwd=charts.ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().endswith("ValidationError"), "altair still rejects an invalid chart"


def test_a_chart_of_many_villages_says_below_its_title_that_empty_ones_are_left_out():
    villages = [f"{n}村" for n in "甲乙丙丁戊己庚辛壬癸子丑"]
    frame = pd.DataFrame({"地区": villages, "低保户数": [0] * 6 + [7] * 6})
    chart = charts.grouped_bars(frame, ["低保户数"], "某镇：低保户", False, "户数")
    assert chart.title.text == "某镇：低保户" and "不显示全为0的地区" in chart.title.subtitle
    drawn = charts.chart_html(chart)
    assert re.search(r'<p class="doudi-chart-title">某镇：低保户<span class="doudi-chart-subtitle">不显示全为0', drawn)
    labels = axis_labels(charts.to_svg(charts.styled(chart)), "Y")
    assert labels == villages[6:]


def test_a_published_statistic_is_stated_with_its_decimals_not_as_a_suppressed_count():
    data = charts.national()
    latest = data[(data["panel"] == "rural_dibao_persons") & (data["kind"] == "年末公报")].sort_values("year").iloc[-1]
    html_text = charts.figures_html(charts.national_page().figures, public=True)
    assert f"{float(latest['value']):,.10g}" in html_text
    assert float(latest["value"]) != int(latest["value"]), "the sample statistic has a decimal to show"


def test_a_public_chart_with_every_count_under_five_is_said_in_words_not_drawn_empty():
    frame = pd.DataFrame({"地区": ["甲镇", "乙乡"], "应保未保": [0, 3], "保而不应": [2, 0]})
    quiet = charts.chart_html(charts.grouped_bars(frame, ["应保未保", "保而不应"], "核查", public=True))
    assert "<svg" not in quiet and "不画图" in quiet
    frame.loc[0, "应保未保"] = 7
    drawn = charts.chart_html(charts.grouped_bars(frame, ["应保未保", "保而不应"], "核查", public=True))
    assert "<svg" in drawn and "不画图" not in drawn
    staff = charts.chart_html(charts.simple_bars(frame, "地区", "保而不应", "核查", public=False))
    assert "<svg" in staff
