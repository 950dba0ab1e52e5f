"""Benchmark: the Voila dashboards, from request to the first chart, and a filter change to redraw.

Starts Voila (staff mode, the offline template, the sample roster) without and with kernel
preheating, opens each dashboard in headless Chromium (every non-loopback host unresolvable) and
prints, per dashboard and mode (median over the runs):

* first chart: navigation start to the first chart's SVG in the page;
* all charts: navigation start to every chart of the page drawn;
* redraw: choosing a township to the stated numbers and the first chart showing the new selection;
* with preheating, also the same dashboard opened again straight after the first (the pool is
  then still refilling when ``pool_size`` is 1).

It first makes the offline Vega bundle (as scripts/dashboards.sh does) and prints how long
vl-convert takes to make it and how long reading it from disk takes.

Voila logs "Kernel pool ... is filled" once the pooled kernels have *started*, before they have
run the notebook. Before each measured request this benchmark therefore waits until the expected
number of kernels is running and Voila and every kernel have used no CPU for a second: the
pre-render has then really finished. It also prints the memory (RSS) of each kernel.

    python benchmarks/dashboard_bench.py              # 3 runs per dashboard and mode, pool_size 1
    python benchmarks/dashboard_bench.py --runs 1 --dashboards caseload --pool-size 2
    python benchmarks/dashboard_bench.py --modes preheat
Goal on this machine (2 cores): first chart within 5 s, redraw within 0.5 s.
"""
import argparse
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil   # installed with ipykernel

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "widgets"))
from calculator_driver import RequestLog, browser, free_port, wait_for_port  # noqa: E402

# dashboard -> (filter label, option, figure key that changes, number of charts)
DASHBOARDS = {"caseload": ("乡镇", "大河镇", "dibao_households", 3),
              "left-behind": ("乡镇", "翔凤镇", "children", 3),
              "coverage": ("乡镇", "大河镇", "tekun_candidates", 1),
              "national": (None, None, None, 4)}
QUIET_SECONDS = 1.0
QUIET_CPU = 0.05   # CPU seconds per second, Voila and all kernels together, that still count as idle


# -- Voila and its kernels --------------------------------------------------------------------------

def start_voila(port, pool_size, log_path):
    """Voila as scripts/dashboards.sh starts it; ``pool_size`` 0 means no preheating."""
    args = [sys.executable, "-m", "voila", "--no-browser", f"--port={port}", "--Voila.ip=127.0.0.1",
            "--template=doudi-dashboard", "book/dashboards"]
    if pool_size:
        args += ["--preheat_kernel=True", f"--pool_size={pool_size}"]
    env = {**os.environ, "JUPYTER_PATH": str(ROOT / "voila"), "DOUDI_DASHBOARD": "staff"}
    log = open(log_path, "w")
    return subprocess.Popen(args, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT), log


def kernels(voila: psutil.Process) -> list:
    """The kernel processes Voila runs (not those shutting down)."""
    found = []
    for p in voila.children(recursive=True):
        try:
            if "ipykernel_launcher" in " ".join(p.cmdline()) and p.status() != psutil.STATUS_ZOMBIE:
                found.append(p)
        except psutil.Error:   # ended meanwhile
            pass
    return found


def cpu_seconds(processes) -> float:
    total = 0.0
    for p in processes:
        try:
            times = p.cpu_times()
            total += times.user + times.system
        except psutil.Error:
            pass
    return total


def wait_until_settled(voila: psutil.Process, expected_kernels: int, timeout=600) -> list:
    """Wait until ``expected_kernels`` kernels run and nothing has used CPU for QUIET_SECONDS.

    Returns the kernels. This is the honest "pre-render finished" signal: a pooled kernel runs the
    notebook (CPU-bound) right after it starts, and sits idle once the page is ready.
    """
    end = time.time() + timeout
    quiet_since, last = None, None
    while time.time() < end:
        running = kernels(voila)
        used = cpu_seconds([voila, *running])
        now = time.time()
        if len(running) != expected_kernels or last is None or used - last[1] > QUIET_CPU * (now - last[0]):
            quiet_since = None
        elif quiet_since is None:
            quiet_since = last[0]
        if quiet_since is not None and now - quiet_since >= QUIET_SECONDS:
            return running
        last = (now, used)
        time.sleep(0.25)
    raise TimeoutError(f"Voila did not settle with {expected_kernels} kernels ({len(kernels(voila))} running)")


def rss_mb(processes) -> list:
    return [p.memory_info().rss / 2**20 for p in processes]


# -- one page -----------------------------------------------------------------------------------

def measure(chromium, url, name):
    """(first chart s, all charts s, redraw s or None, requests outside 127.0.0.1) for one page load."""
    label, option, key, count = DASHBOARDS[name]
    page = chromium.new_page(viewport={"width": 1280, "height": 1000})
    requests = RequestLog(page)
    start = time.perf_counter()
    page.goto(url, timeout=180000, wait_until="commit")
    charts = page.locator(".vega-embed svg")
    charts.first.wait_for(timeout=180000)
    first = time.perf_counter() - start
    while charts.count() < count:
        time.sleep(0.005)
        if time.perf_counter() - start > 180:
            raise TimeoutError("not every chart was drawn")
    every = time.perf_counter() - start
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
    page.goto("about:blank")   # the page's beforeunload asks Voila to shut its kernel down
    page.close()
    return first, every, redraw, len(outside)


