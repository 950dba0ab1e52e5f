"""The 低保 assessment: who counts, what they earn, what is deducted, whether the household
qualifies, and what it is paid (文件000 一（四）).

Three conditions must all hold (一（四）1.1): local rural hukou; per-capita counted income below
the standard; assets compliant. An able legal supporter keeps the household out (3.2（5））. An
adult unemployed severely disabled member of a family whose per-capita income is at most 1.8×
the standard may apply alone and is paid the full amount, normally without key aid (1.1, 5.4).
"""
from dataclasses import dataclass, field
from decimal import Decimal

from .conditions import Condition
from .deductions import household_deductions
from .family_members import counted_members, exclusion_reason
from .household import Household
from .income import IncomeAccount, account_incomes
from .key_aid import household_key_aid
from .money import MONTHS_PER_YEAR, ZERO, cents, round_amount, yuan
from .payment import payment_for
from .policy import Policy
from .sources import cite
from .support import able_supporters
from .trace import Trace

FAILED = {
    "hukou_not_rural": "不具有当地农村常住户籍",
    "income_not_below_standard": "家庭月人均收入不低于低保标准",
    "assets_not_compliant": "家庭财产不符合规定",
    "supporter_able": "法定赡（抚、扶）养人有足够的支付能力",
    "no_co_resident_members": "没有可计入的共同生活家庭成员",
}


@dataclass
class MemberAccount:
    id: str
    counted: bool
    not_counted_reason: str | None = None
    gross_income_annual: Decimal = ZERO
    excluded_income_annual: Decimal = ZERO
    deduction_group: str | None = None
    deduction_annual: Decimal = ZERO
    key_aid_monthly: Decimal = ZERO


@dataclass
class DibaoResult:
    eligible: bool
    failed_conditions: list
    household_size: int
    gross_income_annual: Decimal
    excluded_income_annual: Decimal
    deduction_annual: Decimal
    counted_income_annual: Decimal
    per_capita_monthly_income: Decimal
    standard_monthly: Decimal
    method: str
    tier: object = None
    gap_monthly: Decimal = ZERO
    key_aid_monthly: Decimal = ZERO
    total_monthly: Decimal = ZERO
    floor_applied: bool = False
    single_application: list = field(default_factory=list)   # member ids applying alone
    household_failed_conditions: list = field(default_factory=list)  # when they apply alone
    gradual_exit_months: int | None = None   # a recipient over the standard keeps receiving this long (渐退)
    exit_paused: bool = False                # a recipient who no longer qualifies is not exited now
    members: list = field(default_factory=list)              # MemberAccount per member given
    able_supporters: int = 0
    incomes: dict = field(default_factory=dict, repr=False)  # IncomeAccount per counted member
    shared_income: IncomeAccount | None = field(default=None, repr=False)  # household-level income


def _accounts(household: Household, counted: list, policy: Policy, trace: Trace) -> tuple:
    """Each member's income account (counted members only) and the household-level income."""
    accounts, incomes = [], {}
    for member in household.members:
        if member in counted:
            incomes[member.id] = account_incomes(member.incomes, member.id, policy, trace)
            accounts.append(MemberAccount(member.id, True,
                                          gross_income_annual=incomes[member.id].counted_annual,
                                          excluded_income_annual=incomes[member.id].excluded_annual))
        else:
            accounts.append(MemberAccount(member.id, False, exclusion_reason(member)))
    shared = account_incomes(household.incomes, "全户", policy, trace)
    return accounts, incomes, shared


def conditions_failed(household: Household, size: int, counted_income: Decimal, supporters_able: int,
                      policy: Policy, trace: Trace) -> list:
    """The application conditions the household does not meet (empty: eligible).

    Income: "人均可支配收入低于全州农村低保标准" (一（四）1.1); "低于" excludes the number, so a
    household exactly at the standard does not qualify (compared in yearly household terms, exactly).

    中文：列出家庭不符合的申请条件；一条也没有，就是符合（一（四）1.1）。
    """
    failed = []
    if size == 0:
        return ["no_co_resident_members"]
    if household.hukou != "rural":
        failed.append("hukou_not_rural")
    limit = size * policy.dibao.standard_annual
    below = counted_income < limit
    trace.add("收入条件", f"月人均收入{yuan(counted_income / size / MONTHS_PER_YEAR)} "
              f"{'<' if below else '≥'} 月低保标准{yuan(policy.dibao.standard_monthly)}", below,
              cite("dibao.conditions"))
    if not below:
        failed.append("income_not_below_standard")
    if not household.assets_ok:
        failed.append("assets_not_compliant")
    if supporters_able:
        failed.append("supporter_able")
    return failed


