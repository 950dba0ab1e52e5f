"""What a reader sees on a phone and on paper, measured in a real headless Chromium.

- At 390 px (a phone) nothing in a page is clipped at the right edge: the only boxes that scroll
  sideways are code listings and a flowchart too wide for the screen, never a table of numbers.
- Trace, parameter and source-document tables become one card per row on a phone.
- The theme's icons draw from its webfont; its 1.5 MB SVG icon script is not shipped.
- Diagrams are not shrunk below about two thirds of their drawn size, so their labels stay legible.
- A printed chapter has no navigation chrome and shows the worked example's calculation steps.
"""
import pytest

from browser import chromium, serve

PHONE = {"width": 390, "height": 844}
EXAMPLE_PAGES = ["book/dibao/income.html", "book/dibao/deductions.html", "book/dibao/payment.html",
                 "book/dibao/review.html", "book/dibao/tiers.html", "book/dibao/exercises.html",
                 "book/dibao/setting-the-standard.html"]
DIAGRAM_PAGES = ["book/dibao/index.html", "book/dibao/review.html", "book/tekun/procedure.html",
                 "book/liushou/emergency.html", "book/liushou/discovery.html", "book/plan/tasks.html"]
# Boxes allowed to scroll sideways inside the page: code, and diagrams (doudi.css).
OWN_SCROLL = "pre, div.highlight, div.graphviz, div.doudi-graph"

CLIPPED_JS = """(allowed) => {
  const width = document.documentElement.clientWidth, found = [];
  for (const el of document.querySelectorAll('article *')) {
    if (el.closest(allowed)) continue;
    const box = el.getBoundingClientRect();
    if (box.width === 0) continue;
    const style = getComputedStyle(el);
    const scrolls = ['auto', 'scroll', 'hidden'].includes(style.overflowX) && el.scrollWidth > el.clientWidth + 1;
    if (box.right > width + 1 || scrolls) {
      found.push(`${el.tagName.toLowerCase()}.${String(el.className).split(' ').join('.')} ` +
                 `(right ${Math.round(box.right)}, scroll ${el.scrollWidth} > ${el.clientWidth})`);
    }
  }
  return {page: document.documentElement.scrollWidth - window.innerWidth, found: found.slice(0, 10)};
}"""

SCALES_JS = """() => {
  const natural = (svg) => parseFloat(svg.getAttribute('width')) * (svg.getAttribute('width').endsWith('pt') ? 4 / 3 : 1);
  const scales = [];
  for (const svg of document.querySelectorAll('article div.doudi-graph > svg')) {
    scales.push([svg.getBoundingClientRect().width / natural(svg), 'inline diagram']);
  }
  for (const object of document.querySelectorAll('article object.graphviz')) {
    const svg = object.contentDocument && object.contentDocument.documentElement;
    if (svg) scales.push([object.getBoundingClientRect().width / natural(svg), object.getAttribute('data')]);
  }
  return scales;
}"""


@pytest.fixture(scope="module")
def server(built_site):
    with serve(built_site) as running:
        yield running


def open_every_fold(page):
    """Unfold the calculation steps and, on an exercises page, the answers."""
    page.evaluate("() => document.querySelectorAll('details.doudi-trace-box, details.sd-dropdown')"
                  ".forEach(d => d.open = true)")


@pytest.mark.parametrize("path", EXAMPLE_PAGES)
def test_tables_of_a_worked_example_fit_a_phone_width_screen_without_clipping(server, path):
    with chromium(server, viewport=PHONE) as b:
        b.page.goto(b.url(path), wait_until="networkidle")
        open_every_fold(b.page)
        result = b.page.evaluate(CLIPPED_JS, OWN_SCROLL)
        assert result["page"] <= 1, f"{path} scrolls sideways by {result['page']} px at 390 px"
        assert result["found"] == [], f"{path} at 390 px: clipped or sideways-scrolling boxes {result['found']}"


def test_trace_rows_become_cards_on_a_phone_and_stay_a_table_on_a_desktop(server):
    with chromium(server, viewport=PHONE) as b:
        b.page.goto(b.url("book/dibao/deductions.html"), wait_until="networkidle")
        open_every_fold(b.page)
        row = b.page.locator("table.doudi-trace tbody tr").first
        assert row.evaluate("r => getComputedStyle(r).display") == "block"
        assert b.page.locator("table.doudi-trace thead").first.is_hidden()
        # each value is introduced by its column name
        cell = row.locator("td").nth(1)
        assert cell.evaluate("c => getComputedStyle(c, '::before').content") == '"算法与取值："'
        b.page.set_viewport_size({"width": 1280, "height": 900})
        assert row.evaluate("r => getComputedStyle(r).display") == "table-row"
        step = b.page.locator("table.doudi-trace tbody td").first
        assert step.bounding_box()["width"] >= 100, "the step column is too narrow on a desktop"


def test_the_source_documents_table_becomes_cards_on_a_phone_so_titles_do_not_wrap_per_character(server):
    with chromium(server, viewport=PHONE) as b:
        b.page.goto(b.url("book/appendix/sources.html"), wait_until="networkidle")
        table = b.page.locator("table.doudi-cards").first
        assert table.locator("thead").is_hidden()
        issuer = table.locator("tbody tr").first.locator("td[data-label='发文单位']")
        assert issuer.evaluate("c => getComputedStyle(c, '::before').content") == '"发文单位："'
        assert issuer.bounding_box()["width"] >= 300, "the issuer cell is squeezed into a narrow column"


