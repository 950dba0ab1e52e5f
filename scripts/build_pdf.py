"""PDF handouts of the built handbook: the whole book and each part, printed by headless Chromium.

    python scripts/build_pdf.py [_build/html]        # run by scripts/build_site.sh after the site

For each handout the chapters' articles (``_build/html/book/<part>/<chapter>.html``, in the order
of ``_toc.yml``) are joined into one document beside them (``book/handouts/<name>.html``, the
same folder depth, so every relative address of an image or diagram still resolves; removed
once printed), with the
site's own stylesheets (``print.css`` lays out the page for A4). Chromium (Debian's, through
Playwright, offline: no host but the files) opens every fold (the calculation steps and the
exercises' answers) and prints it with the handbook's name at the top and ``第 n 页／共 m 页`` at
the bottom of each page. Fonts are the system's CJK fonts, embedded by Chromium. The quoted
clauses keep their 来源 lines. The exercises come last, with their answers.

Output: ``_build/html/handouts/doudi-<name>.pdf`` and ``handouts/index.json`` (titles, sizes),
which the handbook's 讲义下载 page links (``book/guide/handouts.md``).
"""
from __future__ import annotations

import html
import json
import re
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
FONT = "'Noto Sans CJK SC', 'WenQuanYi Micro Hei', sans-serif"

# Handouts: the parts of the book that make sense on paper (not the live calculators or the
# dashboards). Each: file name, title, the _toc.yml captions it takes.
PARTS = [
    ("dibao", "第一部分　农村低保", ["第一部分　农村低保"]),
    ("tekun", "第二部分　特困供养", ["第二部分　特困供养"]),
    ("liushou", "第三部分　三留守关爱", ["第三部分　三留守关爱"]),
    ("plan", "第四部分　工作方案", ["第四部分　工作方案"]),
]
NOT_ON_PAPER = {"book/guide/handouts"}   # the page that links the handouts
WHOLE = ("handbook", "兜底手册（全书）",
         ["使用说明", "第一部分　农村低保", "第二部分　特困供养", "第三部分　三留守关爱", "第四部分　工作方案", "附录"])


def toc_chapters() -> dict[str, list[str]]:
    """caption -> the docnames of its chapters (and their sections), in order."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    parts = {}
    for part in toc["parts"]:
        names = []
        for chapter in part["chapters"]:
            names.append(chapter["file"])
            names += [section["file"] for section in chapter.get("sections", [])]
        parts[part["caption"]] = names
    return parts


ARTICLE = re.compile(r'<article class="bd-article">(.*?)</article>', re.S)
STYLESHEET = re.compile(r'<link rel="stylesheet"[^>]*href="(\.\./\.\./_static/[^"]+\.css[^"]*)"[^>]*>')


def article_of(site: Path, docname: str) -> str:
    text = (site / f"{docname}.html").read_text(encoding="utf-8")
    found = ARTICLE.search(text)
    if not found:
        raise SystemExit(f"build_pdf: no <article> in {docname}.html")
    body = found.group(1)
    # Links to other chapters point into the site; in a handout they are plain text.
    return re.sub(r'<a class="reference internal" href="(?!#)[^"]*">(.*?)</a>', r"\1", body, flags=re.S)


def document(site: Path, title: str, docnames: list[str]) -> str:
    """One HTML document: a title page with the contents, then each chapter on a new page."""
    head = (site / f"{docnames[0]}.html").read_text(encoding="utf-8")
    sheets = "".join(f'<link rel="stylesheet" href="{href}">' for href in STYLESHEET.findall(head))
    regular = [d for d in docnames if not d.endswith("/exercises")]
    exercises = [d for d in docnames if d.endswith("/exercises")]
    contents, chapters = [], []
    for docname in regular + exercises:
        body = article_of(site, docname)
        heading = re.search(r"<h1>(.*?)<a", body, re.S)
        name = re.sub(r"<[^>]+>", "", heading.group(1)).strip() if heading else docname
        contents.append(f"<li>{html.escape(name)}</li>")
        chapters.append(f'<section class="doudi-handout-chapter" data-doc="{docname}">{body}</section>')
    if exercises:
        contents.insert(len(regular), '<li class="doudi-handout-exercises">练习与答案</li>')
        chapters.insert(len(regular), '<section class="doudi-handout-chapter doudi-handout-exercises-title">'
                                      '<h1>练习与答案</h1><p>下面的练习各附答案和计算过程。</p></section>')
    return f"""<!DOCTYPE html>