def single_applicants(household: Household, counted: list, size: int, counted_income: Decimal,
                      failed: list, policy: Policy, trace: Trace) -> list:
    """Adult unemployed severely disabled members who may apply alone (一（四）1.1 末段).

    中文：找出可以单独申请低保的成员：成年、无业的重度残疾人（一（四）1.1 末段）。
    """
    rule = policy.dibao.single_application
    if rule is None or failed != ["income_not_below_standard"]:
        return []
    d = policy.definitions
    candidates = [m for m in counted if rule.min_age.admits(m.age) and m.unemployed
                  and m.is_severely_disabled(d.severe_disability_max_grade)]
    if not candidates:
        return []
    multiple = rule.multiple_of_standard
    limit = size * multiple.value * policy.dibao.standard_annual
    low_income = multiple.admits(counted_income, limit)
    trace.add("成年无业重度残疾人单独施保", f"{'、'.join(m.id for m in candidates)}为成年无业重度残疾人；"
              f"家庭月人均收入{yuan(counted_income / size / MONTHS_PER_YEAR)} {multiple.sign(low_income)} "
              f"{multiple.number} × 月标准 = "
              f"{yuan(multiple.value * policy.dibao.standard_monthly)}；{multiple.quoted()}",
              low_income, cite("dibao.single_application"))
    return candidates if low_income else []


def single_application_each(policy: Policy) -> Decimal:
    """The full monthly standard, rounded as the county rounds payments (一（四）5.4)."""
    rounding = policy.dibao.payment.rounding
    each = policy.dibao.standard_monthly
    return cents(each) if rounding is None else round_amount(each, rounding.unit, rounding.mode)


def single_application_amount(policy: Policy, applicants: list, trace: Trace) -> Decimal:
    """The full monthly standard for each applicant.

    中文：单独施保的人每月按全额低保标准发放（一（四）5.4）。
    """
    each = single_application_each(policy)
    total = each * len(applicants)
    trace.add("单独施保金额", f"全额发放：每人{yuan(each)}（月标准按本县取整）× {len(applicants)}人；"
              "一般不再实施重点救助", total, cite("single_application.amount"))
    return total


def gradual_exit(household: Household, failed: list, policy: Policy, trace: Trace) -> int | None:
    """低保渐退: a recipient household whose income has risen above the standard keeps receiving
    for the months the county sets (阳民发〔2020〕4号 二（二）2: "认真落实低保渐退政策").

    Only income may have failed: a household that fails on hukou, assets or a supporter exits as usual.

    中文：低保渐退：只因收入超过标准而不再符合的家庭，按县里规定的月数继续领取（阳民发〔2020〕4号 二（二）2）。
    """
    months = policy.dibao.gradual_exit_months
    if months is None or not household.on_dibao or failed != ["income_not_below_standard"]:
        return None
    trace.add("低保渐退", f"本户现为低保户，收入已超过低保标准：按本县渐退政策，再发放{months}个月后退出"
              + ("（渐退期为示例值）" if policy.is_example("dibao.gradual_exit") else ""),
              months, policy.source("dibao.gradual_exit"))
    return months


def exit_paused(household: Household, failed: list, policy: Policy, as_of, trace: Trace) -> bool:
    """Exits paused in the epidemic period (阳民发〔2020〕4号 二（二）10: "疫情防控期间，暂停开展低保对象
    退出工作"): a recipient household that no longer qualifies is not exited on a day in the period.

    中文：疫情防控期间暂停低保退出：期间内不再符合条件的家庭也不退出（阳民发〔2020〕4号 二（二）10）。
    """
    pause = policy.dibao.exit_pause
    if pause is None or not household.on_dibao or not failed:
        return False
    period = f"{pause.start.isoformat()}至{pause.end.isoformat() if pause.end else '另行通知'}"
    if as_of is None:
        trace.note("暂停退出", f"本县在{period}暂停低保对象退出；未给评估日期（--as-of），无法判断",
                   policy.source("dibao.exit_pause"))
        return False
    paused = pause.start <= as_of and (pause.end is None or as_of <= pause.end)
    trace.add("暂停退出", f"评估日期{as_of.isoformat()}{'在' if paused else '不在'}暂停退出期（{period}）内"
              + ("：本户虽已不符合条件，暂不退出" if paused else ""), paused, policy.source("dibao.exit_pause"))
    return paused


