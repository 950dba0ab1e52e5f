"""One assessment of a household: 低保, 特困 for each member, 三留守, with the full trace."""
from dataclasses import dataclass, field
from datetime import date

from .conditions import Condition
from .dibao import DibaoResult, assess_dibao
from .household import Household, parse_household
from .income import account_incomes
from .left_behind import classify
from .money import MONTHS_PER_YEAR, yuan
from .policy import PAYMENT_METHODS, Policy, load_policy
from .sources import cite
from .safeguarding import safeguarding_alerts
from .tekun import TekunFacts, assess_person, meeting_tekun
from .trace import Trace, json_value

FLAGS = {"tekun_instead_of_dibao": "该吃五保吃低保：单人户符合特困供养条件，应纳入特困人员救助供养",
         "dibao_exit_paused": "暂停退出：本户已不符合低保条件，但评估日期在本县暂停低保对象退出的期间内，暂不退出",
         "dibao_gradual_exit": "低保渐退：本户收入已超过低保标准，按本县渐退政策继续发放{months}个月后退出"}
METHOD_NAMES = {**PAYMENT_METHODS, "single_application": "成年无业重度残疾人单独施保"}
CATEGORY_NAMES = {"child": "留守儿童", "elderly": "留守老人", "woman": "留守妇女"}


@dataclass
class Assessment:
    policy: Policy
    household: Household
    dibao: DibaoResult
    tekun: list
    left_behind: list
    flags: list = field(default_factory=list)
    trace: Trace = field(default_factory=Trace)
    ambiguities: list = field(default_factory=list)   # relations the form leaves open (left_behind.Ambiguity)
    alerts: list = field(default_factory=list)        # safeguarding alerts, staff only (never on a public page)

    def to_dict(self) -> dict:
        return assessment_to_dict(self)

    def to_text(self) -> str:
        return assessment_to_text(self)


def _assumptions(household: Household, trace: Trace):
    notes = list(household.assumed)
    for member in household.members:
        if member.assumed:
            notes.append(f"{member.id}：" + "、".join(member.assumed))
    if notes:
        trace.note("未填写的项按常规假定", "；".join(notes), "本计算器的默认值")


def _tekun(household: Household, policy: Policy, trace: Trace, dibao: DibaoResult) -> list:
    if policy.tekun is None:
        trace.note("特困供养", "本政策文件未设特困供养标准，此项不适用", f"参数 {policy.id}")
        return []
    counted = [m for m in household.members if m.id in dibao.incomes]
    quiet = Trace()   # counted members' incomes were already traced for 低保
    income = {}
    for member in household.members:
        own = dibao.incomes.get(member.id) or account_incomes(member.incomes, member.id, policy, quiet)
        income[member.id] = own.tekun_annual
        if counted == [member]:
            income[member.id] += dibao.shared_income.tekun_annual   # a one-person household's shared income is theirs
    on_dibao = set(dibao.single_application) or ({m.id for m in counted} if dibao.eligible else set())
    facts = TekunFacts(income, on_dibao)
    facts.meeting = meeting_tekun(household, facts, policy)
    return [assess_person(member, household, facts, policy, trace) for member in household.members]


def assess(household, policy=None, as_of: date | None = None) -> Assessment:
    """Assess a household (JSON dict or Household) under a policy (id, path, Policy or default)."""
    policy = load_policy(policy, as_of)
    if not isinstance(household, Household):
        household = parse_household(household)
    trace = Trace()
    trace.add("适用政策", f"{policy.name}（{policy.id}，{policy.valid_from.isoformat()}起）", policy.id, policy.origin)
    _assumptions(household, trace)
    dibao = assess_dibao(household, policy, trace, as_of)
    tekun = _tekun(household, policy, trace, dibao)
    unsettled = []
    left = classify(household, policy, trace, unsettled)
    flags = []
    if dibao.household_size == 1 and not dibao.single_application and \
            any(t.eligible and t.member in {a.id for a in dibao.members if a.counted} for t in tekun):
        flags.append(Condition("tekun_instead_of_dibao", FLAGS["tekun_instead_of_dibao"]))
        trace.add("单人户特困排查", FLAGS["tekun_instead_of_dibao"], True, cite("tekun.instead_of_dibao"))
    if dibao.exit_paused:
        flags.append(Condition("dibao_exit_paused", FLAGS["dibao_exit_paused"]))
    if dibao.gradual_exit_months:
        flags.append(Condition("dibao_gradual_exit", FLAGS["dibao_gradual_exit"].format(months=dibao.gradual_exit_months)))
    return Assessment(policy, household, dibao, tekun, left, flags, trace, unsettled,
                      safeguarding_alerts(household, policy))


# -- output --------------------------------------------------------------------------------

def _conditions(items) -> list:
    return [c.to_dict() for c in items]


