"""Live calculators in the handbook: the ``{calculator}`` directive.

A local extension named in ``_config.yml``. A page embeds a calculator by naming the Python
function that builds it; the function runs in the reader's browser (Pyodide in a Web Worker,
``runtime/``), and its widgets are drawn in the page itself by the site's own widget manager::

    ```{calculator} calculators.ui.questionnaire:dibao_questionnaire
    :quick:
    :share:
    ```

- ``:quick:`` puts the quick estimate above it: household size and monthly income, answered at
  once from a table the engine writes now, at build time (``calculators/estimate_table.py``),
  so the reader has an answer before the runtime has arrived.
- ``:share:`` passes the page's ``#…`` fragment to the function (``fragment=``): a shared link
  restores the household it carries.
- ``:label:`` names the calculator for screen readers.

Pages with a calculator get, first in ``<head>``, the boot script (``runtime/src/boot.js``, which
starts the worker at once) and the widget manager's script and stylesheet, all from the
versioned runtime folder that ``scripts/build_runtime.py`` wrote (``_static/live/<hash>/``).
"""
from __future__ import annotations

import json
from html import escape
from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError
from sphinx.util.docutils import SphinxDirective

ROOT = Path(__file__).resolve().parents[2]
MANIFEST = ROOT / "book" / "_static" / "live" / "manifest.json"
BOOT_JS = ROOT / "runtime" / "src" / "boot.js"


def runtime_manifest() -> dict:
    if not MANIFEST.is_file():
        raise ExtensionError(f"{MANIFEST.relative_to(ROOT)} is missing: run python scripts/build_runtime.py")
    return json.loads(MANIFEST.read_text("utf-8"))


def quick_form(table_id: str) -> str:
    """The quick estimate: two questions and the engine's answer, before Python has arrived."""
    from calculators.estimate_table import quick_table

    table = quick_table()
    policy = table["policy"]
    period = f"{policy['valid_from']}至{policy['valid_until'] or '今'}"
    sizes = "".join(f'<option value="{n}"{" selected" if n == "3" else ""}>{n}人</option>' for n in table["sizes"])
    data = json.dumps(table, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    return f"""
<form class="doudi-quick" data-table="{table_id}" autocomplete="off">
  <p class="doudi-quick-title">快速估算：先算个大概</p>
  <label>全家一起生活的有几口人<select name="size">{sizes}</select></label>
  <label>全家每月收入合计（元，整数）<input name="income" type="text" inputmode="numeric" pattern="[0-9]*"
    placeholder="例如 600"></label>
  <p class="doudi-quick-answer" role="status" aria-live="polite">填写每月收入，马上给出估算。</p>
  <p class="doudi-quick-basis">按{escape(policy['name'])}的低保标准（{escape(policy['standard_annual'])}元/人·年，
    {escape(period)}）估算，只看人数和收入；残疾、疾病、上学等情况会改变结果，请用下面的逐项问答。</p>
  <p class="doudi-quick-period" hidden>注意：这个标准的执行期限已过，今年的标准可能已经调整，结果只作参考。</p>
</form>
<script type="application/json" id="{table_id}">{data}</script>
<script>window.doudiLive.quick("{table_id}");</script>"""


class live_calculator(nodes.General, nodes.Element):
    """A calculator's place on the page (rendered as HTML only)."""


class CalculatorDirective(SphinxDirective):
    required_arguments = 1
    option_spec = {"quick": directives.flag, "share": directives.flag, "label": directives.unchanged}

    def run(self):
        entry = self.arguments[0]
        if ":" not in entry:
            raise self.error("{calculator} needs module:function, e.g. calculators.widgets:dibao_calculator")
        serial = self.env.new_serialno("doudi-calculator")
        node = live_calculator(entry=entry, quick="quick" in self.options, share="share" in self.options,
                               label=self.options.get("label", "在线计算器"), serial=serial)
        self.env.metadata[self.env.docname]["doudi_live"] = True
        return [node]


def visit_calculator_html(self, node):
    serial = node["serial"]
    quick = quick_form(f"doudi-quick-table-{serial}") if node["quick"] else ""
    from calculators.ui.share import KEY   # the share fragment's name (#dq1=…), for boot.js

    share = f' data-share="{KEY}"' if node["share"] else ""
    self.body.append(f"""
<div class="doudi-live" data-entry="{escape(node['entry'])}"{share} role="region" aria-label="{escape(node['label'])}">
{quick}
  <div class="doudi-live-status" role="status" aria-live="polite">
    <span class="doudi-live-text">正在下载完整计算器……</span><progress max="1"></progress>
    <noscript>完整计算器需要浏览器开启 JavaScript。</noscript>
  </div>
  <div class="doudi-live-slot"></div>
</div>""")
    raise nodes.SkipNode


def skip(self, node):
    raise nodes.SkipNode


def add_runtime(app: Sphinx, pagename, templatename, context, doctree) -> None:
    """Give a page with a calculator the boot script, the widget manager and its stylesheet."""
    if not app.env.metadata.get(pagename, {}).get("doudi_live"):
        return
    manifest = runtime_manifest()
    folder = f"live/{manifest['version']}/"
    base = context["pathto"]("_static/" + folder, 1)
    files = {name: item["bytes"] for name, item in manifest["files"].items()
             if name in ("pyodide.asm.wasm", "pyodide.asm.mjs", "stdlib.zip", "app.zip")}
    wire = sum(item["gzip"] for item in manifest["files"].values())
    modules = sorted({node["entry"].split(":")[0] for node in doctree.findall(live_calculator)})
    settings = json.dumps({"base": base.rstrip("/") + "/", "files": files, "wire": wire, "lock": manifest["lock"],
                           "modules": modules})
    # First thing in <head>, before the stylesheets, so the worker starts before they have loaded.
    boot = f"window.doudiRuntime = {settings};\n" + BOOT_JS.read_text("utf-8")
    context["metatags"] = f"<script>{boot}</script>\n" + context.get("metatags", "")
    app.add_js_file(folder + "page.js", loading_method="defer", priority=900)
    app.add_css_file(folder + "page.css", priority=900)


def setup(app: Sphinx) -> dict:
    app.add_node(live_calculator, html=(visit_calculator_html, None), latex=(skip, None), text=(skip, None))
    app.add_directive("calculator", CalculatorDirective)
    app.connect("html-page-context", add_runtime)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
