"""The 低保 payment's first part, 补差 (文件000 一（四）5.2).

Counties choose one method (a parameter): ``gap`` — (monthly standard − household monthly
per-capita counted income) × household size, rounded by the county rule (逢一进十 = up to the
next 10 元) and raised to a floor; ``income_tiers`` — the per-capita income band gives a fixed
amount per person (按档补差); ``class_amounts`` — a fixed amount per person by household class.
"""
from dataclasses import dataclass
from decimal import Decimal

from .errors import InputError
from .money import MONTHS_PER_YEAR, ZERO, cents, round_amount, rounding_label, yuan
from .policy import PAYMENT_METHODS, Policy
from .sources import cite
from .trace import Trace


@dataclass
class PaymentResult:
    method: str
    tier: object              # tier number (1 = lowest income band) or class letter; None for gap
    gap_monthly: Decimal      # the household's 补差 per month
    floor_applied: bool = False


def apply_rounding(policy: Policy, size: int, shortfall_annual: Decimal, trace: Trace) -> Decimal:
    """Round the gap as the county says: per person then × size, or on the household total.

    ``shortfall_annual`` is size × annual standard − counted income, exact. Each rounded amount
    comes from one division of it, so a gap of exactly whole units stays exact at the boundary.

    中文：按参数文件规定的单位和方式取整（来凤县“逢一进十”），先按人取整再乘人数，或对全户金额取整（一（四）5.2（1））。
    """
    rounding = policy.dibao.payment.rounding
    household = shortfall_annual / MONTHS_PER_YEAR
    if rounding is None:
        trace.note("取整", "本政策文件未规定取整方式，补差按分计", f"参数 {policy.id}")
        return cents(household)
    label = rounding_label(rounding.unit, rounding.mode)
    if rounding.on == "person":
        per_person = shortfall_annual / (MONTHS_PER_YEAR * size)
        rounded = round_amount(per_person, rounding.unit, rounding.mode)
        trace.add("按人取整", f"每人{yuan(per_person)} → {label} → {yuan(rounded)}，× {size}人", rounded * size,
                  policy.source("dibao.payment.rounding"))
        return rounded * size
    rounded = round_amount(household, rounding.unit, rounding.mode)
    trace.add("按户取整", f"{yuan(household)} → {label}", rounded, policy.source("dibao.payment.rounding"))
    return rounded


def floor_minimum(policy: Policy, size: int) -> Decimal:
    """The county's minimum monthly payment (补助标准下限) for a household of ``size``."""
    floor = policy.dibao.payment.floor
    return cents(floor.monthly_amount * (size if floor.on == "person" else 1))


def apply_floor(policy: Policy, size: int, amount: Decimal, trace: Trace) -> tuple[Decimal, bool]:
    """Raise the gap to the county's minimum payment (补助标准下限).

    中文：取整后的补差低于县里的补助下限时，按下限发放（一（四）5.2（1））。
    """
    floor = policy.dibao.payment.floor
    if floor is None:
        return amount, False
    minimum = floor_minimum(policy, size)
    raised = amount < minimum
    per = f"每人每月{yuan(floor.monthly_amount)} × {size}人" if floor.on == "person" else "每户每月"
    trace.add("补助下限", f"下限 {floor.described}（{per}）= {yuan(minimum)}；"
              f"{yuan(amount)} {'<' if raised else '≥'} {yuan(minimum)}",
              minimum if raised else amount, policy.source("dibao.payment.floor"))
    return (minimum, True) if raised else (amount, False)


def gap_payment(policy: Policy, size: int, counted_annual: Decimal, trace: Trace) -> PaymentResult:
    """(Monthly standard − monthly per-capita income) × size, rounded, at least the floor.

    中文：补差 =（月低保标准 − 家庭月人均收入）× 家庭人口数，取整后不低于补助下限（一（四）5.2（1））。
    """
    standard_annual = policy.dibao.standard_annual
    shortfall_annual = standard_annual * size - counted_annual
    trace.add("补差（取整前）", f"（月标准{yuan(standard_annual / MONTHS_PER_YEAR)} − 月人均收入"
              f"{yuan(counted_annual / size / MONTHS_PER_YEAR)}）× {size}人", shortfall_annual / MONTHS_PER_YEAR,
              cite("payment.gap"))
    amount = apply_rounding(policy, size, shortfall_annual, trace)
    amount, floor_applied = apply_floor(policy, size, amount, trace)
    return PaymentResult("gap", None, amount, floor_applied)