def assessment_to_dict(a: Assessment) -> dict:
    d = a.dibao
    money = json_value
    return {
        "policy": {"id": a.policy.id, "name": a.policy.name, "jurisdiction": a.policy.jurisdiction,
                   "valid_from": a.policy.valid_from.isoformat(),
                   "valid_until": a.policy.valid_until.isoformat() if a.policy.valid_until else None},
        "dibao": {
            "eligible": d.eligible,
            "failed_conditions": _conditions(d.failed_conditions),
            "household_size": d.household_size,
            "gross_income_annual": money(d.gross_income_annual),
            "excluded_income_annual": money(d.excluded_income_annual),
            "deduction_annual": money(d.deduction_annual),
            "counted_income_annual": money(d.counted_income_annual),
            "per_capita_monthly_income": money(d.per_capita_monthly_income),
            "standard_monthly": money(d.standard_monthly),
            "method": d.method,
            "tier": d.tier,
            "gap_monthly": money(d.gap_monthly),
            "key_aid_monthly": money(d.key_aid_monthly),
            "total_monthly": money(d.total_monthly),
            "floor_applied": d.floor_applied,
            "single_application": d.single_application,
            "household_failed_conditions": _conditions(d.household_failed_conditions),
            "gradual_exit_months": d.gradual_exit_months,
            "exit_paused": d.exit_paused,
            "members": [{"id": m.id, "counted": m.counted, "not_counted_reason": m.not_counted_reason,
                         "gross_income_annual": money(m.gross_income_annual),
                         "excluded_income_annual": money(m.excluded_income_annual),
                         "deduction_group": m.deduction_group, "deduction_annual": money(m.deduction_annual),
                         "key_aid_monthly": money(m.key_aid_monthly)} for m in d.members],
        },
        "tekun": [{"member": t.member, "eligible": t.eligible, "failed_conditions": _conditions(t.failed_conditions),
                   "care": t.care, "standard_annual": money(t.standard_annual),
                   "standards": {k: money(v) for k, v in t.standards.items()},
                   "outpatient_aid_annual": money(t.outpatient_aid_annual),
                   "funeral_grant": money(t.funeral_grant),
                   "obligors": [o.to_dict() for o in t.obligors]} for t in a.tekun],
        "left_behind": [{"member": x.member, "category": x.category, "why": x.why} for x in a.left_behind],
        "flags": _conditions(a.flags),
        "ambiguities": [x.to_dict() for x in a.ambiguities],
        "alerts": [x.to_dict() for x in a.alerts],
        "trace": [s.to_dict() for s in a.trace.steps],
    }


def assessment_to_text(a: Assessment) -> str:
    """A readable Chinese explanation: the answer first, then every step with its clause."""
    d = a.dibao
    lines = [f"适用政策：{a.policy.name}（{a.policy.id}）", ""]
    if d.eligible:
        lines.append(f"结论：符合低保条件。保障人数{d.household_size}人，每月低保金{yuan(d.total_monthly)}"
                     f"（补差{yuan(d.gap_monthly)}，重点救助{yuan(d.key_aid_monthly)}）。")
        lines.append(f"补差方式：{METHOD_NAMES[d.method]}" + (f"，第{d.tier}档" if isinstance(d.tier, int) else
                                                        (f"，{d.tier}类户" if d.tier else "")))
    else:
        lines.append("结论：不符合低保条件。未满足的条件：" + "；".join(c.text for c in d.failed_conditions))
    lines.append(f"家庭年收入（核算后）{yuan(d.counted_income_annual)}，月人均{yuan(d.per_capita_monthly_income)}，"
                 f"月低保标准{yuan(d.standard_monthly)}。")
    for t in a.tekun:
        if t.eligible:
            lines.append(f"特困供养：{t.member}符合条件，{'集中' if t.care == 'centralized' else '分散'}供养标准"
                         f"{yuan(t.standard_annual)}/年。")
    for x in a.left_behind:
        lines.append(f"{CATEGORY_NAMES[x.category]}：{x.member}（{x.why}）")
    for flag in a.flags:
        lines.append(f"提示：{flag.text}")
    for x in a.ambiguities:
        lines.append(f"待确认：{x.question}。请填写{x.member}的 {x.field} 栏（成员编号）。")
    for x in a.alerts:
        lines.append(f"安全提示（仅供工作人员）：{x.text}（依据：{x.source}）")
    lines += ["", "计算过程："]
    for number, step in enumerate(a.trace.steps, start=1):
        value = step.value
        shown = yuan(value) if hasattr(value, "quantize") else ("是" if value is True else "否" if value is False
                                                                 else "" if value is None else str(value))
        lines.append(f"{number}. {step.label}：{step.formula}" + (f" → {shown}" if shown else ""))
        lines.append(f"   依据：{step.source}")
    lines += ["", "说明：本结果是按政策规则的估算，不是审批决定；以乡镇审核、县级审批为准。"]
    return "\n".join(lines)
