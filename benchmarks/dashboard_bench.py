"""Benchmark: the Voila dashboards, from request to the first chart, and a filter change to redraw.

Starts Voila (staff mode, the offline template, the sample roster) twice, without and with kernel
preheating (``--preheat_kernel=True --pool_size=1``), opens each dashboard in headless Chromium
(every non-loopback host unresolvable) and prints, per dashboard:

* first chart: navigation start to the first chart's SVG in the page;
* redraw: choosing a township to the stated numbers and the chart showing the new selection.

    python benchmarks/dashboard_bench.py              # 3 runs per dashboard and mode
    python benchmarks/dashboard_bench.py --runs 1 --dashboards caseload
Goal on this machine (2 cores): first chart within 5 s, redraw within 0.5 s.
"""
import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "widgets"))
from calculator_driver import RequestLog, browser, free_port, wait_for_port  # noqa: E402

# dashboard -> (filter label, option, figure key that changes)
DASHBOARDS = {"caseload": ("乡镇", "大河镇", "dibao_households"),
              "left-behind": ("乡镇", "翔凤镇", "children"),
              "coverage": ("乡镇", "大河镇", "tekun_candidates"),
              "national": (None, None, None)}


def start_voila(port, preheat, log_path):
    args = [sys.executable, "-m", "voila", "--no-browser", f"--port={port}", "--Voila.ip=127.0.0.1",
            "--template=doudi-dashboard", "book/dashboards"]
    if preheat:
        args += ["--preheat_kernel=True", "--pool_size=1"]
    env = {**os.environ, "JUPYTER_PATH": str(ROOT / "voila"), "DOUDI_DASHBOARD": "staff"}
    log = open(log_path, "w")
    return subprocess.Popen(args, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT), log


def pools_filled(log_path, count):
    """Wait until Voila has reported ``count`` filled kernel pools in total."""
    end = time.time() + 300
    while time.time() < end:
        if Path(log_path).read_text(errors="replace").count("is filled with") >= count:
            return
        time.sleep(0.2)
    raise TimeoutError("kernel pools were not filled")


def measure(chromium, url, name):
    label, option, key = DASHBOARDS[name]
    page = chromium.new_page(viewport={"width": 1280, "height": 1000})
    requests = RequestLog(page)
    start = time.perf_counter()
    page.goto(url, timeout=180000, wait_until="commit")
    page.locator(".vega-embed svg").first.wait_for(timeout=180000)
    first = time.perf_counter() - start
    redraw = None
    if label:
        figure = page.locator(f".doudi-num[data-key={key}]")
        before = figure.get_attribute("data-value")
        axis = page.locator(".vega-embed").first.locator("svg g.role-axis-label text")
        before_axis = axis.all_text_contents()
        select = page.locator(".doudi-filter", has=page.locator(f"label:text-is('{label}')")).locator("select")
        start = time.perf_counter()
        select.select_option(label=option)
        while figure.get_attribute("data-value") == before or axis.all_text_contents() == before_axis:
            time.sleep(0.005)
            if time.perf_counter() - start > 60:
                raise TimeoutError("no redraw")
        redraw = time.perf_counter() - start
    outside = requests.outside
    page.close()
    return first, redraw, outside


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--dashboards", nargs="*", default=list(DASHBOARDS))
    args = parser.parse_args()
    rows = []
    with browser() as chromium:
        for preheat in (False, True):
            port = free_port()
            log_path = Path(tempfile.mkdtemp()) / "voila.log"
            process, log = start_voila(port, preheat, log_path)
            try:
                wait_for_port(port, 120)
                fills = len(DASHBOARDS)
                if preheat:
                    pools_filled(log_path, fills)
                for name in args.dashboards:
                    for run in range(args.runs):
                        first, redraw, outside = measure(chromium, f"http://127.0.0.1:{port}/voila/render/{name}.ipynb", name)
                        rows.append((preheat, name, first, redraw, len(outside)))
                        print(f"{'预热' if preheat else '不预热'} {name:12s} 第{run + 1}次  首图 {first:6.2f} s"
                              f"  重绘 {'—' if redraw is None else f'{redraw:5.3f} s'}  站外请求 {len(outside)}",
                              flush=True)
                        if preheat:   # the used kernel is replaced: wait for the pool before the next request
                            fills += 1
                            pools_filled(log_path, fills)
            finally:
                process.terminate()
                process.wait(20)
                log.close()
    print("\n汇总（中位数）：")
    for preheat in (False, True):
        for name in args.dashboards:
            sel = [r for r in rows if r[0] == preheat and r[1] == name]
            first = statistics.median(r[2] for r in sel)
            redraws = [r[3] for r in sel if r[3] is not None]
            redraw = f"{statistics.median(redraws):.3f} s" if redraws else "—"
            print(f"  {'预热' if preheat else '不预热':4s} {name:12s} 首图 {first:6.2f} s（目标 5 s）  重绘 {redraw}（目标 0.5 s）"
                  f"  站外请求 {sum(r[4] for r in sel)}")


if __name__ == "__main__":
    main()
