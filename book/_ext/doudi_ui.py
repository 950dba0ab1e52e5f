"""What readers see around the content: Chinese labels for myst-nb's toggles.

A local extension named in ``_config.yml``.

- A worked example's code cell is hidden behind a toggle whose label myst-nb writes in English
  ("Show code cell source", and "Toggle hidden content" for screen readers); the handbook says
  显示代码 / 隐藏代码 and 显示或隐藏代码.
"""
from __future__ import annotations

from html import escape

from myst_nb.sphinx_ import HideCodeCellNode, depart_HideCellInput
from sphinx.application import Sphinx

CODE_PROMPT_SHOW = "显示代码"
CODE_PROMPT_HIDE = "隐藏代码"


def chinese_code_prompts(app: Sphinx, config) -> None:
    config.nb_code_prompt_show = CODE_PROMPT_SHOW
    config.nb_code_prompt_hide = CODE_PROMPT_HIDE


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
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
