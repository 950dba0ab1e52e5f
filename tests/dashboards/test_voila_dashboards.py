"""The staff dashboards in Voila, in headless Chromium with no route to any host but the loopback:
each page loads offline, a filter change redraws the chart and the stated numbers to the values
counted independently from the roster (plain pandas + engine calls, see dashboard_expected)."""
import os
import sys
import time
from pathlib import Path

import pytest

import dashboard_expected as expected

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "widgets"))
from calculator_driver import RequestLog, browser, free_port, server  # noqa: E402

SCREENSHOTS = Path(os.environ.get("DOUDI_SCREENSHOTS", "/tmp/doudi-screenshots"))
TIMEOUT = 120000


@pytest.fixture(scope="module")
def voila():
    """(render URL, Voila process)."""
    port = free_port()
    command = [sys.executable, "-m", "voila", "--no-browser", f"--port={port}", "--Voila.ip=127.0.0.1",
               "--template=doudi-dashboard", "--show_tracebacks=True", "book/dashboards"]
    env = {"JUPYTER_PATH": str(ROOT / "voila"), "DOUDI_DASHBOARD": "staff",
           "DOUDI_ROSTER": str(expected.SAMPLE)}
    with server(command, port, ROOT, env) as process:
        yield f"http://127.0.0.1:{port}/voila/render", process


@pytest.fixture(scope="module")
def voila_url(voila):
    return voila[0]


@pytest.fixture(scope="module")
def chromium():
    with browser() as b:
        yield b


def open_dashboard(chromium, url):
    page = chromium.new_page(viewport={"width": 1280, "height": 1000})
    requests = RequestLog(page)
    page.goto(url, timeout=TIMEOUT)
    page.locator(".vega-embed svg").first.wait_for(timeout=TIMEOUT)
    return page, requests


def figure(page, key):
    return page.locator(f".doudi-num[data-key={key}]").get_attribute("data-value")


def wait_for_figure(page, key, value, timeout=30):
    end = time.time() + timeout
    while time.time() < end:
        if figure(page, key) == str(value):
            return
        time.sleep(0.1)
    raise AssertionError(f"{key} shows {figure(page, key)}, expected {value}")


def chart_texts(page, nth=0):
    """(axis labels, bar labels) of the nth chart's SVG."""
    svg = page.locator(".vega-embed").nth(nth).locator("svg")
    return (svg.locator("g.role-axis-label text").all_text_contents(),
            svg.locator("g.role-mark.mark-text text").all_text_contents())


def wait_for_chart(page, predicate, nth=0, timeout=30):
    end = time.time() + timeout
    while time.time() < end:
        axis, labels = chart_texts(page, nth)
        if predicate(axis):
            return axis, labels
        time.sleep(0.1)
    raise AssertionError(f"chart {nth} never showed the expected values: {chart_texts(page, nth)}")


def choose(page, label, option):
    box = page.locator(".doudi-filter", has=page.locator(f"label:text-is('{label}')"))
    box.locator("select").select_option(label=option)


def shot(page, name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"dashboard-{name}.png"), full_page=True, timeout=60000)


def labels_and_values(texts, areas):
    """Axis labels that are area names, and the bar labels as numbers."""
    axis, labels = texts
    return {t for t in axis if t in areas}, sorted(int(t) for t in labels)


def test_caseload_dashboard_redraws_for_a_township_and_a_month(voila_url, chromium):
    page, requests = open_dashboard(chromium, f"{voila_url}/caseload.ipynb")
    county = expected.dibao_as_of("2017-12")
    assert figure(page, "dibao_households") == str(len(county))
    assert figure(page, "dibao_persons") == str(int(county["household_size"].sum()))
    township = "大河镇"
    choose(page, "乡镇", township)
    want = expected.caseload_by_village(township, "2017-12")
    wait_for_figure(page, "dibao_households", sum(v[0] for v in want.values()))
    wait_for_figure(page, "dibao_persons", sum(v[1] for v in want.values()))
    wait_for_figure(page, "tekun_persons", sum(v[2] for v in want.values()))
    shown_villages = {v for v, counts in want.items() if any(counts)}   # all-zero villages are left out
    texts = wait_for_chart(page, lambda t: shown_villages <= set(t))
    names, values = labels_and_values(texts, set(want))
    assert names == shown_villages
    # one labelled bar per village and measure: households, persons, 特困 persons
    assert values == sorted(n for v in shown_villages for n in want[v])
    shot(page, "caseload-township")
    choose(page, "月份", "2017-03")
    earlier = expected.caseload_by_village(township, "2017-03")
    wait_for_figure(page, "dibao_households", sum(v[0] for v in earlier.values()))
    wait_for_figure(page, "dibao_persons", sum(v[1] for v in earlier.values()))
    assert requests.outside == []
    page.close()


