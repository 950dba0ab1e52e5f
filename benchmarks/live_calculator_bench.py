"""How fast is the live 低保 calculator in the static site? Prints figures; asserts nothing.

For ``book/calculators/dibao.html`` of a built site, in a fresh offline headless Chromium each
run (empty cache, every non-loopback host unresolvable):

- cold time from navigation to the first computed result (``.doudi-total`` in the live frame),
- bytes the server sent for it (response bodies, from the static server's count),
- widget round trip afterwards: set an income, wait until the new result is on screen
  (timed inside the page with ``performance.now()``),

and, for comparison, a plain handbook page (navigation to ``load``, bytes). With ``--voila``
the same calculator is also timed in Voila (kernel start and notebook run included).

    python benchmarks/live_calculator_bench.py [--site _build/html] [--runs 3] [--host doudi.intranet] [--voila]

Baseline for stock JupyterLite on this kind of machine (STACK-NOTES): 15–23 s cold, ~28 MB.
"""
import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "tests" / "widgets")]

from browser import chromium, serve  # noqa: E402

ROUND_TRIP_JS = """async ([value]) => {
  const box = [...document.querySelectorAll('.widget-inline-hbox')]
    .filter(b => b.querySelector('label') && b.querySelector('label').textContent.trim() === '工资（元/月）')[1];
  const input = box.querySelector('input');
  const json = () => (document.querySelector('.doudi-result pre.doudi-json') || {}).textContent || '';
  const before = json();
  const start = performance.now();
  input.value = String(value);
  input.dispatchEvent(new Event('input', {bubbles: true}));
  input.dispatchEvent(new KeyboardEvent('keydown', {key: 'Enter', bubbles: true}));
  input.dispatchEvent(new Event('change', {bubbles: true}));
  while (json() === before || !json().includes('"amount": ' + value + ',')) {
    if (performance.now() - start > 20000) return -1;
    await new Promise(r => setTimeout(r, 2));
  }
  return performance.now() - start;
}"""


def live_frame(page):
    for frame in page.frames:
        if "/lite/" in frame.url:
            return frame
    raise RuntimeError("no JupyterLite frame on the page")


def calculator_run(server, host, round_trips: int) -> dict:
    with chromium(server, host=host) as session:
        start = time.perf_counter()
        session.page.goto(session.url("book/calculators/dibao.html"))
        frame_locator = session.page.frame_locator("iframe").first
        frame_locator.locator(".doudi-total").first.wait_for(timeout=240000)
        cold = time.perf_counter() - start
        transferred = session.bytes_received()
        frame = live_frame(session.page)
        times = []
        for i in range(round_trips):
            elapsed = frame.evaluate(ROUND_TRIP_JS, [400 + 10 * (i + 1)])
            if elapsed >= 0:
                times.append(elapsed)
        outside = session.external_requests()
    return {"cold_s": cold, "bytes": transferred, "round_trip_ms": times, "outside": outside}


def plain_run(server, host) -> dict:
    with chromium(server, host=host) as session:
        start = time.perf_counter()
        session.page.goto(session.url("book/dibao/index.html"), wait_until="load")
        return {"cold_s": time.perf_counter() - start, "bytes": session.bytes_received()}


def voila_run(round_trips: int) -> dict:
    from calculator_driver import RequestLog, browser, free_port, server as process_server
    port = free_port()
    command = [sys.executable, "-m", "voila", "--no-browser", f"--port={port}", "--Voila.ip=127.0.0.1",
               "--template=doudi-offline", "notebooks"]
    with process_server(command, port, ROOT, {"JUPYTER_PATH": str(ROOT / "notebooks" / "voila_template")}):
        with browser() as b:
            page = b.new_page()
            log = RequestLog(page)
            start = time.perf_counter()
            page.goto(f"http://127.0.0.1:{port}/voila/render/dibao.ipynb", timeout=240000)
            page.locator(".doudi-total").first.wait_for(timeout=240000)
            cold = time.perf_counter() - start
            page.wait_for_timeout(500)
            transferred = log.bytes
            times = [t for t in (page.evaluate(ROUND_TRIP_JS, [400 + 10 * (i + 1)]) for i in range(round_trips))
                     if t >= 0]
    return {"cold_s": cold, "bytes": transferred, "round_trip_ms": times}


def describe(label: str, runs: list) -> str:
    cold = [r["cold_s"] for r in runs]
    size = [r["bytes"] for r in runs]
    line = (f"{label}: cold {statistics.median(cold):.1f} s (min {min(cold):.1f}, max {max(cold):.1f}, "
            f"n={len(cold)}), {statistics.median(size) / 1e6:.1f} MB")
    trips = [t for r in runs for t in r.get("round_trip_ms", [])]
    if trips:
        line += (f", widget round trip median {statistics.median(trips):.0f} ms "
                 f"(min {min(trips):.0f}, max {max(trips):.0f}, n={len(trips)})")
    return line


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", default=str(ROOT / "_build" / "html"))
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--round-trips", type=int, default=10)
    parser.add_argument("--host", default=None, help="serve under this name mapped to 127.0.0.1")
    parser.add_argument("--voila", action="store_true", help="also time the calculator in Voila")
    args = parser.parse_args(argv)
    site = Path(args.site)
    if not (site / "book" / "calculators" / "dibao.html").is_file():
        print(f"no built calculator page under {site}: build the site first (bash scripts/build_site.sh)")
        return 1
    with serve(site) as server:
        plain = [plain_run(server, args.host) for _ in range(args.runs)]
        live = [calculator_run(server, args.host, args.round_trips) for _ in range(args.runs)]
    print(describe("plain handbook page (book/dibao/index.html)", plain))
    print(describe("live 低保 calculator (book/calculators/dibao.html)", live))
    print("requests outside the server:", sorted({u for r in live for u in r["outside"]}) or "none")
    cold = statistics.median(r["cold_s"] for r in live)
    size = statistics.median(r["bytes"] for r in live) / 1e6
    verdict = "faster than" if cold < 15 else "slower than" if cold > 23 else "within"
    print(f"against stock JupyterLite (15–23 s, ~28 MB): cold {cold:.1f} s is {verdict} that range; "
          f"{size:.1f} MB is {size - 28:+.1f} MB against 28 MB")
    if args.voila:
        print(describe("Voila 低保 calculator (kernel start included)", [voila_run(args.round_trips)]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
