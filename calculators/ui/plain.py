"""The result in plain words, for the applicant: no codes, no file names, no JSON.

Every figure is the engine's (an ``Assessment``), shown as the engine rounds it. Terms such as
核减 and 补差 explain themselves on tap (``<details>``, no JavaScript) from the one glossary.
"""
from dataclasses import dataclass
from datetime import date

from ..assessment import CATEGORY_NAMES
from ..deductions import GROUP_NAMES
from ..glossary import term_html
from ..markup import esc
from ..money import rounding_label, yuan
from ..trace import json_value


def day_text(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


@dataclass
class Period:
    """The period a policy's standard is for, and whether it covers a given day."""
    text: str
    covers_today: bool
    warning: str


def policy_period(policy, today: date) -> Period:
    start, end = policy.valid_from, policy.valid_until
    text = f"{day_text(start)}至{day_text(end)}" if end else f"{day_text(start)}起"
    covers = start <= today and (end is None or today <= end)
    warning = "" if covers else (
        f"注意：这个标准只适用于{text}，今天（{day_text(today)}）不在这段时间内。"
        "现在的标准可能已经调整，金额请以乡镇和县民政部门公布的为准。")
    return Period(text, covers, warning)


def county_name(policy) -> str:
    return policy.raw.get("jurisdiction_name") or policy.name


def _term(name: str, tap: bool, shown: str | None = None) -> str:
    return term_html(name, shown) if tap else esc(shown or name)


def _member_list(items) -> str:
    return "、".join(f"{esc(who)}{esc(amount)}" for who, amount in items)


def plain_steps(a, tap: bool = True) -> list:
    """How the answer came about, one short sentence (HTML) a step."""
    d, policy = a.dibao, a.policy
    steps = []
    for m in d.members:
        if not m.counted:
            steps.append(f"{esc(m.id)}不算在家庭人口里：{esc(m.not_counted_reason)}。")
    earners = [(m.id, yuan(m.gross_income_annual)) for m in d.members if m.counted and m.gross_income_annual]
    line = (f"全家算{d.household_size}口人，一年要{_term('计入', tap)}的收入合计{yuan(d.gross_income_annual)}"
            + (f"（{_member_list(earners)}）" if earners else "") + "。")
    if d.excluded_income_annual:
        line += f"另有{yuan(d.excluded_income_annual)}按规定不计入（如基础养老金、高龄津贴）。"
    steps.append(line)
    cuts = [(m.id, f"（{GROUP_NAMES.get(m.deduction_group, '')}）{yuan(m.deduction_annual)}")
            for m in d.members if m.deduction_annual]
    if cuts:
        steps.append(f"有的家人按规定可以{_term('核减', tap)}，一年共减去{yuan(d.deduction_annual)}："
                     f"{_member_list(cuts)}。")
    else:
        steps.append(f"家里没有可以{_term('核减', tap)}收入的人。")
    steps.append(f"减下来，全家一年的收入算{yuan(d.counted_income_annual)}，"
                 f"平均每人每月{yuan(d.per_capita_monthly_income)}（{_term('月人均收入', tap)}）。")
    steps.append(f"{esc(county_name(policy))}的{_term('低保标准', tap)}是每人每月{yuan(d.standard_monthly)}"
                 f"（每年{yuan(policy.dibao.standard_annual)}）。")
    if d.single_application:
        steps.append(f"{esc('、'.join(d.single_application))}可以{_term('单独施保', tap)}，"
                     f"每月{yuan(d.gap_monthly)}。")
    elif d.eligible:
        steps.append(_payment_step(d, policy, tap))
        if d.key_aid_monthly:
            helped = [(m.id, yuan(m.key_aid_monthly)) for m in d.members if m.key_aid_monthly]
            steps.append(f"家里的老人、孩子、重残或重病的人，每月另加{_term('重点救助', tap)}"
                         f"{yuan(d.key_aid_monthly)}（{_member_list(helped)}）。")
        steps.append(f"合起来，每月低保金大约{yuan(d.total_monthly)}。")
    else:
        steps.append("暂不符合低保条件，原因：" + "；".join(esc(c.text) for c in d.failed_conditions) + "。")
    return steps


def _rounding_words(policy, tap: bool) -> str:
    """How the county rounds the 补差, in its own words (逢一进十 explains itself)."""
    rounding = policy.dibao.payment.rounding
    if rounding is None or rounding.mode == "none":
        return ""
    words = esc(rounding_label(rounding.unit, rounding.mode))
    return "，" + words.replace("逢一进十", _term("逢一进十", tap), 1)


def _payment_step(d, policy, tap: bool) -> str:
    if d.method == "gap":
        text = f"比标准低，差多少补多少（{_term('补差', tap)}{_rounding_words(policy, tap)}），每月{yuan(d.gap_monthly)}"
        if d.floor_applied:
            text += f"（算出来太少，按{_term('补助下限', tap)}发）"
        return text + "。"
    if d.method == "tiers":
        return f"按收入所在的档次发（{_term('按档补差', tap)}），第{esc(d.tier)}档，每月{yuan(d.gap_monthly)}。"
    return f"按户类别（{esc(d.tier)}类户）发，每月{yuan(d.gap_monthly)}。"


def plain_notes(a, tap: bool = True) -> list:
    """Other help the family may ask about: 特困, 三留守, and the engine's warnings."""
    notes = []
    for t in a.tekun:
        if t.eligible:
            notes.append(f"{esc(t.member)}可能符合{_term('特困人员（五保）', tap, '特困人员')}供养条件，"
                         "可以向乡镇问一问。")
    for x in a.left_behind:
        notes.append(f"{esc(x.member)}属于{esc(CATEGORY_NAMES[x.category])}（{_term('三留守人员', tap, '三留守')}），"
                     "村里和乡镇有关爱服务，可以问一问。")
    for flag in a.flags:
        notes.append(esc(flag.text))
    return notes


def verdict_html(a) -> str:
    """The answer in one line, with the exact monthly amount in ``data-value``."""
    d = a.dibao
    amount = (f'<span class="doudi-q-amount" data-value="{esc(json_value(d.total_monthly))}">'
              f"{yuan(d.total_monthly)}</span>")
    if d.eligible:
        return (f'<p class="doudi-q-verdict doudi-q-yes">按您填写的情况估算：<b>可以申请低保</b>，'
                f"每月大约能领 {amount}。</p>")
    return (f'<p class="doudi-q-verdict doudi-q-no">按您填写的情况估算：<b>暂不符合低保条件</b>'
            f'（每月 {amount}）。</p>')


def plain_result(a, today: date) -> str:
    """The applicant's result: the answer, how it came about, and the standard's period."""
    period = policy_period(a.policy, today)
    steps = "".join(f"<li>{s}</li>" for s in plain_steps(a))
    notes = "".join(f"<li>{n}</li>" for n in plain_notes(a))
    warning = f'<p class="doudi-q-warning">{esc(period.warning)}</p>' if period.warning else ""
    return (f'{verdict_html(a)}{warning}<p class="doudi-q-small">点一下带下划线的词，可以看它是什么意思。</p>'
            f"<h3>怎么算出来的</h3><ol class=\"doudi-q-steps\">{steps}</ol>"
            + (f"<h3>还可以问一问</h3><ul>{notes}</ul>" if notes else "")
            + f'<p class="doudi-q-small">依据：{esc(county_name(a.policy))}农村低保标准，适用于{esc(period.text)}。</p>')
