"""The chapter list (≡) and the page contents (≣) open and close by tap and by keyboard, on a
phone (390 px) and on a desktop (1280 px), with Chinese labels (book/_ext/doudi_ui.py).
"""
import pytest

from browser import chromium, serve

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
PAGE = "book/dibao/income.html"
CHAPTER = "第一部分　农村低保"      # a part caption in the chapter list


@pytest.fixture(scope="module")
def server(built_site):
    with serve(built_site) as running:
        yield running


def chapter_list_visible(page) -> bool:
    """The chapter list is on screen: its caption and a chapter link are visible and not hidden."""
    caption = page.locator(".bd-docs-nav p.caption", has_text=CHAPTER).first
    link = page.locator(".bd-docs-nav a.reference", has_text="收入").first
    if not (caption.is_visible() and link.is_visible()):
        return False
    box = link.bounding_box()
    width = page.viewport_size["width"]
    return box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width


def tooltip(button) -> str:
    """The button's tooltip text (Bootstrap moves ``title`` to ``data-bs-original-title``)."""
    return button.get_attribute("data-bs-original-title") or button.get_attribute("title")


def wait_until(page, predicate, timeout=3000):
    step = 100
    for _ in range(timeout // step):
        if predicate():
            return True
        page.wait_for_timeout(step)
    return predicate()


def test_on_a_phone_tapping_the_menu_button_opens_the_chapter_list_and_its_close_button_closes_it(server):
    with chromium(server, viewport=PHONE) as b:
        b.page.goto(b.url(PAGE), wait_until="networkidle")
        button = b.page.locator(".bd-header-article .primary-toggle")
        assert button.is_visible()
        assert button.get_attribute("aria-label") == "打开或收起章节目录"
        assert tooltip(button) == "章节目录"
        assert not chapter_list_visible(b.page)
        button.click()
        assert wait_until(b.page, lambda: chapter_list_visible(b.page)), "the chapter list did not open"
        assert button.get_attribute("aria-expanded") == "true"
        b.screenshot("nav-phone-chapters-open")
        close = b.page.locator("#pst-primary-sidebar-modal .doudi-close-sidebar")
        assert close.inner_text().strip().endswith("关闭")
        box = close.bounding_box()
        assert box["width"] >= 40 and box["height"] >= 40
        close.click()
        assert wait_until(b.page, lambda: not chapter_list_visible(b.page)), "the chapter list did not close"
        assert button.get_attribute("aria-expanded") == "false"
        # A chapter can be reached from the list.
        button.click()
        b.page.locator(".bd-docs-nav a.reference", has_text="补差").first.click()
        b.page.wait_for_url("**/book/dibao/payment.html")


def test_on_a_phone_the_keyboard_opens_the_chapter_list_and_escape_closes_it(server):
    with chromium(server, viewport=PHONE) as b:
        b.page.goto(b.url(PAGE), wait_until="networkidle")
        button = b.page.locator(".bd-header-article .primary-toggle")
        button.focus()
        b.page.keyboard.press("Enter")
        assert wait_until(b.page, lambda: chapter_list_visible(b.page)), "Enter did not open the chapter list"
        b.page.keyboard.press("Escape")
        assert wait_until(b.page, lambda: not chapter_list_visible(b.page)), "Escape did not close the list"
        assert b.page.evaluate("document.activeElement.classList.contains('primary-toggle')"), \
            "focus did not return to the menu button"
        b.page.keyboard.press(" ")
        assert wait_until(b.page, lambda: chapter_list_visible(b.page)), "Space did not open the chapter list"


def test_on_a_phone_the_contents_button_opens_the_page_contents_and_closes_them(server):
    with chromium(server, viewport=PHONE) as b:
        b.page.goto(b.url(PAGE), wait_until="networkidle")
        button = b.page.locator(".bd-header-article .secondary-toggle")
        assert tooltip(button) == "本页内容"
        contents = b.page.locator("#pst-page-toc-nav a").first
        assert not contents.is_visible()
        button.click()
        assert wait_until(b.page, lambda: contents.is_visible()), "the page contents did not open"
        assert b.page.locator("#pst-secondary-sidebar-modal").evaluate("d => d.open")
        b.screenshot("nav-phone-contents-open")
        b.page.locator("#pst-secondary-sidebar-modal .doudi-close-sidebar").click()
        assert wait_until(b.page, lambda: not contents.is_visible()), "the page contents did not close"
        button.focus()
        b.page.keyboard.press("Enter")
        assert wait_until(b.page, lambda: contents.is_visible()), "Enter did not open the page contents"
        b.page.keyboard.press("Escape")
        assert wait_until(b.page, lambda: not contents.is_visible())


def test_on_a_desktop_the_menu_button_hides_and_shows_the_chapter_list_by_click_and_keyboard(server):
    with chromium(server, viewport=DESKTOP) as b:
        b.page.goto(b.url(PAGE), wait_until="networkidle")
        button = b.page.locator(".bd-header-article .primary-toggle")
        assert chapter_list_visible(b.page)
        assert button.get_attribute("aria-expanded") == "true"
        button.click()
        assert wait_until(b.page, lambda: not chapter_list_visible(b.page)), "the click did not hide the list"
        assert button.get_attribute("aria-expanded") == "false"
        b.screenshot("nav-desktop-chapters-hidden")
        button.click()
        assert wait_until(b.page, lambda: chapter_list_visible(b.page)), "the click did not show the list"
        button.focus()
        b.page.keyboard.press("Enter")
        assert wait_until(b.page, lambda: not chapter_list_visible(b.page)), "Enter did not hide the list"
        b.page.keyboard.press("Enter")
        assert wait_until(b.page, lambda: chapter_list_visible(b.page)), "Enter did not show the list"
        # No dialog opens on a desktop: the list stays in the page.
        assert not b.page.locator("#pst-primary-sidebar-modal").evaluate("d => d.open")


def test_on_a_desktop_the_page_contents_are_beside_the_text_with_a_chinese_title(server):
    with chromium(server, viewport=DESKTOP) as b:
        b.page.goto(b.url(PAGE), wait_until="networkidle")
        title = b.page.locator("#pst-secondary-sidebar .onthispage")
        assert title.inner_text().strip() == "本页内容"
        b.page.locator("#pst-secondary-sidebar").hover()
        assert wait_until(b.page, lambda: b.page.locator("#pst-page-toc-nav a").first.is_visible())