def test_theme_icons_draw_from_the_webfont_without_the_theme_s_1_5_mb_icon_script(server):
    """book/_static/scripts/fontawesome.js replaces the theme's SVG icon script (custom icons only)."""
    with chromium(server, viewport=PHONE) as b:
        b.page.goto(b.url("book/dibao/income.html"), wait_until="networkidle")
        size = b.page.evaluate("fetch('../../_static/scripts/fontawesome.js').then(r => r.text()).then(t => t.length)")
        assert size < 1000
        icon = b.page.locator(".fa-solid.fa-bars:visible").first
        assert "Font Awesome" in icon.evaluate("e => getComputedStyle(e).fontFamily")
        assert icon.evaluate("e => getComputedStyle(e, '::before').content") == '"\uf0c9"'
        box = icon.bounding_box()
        assert box["width"] >= 10 and box["height"] >= 10, "the menu icon is not drawn"
        assert b.page.evaluate("document.fonts.check('900 16px \"Font Awesome 6 Free\"')")


@pytest.mark.parametrize("path", DIAGRAM_PAGES)
def test_diagrams_keep_legible_labels_on_a_phone(server, path):
    with chromium(server, viewport=PHONE) as b:
        b.page.goto(b.url(path), wait_until="networkidle")
        scales = b.page.evaluate(SCALES_JS)
        assert scales, f"{path}: no diagram found"
        small = [(round(scale, 2), what) for scale, what in scales if scale < 0.65]
        assert not small, f"{path}: diagrams drawn below 65% of their size at 390 px: {small}"
        assert b.page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 1


def test_a_printed_chapter_has_no_navigation_and_shows_the_calculation_steps(server):
    with chromium(server) as b:
        b.page.goto(b.url("book/dibao/deductions.html"), wait_until="networkidle")
        trace = b.page.locator("details.doudi-trace-box table.doudi-trace").first
        assert not trace.is_visible(), "the steps are folded on screen"
        b.page.emulate_media(media="print")
        for chrome in (".bd-sidebar-primary", ".bd-header", ".prev-next-area", ".bd-sidebar-secondary"):
            assert b.page.locator(chrome).first.is_hidden(), f"{chrome} is printed"
        assert trace.bounding_box()["height"] > 200, "the calculation steps are not printed"
        for fold in ("details.doudi-call-box", "div.cell.tag_hide-input > details"):
            assert b.page.locator(fold).first.is_hidden(), f"the folded {fold} is printed"
        pdf = b.page.pdf(format="A4")
        assert pdf.startswith(b"%PDF")


def test_checklist_boxes_are_large_enough_to_tick_with_a_pen(server):
    with chromium(server) as b:
        b.page.goto(b.url("book/plan/checklist.html"), wait_until="networkidle")
        box = b.page.locator("input.task-list-item-checkbox").first
        size = box.bounding_box()
        assert size["width"] >= 14 and size["height"] >= 14, size
        assert b.page.locator("ul.contains-task-list").first.evaluate("u => getComputedStyle(u).listStyleType") == "none"


LINES_JS = """(cell) => {
  const range = document.createRange();
  range.selectNodeContents(cell);
  return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
}"""


@pytest.mark.parametrize("width", [390, 1280])
def test_member_names_in_the_exercises_household_tables_stay_on_one_line(server, width):
    with chromium(server, viewport={"width": width, "height": 900}) as b:
        b.page.goto(b.url("book/dibao/exercises.html"), wait_until="networkidle")
        open_every_fold(b.page)
        names = b.page.locator("table.doudi-household-table tbody td:first-child")
        assert names.count() >= 5
        wrapped = [(cell.inner_text(), lines) for cell in names.all()
                   if (lines := cell.evaluate(LINES_JS)) > 1]
        assert wrapped == [], f"names broken over several lines at {width} px: {wrapped}"


def test_diagram_labels_on_the_discovery_page_are_at_least_12_px(server):
    with chromium(server, viewport=PHONE) as b:
        b.page.goto(b.url("book/liushou/discovery.html"), wait_until="networkidle")
        sizes = b.page.evaluate("[...document.querySelectorAll('article svg text')]"
                                ".map(t => [parseFloat(getComputedStyle(t).fontSize), t.textContent])")
        assert sizes, "no diagram text found"
        small = [(size, text) for size, text in sizes if size < 12]
        assert small == [], f"diagram labels under 12 px: {small[:5]}"


@pytest.mark.parametrize("viewport", [PHONE, {"width": 1280, "height": 900}])
def test_the_header_buttons_are_at_least_40_px_to_tap(server, viewport):
    with chromium(server, viewport=viewport) as b:
        b.page.goto(b.url("book/dibao/income.html"), wait_until="networkidle")
        buttons = b.page.locator(".bd-header-article button:visible, .bd-header-article .btn:visible")
        assert buttons.count() >= 3
        small = [(button.get_attribute("class"), box) for button in buttons.all()
                 if (box := button.bounding_box()) and (box["width"] < 40 or box["height"] < 40)]
        assert small == [], f"header buttons under 40 × 40 px: {small}"


def test_the_national_dashboard_tables_fit_a_phone_as_cards(server):
    with chromium(server, viewport=PHONE) as b:
        b.page.goto(b.url("book/dashboards/national.html"), wait_until="networkidle")
        tables = b.page.locator("article .doudi-table-wrap table")
        assert tables.count() >= 2
        result = b.page.evaluate(CLIPPED_JS, OWN_SCROLL)
        assert result["page"] <= 1 and result["found"] == [], f"clipped at 390 px: {result['found']}"
        cell = tables.first.locator("tbody tr").first.locator("td").nth(1)
        assert cell.evaluate("c => getComputedStyle(c, '::before').content") == '"数值："'
        b.screenshot("national-dashboard-phone")
