"""The glossary: one source for every term the handbook and the calculators explain.

``book/appendix/glossary.md`` renders its table from ``TERMS`` at build time, and the
applicant's calculator (``calculators.ui``) explains a term on tap with ``term_html``, so the
two never drift apart. Pure standard library.
"""
import re
from dataclasses import dataclass

from .markup import esc


@dataclass(frozen=True)
class Term:
    zh: str          # the term as the policy writes it
    en: str          # the project's reference translation
    plain: str       # what it means, in plain words


TERMS = (
    Term("社会保障兜底", "social-security safety net", "对靠其他办法脱不了贫的人，由低保、特困供养等社会保障托底"),
    Term("农村最低生活保障（低保）", "rural minimum livelihood guarantee (dibao)", "家庭人均收入低于标准的农村家庭，按月补足差额"),
    Term("低保标准", "dibao standard (poverty line)", "每人每年（或每月）的最低生活保障线，由市州政府公布"),
    Term("人均消费支出", "per-capita consumption expenditure",
         "统计部门公布的上一年农村居民平均每人的生活消费支出；低保标准不低于它的40%，特困供养标准不低于80%"),
    Term("标准调整测算", "impact estimate of a new standard",
         "把花名册按现行和拟定的标准各筛查一遍，逐户比较：每月多发多少钱，哪些户新纳入、退出、补助增减"),
    Term("新纳入、退出", "households entering / leaving (dibao)",
         "标准调整后，原来不符合、现在符合条件的户是新纳入；原来符合、现在不符合的户是退出"),
    Term("共同生活家庭成员", "co-resident family members", "有法定赡养、抚养、扶养关系并长期一起生活的人，决定家庭人口数"),
    Term("入户调查", "household investigation (home visit)", "乡镇和村干部上门核实家庭经济和生活状况"),
    Term("家庭经济状况核对", "household financial verification", "经申请人授权，通过各部门数据比对收入和财产"),
    Term("可支配收入", "disposable income", "扣除经营费用、个税、社保缴费后的现金和实物收入"),
    Term("工资性收入", "wage income", "工资、劳务报酬、外出务工收入"),
    Term("经营净收入", "net business income", "做生意、种养殖的收入减去成本"),
    Term("财产净收入", "net property income", "租金、利息、土地流转收入等"),
    Term("转移净收入", "net transfer income", "赡养费、亲友资助等别人给的钱"),
    Term("计入", "counted (as household income)", "算进家庭收入里；基础养老金、高龄津贴、抚恤金等按规定不计入，不算收入"),
    Term("月人均收入", "monthly income per person", "核算后的全家年收入，平均到每个人、每个月是多少钱，拿它和低保标准比"),
    Term("核减", "income disregard (deduction)", "对重残重病、老人、孩子、学生等成员，从家庭收入中先减去标准的一定倍数"),
    Term("赡养、抚养、扶养", "legal duty of support", "子女对父母、父母对子女、夫妻之间的法定供养义务"),
    Term("支付能力", "ability to pay (of a legal supporter)", "赡养人家庭收入超过“家庭人数×1.8倍标准”即视为有能力"),
    Term("民主评议", "community review", "村里召集代表核实调查结果的真实性和完整性，不是投票"),
    Term("补差", "gap payment (top-up)", "把家庭补到低保标准线的那部分钱"),
    Term("逢一进十", "rounding up to the next 10 yuan", "个位不是0就进到下一个整十元"),
    Term("补助下限", "minimum payment (floor)", "补差算出来太少时，至少发的金额"),
    Term("按档补差", "banded payment (income tiers)", "按人均收入所在的档次发固定金额"),
    Term("档次表", "tier table", "按档补差的县里，各档月人均收入上限和每人每月补助金额的对照表；标准调整后要重划"),
    Term("重点救助", "supplementary aid for priority members", "对仍有困难的低保家庭中的老人、孩子、重残、重病成员另外加发"),
    Term("单独施保", "individual dibao enrolment (for severely disabled adults)", "成年无业重度残疾人不随家庭、单独纳入低保"),
    Term("公示", "public posting", "把审核结果、拟保对象、已保对象在公开栏张贴接受监督"),
    Term("特困人员（五保）", 'persons in extreme poverty (formerly "five guarantees")', "无劳动能力、无生活来源、无人赡养的老人、残疾人、未成年人"),
    Term("集中供养", "institutional care", "住进敬老院等机构供养"),
    Term("分散供养", "home-based (dispersed) care", "在家供养，由委托的照料人照顾"),
    Term("该吃五保吃低保", "dibao given where tekun support is due", "符合特困条件的单人户却按低保对待"),
    Term("临时救助", "temporary assistance", "遭遇突发、紧迫困难时的一次性救助"),
    Term("三留守人员", "rural left-behind children, elderly and women", "农村留守儿童、留守老人、留守妇女"),
    Term("受委托监护人", "entrusted guardian", "父母外出时委托照管孩子的亲属或其他成年人"),
    Term("强制报告", "mandatory reporting", "学校、医院、村委会等发现儿童危险情况必须第一时间报警"),
    Term("监护干预", "guardianship intervention", "对不尽责的监护人劝诫、处罚，直至申请撤销监护资格"),
    Term("主动发现", "active case finding (outreach)", "干部定期上门排查，不等困难群众自己求助"),
    Term("信息台账", "case register (ledger)", "一人一档、动态更新的人员信息记录"),
    Term("绿色救助通道", "fast-track emergency assistance", "简化流程、急难急救的救助办法"),
    Term("建档立卡贫困户", "registered poor household", "扶贫部门登记在册的贫困家庭"),
    Term("低保渐退", "gradual exit from dibao", "脱贫后不马上取消低保，给一段过渡期"),
)

_BY_NAME = {t.zh: t for t in TERMS}


def term(name: str) -> Term:
    """A term by its Chinese name (KeyError if the glossary lacks it: add it to ``TERMS``)."""
    return _BY_NAME[name]


def term_html(name: str, shown: str | None = None) -> str:
    """The term as a tap-to-explain element: ``<details>`` opens without any JavaScript."""
    t = term(name)
    return (f'<details class="doudi-term"><summary>{esc(shown or t.zh)}</summary>'
            f'<span class="doudi-term-text">{esc(t.zh)}：{esc(t.plain)}</span></details>')


def table_rows() -> list:
    """(Chinese, plain explanation, English) rows for the handbook's glossary page."""
    return [(t.zh, t.plain, t.en) for t in TERMS]


def anchor(name: str) -> str:
    """The id of the term's row on the glossary page (the search links a term there)."""
    return "term-" + re.sub(r"\W+", "-", term(name).zh).strip("-")
