"""Echoed values in error messages: short, and never breaking the one-line message."""
from calculators import InputError, assess
from calculators.errors import shorten


def test_a_line_break_in_an_echoed_value_keeps_the_message_on_one_line():
    try:
        assess({"hukou": "\r\n", "size": 1, "income": {"amount": 0, "per": "month"}})
    except InputError as error:
        assert "\n" not in str(error) and "\r" not in str(error) and "\\r\\n" in error.message
    else:
        raise AssertionError("a hukou of a line break was accepted")


def test_invisible_characters_are_shown_as_escapes_and_long_values_are_cut():
    assert shorten("甲\u200b乙") == "甲\\u200b乙"
    assert shorten("9" * 100) == "9" * 30 + "…"
