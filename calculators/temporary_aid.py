"""Temporary assistance (临时救助): what 阳民发〔2020〕4号 fixes, as checks.

二（二）2: "严格落实急难对象24小时先行救助制度。对申请最低生活保障、特困人员救助供养的脱贫享受政策人口
等困难群众，可以视情先给予临时救助……再按照规定程序进行审核审批". 二（二）10 (epidemic period): the
urgent-aid cap "可在现行政策基础上按照不高于1000元的标准适当上浮", and each township's reserve
"提高至不低于5万元". The amounts of aid themselves are the county's; the text fixes these limits.
"""
from dataclasses import dataclass, field
from decimal import Decimal

from .conditions import Condition
from .errors import InputError
from .money import to_decimal, yuan
from .policy import Policy, load_policy
from .trace import Trace

FAILED = {
    "first_aid_late": "急难对象没有在24小时内先行救助",
    "raise_above_limit": "疫情期间急难型临时救助限额上浮超过了规定",
    "reserve_below_minimum": "乡镇（街道）临时救助备用金低于规定额度",
}


@dataclass
class TemporaryAidCheck:
    ok: bool
    failed_conditions: list = field(default_factory=list)
    aid_before_approval: bool = False
    trace: Trace = field(default_factory=Trace)


def first_aid_in_time(hours: Decimal, policy: Policy, trace: Trace) -> bool:
    """An urgent case gets first aid within the hours the text sets (24小时先行救助)."""
    limit = policy.temporary_aid.first_aid_hours
    ok = bool(limit.admits(hours))
    trace.add("急难对象先行救助时限", f"发现到先行救助{hours.normalize():f}小时 {limit.sign(ok)} {limit.number}小时；"
              f"{limit.quoted()}", ok, policy.source("temporary_aid"))
    return ok


def raise_within_limit(raise_amount: Decimal, policy: Policy, trace: Trace) -> bool:
    """The epidemic-time raise of the urgent-aid cap is at most the amount the text sets."""
    limit = policy.temporary_aid.epidemic_raise_max
    ok = bool(limit.admits(raise_amount))
    trace.add("疫情期间限额上浮", f"上浮{yuan(raise_amount)} {limit.sign(ok)} {yuan(Decimal(limit.value))}；{limit.quoted()}",
              ok, policy.source("temporary_aid"))
    return ok


def reserve_enough(reserve: Decimal, policy: Policy, trace: Trace) -> bool:
    """Each township's temporary-aid reserve is at least the amount the text sets."""
    limit = policy.temporary_aid.township_reserve_min
    ok = bool(limit.admits(reserve))
    trace.add("乡镇临时救助备用金", f"备用金{yuan(reserve)} {limit.sign(ok)} {yuan(Decimal(limit.value))}；{limit.quoted()}",
              ok, policy.source("temporary_aid"))
    return ok


def may_aid_before_approval(applying: bool, policy: Policy, trace: Trace) -> bool:
    """Someone applying for 低保 or 特困 may get temporary aid first, and be approved after."""
    if applying:
        trace.add("先救助后审批", "正在申请低保或特困供养：可以视情先给予临时救助，再按规定程序审核审批", True,
                  policy.source("temporary_aid"))
    return applying


def check_temporary_aid(policy=None, urgent: bool = False, hours_to_first_aid=None, raise_amount=None,
                        township_reserve=None, applying: bool = False) -> TemporaryAidCheck:
    """Check a temporary-aid case and a township's arrangements against what the text fixes.

    Only the facts given are checked: ``hours_to_first_aid`` for an urgent case, ``raise_amount``
    (the epidemic-time raise of the urgent-aid cap), ``township_reserve`` (the township's reserve).

    中文：按文件核对临时救助：急难对象24小时内先行救助、疫情期间救助上限的上浮、乡镇备用金的数额（阳民发〔2020〕4号 二（二）2、二（二）10）。
    """
    policy = policy if isinstance(policy, Policy) else load_policy(policy)
    if policy.temporary_aid is None:
        raise InputError("policy", f"政策文件{policy.id}没有临时救助的规定（temporary_aid）")
    trace, failed = Trace(), []
    if urgent and hours_to_first_aid is not None:
        hours = to_decimal(hours_to_first_aid, "hours_to_first_aid", minimum=0)
        if not first_aid_in_time(hours, policy, trace):
            failed.append("first_aid_late")
    elif hours_to_first_aid is not None:
        trace.note("急难对象先行救助时限", "不是急难对象，24小时先行救助不适用", policy.source("temporary_aid"))
    if raise_amount is not None and not raise_within_limit(to_decimal(raise_amount, "raise_amount", minimum=0),
                                                            policy, trace):
        failed.append("raise_above_limit")
    if township_reserve is not None and not reserve_enough(to_decimal(township_reserve, "township_reserve",
                                                                      minimum=0), policy, trace):
        failed.append("reserve_below_minimum")
    before = may_aid_before_approval(applying, policy, trace)
    return TemporaryAidCheck(not failed, [Condition(c, FAILED[c]) for c in failed], before, trace)
