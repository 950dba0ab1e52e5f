"""Escaping text for the HTML the calculators and the glossary write: one helper for all of them.

``html.escape`` would do the same, but importing the ``html`` module also loads ``html.entities``
(36 KB compressed), which every phone would then download with the live calculators for nothing.
"""

_REPLACEMENTS = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ('"', "&quot;"), ("'", "&#x27;"))


def esc(value) -> str:
    """``value`` as text inside HTML or an attribute; ``None`` as nothing."""
    text = "" if value is None else str(value)
    for char, entity in _REPLACEMENTS:   # "&" first, so the entities written are not escaped again
        text = text.replace(char, entity)
    return text
