"""Projection mode for assemblies (book/_static/scripts/doudi-projection.js, reveal.js vendored
from npm): open it from a page, one clause or worked example per screen in large type, turn
screens with the keys a clicker sends, go full screen, leave; nothing is fetched from outside.
"""
import pytest

from browser import chromium, serve

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
PROJECTOR = {"width": 1920, "height": 1080}
PAGE = "book/dibao/payment.html"


@pytest.fixture(scope="module")
def server(built_site):
    with serve(built_site) as running:
        yield running


def current(page) -> dict:
    return page.evaluate("""() => {
      const deck = window.doudiProjection, slide = deck.getCurrentSlide();
      return {index: deck.getIndices().h, total: deck.getTotalSlides(), kind: slide.className,
              text: slide.innerText.slice(0, 200)};
    }""")


def open_projection(b, path=PAGE):
    b.page.goto(b.url(path), wait_until="networkidle")
    button = b.page.locator(".doudi-projection-button")
    assert button.get_attribute("aria-label") == "投影模式"
    button.click()
    b.page.wait_for_function("window.doudiProjection && window.doudiProjection.isReady()")


@pytest.mark.parametrize("screen", [PHONE, DESKTOP], ids=["390px", "1280px"])
def test_the_projection_opens_from_the_page_and_turns_one_clause_or_example_per_screen(server, screen):
    with chromium(server, viewport=screen) as b:
        open_projection(b)
        assert "projection" in b.page.url, "the address does not keep the projection mode"
        first = current(b.page)
        assert first["index"] == 0 and "补差金额" in first["text"]
        assert first["total"] >= 6
        b.screenshot("projection-title")
        b.page.keyboard.press("ArrowRight")
        clause = current(b.page)
        assert clause["index"] == 1 and "doudi-slide-clause" in clause["kind"], clause
        assert "来源" in clause["text"], "the clause screen does not cite its source"
        b.page.keyboard.press("PageDown")        # what a presentation clicker sends
        assert current(b.page)["index"] == 2
        b.page.keyboard.press("PageUp")
        assert current(b.page)["index"] == 1
        # Large type: a clause is drawn at 24 px or more on a 1280 px screen.
        size = b.page.evaluate("""() => {
          const quote = window.doudiProjection.getCurrentSlide().querySelector('blockquote p');
          return parseFloat(getComputedStyle(quote).fontSize) * window.doudiProjection.getScale();
        }""")
        if screen is DESKTOP:
            assert size >= 24, f"clause text is {size:.1f} px on screen"
        b.screenshot(f"projection-clause-{screen['width']}")
        kinds = b.page.evaluate("[...document.querySelectorAll('.doudi-projection .slides > section')]"
                                ".map(s => s.className)")
        assert any("doudi-slide-example" in k for k in kinds), "no worked example has its own screen"
        # The parameter table and the rule functions stay in the handbook, not on the screen.
        assert "实现这一条的函数" not in b.page.locator(".doudi-projection").inner_text()
        assert b.external_requests() == []


@pytest.mark.parametrize("screen", [PHONE, DESKTOP], ids=["390px", "1280px"])
def test_the_projection_goes_full_screen_and_leaves_back_to_the_page(server, screen):
    with chromium(server, viewport=screen) as b:
        open_projection(b)
        b.page.locator(".doudi-projection-fullscreen").click()
        b.page.wait_for_function("document.fullscreenElement !== null", timeout=5000)
        b.page.locator(".doudi-projection-exit").click()
        b.page.wait_for_load_state("load")
        b.page.wait_for_function("!document.querySelector('.doudi-projection')")
        assert "projection" not in b.page.url
        assert b.page.locator("article.bd-article h1").first.is_visible()


def test_an_exercise_is_one_screen_with_its_question_readable_on_a_projector(server):
    with chromium(server, viewport=PROJECTOR) as b:
        open_projection(b, "book/dibao/exercises.html")
        b.page.keyboard.press("ArrowRight")
        slide = current(b.page)
        assert "练习1" in slide["text"]
        size = b.page.evaluate("""() => {
          const p = window.doudiProjection.getCurrentSlide().querySelector('p');
          return parseFloat(getComputedStyle(p).fontSize) * window.doudiProjection.getScale();
        }""")
        assert size >= 36, f"text is {size:.1f} px on a 1920 px projector"
        b.screenshot("projection-exercise-1920")


CHART_LABELS_JS = """() => {
  const deck = window.doudiProjection, found = [];
  deck.getSlides().forEach((slide, index) => {
    if (!slide.classList.contains('doudi-slide-chart')) return;
    deck.slide(index);
    for (const svg of slide.querySelectorAll('svg')) {
      const box = svg.getBoundingClientRect();
      if (!box.width) continue;                       // the phone version of the chart, not shown
      const unit = box.width / (svg.viewBox.baseVal.width || parseFloat(svg.getAttribute('width')));
      const sizes = [...svg.querySelectorAll('text')].filter((t) => t.textContent.trim())
        .map((t) => parseFloat(getComputedStyle(t).fontSize) * unit);
      found.push({index, smallest: Math.min(...sizes), labels: sizes.length});
    }
  });
  return found;
}"""


def test_a_dashboard_chart_is_a_screen_of_its_own_with_labels_of_18_px_or_more_on_a_projector(server):
    with chromium(server, viewport=PROJECTOR) as b:
        open_projection(b, "book/dashboards/national.html")
        charts = b.page.evaluate(CHART_LABELS_JS)
        assert len(charts) >= 3, charts
        small = [chart for chart in charts if chart["smallest"] < 18]
        assert small == [], f"chart labels under 18 px on a 1920 px screen: {small}"
        b.page.evaluate(f"window.doudiProjection.slide({charts[0]['index']})")
        b.screenshot("projection-chart-1920")
