"""Income accounting by source (家庭收入的核算).

文件000 一（四）3.1–3.2: wage, business, farm, property and transfer income are counted;
pensions' basic part, 抚恤金, 高龄津贴 and similar items are recorded but never counted.
Migrant work is valued at the local minimum wage for the months worked, halved, and sporadic
work halved again (一（六）3). Farm income is area × (published revenue − published cost).
"""
from dataclasses import dataclass, field
from decimal import Decimal

from .errors import InputError
from .household import COUNTED_INCOME, EXCLUDED_INCOME, INCOME_KINDS, TEKUN_EXCLUDED, Income
from .money import ZERO, yuan
from .policy import Policy
from .sources import cite
from .trace import Trace

SOURCE_OF_KIND = {"wage": "income.wage", "migrant_work": "income.migrant", "farm": "income.farm",
                  "business": "income.business", "property": "income.property",
                  "land_rent": "income.property", "transfer": "income.transfer",
                  "support_payment": "income.transfer"}


@dataclass
class IncomeAccount:
    counted_annual: Decimal = ZERO     # counted for 低保
    excluded_annual: Decimal = ZERO    # recorded, never counted
    tekun_annual: Decimal = ZERO       # counted for 特困's "no livelihood" test
    lines: list = field(default_factory=list)   # (kind, annual amount, counted?)


def migrant_work_annual(item: Income, policy: Policy) -> tuple[Decimal, str]:
    """Months worked × local minimum wage × 50% (× 50% again for sporadic work).

    中文：外出务工收入 = 务工月数 × 当地最低工资标准 × 50%，零星务工再乘50%（一（四）3.2（1））。
    """
    wage = item.min_wage_monthly if item.min_wage_monthly is not None else policy.income.min_wage_monthly
    if wage is None:
        raise InputError(f"{item.field}.min_wage_monthly", "须填写务工地月最低工资（政策文件未设默认值）")
    rate = policy.income.migrant_rate * (policy.income.sporadic_rate if item.sporadic else 1)
    amount = item.months * wage * rate
    formula = f"{item.months}个月 × 最低工资{yuan(wage)}/月 × {rate.normalize():f}"
    if item.sporadic:
        formula += "（零星务工再减半）"
    return amount, formula


def farm_annual(item: Income, policy: Policy) -> tuple[Decimal, str]:
    """Area × (published revenue per mu − published cost per mu); a loss counts as zero.

    中文：农业收入 = 面积 ×（公布的每亩产值 − 每亩成本），亏损按0算（一（四）3.2（2）（3））。
    """
    crop = policy.income.crops.get(item.crop) if item.crop else None
    if item.crop and crop is None and (item.revenue_per_mu is None or item.cost_per_mu is None):
        known = "、".join(policy.income.crops) or "无"
        raise InputError(f"{item.field}.crop", f"政策文件没有作物“{item.crop}”的公布收入和成本（已有：{known}）")
    revenue = item.revenue_per_mu if item.revenue_per_mu is not None else (crop or {}).get("revenue_per_mu")
    cost = item.cost_per_mu if item.cost_per_mu is not None else (crop or {}).get("cost_per_mu")
    if revenue is None or cost is None:
        raise InputError(f"{item.field}.revenue_per_mu", "须填写每亩公布收入和成本，或填写政策文件中的作物（crop）")
    net = max(revenue - cost, ZERO)
    name = (crop or {}).get("name", "")
    formula = f"{name}{item.mu.normalize():f}亩 × （每亩收入{yuan(revenue)} − 每亩成本{yuan(cost)}）"
    return item.mu * net, formula


def annual_amount(item: Income, policy: Policy) -> tuple[Decimal, str]:
    """The yearly amount of one income item and how it was worked out."""
    if item.kind == "migrant_work":
        return migrant_work_annual(item, policy)
    if item.kind == "farm":
        return farm_annual(item, policy)
    return item.amount, f"按年计{yuan(item.amount)}"


def account_incomes(items: list, owner: str, policy: Policy, trace: Trace) -> IncomeAccount:
    """Value each income item of a member (or of the household) and sort counted from excluded.

    中文：逐项核算成员（或全家）的每一笔收入，分成计入和不计入两类（一（四）3.1 第二段）。
    """
    account = IncomeAccount()
    for item in items:
        amount, formula = annual_amount(item, policy)
        counted = item.kind in COUNTED_INCOME
        account.lines.append((item.kind, amount, counted))
        if counted:
            account.counted_annual += amount
            trace.add(f"{owner} {INCOME_KINDS[item.kind]}（计入）", formula, amount,
                      cite(SOURCE_OF_KIND[item.kind]))
        else:
            account.excluded_annual += amount
            trace.add(f"{owner} {EXCLUDED_INCOME[item.kind]}（不计入家庭收入）", formula, amount,
                      cite("income.excluded"))
        if item.kind not in TEKUN_EXCLUDED:
            account.tekun_annual += amount
    return account
