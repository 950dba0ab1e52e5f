"""The built handbook: every page is there, every clause cites its source, and every number a
worked example shows is what the engine returns now for the same household.

Each worked example writes the engine call it made into its page (``pre.doudi-call``, JSON) and
wraps each number it shows in ``span.doudi-num`` naming that call and the result path. These tests
replay every call with ``calculators.handbook.run_call`` and compare.
"""
import json
import re
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from calculators import handbook
from calculators.sources import DOCUMENTS

ROOT = Path(__file__).resolve().parents[2]
CLAUSE_PARTS = ("book/dibao/", "book/tekun/", "book/liushou/", "book/plan/")
CITATION = re.compile(r"^来源：文件(\d{3})《[^》]+》.*\S")


def toc_files() -> list[str]:
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    files = [toc["root"]]

    def walk(entries):
        for entry in entries or []:
            if "file" in entry:
                files.append(entry["file"])
            walk(entry.get("sections"))
            walk(entry.get("chapters"))
    for part in toc.get("parts") or []:
        walk(part.get("chapters"))
    walk(toc.get("chapters"))
    return [f.removesuffix(".md").removesuffix(".ipynb") for f in files]


def handbook_pages() -> list[str]:
    """Pages of the handbook proper (the calculator and dashboard parts are tested by their owners)."""
    return [f for f in toc_files() if not f.startswith(("book/calculators/", "book/dashboards/"))]


def soup(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / f"{page}.html").read_text(encoding="utf-8"), "html.parser")


def main_content(doc: BeautifulSoup):
    return doc.find("article") or doc.find("main") or doc


def test_every_page_of_the_toc_is_built(site):
    missing = [f for f in toc_files() if not (site / f"{f}.html").is_file()]
    assert not missing, f"pages in _toc.yml with no built HTML: {missing}"


@pytest.mark.parametrize("page", handbook_pages())
def test_every_clause_box_quotes_and_cites_a_source_document(site, page):
    doc = soup(site, page)
    boxes = doc.select("div.admonition.clause")
    if page.startswith(CLAUSE_PARTS) and not page.endswith("/exercises"):
        assert boxes, f"{page}: a chapter of the policy parts without any quoted clause"
    for box in boxes:
        assert box.find("blockquote"), f"{page}: a clause box without the quoted text"
        citations = [p.get_text(" ", strip=True) for p in box.find_all("p") if p.get_text(strip=True).startswith("来源：")]
        assert citations, f"{page}: a clause box without a 来源： line: {box.get_text(strip=True)[:80]}"
        match = CITATION.match(citations[-1])
        assert match and match.group(1) in DOCUMENTS, f"{page}: malformed citation {citations[-1]!r}"
        section = box.find_parent("section")
        assert section is not None and section.get("id", "").startswith("clause-") or any(
            s.get("id", "").startswith("clause-") for s in box.find_parents("section")), \
            f"{page}: clause box not inside a labelled clause section (clause-…)"


def test_clause_anchors_are_unique_across_the_book(site):
    seen = {}
    for page in handbook_pages():
        for section in soup(site, page).select("section[id^=clause-]"):
            assert section["id"] not in seen, f"anchor {section['id']} on {page} and {seen[section['id']]}"
            seen[section["id"]] = page
    assert len(seen) >= 40


def _records(doc: BeautifulSoup, page: str) -> dict:
    records = {}
    for pre in doc.select("pre.doudi-call"):
        record = json.loads(pre.get_text())
        key = pre["data-call"]
        assert records.get(key, record) == record, f"{page}: two different calls named {key}"
        records[key] = record
    return records


def _same(engine_value, shown: str) -> bool:
    if isinstance(engine_value, (int, float, Decimal)) and not isinstance(engine_value, bool):
        try:
            return handbook.cents(Decimal(str(engine_value))) == Decimal(shown)   # shown to the fen
        except InvalidOperation:
            return False
    return handbook.show(engine_value) == shown


def _worked_numbers(site):
    for page in handbook_pages():
        doc = soup(site, page)
        spans = doc.select("span.doudi-num")
        if spans:
            yield page, doc, spans


