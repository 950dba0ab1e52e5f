"""The dashboards' entry page (Voila's root under scripts/dashboards.sh): Chinese, one link per
dashboard, and nothing requested from anywhere (no stylesheet, script, font or image)."""
import re
from pathlib import Path

import jinja2

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "voila" / "voila" / "templates" / "doudi-dashboard" / "tree.html"
DASHBOARDS = sorted(p.name for p in (ROOT / "book" / "dashboards").glob("*.ipynb"))


def rendered(name="tree-lab.html") -> str:
    """The page as Voila renders it (Voila 0.5 uses tree-lab.html, or tree.html with --classic_tree)."""
    contents = {"content": [{"type": "notebook", "name": n, "path": n} for n in DASHBOARDS]
                + [{"type": "file", "name": "index.md", "path": "index.md"},
                   {"type": "directory", "name": ".ipynb_checkpoints", "path": ".ipynb_checkpoints"}]}
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATE.parent))
    return env.get_template(name).render(
        contents=contents, base_url="/", frontend="voila", breadcrumbs=[], query="")


def test_the_entry_page_lists_every_dashboard_by_its_chinese_title():
    page = rendered()
    links = re.findall(r'<a href="/voila/render/([^"]+)">([^<]+)<span>', page)
    assert [name for name, _ in links] == DASHBOARDS
    assert all(re.search(r"[\u4e00-\u9fff]", title) for _, title in links)
    assert 'lang="zh-CN"' in page and "数据看板" in page
    assert "Select items" not in page and "index.md" not in page


def test_the_classic_tree_is_the_same_page():
    assert rendered("tree.html") == rendered("tree-lab.html")


def test_the_entry_page_requests_nothing_outside_the_machine():
    page = rendered()
    assert not re.search(r"<(link|script|img|iframe)\b", page, flags=re.I)
    assert "@import" not in page and "url(" not in page
    assert not re.search(r"(https?:)?//", page.replace("<!DOCTYPE html>", ""))
