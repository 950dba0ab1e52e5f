"""Keep the built site self-contained: no stylesheet, script or font from another host.

Some Sphinx extensions register stylesheets or scripts from a CDN (jupyterlite-sphinx did, for
Google Fonts; we no longer use it). This extension drops every registered CSS/JS asset whose address is absolute
(``http://``, ``https://`` or protocol-relative ``//``), and the unused Thebe launcher, both from the global registry and from
each page's context, and logs what it dropped (at verbose level).

It must come after the extensions it cleans up; Jupyter Book loads ``local_extensions`` after
``extra_extensions``, and the clean-up runs at ``builder-inited`` and per page anyway.
"""
from __future__ import annotations

import re

from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)
EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)


def _filename(asset) -> str:
    """The address of an asset: a (filename, attrs) tuple or a Sphinx _CascadingStyleSheet/_JavaScript."""
    if isinstance(asset, tuple):
        return asset[0] or ""
    return getattr(asset, "filename", str(asset)) or ""


def _body(asset) -> str:
    """The inline text of a script asset (``add_js_file(None, body=...)``), if any."""
    attrs = asset[1] if isinstance(asset, tuple) else getattr(asset, "attributes", {})
    return str((attrs or {}).get("body") or "")


def is_external(address: str) -> bool:
    return bool(EXTERNAL.match(address.strip()))


def is_unwanted(asset) -> bool:
    """External assets, and the Thebe launcher (Jupyter Book always loads sphinx-thebe; launch
    buttons are off here, and its inline config names a script on unpkg.com)."""
    name = _filename(asset)
    return is_external(name) or "sphinx-thebe" in name or "THEBE_JS_URL" in _body(asset)


def _local_only(assets: list, what: str) -> list:
    kept = []
    for asset in assets:
        if is_unwanted(asset):
            logger.verbose("doudi_offline: dropped %s %s", what, _filename(asset) or _body(asset)[:60])
        else:
            kept.append(asset)
    return kept


def drop_registered(app: Sphinx) -> None:
    app.registry.css_files[:] = _local_only(app.registry.css_files, "stylesheet")
    app.registry.js_files[:] = _local_only(app.registry.js_files, "script")
    builder = app.builder
    for attr, what in (("_css_files", "stylesheet"), ("_js_files", "script")):
        if isinstance(getattr(builder, attr, None), list):
            setattr(builder, attr, _local_only(getattr(builder, attr), what))


def drop_from_page(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    for key, what in (("css_files", "stylesheet"), ("script_files", "script")):
        if isinstance(context.get(key), list):
            context[key][:] = _local_only(context[key], what)


def setup(app: Sphinx) -> dict:
    app.connect("builder-inited", drop_registered, priority=900)
    app.connect("html-page-context", drop_from_page, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
