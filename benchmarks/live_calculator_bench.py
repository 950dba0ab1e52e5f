"""How fast is the applicant's live calculator in the static site? Prints figures; asserts nothing.

Each run is a fresh headless Chromium (empty cache, every non-loopback host unresolvable), on
the site served as the README's command serves it (scripts/serve.py: precompressed gzip, cache
headers). Figures, side by side with a plain handbook page:

- bytes on the wire until the calculator is live (response bodies as sent, gzip where sent);
- time to a usable form: navigation until the quick estimate is painted and answering,
  against the plain page's navigation-to-load time (both read in the page);
- time to the first live recompute: navigation until the live questionnaire is drawn and has
  answered one tap (下一步) with its next question;
- the same on a slow 4G profile, 1.6 Mbit/s and 150 ms per request, applied by the server to
  every request, so the page *and* its Web Worker are throttled (DevTools throttling of a page
  does not reach its workers): first quick-estimate answer, and calculator fully live;
- a second visit in the same browser (warm cache, Python restored from the snapshot the first
  visit kept in IndexedDB): navigation until live;
- the widget round trip: a tap (下一步 / 上一步) until Python's next question is on the page.

    python benchmarks/live_calculator_bench.py [--site _build/html] [--runs 3] [--no-slow]
"""
import argparse
import statistics
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "tests")]

import browser  # noqa: E402
from browser import chromium, kept_starts, serve  # noqa: E402

PAGE = "book/calculators/dibao.html"
PLAIN = "book/dibao/index.html"
SLOW_BYTES_PER_S = 1.6e6 / 8
SLOW_LATENCY_S = 0.150

# The quick estimate's answer (runtime/src/boot.js), then the live questionnaire drawn by Python.
QUICK_ANSWER = ".doudi-quick-answer[data-value]"
LIVE = ".doudi-live-ready .doudi-q"
# A tap on 下一步 or 上一步 and the time until Python has drawn the other question (timed in the page).
ROUND_TRIP_JS = """async ([direction]) => {
  const slot = document.querySelector('.doudi-live-slot');
  const question = () => slot.querySelector('.doudi-q-question').textContent;
  const before = question();
  const start = performance.now();
  slot.querySelector(direction === 'next' ? 'button.doudi-q-next' : 'button.doudi-q-back').click();
  while (question() === before) {
    if (performance.now() - start > 20000) return -1;
    await new Promise(r => setTimeout(r, 1));
  }
  return performance.now() - start;
}"""


class SlowNetwork:
    """One shared link: every response waits the latency, then its bytes share the bandwidth."""

    def __init__(self, bytes_per_s: float, latency_s: float):
        self.rate, self.latency = bytes_per_s, latency_s
        self.lock = threading.Lock()
        self.next_free = time.monotonic()

    def send(self, wfile, data: bytes) -> None:
        for start in range(0, len(data), 16384):
            chunk = data[start:start + 16384]
            with self.lock:
                begin = max(self.next_free, time.monotonic())
                self.next_free = begin + len(chunk) / self.rate
            time.sleep(max(0.0, self.next_free - time.monotonic()))
            wfile.write(chunk)


class SlowHandler(browser._QuietHandler):
    network: SlowNetwork = None

    def send_head(self):
        time.sleep(self.network.latency)
        return super().send_head()

    def copyfile(self, source, outputfile):
        self.network.send(outputfile, source.read())


def type_income(page, value: str) -> None:
    form = page.locator(".doudi-quick")
    form.locator("[name=income]").fill(value)


# Times are read in the page (performance.now(): milliseconds since navigation started), so the
# test driver's own latency is not counted. The form is usable once it is painted and its script
# answers (runtime/src/boot.js marks quickReady); the calculator is live once Python has drawn it.
MARKS_JS = """() => {
  const paint = performance.getEntriesByName('first-contentful-paint')[0];
  return {...window.doudiLive.marks, paint: paint ? paint.startTime : null, restored: window.doudiLive.restored};
}"""