def test_left_behind_dashboard_redraws_for_a_township(voila_url, chromium):
    page, requests = open_dashboard(chromium, f"{voila_url}/left-behind.ipynb")
    county = expected.assessed()
    assert figure(page, "children") == str(int(county["child"].sum()))
    assert figure(page, "elderly") == str(int(county["elderly"].sum()))
    township = "翔凤镇"
    choose(page, "乡镇", township)
    want = expected.left_behind_by_village(township)
    for i, key in enumerate(("children", "elderly", "women")):
        wait_for_figure(page, key, sum(v[i] for v in want.values()))
    shown_villages = {v for v, counts in want.items() if any(counts)}
    texts = wait_for_chart(page, lambda t: shown_villages <= set(t))
    names, values = labels_and_values(texts, set(want))
    assert names == shown_villages
    assert values == sorted(n for v in shown_villages for n in want[v])
    shot(page, "left-behind-township")
    village = next(v for v, counts in want.items() if sum(counts) > 0)
    choose(page, "村", village)
    for i, key in enumerate(("children", "elderly", "women")):
        wait_for_figure(page, key, want[village][i])
    assert requests.outside == []
    page.close()


def test_coverage_dashboard_redraws_for_a_township(voila_url, chromium):
    page, requests = open_dashboard(chromium, f"{voila_url}/coverage.ipynb")
    want = expected.coverage_by_township()
    assert figure(page, "left_out") == str(int(want["应保未保"].sum()))
    assert figure(page, "wrongly_in") == str(int(want["保而不应"].sum()))
    assert figure(page, "tekun_candidates") == str(int(want["特困候选"].sum()))
    shot(page, "coverage-county")
    township = want["特困候选"].idxmax()
    choose(page, "乡镇", township)
    wait_for_figure(page, "tekun_candidates", int(want.loc[township, "特困候选"]))
    wait_for_figure(page, "wrongly_in", int(want.loc[township, "保而不应"]))
    villages = set(expected.assessed().loc[lambda h: h["乡镇"] == township, "村"])
    texts = wait_for_chart(page, lambda t: any(v in t for v in villages))
    names, values = labels_and_values(texts, villages)
    assert names and names <= villages
    assert sum(values) == int(want.loc[township].sum())
    assert len(values) == 3 * len(names)
    assert "身份证" not in page.content().replace("不含身份证号", "")
    assert not [i for i in expected.roster()["身份证号"] if i in page.content()]
    assert requests.outside == []
    page.close()


def test_national_dashboard_shows_year_end_figures_and_sources_offline(voila_url, chromium):
    page, requests = open_dashboard(chromium, f"{voila_url}/national.ipynb")
    axis, labels = chart_texts(page, 0)
    legend = page.locator(".vega-embed").first.locator("svg g.role-legend text").all_text_contents()
    assert "4,045" in labels and "2017" in axis
    assert "年末公报" in legend and "发布会或会议读数" in legend
    assert "m.kaxingkj.cn" in page.content()
    shot(page, "national")
    assert requests.outside == []
    page.close()


def standard_totals(standard_annual) -> dict:
    """What ``compare`` gives for the sample roster, Laifeng 2017 against the proposal (no dashboard code)."""
    from calculators import load_policy
    from calculators.proposal import propose_policy
    from calculators.roster.cli import import_roster
    from calculators.roster.compare import compare
    base = load_policy("laifeng-2017")
    return compare(import_roster(expected.SAMPLE, policy=base), base, propose_policy(base, standard_annual)).totals()


def type_into(page, name, value):
    box = page.locator(f".doudi-input-{name} input")
    box.fill(str(value))
    box.press("Enter")


def money(amount) -> str:
    return f"{float(amount):.2f}"


