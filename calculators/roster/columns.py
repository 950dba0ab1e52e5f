"""The roster's vocabulary: its columns, their allowed values and how headers are written.

Defined once here and imported everywhere (the template, the generator, the checks, the reports).
Standard library only.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# -- the columns ----------------------------------------------------------------------------

PERSON, HOUSEHOLD, ENROLMENT, LEDGER, META = "person", "household", "enrolment", "ledger", "meta"

YES, NO = "是", "否"
BOOL_VALUES = {"是": True, "否": False, "有": True, "无": False, "1": True, "0": False,
               "Y": True, "N": False, "TRUE": True, "FALSE": False, "True": True, "False": False}

RELATIONS = {"户主": "head", "配偶": "spouse", "子女": "child", "儿媳": "child_in_law",
             "女婿": "child_in_law", "孙子女": "grandchild", "父母": "parent",
             "公婆": "parent_in_law", "岳父母": "parent_in_law", "祖父母": "grandparent",
             "兄弟姐妹": "sibling", "其他": "other"}
SEXES = {"男": "male", "女": "female"}
HUKOU = {"农业": "rural", "农村": "rural", "非农业": "urban", "城镇": "urban"}
STATUSES = {"": None, "无": None, "在监狱服刑": "in_prison", "服兵役": "military_service",
            "宗教教职人员离家三年以上": "religious_apart_3y", "独立子女": "independent_child",
            "出嫁女": "married_out", "监外执行": None}
DISABILITY_TYPES = {"视力": "visual", "听力": "hearing", "言语": "speech", "肢体": "physical",
                    "智力": "intellectual", "精神": "mental", "多重": "multiple"}
DISABILITY_GRADES = {"1": 1, "2": 2, "3": 3, "4": 4, "一级": 1, "二级": 2, "三级": 3, "四级": 4}
ENROLMENT_KINDS = {"无": "none", "": "none", "低保": "dibao", "特困": "tekun"}
DIBAO_MODES = {"": None, "整户保": "household", "单人保": "single_application"}
TEKUN_MODES = {"": None, "集中": "centralized", "分散": "dispersed"}
LEFT_BEHIND_KINDS = {"": None, "儿童": "child", "老人": "elderly", "妇女": "woman"}
SYNTHETIC_MARK = "合成"


@dataclass(frozen=True)
class Column:
    name: str                 # the Chinese header as staff write it
    level: str                # person | household | enrolment | ledger | meta
    kind: str                 # text | int | money | number | bool | enum | date | id
    required: bool = False    # the column must be present in the file
    nonblank: bool = False    # every row must give a value
    choices: dict | None = None
    minimum: float | None = None
    maximum: float | None = None
    field: str = ""           # where it goes in the engine JSON (documentation and error mapping)
    help: str = ""            # Chinese note for the template and README


C = Column
COLUMNS: tuple[Column, ...] = (
    C("数据来源", META, "text", help="合成数据填“合成”；真实台账可留空"),
    C("统计日期", META, "date", help="台账的统计（参照）日期，用于核对年龄和走访是否逾期；全表应一致"),
    C("户编号", HOUSEHOLD, "text", True, True, help="同一户各成员相同"),
    C("乡镇", HOUSEHOLD, "text", True, True),
    C("村", HOUSEHOLD, "text", True, True),
    C("成员序号", PERSON, "int", minimum=1, maximum=99, field="members[].id",
      help="户内序号，从1起；父亲序号等列引用它"),
    C("姓名", PERSON, "text", True, True),
    C("身份证号", PERSON, "id", True, True, help="18位，末位可为X；出生日期须与年龄相符"),
    C("与户主关系", PERSON, "enum", True, True, RELATIONS, field="members[].relation"),
    C("性别", PERSON, "enum", True, True, SEXES, field="members[].sex"),
    C("年龄", PERSON, "int", True, True, minimum=0, maximum=130, field="members[].age",
      help="统计日期时的周岁"),
    C("父亲序号", PERSON, "int", minimum=1, maximum=99, field="members[].father"),
    C("母亲序号", PERSON, "int", minimum=1, maximum=99, field="members[].mother"),
    C("配偶序号", PERSON, "int", minimum=1, maximum=99, field="members[].spouse"),
    C("户籍性质", HOUSEHOLD, "enum", True, True, HUKOU, field="hukou"),
    C("是否共同生活", PERSON, "bool", field="members[].co_resident", help="空白按“是”"),
    C("特殊情形", PERSON, "enum", choices=STATUSES, field="members[].status"),
    C("残疾类别", PERSON, "enum", choices={"": None, "无": None, **DISABILITY_TYPES},
      field="members[].disability.type"),
    C("残疾等级", PERSON, "enum", choices={"": None, "无": None, **DISABILITY_GRADES},
      field="members[].disability.grade"),
    C("是否重病", PERSON, "bool", field="members[].serious_illness"),
    C("是否全日制学生", PERSON, "bool", field="members[].full_time_student"),
    C("是否单亲未成年", PERSON, "bool", field="members[].single_parent_minor",
      help="单亲家庭抚养或事实上无父母抚养的未成年人"),
    C("是否安置就业残疾人", PERSON, "bool", field="members[].placed_employment_disabled"),
    C("是否无业", PERSON, "bool", field="members[].unemployed"),
    C("外出务工月数", PERSON, "int", minimum=0, maximum=12, field="members[].away_months",
      help="一年中外出务工的月数（三留守认定用）"),
    C("有无监护照料能力", PERSON, "bool", field="members[].guardian_capable", help="空白按“有”"),
    C("工资收入(元/年)", PERSON, "money", field="members[].incomes[wage]"),
    C("务工月数", PERSON, "int", minimum=0, maximum=12, field="members[].incomes[migrant_work].months",
      help="无工资证明、按最低工资核算的务工月数"),
    C("最低工资(元/月)", PERSON, "money", field="members[].incomes[migrant_work].min_wage_monthly",
      help="务工地最低工资；空白用政策文件中的当地最低工资"),
    C("零星务工", PERSON, "bool", field="members[].incomes[migrant_work].sporadic"),
    C("耕地亩数", PERSON, "number", minimum=0, maximum=1000, field="members[].incomes[farm].mu"),
    C("作物", PERSON, "text", field="members[].incomes[farm].crop",
      help="政策文件 income.farm.crops 中的作物名称或代码"),
    C("经营收入(元/年)", PERSON, "money", field="members[].incomes[business]"),
    C("财产收入(元/年)", PERSON, "money", field="members[].incomes[property]"),
    C("转移收入(元/年)", PERSON, "money", field="members[].incomes[transfer]"),
    C("基础养老金(元/年)", PERSON, "money", field="members[].incomes[pension_basic]",
      help="不计入家庭收入，仅记录"),
    C("财产是否合规", HOUSEHOLD, "bool", field="assets_ok", help="空白按“是”"),
    C("纯女户", HOUSEHOLD, "bool", field="pure_daughter_family"),
    C("仍有困难", HOUSEHOLD, "bool", field="still_in_difficulty", help="乡镇认定纳入低保后生活仍有困难"),
    C("户类别", HOUSEHOLD, "enum", choices={"": None, "A": "A", "B": "B", "C": "C", "D": "D"},
      field="class", help="按户类别定额补助的县填写"),
    C("赡养人1家庭人口", HOUSEHOLD, "int", minimum=1, maximum=49, field="supporters[0].family_size"),
    C("赡养人1家庭年收入(元)", HOUSEHOLD, "money", field="supporters[0].family_income_annual"),
    C("赡养人2家庭人口", HOUSEHOLD, "int", minimum=1, maximum=49, field="supporters[1].family_size"),
    C("赡养人2家庭年收入(元)", HOUSEHOLD, "money", field="supporters[1].family_income_annual"),
    C("保障类别", ENROLMENT, "enum", choices=ENROLMENT_KINDS, help="无/低保/特困"),
    C("低保方式", ENROLMENT, "enum", choices=DIBAO_MODES, help="整户保/单人保"),
    C("低保档次", ENROLMENT, "text", help="按档补差的县填写档次"),
    C("月发放金额(元)", ENROLMENT, "money", help="当前每月实发金额（含重点救助金）"),
    C("纳入日期", ENROLMENT, "date"),
    C("特困供养方式", ENROLMENT, "enum", choices=TEKUN_MODES, help="集中/分散"),
    C("是否在留守台账", LEDGER, "bool"),
    C("留守类别", LEDGER, "enum", choices=LEFT_BEHIND_KINDS, help="儿童/老人/妇女"),
    C("最近村级走访日期", LEDGER, "date"),
    C("最近乡镇核查日期", LEDGER, "date"),
)
COLUMN_BY_NAME = {c.name: c for c in COLUMNS}
COLUMN_NAMES = [c.name for c in COLUMNS]
REQUIRED_COLUMNS = [c.name for c in COLUMNS if c.required]
HOUSEHOLD_COLUMNS = [c.name for c in COLUMNS if c.level in (HOUSEHOLD, ENROLMENT) and c.name != "户编号"]
KEY = "户编号"
ROW = "_row"          # the file row number, as the spreadsheet shows it

INCOME_MONEY_COLUMNS = {"工资收入(元/年)": "wage", "经营收入(元/年)": "business",
                        "财产收入(元/年)": "property", "转移收入(元/年)": "transfer",
                        "基础养老金(元/年)": "pension_basic"}
PERSON_BOOL_FIELDS = {"是否重病": "serious_illness", "是否全日制学生": "full_time_student",
                      "是否单亲未成年": "single_parent_minor",
                      "是否安置就业残疾人": "placed_employment_disabled", "是否无业": "unemployed"}


class RosterError(Exception):
    """The roster as a whole cannot be read (unreadable file, missing required column, no rows)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message