def cold_run(server, slow: bool = False) -> dict:
    with chromium(server, viewport={"width": 390, "height": 844}) as session:
        page = session.page
        page.goto(session.url(PAGE), wait_until="commit")
        page.locator(".doudi-quick [name=income]").wait_for(state="visible", timeout=120_000)
        type_income(page, "600")
        page.locator(QUICK_ANSWER).wait_for(timeout=120_000)
        page.locator(LIVE).wait_for(timeout=600_000)
        wire = session.bytes_received()
        marks = page.evaluate(MARKS_JS)
        first_trip = page.evaluate(ROUND_TRIP_JS, ["next"])
        trips = [page.evaluate(ROUND_TRIP_JS, ["back" if i % 2 == 0 else "next"]) for i in range(20)] if not slow else []
        second = None
        if not slow:
            kept_starts(page)     # a later visit, as a person's would be: the snapshot is written by then
            page.goto(session.url(PAGE), wait_until="commit")
            page.locator(LIVE).wait_for(timeout=120_000)
            again = page.evaluate(MARKS_JS)
            if not again["restored"]:
                print("note: a second visit did not start from the kept snapshot", file=sys.stderr)
            second = again["shown"] / 1000
        outside = session.external_requests()
    usable = max(marks["paint"] or 0, marks["quickReady"]) / 1000
    return {"quick_s": usable, "live_s": marks["shown"] / 1000, "recompute_s": (marks["shown"] + first_trip) / 1000,
            "wire": wire, "first_trip_ms": first_trip, "trips_ms": [t for t in trips if t >= 0], "second_s": second,
            "outside": outside, "marks": marks}


def plain_run(server) -> dict:
    with chromium(server, viewport={"width": 390, "height": 844}) as session:
        session.page.goto(session.url(PLAIN), wait_until="load")
        load = session.page.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd")
        return {"load_s": load / 1000, "wire": session.bytes_received()}


def median(runs: list, key: str) -> float:
    return statistics.median(r[key] for r in runs)


def spread(runs: list, key: str, unit: str = "s", digits: int = 2) -> str:
    values = [r[key] for r in runs]
    return (f"{statistics.median(values):.{digits}f} {unit} "
            f"({min(values):.{digits}f}–{max(values):.{digits}f}, n={len(values)})")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", default=str(ROOT / "_build" / "html"))
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-slow", action="store_true", help="skip the slow-4G runs (about a minute each)")
    args = parser.parse_args(argv)
    site = Path(args.site)
    if not (site / PAGE).is_file():
        print(f"no built calculator page under {site}: build the site first (bash scripts/build_site.sh)")
        return 1
    with serve(site) as server:
        plain = [plain_run(server) for _ in range(args.runs)]
        live = [cold_run(server) for _ in range(args.runs)]
    slow = []
    if not args.no_slow:
        SlowHandler.network = SlowNetwork(SLOW_BYTES_PER_S, SLOW_LATENCY_S)
        original = browser._QuietHandler
        browser._QuietHandler = SlowHandler
        try:
            with serve(site) as server:
                slow = [cold_run(server, slow=True)]
        finally:
            browser._QuietHandler = original

    trips = [t for r in live for t in r["trips_ms"]]
    print(f"page: {PAGE} at 390×844, served with gzip and cache headers (scripts/serve.py)")
    print(f"{'figure':58} {'measured':>30}  target")
    rows = [
        ("bytes on the wire until the calculator is live", f"{median(live, 'wire') / 1e6:.2f} MB", "≤ 6 MB"),
        ("  plain handbook page, bytes on the wire", f"{median(plain, 'wire') / 1e6:.2f} MB", ""),
        ("time to a usable form (quick estimate painted, answering)", spread(live, "quick_s"), ""),
        ("  plain handbook page, navigation to load", spread(plain, "load_s"), ""),
        ("  usable form against the plain page's load", f"{median(live, 'quick_s') / median(plain, 'load_s'):.2f}×",
         "≤ 1.5×"),
        ("time to the questionnaire live (drawn by Python)", spread(live, "live_s"), ""),
        ("time to the first live recompute", spread(live, "recompute_s"), "≤ 3 s"),
        ("second visit, time to live", spread(live, "second_s"), "≤ 1.5 s"),
        ("widget round trip (median of all)", f"{statistics.median(trips):.0f} ms "
         f"({min(trips):.0f}–{max(trips):.0f}, n={len(trips)})" if trips else "–", "≤ 50 ms"),
    ]
    if slow:
        rows += [("slow 4G (1.6 Mbit/s, 150 ms; workers too): quick estimate answering", spread(slow, "quick_s", digits=1),
                  "≤ 10 s"),
                 ("slow 4G: calculator fully live", spread(slow, "live_s", digits=1), "≤ 45 s")]
    for label, value, target in rows:
        print(f"{label:58} {value:>30}  {target}")
    print("stages of the last cold run (ms since the page's start):", live[-1]["marks"])
    print("requests outside the server:", sorted({u for r in live + slow for u in r["outside"]}) or "none")
    return 0


if __name__ == "__main__":
    sys.exit(main())
