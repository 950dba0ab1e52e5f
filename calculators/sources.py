"""The source documents and the clauses the rules cite.

A clause is cited as the document's short name followed by its own section numbering
(一、(一)、1.、1.1), so a reader can find it in the handbook and in the original text.
"""
from dataclasses import dataclass


@dataclass(frozen=True)
class Document:
    code: str        # the file name prefix in shared/seeds
    short: str       # how a citation names it
    title: str
    issuer: str
    date: str


DOCUMENTS = {
    "000": Document("000", "来凤县兜底材料", "来凤县社会保障兜底与农村三留守工作介绍",
                    "湖北省恩施州来凤县民政局", "2017年"),
    "002": Document("002", "阳民发〔2020〕4号", "阳谷县民政领域决战决胜脱贫攻坚工作方案",
                    "山东省阳谷县民政局", "2020-03-27"),
    "003": Document("003", "滨海新区主动发现通知", "关于做好农村留守老年人、留守儿童、留守妇女主动发现工作的通知",
                    "天津市滨海新区", "2020年前后"),
    "004": Document("004", "寿政秘〔2016〕278号", "寿县人民政府关于加强农村“三留守”人员关爱保护工作的实施意见",
                    "安徽省寿县人民政府", "2016-09-06"),
}

# Clause keys used by the rules, mapped to (document, section).
CLAUSES = {
    "dibao.conditions": ("000", "一（四）1.1"),
    "dibao.single_application": ("000", "一（四）1.1 末段"),
    "family.members": ("000", "一（四）2"),
    "family.special_cases": ("000", "一（四）2 特殊情况"),
    "investigation": ("000", "一（四）3"),
    "income.scope": ("000", "一（四）3.1"),
    "income.excluded": ("000", "一（四）3.1 第二段"),
    "income.wage": ("000", "一（四）3.2（1）"),
    "income.migrant": ("000", "一（四）3.2（1）；一（六）3"),
    "income.business": ("000", "一（四）3.2（2）"),
    "income.farm": ("000", "一（四）3.2（3）"),
    "income.property": ("000", "一（四）3.2（4）"),
    "income.transfer": ("000", "一（四）3.2（5）"),
    "support.ability": ("000", "一（四）3.2（5）"),
    "support.deemed_unable": ("000", "一（四）3.2（5）第二段"),
    "deductions.severe": ("000", "一（四）3.3（1）"),
    "deductions.full": ("000", "一（四）3.3（2）"),
    "deductions.half": ("000", "一（四）3.3（3）"),
    "deductions.highest": ("000", "一（四）3.3 末段"),
    "review.group": ("000", "一（四）4.2"),
    "standard.dibao": ("000", "一（四）5"),
    "payment.items": ("000", "一（四）5.1"),
    "payment.gap": ("000", "一（四）5.2（1）"),
    "payment.tiers": ("000", "一（四）5.2（2）"),
    "payment.methods": ("000", "一（四）5.2"),
    "key_aid": ("000", "一（四）5.3"),
    "single_application.amount": ("000", "一（四）5.4"),
    "publicity.township": ("000", "一（四）6.1"),
    "publicity.county": ("000", "一（四）6.2"),
    "tekun.conditions": ("000", "一（五）1"),
    "tekun.labour": ("000", "一（五）1.1"),
    "tekun.livelihood": ("000", "一（五）1.2"),
    "tekun.obligor": ("000", "一（五）1.3"),
    "tekun.provision": ("000", "一（五）3"),
    "tekun.care": ("000", "一（五）4"),
    "standard.tekun": ("000", "一（五）5"),
    "tekun.instead_of_dibao": ("002", "二（一）2；二（二）2"),
    "safeguarding.alone": ("004", "三（一）1、4、5"),
    "safeguarding.elder": ("004", "三（二）1"),
    "safeguarding.six_months": ("004", "三（一）1、7"),
    "left_behind.child": ("000", "二（四）1"),
    "left_behind.elderly": ("000", "二（四）2"),
    "left_behind.woman": ("000", "二（四）3"),
}


def cite(key: str) -> str:
    """The citation text of a clause key, e.g. ``来凤县兜底材料 一（四）3.3（1）``."""
    code, section = CLAUSES[key]
    return f"{DOCUMENTS[code].short} {section}"
