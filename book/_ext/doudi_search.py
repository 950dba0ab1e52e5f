"""Search that finds what trainees type: the same words for the index and for the query.

A local extension named in ``_config.yml``.

Sphinx's Chinese search (``html_search_language: zh``) cuts the pages into words with jieba at
build time, but the page cuts a query only at spaces and punctuation: 逢一进十 stays one word that
the index never holds (jieba cut it into 逢一 / 进十), and the search finds nothing.

- **Index side.** Before the pages are indexed, every glossary term (``calculators/glossary.py``,
  the single source) and every short heading of the book is added to jieba's dictionary, so the
  index keeps 逢一进十, 外出务工, 重度残疾 … whole (``cut_for_search`` still adds their parts). The
  words are written to ``_static/doudi-search-words.txt`` for reference.
- **Query side.** ``splitQuery`` (Sphinx's hook for a language's query splitter) cuts the Chinese
  in a query by longest match over the index's own word list (the ``terms`` and ``titleterms``
  of ``searchindex.js``, already on the page), so a query is cut into words the index holds.
- **The opened page marks the words**: ``_static/scripts/doudi-search.js`` runs Sphinx's own
  marking, which never ran because the theme loads the search code on every page.
- **The glossary page** declares each term as a main index entry pointing at its row (the
  row ids come from ``calculators.glossary.anchor``), so searching a term lists its definition.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.search.zh import SearchChinese

ROOT = Path(__file__).resolve().parents[2]
GLOSSARY_PAGE = "book/appendix/glossary"
HAN_RUN = re.compile(r"[\u3400-\u9fff]+")
# Heading words longer than this are left to jieba: a long phrase kept whole would hide the
# shorter words inside it (cut_for_search only adds its two- and three-character parts).
HEADING_WORD_MAX = 6
FUNCTION_CHARACTERS = "的了和与及或"


def _glossary():
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from calculators import glossary

    return glossary


def glossary_words() -> list[str]:
    """Each glossary term's Chinese runs: 农村最低生活保障（低保） gives 农村最低生活保障 and 低保."""
    words = []
    for term in _glossary().TERMS:
        words += [run for run in HAN_RUN.findall(term.zh) if len(run) >= 2]
    return words


def heading_words(env) -> list[str]:
    """The Chinese runs of two to six characters in every page title and section heading."""
    texts = [title.astext() for title in env.titles.values()]
    for toc in env.tocs.values():
        texts += [ref.astext() for ref in toc.findall(nodes.reference)]
    words = []
    for text in texts:
        # Function words at a run's ends are not part of a term: 单独施保的 → 单独施保.
        runs = [run.strip(FUNCTION_CHARACTERS) for run in HAN_RUN.findall(text)]
        words += [run for run in runs if 2 <= len(run) <= HEADING_WORD_MAX]
    return words


def search_words(env) -> list[str]:
    return sorted(set(glossary_words()) | set(heading_words(env)))


def add_words_to_jieba(app: Sphinx, env) -> None:
    """Runs after every page is read and before any is indexed (env-updated)."""
    import jieba

    words = search_words(env)
    for word in words:
        jieba.add_word(word)
    out = Path(app.outdir) / "_static" / "doudi-search-words.txt"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("".join(f"{word}\n" for word in words), encoding="utf-8")


def index_glossary_terms(app: Sphinx, doctree: nodes.document) -> None:
    """Each term of the glossary page is a main index entry at its row."""
    if app.env.docname != GLOSSARY_PAGE:
        return
    glossary = _glossary()
    entries = [("single", term.zh, glossary.anchor(term.zh), "main", None) for term in glossary.TERMS]
    index = addnodes.index(entries=entries, inline=False)
    doctree.append(index)


# Sphinx puts a language's ``js_splitter_code`` in language_data.js, before searchtools.js,
# whose own splitQuery is used only when none is defined.
JS_SPLITTER = r"""
var _doudiWords = null;
function _doudiIndexWords() {
  const index = (typeof Search !== "undefined") ? Search._index : null;
  if (!index) return null;
  if (_doudiWords === null) {
    const set = new Set([...Object.keys(index.terms || {}), ...Object.keys(index.titleterms || {})]);
    let longest = 1;
    set.forEach((word) => { if (word.length > longest) longest = word.length; });
    _doudiWords = {set: set, longest: Math.min(longest, 16)};
  }
  return _doudiWords;
}
var splitQuery = (query) => {
  const parts = query.split(/[^\p{Letter}\p{Number}_\p{Emoji_Presentation}]+/gu).filter((t) => t);
  const words = _doudiIndexWords();
  if (!words) return parts;
  const out = [];
  for (const part of parts) {
    // Latin words and numbers as they are; Chinese by longest match over the index's words.
    for (const piece of part.match(/\p{Script=Han}+|[^\p{Script=Han}]+/gu) || []) {
      if (!/\p{Script=Han}/u.test(piece)) { out.push(piece); continue; }
      let i = 0;
      while (i < piece.length) {
        let length = Math.min(words.longest, piece.length - i);
        while (length >= 2 && !words.set.has(piece.substr(i, length))) length -= 1;
        if (length >= 2) { out.push(piece.substr(i, length)); i += length; }
        else i += 1;   // a character that starts no indexed word (single characters are not indexed)
      }
    }
  }
  return out.length ? out : parts;
};
"""


class DoudiChinese(SearchChinese):
    """Sphinx's Chinese search with the query splitter above."""

    js_splitter_code = JS_SPLITTER


def setup(app: Sphinx) -> dict:
    app.add_search_language(DoudiChinese)
    app.add_js_file("scripts/doudi-search.js", loading_method="defer")
    app.connect("env-updated", add_words_to_jieba)
    app.connect("doctree-read", index_glossary_terms)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
