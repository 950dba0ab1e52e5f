"""The household investigation (入户调查): who goes, and who signs (文件000 一（四）3).

"乡镇人民政府（街道办事处）组织不少于2人的调查组，其中至少1名乡镇人民政府（街道办事处）和1名村（居）民
委员会工作人员……并由调查人员和被调查对象不少于3人签字确认。" "不少于" and "至少" include the number.
"""
from dataclasses import dataclass, field

from .conditions import Condition
from .errors import InputError
from .policy import Policy, load_policy
from .sources import cite
from .thresholds import Threshold
from .trace import Trace

FAILED = {
    "team_too_small": "调查组不足{n}人",
    "no_township_staff": "调查组里的乡镇人民政府（街道办事处）工作人员不足{n}名",
    "no_village_staff": "调查组里的村（居）民委员会工作人员不足{n}名",
    "too_few_signatures": "签字确认的调查人员和被调查对象不足{n}人",
}


@dataclass
class InvestigationCheck:
    valid: bool
    failed_conditions: list = field(default_factory=list)
    trace: Trace = field(default_factory=Trace)


def _count(value, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise InputError(name, "应为不小于0的整数")
    return value


def meets(limit: Threshold, count: int, label: str, trace: Trace) -> bool:
    """One count against its limit, compared as the clause words it."""
    ok = bool(limit.admits(count))
    trace.add(label, f"{count}人 {limit.sign(ok)} {limit.number}人；{limit.quoted()}", ok, cite("investigation"))
    return ok


def check_investigation(team: int, township_staff: int, village_staff: int, signatures: int,
                        policy: Policy | None = None) -> InvestigationCheck:
    """Was the investigation team constituted, and the form signed, as 一（四）3 requires?

    中文：检查入户调查组的组成和调查表的签字是否符合规定（一（四）3）。
    """
    policy = policy if isinstance(policy, Policy) else load_policy(policy)
    rules = policy.investigation
    team, township_staff = _count(team, "team"), _count(township_staff, "township_staff")
    village_staff, signatures = _count(village_staff, "village_staff"), _count(signatures, "signatures")
    if township_staff + village_staff > team:
        raise InputError("team", "乡镇和村（居）委会工作人员合计不能多于调查组人数")
    trace = Trace()
    checks = (
        (rules.team_min, team, "调查组人数", "team_too_small"),
        (rules.township_staff_min, township_staff, "其中乡镇（街道）工作人员", "no_township_staff"),
        (rules.village_staff_min, village_staff, "其中村（居）委会工作人员", "no_village_staff"),
        (rules.signatures_min, signatures, "签字确认人数", "too_few_signatures"),
    )
    failed = [Condition(code, FAILED[code].format(n=limit.number))
              for limit, count, label, code in checks if not meets(limit, count, label, trace)]
    return InvestigationCheck(not failed, failed, trace)
