"""The built site in a real headless Chromium that can reach nothing but 127.0.0.1 (and, where
named, the intranet host mapped to it): pages open, Chinese search finds pages, Chinese text is
drawn with a CJK font. (The live calculators: tests/widgets/test_site_browser.py and
tests/site/test_phone_calculator.py.)
"""
import json
import re

import pytest

from browser import INTRANET_HOST, chromium, serve

PAGES = ["book/index.html", "book/dibao/deductions.html", "book/tekun/index.html"]
CJK_FONTS = re.compile(r"WenQuanYi|Noto Sans CJK|Noto Serif CJK|Source Han|Droid Sans Fallback|AR PL", re.I)


@pytest.fixture(scope="module")
def server(built_site):
    with serve(built_site) as running:
        yield running


def platform_fonts(page, selector: str) -> list[dict]:
    """The fonts Chromium actually used to draw the text of ``selector`` (DevTools protocol)."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument", {"depth": -1})["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    return cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]


def test_pages_open_offline_and_request_nothing_outside_the_site(server):
    with chromium(server) as b:
        for path in PAGES:
            response = b.page.goto(b.url(path), wait_until="networkidle")
            assert response.ok, f"{path}: HTTP {response.status}"
            assert re.search(r"[\u4e00-\u9fff]{2}", b.page.locator("article").first.inner_text()), path
        assert b.external_requests() == []
        assert not [url for url, _ in b.failed if "127.0.0.1" in url], b.failed


@pytest.mark.parametrize("term", ["低保", "核减"])
def test_searching_a_two_character_chinese_term_lists_pages(server, term):
    with chromium(server) as b:
        b.page.goto(b.url(f"search.html?q={term}"))
        results = b.page.locator("#search-results ul.search li")
        results.first.wait_for(timeout=30000)
        titles = results.locator("a").all_inner_texts()
        assert titles, f"no result for {term}"
        b.screenshot(f"search-{term}")
        assert b.external_requests() == []


def test_the_search_index_is_segmented_into_chinese_words_by_jieba(built_site):
    text = (built_site / "searchindex.js").read_text(encoding="utf-8")
    index = json.loads(text[text.index("(") + 1:text.rindex(")")])
    terms = set(index["terms"])
    assert {"低保", "核减", "特困"} <= terms
    # Without a word segmenter whole runs of Chinese text would become single "terms".
    longest = max((t for t in terms if re.fullmatch(r"[\u4e00-\u9fff]+", t)), key=len)
    assert len(longest) <= 8, f"unsegmented term in the search index: {longest}"


def test_chinese_text_is_drawn_with_a_cjk_font_not_boxes(server):
    with chromium(server) as b:
        b.page.goto(b.url("book/index.html"), wait_until="networkidle")
        shot = b.screenshot("home")
        fonts = platform_fonts(b.page, "article h1")
        assert shot.stat().st_size > 10_000
        cjk = [f for f in fonts if CJK_FONTS.search(f["familyName"]) and f["glyphCount"] > 0]
        assert cjk, f"the title is not drawn with a CJK font: {fonts}"
        body = platform_fonts(b.page, "article p")
        assert any(CJK_FONTS.search(f["familyName"]) for f in body), body