# -- the runs -----------------------------------------------------------------------------------

def run_mode(chromium, pool_size, names, runs, rows):
    """Measure every dashboard ``runs`` times with this pool size (0: no preheating)."""
    port = free_port()
    log_path = Path(tempfile.mkdtemp()) / "voila.log"
    process, log = start_voila(port, pool_size, log_path)
    voila = psutil.Process(process.pid)
    pooled = pool_size * len(DASHBOARDS)
    mode = f"预热{pool_size}" if pool_size else "不预热"
    try:
        wait_for_port(port, 120)
        ready = wait_until_settled(voila, pooled)
        if ready:
            print(f"{mode}：{len(ready)} 个预热内核，每个 RSS " + "、".join(f"{m:.0f}" for m in rss_mb(ready)) + " MB",
                  flush=True)
        for name in names:
            url = f"http://127.0.0.1:{port}/voila/render/{name}.ipynb"
            for run in range(runs):
                wait_until_settled(voila, pooled)
                first, every, redraw, outside = measure(chromium, url, name)
                again = measure(chromium, url, name)[0] if pool_size else None
                rows.append({"mode": mode, "name": name, "first": first, "every": every, "redraw": redraw,
                             "again": again, "outside": outside})
                print(f"{mode} {name:12s} 第{run + 1}次  首图 {first:6.2f} s  全部图 {every:6.2f} s"
                      f"  重绘 {'—' if redraw is None else f'{redraw:5.3f} s'}"
                      f"{'' if again is None else f'  紧接着再开 首图 {again:6.2f} s'}  站外请求 {outside}",
                      flush=True)
        if not pool_size:   # memory of a kernel that has drawn a dashboard (the page is kept open)
            page = chromium.new_page()
            page.goto(f"http://127.0.0.1:{port}/voila/render/caseload.ipynb", wait_until="commit")
            page.locator(".vega-embed svg").first.wait_for(timeout=180000)
            print(f"{mode}：画完一个看板的内核 RSS {rss_mb(kernels(voila))[0]:.0f} MB", flush=True)
            page.close()
    finally:
        process.terminate()
        process.wait(30)
        log.close()


def bundle_seconds():
    """Seconds to make the offline Vega bundle in a new process, and to load it from the disk cache."""
    code = ("import time, altair as alt; from calculators import charts; t = time.perf_counter(); {}; "
            "print(time.perf_counter() - t)")
    rebuild = "alt.JupyterChart.enable_offline()"
    cached = "charts.enable_offline_charts()"
    subprocess.run([sys.executable, "-c", code.format(cached)], cwd=ROOT, check=True, capture_output=True)
    times = [float(subprocess.run([sys.executable, "-c", code.format(c)], cwd=ROOT, check=True, capture_output=True,
                                  text=True).stdout) for c in (rebuild, cached)]
    return times


def summary(rows, names):
    print("\n汇总（中位数）：")
    for mode in dict.fromkeys(r["mode"] for r in rows):
        for name in names:
            sel = [r for r in rows if r["mode"] == mode and r["name"] == name]
            if not sel:
                continue
            med = lambda key: statistics.median(r[key] for r in sel)   # noqa: E731
            redraws = [r["redraw"] for r in sel if r["redraw"] is not None]
            redraw = f"{statistics.median(redraws):.3f} s" if redraws else "—"
            again = f"  紧接着再开 {med('again'):5.2f} s" if sel[0]["again"] is not None else ""
            print(f"  {mode:4s} {name:12s} 首图 {med('first'):5.2f} s（目标 5 s）  全部图 {med('every'):5.2f} s"
                  f"  重绘 {redraw}（目标 0.5 s）{again}  站外请求 {sum(r['outside'] for r in sel)}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--dashboards", nargs="*", default=list(DASHBOARDS))
    parser.add_argument("--modes", nargs="*", default=["cold", "preheat"], choices=["cold", "preheat"])
    parser.add_argument("--pool-size", type=int, default=1,
                        help="kernels kept ready per dashboard when preheating (scripts/dashboards.sh: 1)")
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))   # stop Voila (finally blocks) when terminated
    rebuild, cached = bundle_seconds()
    print(f"离线 Vega 包：vl-convert 重新打包 {rebuild:.2f} s，从磁盘缓存读取 {cached:.3f} s")
    print(f"负载（1 分钟平均）：{os.getloadavg()[0]:.2f}，{os.cpu_count()} 核", flush=True)
    rows = []
    with browser() as chromium:
        for mode in args.modes:
            run_mode(chromium, args.pool_size if mode == "preheat" else 0, args.dashboards, args.runs, rows)
    summary(rows, args.dashboards)


if __name__ == "__main__":
    main()
