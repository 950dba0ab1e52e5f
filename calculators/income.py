"""Income accounting by source (家庭收入的核算).

文件000 一（四）3.1–3.2: wage, business, farm, property and transfer income are counted;
pensions' basic part, 抚恤金, 高龄津贴 and similar items are recorded but never counted.
Migrant work is valued at the local minimum wage for the months worked, halved, and sporadic
work halved again (一（六）3). Farm income is area × (published revenue − published cost).
"""
from dataclasses import dataclass, field
from decimal import Decimal

from .errors import InputError
from .household import COST_ITEMS, COUNTED_INCOME, EXCLUDED_INCOME, INCOME_KINDS, TEKUN_EXCLUDED, WORK_INCOME, Income
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


def employment_cost_deduction(costs: list, work_income: Decimal, owner: str, policy: Policy,
                               trace: Trace) -> Decimal:
    """Work costs (transport, training …) taken off the member's work income, never below zero.

    阳民发〔2020〕4号 二（二）2: "在核算低保家庭收入时扣减必要的交通费、培训费等就业成本". Applied only
    where the county's parameter file says so (``income.employment_cost``).

    中文：从成员的务工收入中扣减必要的交通费、培训费等就业成本，扣到0为止；县里参数文件规定了才扣（阳民发〔2020〕4号 二（二）2）。
    """
    total = sum((c.amount for c in costs), ZERO)
    if not policy.income.employment_costs:
        trace.add(f"{owner} 就业成本（不扣减）", f"本政策文件没有扣减就业成本的规定，{yuan(total)}不扣减", ZERO,
                  f"参数 {policy.id}")
        return ZERO
    allowed = min(total, work_income)
    trace.add(f"{owner} 扣减就业成本", f"交通费、培训费等就业成本{yuan(total)}，从工资性和务工收入{yuan(work_income)}中扣减"
              + ("（扣到0为止）" if total > work_income else ""), allowed, policy.source("income.employment_cost"))
    return allowed


def account_incomes(items: list, owner: str, policy: Policy, trace: Trace) -> IncomeAccount:
    """Value each income item of a member (or of the household) and sort counted from excluded.

    中文：逐项核算成员（或全家）的每一笔收入，分成计入和不计入两类（一（四）3.1 第二段）。
    """
    account = IncomeAccount()
    work_income = ZERO
    costs = [item for item in items if item.kind in COST_ITEMS]
    for item in items:
        if item.kind in COST_ITEMS:
            continue
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
        if item.kind in WORK_INCOME:
            work_income += amount
    if costs:
        deducted = employment_cost_deduction(costs, work_income, owner, policy, trace)
        account.counted_annual -= deducted
        account.lines.append(("employment_cost", -deducted, True))
    return account
