"""Support obligations (赡养、抚养、扶养): can a legal supporter pay?

文件000 一（四）3.2（5）: a supporter is able to pay when the supporter's family income >
family size × 1.8 × the standard; an able supporter keeps the household out of 低保. Families
on 低保, registered poor households and people without civil capacity, unemployed severely
disabled, missing or in prison are deemed unable.
"""
from decimal import Decimal

from .household import SUPPORTER_CATEGORIES, Household, Supporter
from .money import yuan
from .policy import Policy
from .sources import cite
from .trace import Trace


def ability_threshold(family_size: int, policy: Policy) -> Decimal:
    """Family size × multiple × annual standard: the income above which a supporter can pay.

    中文：赡养人有支付能力的收入线 = 赡养人家庭人数 × 规定倍数 × 年低保标准（一（四）3.2（5））。
    """
    return family_size * policy.dibao.supporter_multiple.value * policy.dibao.standard_annual


def supporter_is_able(supporter: Supporter, policy: Policy, trace: Trace, label: str) -> bool:
    """One supporter's ability to pay, or the category that deems them unable.

    中文：判断一位赡养、抚养或扶养人有没有支付能力，或属于文件规定视为无能力的哪一类（一（四）3.2（5）第二段）。
    """
    if supporter.category:
        trace.add(f"{label}无支付能力", f"属于{SUPPORTER_CATEGORIES[supporter.category]}，直接认定无支付能力",
                  False, cite("support.deemed_unable"))
        return False
    threshold = ability_threshold(supporter.family_size, policy)
    limit = policy.dibao.supporter_multiple
    able = limit.admits(supporter.family_income_annual, threshold)
    trace.add(f"{label}是否有支付能力",
              f"家庭年收入{yuan(supporter.family_income_annual)} {limit.sign(able)} "
              f"{supporter.family_size}人 × {limit.number} × "
              f"{yuan(policy.dibao.standard_annual)} = {yuan(threshold)}；{limit.quoted()}",
              able, policy.source("dibao.supporter_test"))
    return able


def able_supporters(household: Household, policy: Policy, trace: Trace) -> list:
    """The household's legal supporters (outside the household) who are able to pay."""
    if policy.dibao.supporter_multiple is None:
        if household.supporters:
            trace.note("赡养能力核定", "本政策文件未设赡（抚、扶）养能力标准，此项不适用", f"参数 {policy.id}")
        return []
    return [s for i, s in enumerate(household.supporters)
            if supporter_is_able(s, policy, trace, f"赡养人{s.name or i + 1}")]
