"""Exact money: Decimal amounts and the rounding modes the counties name.

No float ever reaches a rule. Amounts from JSON or YAML go through ``to_decimal``;
rounding happens only where a rule says so, through ``round_amount``.
"""
from functools import lru_cache
from decimal import ROUND_CEILING, ROUND_DOWN, ROUND_HALF_UP, Decimal, InvalidOperation

from .errors import InputError

CENT = Decimal("0.01")
ZERO = Decimal("0")
MONTHS_PER_YEAR = Decimal(12)
# The largest amount any field may hold (元). Far above any household's income, far below where
# Decimal arithmetic at the default precision stops being exact.
MAX_AMOUNT = Decimal(10) ** 9
MAX_DIGITS = 30          # digits written in one number; more is a typing or file error

# The county rounding modes (DESIGN.md principle 3). "up" with unit 10 is 逢一进十.
ROUNDING_MODES = {
    "up": ROUND_CEILING,
    "half_up": ROUND_HALF_UP,
    "down": ROUND_DOWN,
}
ROUNDING_MODE_NAMES = {"up": "向上取整", "half_up": "四舍五入", "down": "向下取整", "none": "不取整"}


def to_decimal(value, field: str, *, minimum=None, maximum=None) -> Decimal:
    """Read a number given in JSON/YAML as an exact Decimal (floats via their shortest repr)."""
    if isinstance(value, bool) or value is None:
        raise InputError(field, "应为数字")
    if isinstance(value, float):
        value = repr(value)
    if not isinstance(value, (int, str, Decimal)):
        raise InputError(field, "应为数字")
    if isinstance(value, int) and value.bit_length() > 128:
        raise InputError(field, f"数字过长（超过{MAX_DIGITS}位）")
    text = str(value).strip()
    if len(text) > MAX_DIGITS:
        raise InputError(field, f"数字过长（超过{MAX_DIGITS}位）")
    try:
        amount = Decimal(text)
    except (InvalidOperation, ValueError):
        raise InputError(field, f"“{text}”不是有效的数字") from None
    if not amount.is_finite():
        raise InputError(field, "应为有限的数字")
    if abs(amount) > MAX_AMOUNT:
        raise InputError(field, f"数值过大（不能超过{MAX_AMOUNT:,f}）")
    if minimum is not None and amount < minimum:
        raise InputError(field, "不能为负数" if minimum == 0 else f"不能小于{minimum}")
    if maximum is not None and amount > maximum:
        raise InputError(field, f"不能大于{maximum}")
    return amount


def positive_amount(value, field: str) -> Decimal:
    """A figure that must be more than 0 (a standard, a consumption figure), read as ``to_decimal`` does."""
    amount = to_decimal(value, field, minimum=0)
    if amount <= 0:
        raise InputError(field, "应大于0")
    return amount


def round_amount(amount: Decimal, unit: Decimal, mode: str) -> Decimal:
    """Round ``amount`` to a multiple of ``unit`` with the named mode ("none" leaves it exact)."""
    if mode == "none":
        return amount
    steps = (amount / unit).quantize(Decimal(1), rounding=ROUNDING_MODES[mode])
    return steps * unit


def cents(amount: Decimal) -> Decimal:
    """Money as shown to people and in JSON: to the fen, half up."""
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


@lru_cache(maxsize=4096)
def yuan(amount: Decimal) -> str:
    """Format an amount in yuan for Chinese text: 291.67元, 300元."""
    return f"{amount_text(amount)}元"


def amount_text(amount: Decimal) -> str:
    """An amount to the fen without its unit, whole yuan without decimals: 291.67, 300."""
    text = f"{cents(amount):f}"
    return text[:-3] if text.endswith(".00") else text


def per_year(amount: Decimal, per: str) -> Decimal:
    """An amount given per month or per year, as a yearly amount."""
    return amount * MONTHS_PER_YEAR if per == "month" else amount


def rounding_label(unit: Decimal, mode: str) -> str:
    if mode == "none":
        return "不取整"
    if mode == "up" and unit == 10:
        return "逢一进十（向上取整到10元）"
    return f"{ROUNDING_MODE_NAMES[mode]}到{unit.normalize():f}元"
