"""How the policy text states a limit, and what it includes.

In Chinese legal drafting "以上、以下、以内、届满" include the number itself and "不满、超过、
低于、高于、未满" do not (Civil Code art. 1259; the NPC's drafting conventions). So "三分之二以上"
admits exactly two thirds, "16周岁以下" admits a child of exactly 16, and "未满16周岁" does not.

A parameter that is a limit is written in its file with the clause's own words beside it::

    attendance_share: {value: 2/3, wording: 三分之二以上, inclusive: true}

The engine reads the comparison from the words (``wording``; or ``reads_as`` where the clause
states no comparison word and the reading is ours, as in "20-59周岁") and refuses a file whose
``inclusive`` disagrees with them, so the comparison made is the one the text makes.
"""
import dataclasses
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from .errors import InputError

AT_LEAST, MORE_THAN, AT_MOST, LESS_THAN = "at_least", "more_than", "at_most", "less_than"

# Comparison words, negated forms first so that "不高于" is not read as "高于".
WORDS = (
    ("不得少于", AT_LEAST), ("不少于", AT_LEAST), ("不低于", AT_LEAST), ("不小于", AT_LEAST),
    ("不得超过", AT_MOST), ("不超过", AT_MOST), ("不高于", AT_MOST), ("不多于", AT_MOST), ("不大于", AT_MOST),
    ("不满", LESS_THAN), ("未满", LESS_THAN), ("不足", LESS_THAN),
    ("以上", AT_LEAST), ("年满", AT_LEAST), ("届满", AT_LEAST), ("至少", AT_LEAST),
    ("以下", AT_MOST), ("以内", AT_MOST), ("至多", AT_MOST),
    ("低于", LESS_THAN), ("少于", LESS_THAN), ("小于", LESS_THAN),
    ("超过", MORE_THAN), ("高于", MORE_THAN), ("多于", MORE_THAN), ("大于", MORE_THAN),
    ("≥", AT_LEAST), ("≤", AT_MOST), ("＞", MORE_THAN), (">", MORE_THAN), ("＜", LESS_THAN), ("<", LESS_THAN),
)
INCLUSIVE = {AT_LEAST: True, AT_MOST: True, MORE_THAN: False, LESS_THAN: False}
# The sign shown in a trace when the value passes, and when it fails.
SIGNS = {AT_LEAST: ("≥", "<"), MORE_THAN: (">", "≤"), AT_MOST: ("≤", ">"), LESS_THAN: ("<", "≥")}
SIDE_NAMES = {AT_LEAST: "含本数及以上", MORE_THAN: "不含本数、须超过", AT_MOST: "含本数及以下", LESS_THAN: "不含本数、须低于"}
# A bare number under an older key: the key's own suffix says the comparison.
KEY_SUFFIXES = {"_from": AT_LEAST, "_below": LESS_THAN, "_to": AT_MOST, "_above": MORE_THAN}


def side_of(words: str) -> str | None:
    """The comparison a clause's words make, or None if they contain no comparison word."""
    for word, side in WORDS:
        if word in words:
            return side
    return None


@dataclass(frozen=True)
class Threshold:
    """A limit as the text states it: the number, the words, and the comparison they make."""
    value: object          # int (age, count), Fraction (share) or Decimal (money, multiple)
    wording: str           # the clause's words, e.g. "三分之二以上"
    side: str              # at_least | more_than | at_most | less_than
    reading: str = ""      # our reading, where the clause has no comparison word

    @property
    def inclusive(self) -> bool:
        return INCLUSIVE[self.side]

    def admits(self, x, limit=None):
        """Does ``x`` meet the limit (``limit``: the number to compare with, default the value)?

        Works on plain numbers and, element by element, on numpy arrays and pandas columns.
        """
        limit = self.value if limit is None else limit
        if self.side == AT_LEAST:
            return x >= limit
        if self.side == MORE_THAN:
            return x > limit
        if self.side == AT_MOST:
            return x <= limit
        return x < limit

    @property
    def number(self) -> str:
        """The value as written: 16, 1.8, 2/3."""
        if isinstance(self.value, Decimal):
            return f"{self.value.normalize():f}"
        return str(self.value)

    def sign(self, ok: bool) -> str:
        return SIGNS[self.side][0 if ok else 1]

    def quoted(self) -> str:
        """The words in quotes and what they include, for a trace: “三分之二以上”（含本数及以上）."""
        read = f"，本项目读作“{self.reading}”" if self.reading else ""
        return f"“{self.wording}”（{SIDE_NAMES[self.side]}{read}）"

    def __str__(self) -> str:
        return self.wording


def parse_number(raw, where: str):
    """A limit's number: an integer, a share ("2/3" or "40%") or a decimal (1.8, 0.4)."""
    if isinstance(raw, bool):
        raise InputError(where, "应为数")
    text = repr(raw) if isinstance(raw, float) else str(raw).strip()
    try:
        if text.endswith("%") or "/" in text:
            return Decimal(text[:-1]) / 100 if text.endswith("%") else Fraction(text)
        number = Decimal(text)
    except (ValueError, ZeroDivisionError, ArithmeticError):
        raise InputError(where, f"“{raw}”不是有效的数") from None
    if not number.is_finite():
        raise InputError(where, f"“{raw}”不是有效的数")
    return int(number) if number == number.to_integral_value() and "." not in text else number


def read_threshold(raw, where: str, key: str = "") -> Threshold:
    """A limit from a parameter file: ``{value, wording, inclusive[, reads_as]}`` or a bare number.

    A bare number is accepted only under a key whose suffix says the comparison
    (``age_from``: at least; ``age_below``: less than; ``age_to``: at most).
    """
    if not isinstance(raw, dict):
        side = next((s for suffix, s in KEY_SUFFIXES.items() if key.endswith(suffix)), None)
        if side is None or raw is None or isinstance(raw, bool):
            raise InputError(where, "界限应写成 {value, wording, inclusive}，wording 照抄条文用语（如“16周岁以下”）")
        return Threshold(parse_number(raw, where), "", side)
    if raw.get("value") is None:
        raise InputError(f"{where}.value", "界限须填写数值（value）")
    wording = str(raw.get("wording") or "").strip()
    reading = str(raw.get("reads_as") or "").strip()
    side = side_of(reading) if reading else side_of(wording)
    if side is None:
        raise InputError(f"{where}.wording", f"“{wording}”里没有表示界限的用语（以上、以下、不满、超过、不低于……），"
                         "条文未写明时用 reads_as 写出本项目的读法")
    inclusive = raw.get("inclusive")
    if inclusive is not None and inclusive is not INCLUSIVE[side]:
        raise InputError(f"{where}.inclusive", f"与用语“{reading or wording}”不符：该用语"
                         f"{'包括' if INCLUSIVE[side] else '不包括'}本数")
    return Threshold(parse_number(raw["value"], f"{where}.value"), wording, side, reading)


def limits_in(node, path: str = ""):
    """Every limit inside a parsed policy (or part of one), with its dotted attribute path."""
    if isinstance(node, Threshold):
        yield path, node
    elif dataclasses.is_dataclass(node) and not isinstance(node, type):
        for f in dataclasses.fields(node):
            if f.name not in ("raw", "_sources"):
                yield from limits_in(getattr(node, f.name), f"{path}.{f.name}" if path else f.name)
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from limits_in(value, f"{path}.{key}" if path else str(key))
    elif isinstance(node, (list, tuple)):
        for i, value in enumerate(node):
            yield from limits_in(value, f"{path}.{i}" if path else str(i))
