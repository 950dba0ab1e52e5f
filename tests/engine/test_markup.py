"""The one HTML escape of the calculators: the same text as the standard library's html.escape."""
import html

import pytest

from calculators.markup import esc


@pytest.mark.parametrize("value", ["<b>核减</b>", 'a "quoted" & \'single\'', "&amp;", "", 3, "逢一进十 > 5"])
def test_escaping_gives_what_html_escape_gives(value):
    assert esc(value) == html.escape(str(value))


def test_nothing_is_written_for_none():
    assert esc(None) == ""