def assess_dibao(household: Household, policy: Policy, trace: Trace, as_of=None) -> DibaoResult:
    """Assess a household for 低保 and work out its monthly payment."""
    trace.add("低保标准", f"{yuan(policy.dibao.standard_annual)}/人·年 = {yuan(policy.dibao.standard_monthly)}/人·月",
              policy.dibao.standard_monthly, policy.source("dibao.standard"))
    if household.is_summary:
        size, gross, excluded, deduction = household.summary_size, household.summary_income_annual, ZERO, ZERO
        counted, accounts, incomes, shared = [], [], {}, None
        trace.add("家庭人口与收入（简易估算）", f"{size}人，家庭年收入{yuan(gross)}（未分成员，不计核减）", gross,
                  cite("income.scope"))
    else:
        counted = counted_members(household, trace)
        size = len(counted)
        trace.add("共同生活家庭人口", "、".join(m.id for m in counted) or "无", size, cite("family.members"))
        accounts, incomes, shared = _accounts(household, counted, policy, trace)
        gross = sum((a.counted_annual for a in incomes.values()), shared.counted_annual)
        excluded = sum((a.excluded_annual for a in incomes.values()), shared.excluded_annual)
        cuts = household_deductions(counted, household, policy, trace)
        for account, cut in zip([a for a in accounts if a.counted], cuts):
            account.deduction_group, account.deduction_annual = cut.group, cut.annual
        deduction = sum((c.annual for c in cuts), ZERO)
    counted_income = max(gross - deduction, ZERO)
    trace.add("核算后家庭年收入", f"计入收入{yuan(gross)} − 核减{yuan(deduction)}"
              + ("（不低于0）" if gross < deduction else ""), counted_income, cite("deductions.highest"))
    per_capita = counted_income / size / MONTHS_PER_YEAR if size else ZERO
    able = able_supporters(household, policy, trace)
    failed = conditions_failed(household, size, counted_income, len(able), policy, trace)
    result = DibaoResult(not failed, [Condition(c, FAILED[c]) for c in failed], size, gross, excluded,
                         deduction, counted_income, per_capita, policy.dibao.standard_monthly,
                         policy.dibao.payment.method, members=accounts, able_supporters=len(able),
                         incomes=incomes, shared_income=shared)
    if result.eligible:
        payment = payment_for(policy, size, counted_income, household.household_class, trace)
        result.tier, result.gap_monthly, result.floor_applied = payment.tier, payment.gap_monthly, payment.floor_applied
        aid = household_key_aid(counted, household, policy, trace)
        for account in accounts:
            account.key_aid_monthly = aid.get(account.id, ZERO)
        result.key_aid_monthly = sum(aid.values(), ZERO)
    else:
        applicants = single_applicants(household, counted, size, counted_income, failed, policy, trace)
        if applicants:
            result.eligible, result.method = True, "single_application"
            result.household_size = len(applicants)
            result.single_application = [m.id for m in applicants]
            result.household_failed_conditions, result.failed_conditions = result.failed_conditions, []
            result.gap_monthly = single_application_amount(policy, applicants, trace)
    if not result.eligible:
        result.exit_paused = exit_paused(household, failed, policy, as_of, trace)
        result.gradual_exit_months = gradual_exit(household, failed, policy, trace)
    result.total_monthly = result.gap_monthly + result.key_aid_monthly
    trace.add("每月低保金合计", f"补差{yuan(result.gap_monthly)} + 重点救助{yuan(result.key_aid_monthly)}"
              if result.eligible else "不符合条件：" + "；".join(c.text for c in result.failed_conditions),
              result.total_monthly, cite("payment.items"))
    return result
