"""Search finds what trainees type (book/_ext/doudi_search.py), in a real offline Chromium.

- Every glossary term (calculators/glossary.py) lists its definition on the glossary page among
  the first three results.
- Twenty terms that head a section (逢一进十, 外出务工, 重度残疾 …) each list a page with that
  heading among the first three results.
- The search page, typed into at phone width, finds 逢一进十; the page opened from the results
  marks the term; the field's magnifier does not cover the first typed character.
"""
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from browser import chromium, serve

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from calculators.glossary import TERMS  # noqa: E402

PHONE = {"width": 390, "height": 844}
GLOSSARY_PAGE = "book/appendix/glossary"
HEADING_TERMS = ["逢一进十", "外出务工", "重度残疾", "特困供养", "农村低保", "低保标准", "重点救助", "留守儿童",
                 "民主评议", "入户调查", "核减", "单独施保", "集中供养", "分散供养", "强制报告", "监护干预",
                 "主动发现", "信息台账", "按档补差", "绿色救助通道"]
# Terms trainees type that are in a heading's words but not in its exact text: the page they want.
PAGE_OF = {"外出务工": "book/dibao/income"}   # heading 工资和务工收入, text 外出务工收入

# The first three results as the page lists them: Sphinx's query path (searchtools.js), whose
# results array is displayed from its end.
FIRST_THREE_JS = """(query) => {
  const parsed = Search._parseQuery(query);
  const results = Search._performSearch(...parsed);
  return results.slice(-3).reverse().map((r) => r[0]);
}"""


class _Headings(HTMLParser):
    def __init__(self):
        super().__init__()
        self.depth, self.texts, self.current = 0, [], []

    def handle_starttag(self, tag, attrs):
        if tag in ("h1", "h2", "h3", "h4"):
            self.depth += 1
            self.current = []

    def handle_endtag(self, tag):
        if tag in ("h1", "h2", "h3", "h4") and self.depth:
            self.depth -= 1
            self.texts.append("".join(self.current))

    def handle_data(self, data):
        if self.depth:
            self.current.append(data)


def pages_of_part(term: str) -> set[str]:
    """The chapters of the part whose caption (a heading of the chapter list) holds ``term``."""
    import yaml

    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    return {chapter["file"] for part in toc["parts"] if term in part["caption"] for chapter in part["chapters"]}


def pages_with_heading(site: Path, term: str) -> set[str]:
    """Docnames of the built pages with ``term`` in a heading (h1–h4), or in their part's caption."""
    found = pages_of_part(term)
    for path in (site / "book").rglob("*.html"):
        parser = _Headings()
        parser.feed(path.read_text(encoding="utf-8"))
        if any(term in text for text in parser.texts):
            found.add(str(path.relative_to(site).with_suffix("")))
    return found


@pytest.fixture(scope="module")
def search_page(built_site):
    """One browser for the module (Playwright's sync API allows one at a time)."""
    with serve(built_site) as server, chromium(server) as b:
        b.page.goto(b.url("search.html"), wait_until="networkidle")
        b.page.wait_for_function("typeof Search !== 'undefined' && Search.hasIndex()")
        yield b
        assert b.external_requests() == []


def test_every_glossary_term_lists_its_definition_among_the_first_three_results(search_page):
    missed = {}
    for term in TERMS:
        first = search_page.page.evaluate(FIRST_THREE_JS, term.zh)
        if GLOSSARY_PAGE not in first:
            missed[term.zh] = first
    assert missed == {}, f"glossary terms whose definition is not in the first three results: {missed}"


def test_each_heading_term_lists_a_page_with_that_heading_among_the_first_three_results(search_page, built_site):
    missed, checked = {}, 0
    for term in HEADING_TERMS:
        expected = {PAGE_OF[term]} if term in PAGE_OF else pages_with_heading(built_site, term)
        assert expected, f"no page has a heading with {term}: pick another heading term"
        checked += 1
        first = search_page.page.evaluate(FIRST_THREE_JS, term)
        if not expected & set(first):
            missed[term] = (first, sorted(expected))
    assert checked == 20
    assert missed == {}, f"heading terms whose page is not in the first three results: {missed}"


def test_a_query_is_cut_into_the_words_the_index_holds(search_page):
    split = search_page.page.evaluate("(q) => splitQuery(q)", "逢一进十 单独施保的留守儿童")
    assert split == ["逢一进十", "单独施保", "留守儿童"]


ICON_AND_TEXT_JS = """(form) => {
  const input = form.querySelector('input'), icon = form.querySelector('i.fa-magnifying-glass');
  return {icon: icon.getBoundingClientRect().right,
          text: input.getBoundingClientRect().left + parseFloat(getComputedStyle(input).paddingLeft)};
}"""


def assert_icon_left_of_text(page, form_selector):
    where = page.locator(form_selector).first.evaluate(ICON_AND_TEXT_JS)
    assert where["icon"] <= where["text"] + 0.5, f"the search icon covers the first typed character: {where}"


def test_the_search_box_opened_on_a_phone_shows_the_first_typed_character(search_page):
    b = search_page
    b.page.set_viewport_size(PHONE)
    b.page.goto(b.url("book/dibao/payment.html"), wait_until="networkidle")
    b.page.locator(".bd-header-article .search-button").click()
    field = b.page.locator("#pst-search-dialog input[name=q]")
    field.type("逢")
    assert_icon_left_of_text(b.page, "#pst-search-dialog form.bd-search")
    b.screenshot("search-phone-dialog")


def test_typing_a_term_on_a_phone_finds_its_page_and_the_opened_page_marks_the_term(search_page):
    b = search_page
    b.page.set_viewport_size(PHONE)
    b.page.goto(b.url("search.html"), wait_until="networkidle")
    field = b.page.locator("#main-content form.bd-search input[name=q]")
    field.fill("")
    field.type("逢一进十")
    assert_icon_left_of_text(b.page, "#main-content form.bd-search")
    field.press("Enter")
    results = b.page.locator("#search-results ul.search li")
    results.first.wait_for(timeout=30000)
    b.screenshot("search-phone-fengyijinshi")
    first_links = [results.nth(i).locator("a").first.get_attribute("href") for i in range(min(3, results.count()))]
    target = next((href for href in first_links if "payment" in href), None)
    assert target, f"逢一进十 did not list the payment page first three: {first_links}"
    b.page.locator(f"#search-results ul.search li a[href='{target}']").first.click()
    b.page.wait_for_load_state("networkidle")
    marked = b.page.locator("span.highlighted", has_text="逢一进十")
    assert marked.count() >= 1, "the opened page does not mark the searched term"
    assert re.search("payment", b.page.url)
    assert marked.first.evaluate("e => getComputedStyle(e).backgroundColor") not in ("rgba(0, 0, 0, 0)", "transparent")
    b.screenshot("search-phone-opened-page")
    assert b.external_requests() == []