def test_standard_dashboard_redraws_the_cost_and_the_entrants_for_a_typed_standard(voila_url, chromium):
    page, requests = open_dashboard(chromium, f"{voila_url}/standard.ipynb")
    first = standard_totals(3800)                    # the first drawing: the current 3500 + 300
    assert figure(page, "difference_monthly") == money(first["difference_monthly"])
    assert figure(page, "entering_households") == str(first["entering_households"])
    shot(page, "standard-1280")
    want = standard_totals(4600)
    assert want["entering_households"] != first["entering_households"]
    started = time.time()
    type_into(page, "standard", 4600)
    wait_for_figure(page, "difference_monthly", money(want["difference_monthly"]))
    wait_for_figure(page, "entering_households", want["entering_households"])
    print(f"standard dashboard: typed standard to redrawn figures in {time.time() - started:.2f} s (sample roster)")
    assert figure(page, "after_monthly") == money(want["after_monthly"])
    title = page.locator(".doudi-standard .doudi-chart-title").first      # drawn as text above the chart
    end = time.time() + 30
    while "标准调到4600元后" not in " ".join(title.all_text_contents()) and time.time() < end:
        time.sleep(0.1)
    assert "标准调到4600元后" in " ".join(title.all_text_contents())
    for change in ("gaining", "losing", "leaving"):
        assert figure(page, f"{change}_households") == str(want[f"{change}_households"])
    assert f"新纳入的户：{want['entering_households']}户" in page.content()
    type_into(page, "consumption", 9000)
    page.locator(".doudi-floors table").wait_for(timeout=30000)
    floors = page.locator(".doudi-floors td").all_text_contents()
    assert floors[:4] == ["低保标准", "4600", "3600（40%）", "达到"] and "未达到" in floors
    assert not [i for i in expected.roster()["身份证号"] if i in page.content()]
    shot(page, "standard-typed-1280")
    assert requests.outside == []
    page.close()


def test_standard_dashboard_fits_a_phone_screen(voila_url, chromium):
    page = chromium.new_page(viewport={"width": 390, "height": 844})
    requests = RequestLog(page)
    page.goto(f"{voila_url}/standard.ipynb", timeout=TIMEOUT)
    page.locator(".vega-embed svg").first.wait_for(timeout=TIMEOUT)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390 + 1, "the page scrolls sideways"
    rights = page.evaluate("[...document.querySelectorAll('.doudi-standard .vega-embed svg, .doudi-standard input,"
                           " .doudi-standard select')].map(e => e.getBoundingClientRect().right)")
    assert rights and max(rights) <= 390 + 1, f"a chart or a field is cut at the right: {rights}"
    page.screenshot(path=str(SCREENSHOTS / "dashboard-standard-390.png"), full_page=True, timeout=60000)
    assert requests.outside == []
    page.close()


def kernel_running(voila_process, kernel_id) -> bool:
    """Whether a kernel process with this id (in its connection file name) runs under Voila."""
    import psutil   # installed with ipykernel
    for process in psutil.Process(voila_process.pid).children(recursive=True):
        try:
            if kernel_id in " ".join(process.cmdline()):
                return True
        except psutil.Error:   # ended, or a zombie: not running
            pass
    return False


def test_leaving_a_dashboard_shuts_its_kernel_down(voila, chromium):
    url, process = voila
    page, _ = open_dashboard(chromium, f"{url}/national.ipynb")
    kernel_id = page.evaluate("JSON.parse(document.getElementById('jupyter-config-data').textContent).kernelId")
    assert kernel_running(process, kernel_id)
    page.goto("about:blank")   # leaving the page: Voila is asked to shut the kernel down
    end = time.time() + 30
    while kernel_running(process, kernel_id) and time.time() < end:
        time.sleep(0.2)
    assert not kernel_running(process, kernel_id)
    page.close()


def test_dashboard_page_loads_the_chart_bundle_once_from_this_server(voila_url, chromium):
    page = chromium.new_page(viewport={"width": 1280, "height": 1000})
    received = []
    page.on("websocket", lambda ws: ws.on("framereceived", lambda frame: received.append(len(frame))))
    requests = RequestLog(page)
    page.goto(f"{voila_url}/national.ipynb", timeout=TIMEOUT)
    page.locator(".vega-embed svg").nth(3).wait_for(timeout=TIMEOUT)   # all four charts drawn
    bundles = [u for u in requests.urls if "/voila/templates/doudi-dashboard/static/jupyterchart-" in u]
    assert len(bundles) == 1
    assert sum(received) < 500_000, "the charts' widget state does not carry the 900 KB bundle"
    assert requests.outside == []
    page.close()
