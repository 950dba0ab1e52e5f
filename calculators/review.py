"""Democratic review (民主评议) and publicity (公开公示).

文件000 一（四）4.2: the review group has at least 9 members, villager representatives make up
at least two thirds of it, and a meeting is valid only with two thirds of its members or more
present ("三分之二以上" includes two thirds itself). 一（四）6.1–6.2: the township's findings are
posted for 7 days, and the county's proposed list for another 7 days.
"""
from dataclasses import dataclass, field
from datetime import date, timedelta
from fractions import Fraction

from .conditions import Condition
from .errors import InputError
from .policy import Policy, load_policy
from .sources import cite
from .thresholds import Threshold
from .trace import Trace


@dataclass
class ReviewResult:
    valid: bool
    failed_conditions: list = field(default_factory=list)
    trace: Trace = field(default_factory=Trace)


def _count(value, name: str, low: int = 0) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < low:
        raise InputError(name, f"应为不小于{low}的整数")
    return value


def _share(share) -> str:
    return {Fraction(2, 3): "三分之二"}.get(share, f"{float(share):.0%}")


def meets(limit: Threshold, count: int, needed, label: str, unit_text: str, trace: Trace, source: str) -> bool:
    """One count against a limit, compared as the clause's words say, with a trace line."""
    ok = bool(limit.admits(count, needed))
    trace.add(label, f"{count}人 {limit.sign(ok)} {unit_text}；{limit.quoted()}", ok, source)
    return ok


def check_review(members: int, representatives: int, present: int, policy: Policy | None = None) -> ReviewResult:
    """Is a democratic review meeting validly constituted? Names each rule it fails.

    文件000 一（四）4.2: "民主评议小组成员原则上不得少于9人。其中，村（居）民代表数不得少于评议小组
    人员的三分之二。每次民主评议会议必须有三分之二以上小组成员参加方为有效。" "不得少于" and "以上"
    both include the number: 6 of 9 present is a valid meeting, and 6 representatives of 9 are enough.

    中文：检查民主评议会是否有效：小组人数、村（居）民代表占比、到会人数，逐条说明不符合的规定（一（四）4.2）。
    """
    policy = policy if isinstance(policy, Policy) else load_policy(policy)
    rules = policy.review
    members = _count(members, "members", 1)
    representatives = _count(representatives, "representatives")
    present = _count(present, "present")
    if representatives > members:
        raise InputError("representatives", "村（居）民代表人数不能多于评议小组人数")
    if present > members:
        raise InputError("present", "到会人数不能多于评议小组人数")
    result, trace, source = ReviewResult(True), Trace(), cite("review.group")
    enough_members = meets(rules.min_members, members, None, "评议小组人数",
                           f"{rules.min_members.value}人", trace, source)
    reps, att = rules.representatives_share, rules.attendance_share
    needed = reps.value * members
    enough_reps = meets(reps, representatives, needed, "村（居）民代表占比",
                        f"{_share(reps.value)} × {members}人 = {float(needed):.2f}人", trace, source)
    quorum = att.value * members
    enough_present = meets(att, present, quorum, "到会人数",
                           f"{_share(att.value)} × {members}人 = {float(quorum):.2f}人", trace, source)
    checks = (
        (enough_members, "too_few_members", f"评议小组不足{rules.min_members.value}人"),
        (enough_reps, "too_few_representatives", f"村（居）民代表不足小组人数的{_share(reps.value)}"),
        (enough_present, "too_few_present", f"到会人数不足小组人数的{_share(att.value)}（须{att.wording}）"),
    )
    result.failed_conditions = [Condition(code, text) for ok, code, text in checks if not ok]
    result.valid = not result.failed_conditions
    result.trace = trace
    return result


@dataclass
class PublicityPeriod:
    stage: str        # township | county
    label: str
    start: date
    end: date         # last day, inclusive
    days: int
    source: str


def publicity_schedule(start: date, policy: Policy | None = None, county_start: date | None = None) -> list:
    """The two 7-day postings: the township's findings, then the county's proposed list.

    Without ``county_start`` the county posting is assumed to begin the day after the
    township posting ends (the earliest it can).

    中文：排出两次各7天的公示：先公示乡镇审核意见，再公示县级拟保对象（一（四）6.1、6.2）。
    """
    policy = policy if isinstance(policy, Policy) else load_policy(policy)
    if not isinstance(start, date):
        raise InputError("start", "应为日期")
    days = policy.publicity
    township_end = start + timedelta(days=days.township_days - 1)
    county_from = county_start or township_end + timedelta(days=1)
    if county_from <= township_end:
        raise InputError("county_start", "县级公示应在乡镇公示期满后开始")
    return [
        PublicityPeriod("township", "乡镇审核结果公示（村务公开栏）", start, township_end,
                        days.township_days, cite("publicity.township")),
        PublicityPeriod("county", "县级拟保对象公示", county_from,
                        county_from + timedelta(days=days.county_days - 1), days.county_days,
                        cite("publicity.county")),
    ]