def income_band(policy: Policy, size: int, counted_annual: Decimal):
    """The 1-based band whose edges hold the per-capita monthly income, or None above them all.

    中文：看家庭月人均收入落在第几档；高于各档上限时不在任何一档（一（四）5.2（2））。
    """
    payment = policy.dibao.payment
    for number, tier in enumerate(payment.tiers, start=1):
        if tier.up_to is None:
            return number
        edge = tier.up_to * MONTHS_PER_YEAR * size   # compare in whole-household yearly terms: exact
        if counted_annual < edge or (payment.edge_in_lower_band and counted_annual == edge):
            return number
    return None


def tier_payment(policy: Policy, size: int, counted_annual: Decimal, trace: Trace) -> PaymentResult:
    """The band's fixed amount per person per month, × household size.

    中文：按档补差：所在档次每人每月的固定金额 × 家庭人口数（一（四）5.2（2））。
    """
    number = income_band(policy, size, counted_annual)
    per_capita = counted_annual / size / MONTHS_PER_YEAR
    if number is None:
        trace.add("按档补差", f"月人均收入{yuan(per_capita)}高于所有档次上限，补差0元", ZERO,
                  policy.source("dibao.payment"))
        return PaymentResult("income_tiers", None, ZERO)
    tier = policy.dibao.payment.tiers[number - 1]
    low = policy.dibao.payment.tiers[number - 2].up_to if number > 1 else ZERO
    edges = f"{yuan(low)}—{yuan(tier.up_to) if tier.up_to is not None else '以上'}"
    side = "边界值归入下一档" if policy.dibao.payment.edge_in_lower_band else "边界值归入上一档"
    amount = tier.amount * size
    trace.add(f"按档补差：第{number}档", f"月人均收入{yuan(per_capita)}在{edges}档（{side}），"
              f"每人每月{yuan(tier.amount)} × {size}人", amount, policy.source("dibao.payment"))
    return PaymentResult("income_tiers", number, amount)


def class_payment(policy: Policy, size: int, household_class, trace: Trace) -> PaymentResult:
    """The class's fixed amount per person per month, × household size."""
    classes = policy.dibao.payment.classes
    if household_class is None:
        raise InputError("class", f"本县按户类别定额补助，须填写户类别（{'、'.join(classes)}）")
    if household_class not in classes:
        raise InputError("class", f"“{household_class}”不是本县的户类别（可选：{'、'.join(classes)}）")
    amount = classes[household_class] * size
    trace.add(f"按类别定额：{household_class}类户", f"每人每月{yuan(classes[household_class])} × {size}人",
              amount, policy.source("dibao.payment"))
    return PaymentResult("class_amounts", household_class, amount)


def payment_for(policy: Policy, size: int, counted_annual: Decimal, household_class, trace: Trace) -> PaymentResult:
    """The 补差 of an eligible household under the county's method."""
    method = policy.dibao.payment.method
    trace.add("补差方式", PAYMENT_METHODS[method], method, policy.source("dibao.payment"))
    if method == "gap":
        return gap_payment(policy, size, counted_annual, trace)
    if method == "income_tiers":
        return tier_payment(policy, size, counted_annual, trace)
    return class_payment(policy, size, household_class, trace)


def monthly_payment(policy: Policy, household_size: int, per_capita_monthly_income,
                    household_class=None) -> PaymentResult:
    """The 补差 for a household of a given size and per-capita monthly counted income.

    For charts of payment against income: a household whose income is not below the
    standard gets nothing (method kept, amount 0).
    """
    counted_annual = Decimal(str(per_capita_monthly_income)) * MONTHS_PER_YEAR * household_size
    if counted_annual >= household_size * policy.dibao.standard_annual:
        return PaymentResult(policy.dibao.payment.method, None, ZERO)
    return payment_for(policy, household_size, counted_annual, household_class, Trace())