def test_worked_example_numbers_equal_a_fresh_engine_run(site):
    checked, calls = 0, 0
    for page, doc, spans in _worked_numbers(site):
        records = _records(doc, page)
        results = {}
        for span in spans:
            key = span["data-call"]
            record = json.loads(span["data-record"]) if span.has_attr("data-record") else records.get(key)
            assert record is not None, f"{page}: number from call {key!r} but the page does not record that call"
            if key not in results:
                results[key] = handbook.run_call(record)
                calls += 1
            value = handbook.lookup(results[key], span["data-path"])
            shown = span.get_text(strip=True)
            assert _same(value, shown), (f"{page}: {key} {span['data-path']} shows {shown!r}, "
                                         f"the engine now gives {handbook.show(value)!r}")
            checked += 1
    assert checked > 300 and calls > 40, (checked, calls)


def test_every_recorded_household_is_shown_with_its_numbers(site):
    examples = 0
    for page in handbook_pages():
        doc = soup(site, page)
        records = _records(doc, page)
        used = {s["data-call"] for s in doc.select("span.doudi-num")}
        for key, record in records.items():
            assert key in used, f"{page}: call {key} is recorded but none of its numbers is shown"
            examples += record["call"] == "assess"
    assert examples >= 25, examples


def test_prose_numbers_come_from_glued_engine_values(site):
    """Numbers pasted into sentences ({glue:}) are engine spans, not typed text."""
    for page, doc, _ in _worked_numbers(site):
        pasted = main_content(doc).select("span.pasted-inline, span.pasted-text")
        for item in pasted:
            assert item.select_one("span.doudi-num"), f"{page}: a pasted value that is not an engine number: {item}"


@pytest.mark.parametrize("page", [p for p in handbook_pages() if p.endswith("/exercises")])
def test_exercise_answers_are_hidden_in_dropdowns_and_computed(site, page):
    doc = soup(site, page)
    dropdowns = doc.select("details.sd-dropdown")
    assert len(dropdowns) >= 2, f"{page}: expected at least two exercises with answers"
    for box in dropdowns:
        assert not box.has_attr("open"), f"{page}: an answer shown without being asked for"
        assert box.select("span.doudi-num"), f"{page}: an answer with no engine-computed number"
        assert box.select("pre.doudi-call"), f"{page}: an answer without its recorded household"


def test_no_page_shows_an_execution_error(site):
    for page in handbook_pages():
        doc = soup(site, page)
        assert not doc.select("div.output.traceback, div.output.error, div.output.stderr"), \
            f"{page}: a code cell printed an error"


def test_diagrams_are_inline_svg_rendered_at_build_time(site):
    pages = {"book/dibao/index": 1, "book/dibao/review": 2, "book/liushou/emergency": 1, "book/plan/tasks": 1}
    for page, at_least in pages.items():
        doc = soup(site, page)
        svgs = doc.select("div.doudi-graph svg") + doc.select("div.graphviz object, div.graphviz img, img.graphviz, object.graphviz")
        assert len(svgs) >= at_least, f"{page}: expected {at_least} diagram(s), found {len(svgs)}"


def test_sources_page_lists_every_document_with_issuer_and_date(site):
    text = soup(site, "book/appendix/sources").get_text(" ", strip=True)
    for doc in DOCUMENTS.values():
        assert f"文件{doc.code}" in text and doc.issuer in text and doc.date in text, doc.code


def test_glossary_gives_chinese_term_explanation_and_english(site):
    rows = soup(site, "book/appendix/glossary").select("table tbody tr")
    assert len(rows) >= 30
    for row in rows:
        cells = [c.get_text(strip=True) for c in row.find_all("td")]
        assert len(cells) == 3 and all(cells), cells
        assert re.search(r"[A-Za-z]", cells[2]), cells


def test_the_toggle_of_a_hidden_code_cell_is_labelled_in_chinese_also_for_screen_readers(site):
    toggles = 0
    for page in handbook_pages():
        for summary in soup(site, page).select("div.cell details.hide > summary"):
            toggles += 1
            assert summary["aria-label"] == "显示或隐藏代码", f"{page}: screen readers hear {summary['aria-label']!r}"
            for title in summary.select(".admonition-title"):
                assert title.get_text(strip=True) in ("显示代码", "隐藏代码"), f"{page}: toggle says {title.get_text()!r}"
    assert toggles, "no hidden code cell found"
