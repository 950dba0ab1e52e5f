"""PDF handouts built with the site (scripts/build_pdf.py): the whole handbook and each part,
Chinese text as text with its fonts embedded, page numbers, clause citations, the exercises
with their answers at the end, and links from the site's 讲义下载 page.
"""
import json
import re
import shutil
import subprocess

import pytest

from browser import chromium, serve

PARTS = ["handbook", "dibao", "tekun", "liushou", "plan"]

pytestmark = pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils is not installed")


def pdf_text(path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def test_every_handout_is_built_and_listed(built_site):
    index = json.loads((built_site / "handouts" / "index.json").read_text(encoding="utf-8"))
    assert [entry["name"] for entry in index] == ["dibao", "tekun", "liushou", "plan", "handbook"]
    for entry in index:
        pdf = built_site / "handouts" / entry["file"]
        assert pdf.read_bytes()[:5] == b"%PDF-"
        assert entry["bytes"] == pdf.stat().st_size > 50_000


def test_the_dibao_handout_holds_chinese_text_page_numbers_clause_citations_and_answers_at_the_end(built_site):
    pdf = built_site / "handouts" / "doudi-dibao.pdf"
    text = pdf_text(pdf)
    pages = text.split("\f")
    assert len(pages) > 10
    assert "逢一进十" in text and "低保标准" in text, "the Chinese text is not extractable"
    # Page numbers: "第 n 页／共 m 页" at the foot of every page.
    total = len([p for p in pages if p.strip()])
    numbers = re.findall(r"第 (\d+) 页／共 (\d+) 页", text)
    assert len(numbers) == total and {int(m) for _, m in numbers} == {total}
    # Every quoted clause names its source document and item.
    assert text.count("来源：文件000") >= 10
    assert re.search(r"来源：文件000《来凤县社会保障兜底与农村三留守工作介绍》一（四）5\.2", text.replace("\n", ""))
    # The exercises come last, each with its answer.
    exercises = text.index("下面的练习各附答案和计算过程")
    assert exercises > len(text) * 0.6
    assert "练习1" in text[exercises:] and "答案" in text[exercises:]
    assert '"call"' not in text, "the worked examples' input records are printed"
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    cjk = [line for line in fonts.splitlines() if re.search(r"WenQuanYi|Noto|CJK|Hei", line)]
    assert cjk and all(" yes " in line for line in cjk), f"CJK fonts not embedded:\n{fonts}"


def test_a_handout_page_renders_chinese_glyphs_not_boxes(built_site, tmp_path):
    """Draw page 2 of the 低保 handout and check it has ink, then look at it (the PNG is kept)."""
    pdf = built_site / "handouts" / "doudi-dibao.pdf"
    out = built_site.parent / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    for stale in out.glob("handout-dibao*.png"):
        stale.unlink()
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "2", "-l", "2", str(pdf), str(out / "handout-dibao")],
                   check=True)
    png = next(out.glob("handout-dibao*2.png"))
    assert png.stat().st_size > 10_000
    # pdftotext reads the same page as the characters, not as missing-glyph boxes.
    page = subprocess.run(["pdftotext", "-f", "2", "-l", "2", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert len(re.findall(r"[\u4e00-\u9fff]", page)) > 200
    assert "\u25a1" not in page and "\ufffd" not in page


def test_the_site_links_each_handout(built_site):
    with serve(built_site) as server, chromium(server, viewport={"width": 390, "height": 844}) as b:
        b.page.goto(b.url("book/guide/handouts.html"), wait_until="networkidle")
        links = b.page.locator("ul.doudi-handouts a")
        assert links.count() == 5
        for link in links.all():
            href = link.get_attribute("href")
            response = b.page.request.get(b.url("book/guide/" + href))
            assert response.ok and response.headers["content-type"] == "application/pdf", href
        assert b.external_requests() == []
