"""What readers see around the content: Chinese labels for myst-nb's toggles, and live
calculator frames as tall as their calculator.

A local extension named in ``_config.yml``.

- A worked example's code cell is hidden behind a toggle whose label myst-nb writes in English
  ("Show code cell source", and "Toggle hidden content" for screen readers); the handbook says
  显示代码 / 隐藏代码 and 显示或隐藏代码.
- A live calculator runs in a JupyterLite REPL frame of fixed height (``:height:`` of the
  ``{replite}`` directive). A form taller than the frame scrolls inside it, and the REPL scrolls
  to its bottom when the output appears, so a reader would land in the middle of the form with a
  scroll area inside the page. The script below sets the frame's height to its calculator's
  height (the frame is on the same site, so the page can measure it) and shows it from the top.
  It acts only on frames holding a ``.doudi-calc``, whose stylesheet (calculators/widgets.py)
  lets the output fill the REPL; anything else keeps the directive's height.
- JupyterLab focuses the whole console on every mouse press inside it. In a frame as tall as the
  calculator, the browser then scrolls the page to that element between the press and the
  release, so the release lands elsewhere and a click (opening 计算过程, ticking a box) is lost.
  The script makes focusing an element that holds the calculator leave the page where it is.
"""
from __future__ import annotations

from html import escape

from myst_nb.sphinx_ import HideCodeCellNode, depart_HideCellInput
from sphinx.application import Sphinx

CODE_PROMPT_SHOW = "显示代码"
CODE_PROMPT_HIDE = "隐藏代码"

FIT_LIVE_FRAMES = """
document.addEventListener("DOMContentLoaded", () => {
  const fit = (frame) => {
    let doc;
    try { doc = frame.contentDocument; } catch (error) { return; }
    const content = doc && doc.querySelector(".jp-CodeConsole-content");
    if (!content || !content.querySelector(".doudi-calc")) return;
    const view = doc.defaultView;
    if (!view.doudiFocusKeepsScroll) {
      const focus = view.HTMLElement.prototype.focus;
      view.HTMLElement.prototype.focus = function (options) {
        const holdsCalculator = this.querySelector && this.querySelector(".doudi-calc");
        return focus.call(this, holdsCalculator ? {...options, preventScroll: true} : options);
      };
      view.doudiFocusKeepsScroll = true;
    }
    let bottom = 0;
    for (const cell of content.children) bottom = Math.max(bottom, cell.offsetTop + cell.offsetHeight);
    const missing = bottom + 8 - content.clientHeight;
    if (Math.abs(missing) > 4) {
      frame.style.height = (parseFloat(getComputedStyle(frame).height) + missing) + "px";
    }
    content.scrollTop = 0;
  };
  for (const frame of document.querySelectorAll("iframe.jupyterlite_sphinx_raw_iframe")) {
    setInterval(() => fit(frame), 500);
  }
});
"""


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
    app.add_js_file(None, body=FIT_LIVE_FRAMES)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