<html lang="zh-CN" data-theme="light" data-mode="light"><head><meta charset="utf-8">
<title>{html.escape(title)}</title>{sheets}
<style>
  .doudi-handout-chapter {{ break-before: page; }}
  .doudi-handout-cover {{ text-align: center; padding-top: 30mm; }}
  .doudi-handout-cover h1 {{ font-size: 28pt; margin-bottom: 6mm; }}
  .doudi-handout-contents {{ text-align: left; margin: 14mm auto 0; width: 70%; line-height: 2; }}
  details.sd-dropdown > summary, details.doudi-trace-box > summary {{ font-weight: bold; }}
</style></head>
<body><div class="bd-container"><div class="bd-main"><div class="bd-content"><div class="bd-article-container">
<article class="bd-article">
<section class="doudi-handout-cover"><h1>兜底手册</h1><p style="font-size:16pt">{html.escape(title)}</p>
<p>培训讲义 · 条款原文均注明来源文件和条目</p>
<ol class="doudi-handout-contents">{''.join(contents)}</ol></section>
{''.join(chapters)}
</article></div></div></div></div></body></html>"""


HEADER = ('<div style="font-family:{font};font-size:8pt;color:#555;width:100%;padding:0 16mm;'
          'display:flex;justify-content:space-between"><span>兜底手册</span><span>{title}</span></div>')
FOOTER = ('<div style="font-family:{font};font-size:9pt;color:#333;width:100%;text-align:center">'
          '第 <span class="pageNumber"></span> 页／共 <span class="totalPages"></span> 页</div>')

# Open the calculation steps and the answers; leave out the code cells, the worked examples'
# input records (JSON, for the tests) and anything live.
PREPARE_JS = """() => {
  document.querySelectorAll('details.doudi-trace-box, details.sd-dropdown').forEach((d) => { d.open = true; });
  document.querySelectorAll('.cell_input, details.hide.above-input, details.doudi-call-box, .doudi-live, script')
    .forEach((e) => e.remove());
}"""


def main(site: Path) -> int:
    from playwright.sync_api import sync_playwright

    start = time.monotonic()
    site = site.resolve()
    chapters = toc_chapters()
    sources = site / "book" / "handouts"
    out = site / "handouts"
    sources.mkdir(parents=True, exist_ok=True)
    out.mkdir(parents=True, exist_ok=True)
    index = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                  "--disable-background-networking", "--host-resolver-rules=MAP * ~NOTFOUND"])
        page = browser.new_page()
        for name, title, captions in [*PARTS, WHOLE]:
            docnames = [d for caption in captions for d in chapters[caption] if d not in NOT_ON_PAPER]
            source = sources / f"{name}.html"
            source.write_text(document(site, title, docnames), encoding="utf-8")
            page.goto(source.as_uri(), wait_until="load")
            page.evaluate(PREPARE_JS)
            page.emulate_media(media="print")
            pdf = out / f"doudi-{name}.pdf"
            page.pdf(path=str(pdf), format="A4", print_background=True, display_header_footer=True,
                     header_template=HEADER.format(font=FONT, title=html.escape(title)),
                     footer_template=FOOTER.format(font=FONT),
                     margin={"top": "18mm", "bottom": "18mm", "left": "16mm", "right": "16mm"})
            index.append({"name": name, "title": title, "file": pdf.name, "bytes": pdf.stat().st_size,
                          "chapters": docnames})
            print(f"build_pdf: {pdf.relative_to(site)} {pdf.stat().st_size / 1e6:.1f} MB")
        browser.close()
    for source in sources.iterdir():
        source.unlink()
    sources.rmdir()
    (out / "index.json").write_text(json.dumps(index, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"build_pdf: {len(index)} handouts in {time.monotonic() - start:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "_build" / "html")))