# -- headers as staff write them ----------------------------------------------------------------

# Other names staff give the same column (compared after ``header_key``). Income columns also match
# without their unit or with "(元)" alone: see ``canonical_header``.
HEADER_SYNONYMS = {
    "户号": "户编号", "家庭编号": "户编号", "乡镇(街道)": "乡镇", "乡(镇)": "乡镇", "村(社区)": "村",
    "村(居)": "村", "序号": "成员序号", "身份证号码": "身份证号", "公民身份号码": "身份证号",
    "证件号码": "身份证号", "关系": "与户主关系", "与户主的关系": "与户主关系", "户籍类别": "户籍性质",
    "户口性质": "户籍性质",
}
INCOME_COLUMNS = [c.name for c in COLUMNS if c.field.startswith("members[].incomes[") and c.kind != "bool"
                  and c.name not in ("最低工资(元/月)", "作物", "基础养老金(元/年)")]   # the counted ones
_INVISIBLE = re.compile(r"[\s\u200b-\u200f\u2060\ufeff]+")
_UNIT = re.compile(r"\((元|元/年|元/月)\)$")


def header_key(name) -> str:
    """A header as compared: full-width brackets and letters made half-width (NFKC), no spaces."""
    return _INVISIBLE.sub("", unicodedata.normalize("NFKC", str(name)))


_BY_KEY = {header_key(c.name): c.name for c in COLUMNS}
_BY_KEY.update({header_key(k): v for k, v in HEADER_SYNONYMS.items()})
_BY_BASE = {}
for _name in COLUMN_NAMES:
    if _UNIT.search(_name):
        _BY_BASE[_UNIT.sub("", _name)] = _name


def canonical_header(name) -> str | None:
    """The column a header means, or None when it is not one of ours.

    ``工资收入（元/年）``, ``工资收入 (元/年)``, ``工资收入(元)`` and ``工资收入`` all mean ``工资收入(元/年)``.
    """
    key = header_key(name)
    if key in _BY_KEY:
        return _BY_KEY[key]
    base = _UNIT.sub("", key)
    if base != key and _UNIT.search(key).group(1) not in ("元",) and _BY_BASE.get(base) != key:
        return None        # a different unit (元/月 for a yearly column) is not the same column
    return _BY_BASE.get(base)
