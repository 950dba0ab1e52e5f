"""What readers see around the content: Chinese labels for myst-nb's toggles.

A local extension named in ``_config.yml``.

- A worked example's code cell is hidden behind a toggle whose label myst-nb writes in English
  ("Show code cell source", and "Toggle hidden content" for screen readers); the handbook says
  显示代码 / 隐藏代码 and 显示或隐藏代码.
- The chapter list (≡) and page contents (≣) buttons. Both themes' scripts bind their click
  handlers to the *first* ``.primary-toggle`` / ``.secondary-toggle`` in the page, and
  pydata-sphinx-theme's header (hidden by sphinx-book-theme) carried a pair before the visible
  ones in the article header: the visible buttons only showed a tooltip. ``templates/`` holds the
  header without that hidden pair and the two visible buttons with Chinese labels;
  ``_static/scripts/doudi-nav.js`` adds a 关闭 button to an opened list and ``aria-expanded``.
- The dashboards' data tables become one card per row on a phone (``scripts/doudi-tables.js``).
- The 投影 (projection) button: ``_static/scripts/doudi-projection.js`` shows the page as slides
  with reveal.js (vendored by ``scripts/vendor_js.py``), one clause or worked example per screen.
"""
from __future__ import annotations

from html import escape
from pathlib import Path

from myst_nb.sphinx_ import HideCodeCellNode, depart_HideCellInput
from sphinx.application import Sphinx

CODE_PROMPT_SHOW = "显示代码"
CODE_PROMPT_HIDE = "隐藏代码"


TEMPLATES = Path(__file__).parent / "templates"


def chinese_code_prompts(app: Sphinx, config) -> None:
    config.nb_code_prompt_show = CODE_PROMPT_SHOW
    config.nb_code_prompt_hide = CODE_PROMPT_HIDE


def theme_templates(app: Sphinx, config) -> None:
    """Our templates first, so they replace the themes' files of the same name."""
    config.templates_path = [str(TEMPLATES), *config.templates_path]


def visit_hidden_code(self, node: HideCodeCellNode) -> None:
    """myst-nb's toggle of a hidden code cell (myst_nb.sphinx_.visit_HideCellInput), labelled in Chinese."""
    classes = " ".join(node["classes"])
    self.body.append(f'<details class="admonition hide {classes}">\n<summary aria-label="显示或隐藏代码">\n'
                     f'<p class="collapsed admonition-title">{escape(node["prompt_show"])}</p>\n'
                     f'<p class="expanded admonition-title">{escape(node["prompt_hide"])}</p>\n</summary>\n')


def setup(app: Sphinx) -> dict:
    app.setup_extension("myst_nb")
    app.add_node(HideCodeCellNode, override=True, html=(visit_hidden_code, depart_HideCellInput))
    app.connect("config-inited", chinese_code_prompts)
    app.connect("config-inited", theme_templates)
    app.add_js_file("scripts/doudi-nav.js", loading_method="defer")
    app.add_js_file("scripts/doudi-projection.js", loading_method="defer")
    app.add_js_file("scripts/doudi-tables.js", loading_method="defer")
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
