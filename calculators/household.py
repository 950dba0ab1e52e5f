"""The household as a cadre records it: members, their circumstances and incomes.

``parse_household`` reads the JSON form (detailed, with ``members``, or the summary form with
``size`` and ``income``), checks every field and fills what was left out with what a cadre
would assume, remembering each assumption so the explanation can say so.
"""
from dataclasses import dataclass, field
from decimal import Decimal

from .errors import InputError, missing_key_error, shorten, unknown_key_error
from .money import MAX_DIGITS, per_year, to_decimal

MAX_MEMBERS = 30
MAX_AGE = 130
MAX_TEXT = 200          # characters in an id, a name or a crop
MAX_INCOMES = 50        # income items of one member or household

RELATIONS = {"head": "户主", "spouse": "配偶", "child": "子女", "child_in_law": "儿媳/女婿",
             "parent": "父母", "parent_in_law": "公婆/岳父母", "grandchild": "孙子女",
             "grandparent": "祖父母", "sibling": "兄弟姐妹", "other": "其他"}
SEXES = {"male": "男", "female": "女"}
STATUSES = {"in_prison": "在监狱服刑", "military_service": "在服义务兵役",
            "religious_apart_3y": "宗教教职人员连续三年以上脱离家庭独立生活",
            "independent_child": "已独立生活的子女", "married_out": "外嫁女儿（户口未迁出）",
            "serving_outside_prison": "监外执行的服刑人员"}
DISABILITY_TYPES = {"physical": "肢体", "intellectual": "智力", "mental": "精神", "visual": "视力",
                    "hearing": "听力", "speech": "言语", "multiple": "多重"}
HUKOU = {"rural": "农村户籍", "urban": "城镇户籍"}
TEKUN_CARE = {"centralized": "集中供养", "dispersed": "分散供养"}
# Deemed unable to support (文件000 一（四）3.2（5）第二段).
SUPPORTER_CATEGORIES = {"dibao_family": "低保家庭", "registered_poor": "建档立卡贫困户",
                        "hardship_family": "其他生活困难家庭", "no_civil_capacity": "无民事行为能力者",
                        "unemployed_severely_disabled": "无业重度残疾人", "missing": "失联失踪人员",
                        "in_prison": "监狱服刑人员"}

# Income kinds. Counted kinds feed 低保 income; the rest are recorded but never counted
# (文件000 一（四）3.1 第二段). TEKUN_EXCLUDED: not counted for 特困 either (一（五）1.2).
COUNTED_INCOME = {"wage": "工资性收入", "migrant_work": "外出务工收入", "farm": "农业经营净收入",
                  "business": "经营净收入", "property": "财产净收入", "land_rent": "土地承包经营权流转收入",
                  "transfer": "转移净收入", "support_payment": "赡（抚、扶）养费"}
EXCLUDED_INCOME = {"fuxu": "优抚对象抚恤金", "fixed_subsidy": "定期定量补助金", "nursing_fee": "护理费",
                   "conscript_allowance": "义务兵优待金", "pension_basic": "基础养老金",
                   "medical_insurance": "基本医疗保险等社会保险", "elderly_allowance": "高龄津贴",
                   "welfare_allowance": "社会福利补贴"}
TEKUN_EXCLUDED = {"pension_basic", "medical_insurance", "elderly_allowance", "welfare_allowance"}
# Costs deducted from work income where the county's rules say so (阳民发〔2020〕4号 二（二）2、10).
COST_ITEMS = {"employment_cost": "就业成本（交通费、培训费等）"}
WORK_INCOME = ("wage", "migrant_work")
INCOME_KINDS = {**COUNTED_INCOME, **EXCLUDED_INCOME, **COST_ITEMS}


@dataclass
class Income:
    kind: str
    field: str                        # where it was given, for messages
    amount: Decimal | None = None     # yearly amount for amount-based kinds
    months: Decimal | None = None     # migrant work
    min_wage_monthly: Decimal | None = None
    sporadic: bool = False
    mu: Decimal | None = None         # farm
    crop: str | None = None
    revenue_per_mu: Decimal | None = None
    cost_per_mu: Decimal | None = None


@dataclass
class Member:
    id: str
    relation: str
    sex: str
    age: int
    co_resident: bool = True
    status: str | None = None
    disability_type: str | None = None
    disability_grade: int | None = None
    serious_illness: bool = False
    full_time_student: bool = False
    single_parent_minor: bool = False
    placed_employment_disabled: bool = False
    unemployed: bool = False
    away_months: int = 0
    guardian_capable: bool = True
    lives_at_hukou_place: bool = True
    hukou: str | None = None          # member's own hukou if it differs from the household's
    hukou_moved_in: bool = True       # a daughter-in-law whose hukou has not moved in: False
    father: str | None = None
    mother: str | None = None
    spouse: str | None = None
    tekun_care: str = "dispersed"
    dibao_recipient: bool | None = None   # None: taken from this household's 低保 assessment
    no_civil_capacity: bool = False
    declared_missing: bool = False
    obligor_case: str | None = None       # a province-set case (特困 一（五）1.3（4）) by its code
    guardian_arranged: bool | None = None  # a child's guardianship entrusted while parents are away (None: not asked)
    incomes: list = field(default_factory=list)
    assumed: list = field(default_factory=list)   # Chinese notes of defaults taken

    def is_severely_disabled(self, max_grade: int) -> bool:
        return self.disability_grade is not None and self.disability_grade <= max_grade

    @property
    def label(self) -> str:
        return f"{self.id}（{RELATIONS[self.relation]}，{SEXES[self.sex]}，{self.age}岁）"


@dataclass
class Supporter:
    family_size: int
    family_income_annual: Decimal
    category: str | None = None
    name: str | None = None
    # For 特困 一（五）1.3: the facts that can make a supporter unable to fulfil the duty.
    age: int | None = None
    severely_disabled: bool = False
    dibao_recipient: bool = False
    meets_tekun: bool = False
    assets_ok: bool = True
    obligor_case: str | None = None


@dataclass
class Household:
    hukou: str = "rural"
    assets_ok: bool = True
    pure_daughter_family: bool = False
    still_in_difficulty: bool = False
    household_class: str | None = None
    on_dibao: bool = False                         # a recipient household now (for 渐退 and paused exits)
    members: list = field(default_factory=list)
    supporters: list = field(default_factory=list)
    incomes: list = field(default_factory=list)   # household-level income (land transfer rent …)
    summary_size: int | None = None               # summary form only
    summary_income_annual: Decimal | None = None  # summary form: household counted income
    assumed: list = field(default_factory=list)

    @property
    def is_summary(self) -> bool:
        return self.summary_size is not None


# -- reading fields ----------------------------------------------------------------------

class _Fields:
    """Reads one JSON object; every error names the full field path.

    The keys a reader asks for are the keys it knows: ``finish`` refuses any other key, so a
    misspelled field is an error rather than silently ignored, and a new field needs only its read.
    """

    def __init__(self, data, path: str):
        if not isinstance(data, dict):
            raise InputError(path or "household", "应为 JSON 对象（键值表）")
        self.data, self.path = data, path
        self.known: set = set()

    def where(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key

    def get(self, key: str, default=None):
        self.known.add(key)
        return self.data.get(key, default)

    def given(self, key: str) -> bool:
        return self.get(key) is not None

    def missing(self, key: str) -> InputError:
        return missing_key_error(self.where(key), key, [k for k in self.data if k not in self.known])

    def finish(self):
        """Refuse keys no reader asked for, naming the nearest known one."""
        for key in self.data:
            if key not in self.known:
                raise unknown_key_error(self.where(str(key)), key, self.known)

    def boolean(self, key: str, default: bool, assumed: list | None = None, note: str = "") -> bool:
        value = self.get(key)
        if value is None:
            if assumed is not None and note:
                assumed.append(note)
            return default
        if not isinstance(value, bool):
            raise InputError(self.where(key), "应为 true 或 false")
        return value

    def choice(self, key: str, options: dict, default=None, allow_none=False):
        value = self.get(key, default)
        if value is None and allow_none:
            return None
        if value is None:
            raise self.missing(key)
        if not isinstance(value, str):
            raise InputError(self.where(key), "应为文字（可选值之一）")
        if value not in options:
            allowed = "、".join(f"{k}（{v}）" for k, v in options.items())
            raise InputError(self.where(key), f"“{shorten(value)}”不是可选值，可选：{allowed}")
        return value

    def integer(self, key: str, low: int, high: int, default=None, unit: str = "") -> int:
        value = self.get(key, default)
        if value is None:
            raise self.missing(key)
        if isinstance(value, bool) or not isinstance(value, (int, float, str)):
            raise InputError(self.where(key), "应为整数")
        if len(str(value)) > MAX_DIGITS:
            raise InputError(self.where(key), f"数字过长（超过{MAX_DIGITS}位）")
        try:
            number = Decimal(str(value))
        except ArithmeticError:
            raise InputError(self.where(key), f"“{shorten(value)}”不是整数") from None
        if not number.is_finite() or number != number.to_integral_value():
            raise InputError(self.where(key), f"“{shorten(value)}”不是整数")
        if not low <= number <= high:
            raise InputError(self.where(key), f"应在{low}到{high}{unit}之间（填写的是{shorten(value)}）")
        return int(number)

    def amount(self, key: str, default=None) -> Decimal:
        value = self.get(key, default)
        if value is None:
            raise self.missing(key)
        return to_decimal(value, self.where(key), minimum=0)

    def text(self, key: str):
        value = self.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (str, int)):
            raise InputError(self.where(key), "应为文字")
        value = str(value)
        if len(value) > MAX_TEXT:
            raise InputError(self.where(key), f"文字过长（超过{MAX_TEXT}个字符）")
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise InputError(self.where(key), "含有无效字符（不成对的代理字符）") from None
        return value


def _yearly(fields: _Fields) -> Decimal:
    """An ``{amount, per}`` income as a yearly amount (per defaults to year)."""
    per = fields.choice("per", {"year": "年", "month": "月"}, default="year")
    return per_year(fields.amount("amount"), per)


def parse_income(data, path: str) -> Income:
    fields = _Fields(data, path)
    income = _read_income(fields, path)
    fields.finish()
    return income


def _read_income(fields: _Fields, path: str) -> Income:
    kind = fields.choice("kind", INCOME_KINDS)
    if kind == "migrant_work":
        return Income(kind, path,
                      months=Decimal(fields.integer("months", 0, 12, unit="个月")),
                      min_wage_monthly=fields.amount("min_wage_monthly") if fields.given("min_wage_monthly") else None,
                      sporadic=fields.boolean("sporadic", False))
    if kind == "farm":
        return Income(kind, path, mu=fields.amount("mu"),
                      crop=fields.text("crop"),
                      revenue_per_mu=fields.amount("revenue_per_mu") if fields.given("revenue_per_mu") else None,
                      cost_per_mu=fields.amount("cost_per_mu") if fields.given("cost_per_mu") else None)
    return Income(kind, path, amount=_yearly(fields))


def _incomes(fields: _Fields, key: str) -> list:
    items = fields.get(key)
    items = [] if items is None else items
    if not isinstance(items, list):
        raise InputError(fields.where(key), "应为列表")
    if len(items) > MAX_INCOMES:
        raise InputError(fields.where(key), f"收入项过多（最多{MAX_INCOMES}项）")
    return [parse_income(item, fields.where(f"{key}[{i}]")) for i, item in enumerate(items)]


def parse_member(data, path: str, index: int) -> Member:
    fields = _Fields(data, path)
    assumed: list = []
    member_id = fields.text("id") or f"m{index + 1}"
    relation = fields.get("relation")
    if relation is None:
        relation = "head" if index == 0 else "other"
        assumed.append(f"与户主关系（按{RELATIONS[relation]}）")
    member = Member(
        id=member_id,
        relation=fields.choice("relation", RELATIONS, default=relation),
        sex=fields.choice("sex", SEXES),
        age=fields.integer("age", 0, MAX_AGE, unit="岁"),
        co_resident=fields.boolean("co_resident", True, assumed, "共同生活（按是）"),
        status=fields.choice("status", STATUSES, allow_none=True),
        serious_illness=fields.boolean("serious_illness", False),
        full_time_student=fields.boolean("full_time_student", False),
        single_parent_minor=fields.boolean("single_parent_minor", False),
        placed_employment_disabled=fields.boolean("placed_employment_disabled", False),
        unemployed=fields.boolean("unemployed", False),
        away_months=fields.integer("away_months", 0, 12, default=0, unit="个月"),
        guardian_capable=fields.boolean("guardian_capable", True),
        lives_at_hukou_place=fields.boolean("lives_at_hukou_place", True),
        hukou=fields.choice("hukou", HUKOU, allow_none=True),
        hukou_moved_in=fields.boolean("hukou_moved_in", True),
        father=fields.text("father"), mother=fields.text("mother"), spouse=fields.text("spouse"),
        tekun_care=fields.choice("tekun_care", TEKUN_CARE, default="dispersed"),
        dibao_recipient=fields.boolean("dibao_recipient", None),
        no_civil_capacity=fields.boolean("no_civil_capacity", False),
        declared_missing=fields.boolean("declared_missing", False),
        obligor_case=fields.text("obligor_case"),
        guardian_arranged=fields.boolean("guardian_arranged", None),
        incomes=_incomes(fields, "incomes"),
        assumed=assumed,
    )
    disability = fields.get("disability")
    if disability is not None:
        part = _Fields(disability, fields.where("disability"))
        member.disability_type = part.choice("type", DISABILITY_TYPES)
        member.disability_grade = part.integer("grade", 1, 4, unit="级")
        part.finish()
    fields.finish()
    return member


def parse_supporter(data, path: str) -> Supporter:
    fields = _Fields(data, path)
    supporter = Supporter(
        family_size=fields.integer("family_size", 1, MAX_MEMBERS, unit="人"),
        family_income_annual=fields.amount("family_income_annual"),
        category=fields.choice("category", SUPPORTER_CATEGORIES, allow_none=True),
        name=fields.text("name"),
        age=fields.integer("age", 0, MAX_AGE, unit="岁") if fields.given("age") else None,
        severely_disabled=fields.boolean("severely_disabled", False),
        dibao_recipient=fields.boolean("dibao_recipient", False),
        meets_tekun=fields.boolean("meets_tekun", False),
        assets_ok=fields.boolean("assets_ok", True),
        obligor_case=fields.text("obligor_case"))
    fields.finish()
    return supporter


def _household_facts(fields: _Fields) -> Household:
    assumed: list = []
    household = Household(
        hukou=fields.choice("hukou", HUKOU, default="rural"),
        assets_ok=fields.boolean("assets_ok", True, assumed, "家庭财产符合规定（按是）"),
        pure_daughter_family=fields.boolean("pure_daughter_family", False),
        still_in_difficulty=fields.boolean("still_in_difficulty", False, assumed,
                                           "乡镇是否认定纳入低保后仍有困难（按否，不计重点救助）"),
        household_class=fields.text("class"),
        on_dibao=fields.boolean("on_dibao", False),
        assumed=assumed,
    )
    if not fields.given("hukou"):
        assumed.insert(0, "户籍为当地农村户籍（按是）")
    supporters = fields.get("supporters")
    supporters = [] if supporters is None else supporters
    if not isinstance(supporters, list):
        raise InputError(fields.where("supporters"), "应为列表")
    if len(supporters) > MAX_MEMBERS:
        raise InputError(fields.where("supporters"), f"赡养人过多（最多{MAX_MEMBERS}个）")
    household.supporters = [parse_supporter(s, fields.where(f"supporters[{i}]")) for i, s in enumerate(supporters)]
    household.incomes = _incomes(fields, "incomes")
    return household


def parse_household(data) -> Household:
    """Check a household given as JSON (dict) and return it typed, with assumptions noted."""
    fields = _Fields(data, "")
    if fields.given("members") and fields.given("size"):
        raise InputError("size", "详细填写成员（members）时不要再填家庭人数（size）")
    household = _household_facts(fields)
    if fields.given("size") or not fields.given("members"):
        if not fields.given("size"):
            for key in ("members", "size"):            # a misspelled members or size is named as such
                error = fields.missing(key)
                if error.message != "必须填写":
                    raise error
            raise InputError("members", "须填写家庭成员（members），或用简易估算填写家庭人数（size）")
        household.summary_size = fields.integer("size", 1, MAX_MEMBERS, unit="人")
        given = fields.get("income")
        income = _Fields({"amount": 0} if given is None else given, "income")
        amount = income.amount("amount")
        per = income.choice("per", {"month": "月", "year": "年"}, default="month")
        of = income.choice("of", {"household": "全家", "per_capita": "人均"}, default="household")
        income.finish()
        fields.finish()
        yearly = per_year(amount, per)
        household.summary_income_annual = yearly * household.summary_size if of == "per_capita" else yearly
        if not fields.given("income"):
            household.assumed.append("家庭收入（按0元）")
        return household
    members = fields.get("members")
    fields.finish()
    if not isinstance(members, list):
        raise InputError("members", "应为列表")
    if not 1 <= len(members) <= MAX_MEMBERS:
        raise InputError("members", f"家庭成员应为1到{MAX_MEMBERS}人（填写了{len(members)}人）")
    household.members = [parse_member(m, f"members[{i}]", i) for i, m in enumerate(members)]
    check_family(household.members)
    return household


FAMILY_LINKS = ("father", "mother", "spouse")


def check_family(members: list) -> None:
    """The family must be possible: ids unique, one head, links to members of the household that
    are not the member itself, and a parent older than the child."""
    ids = [m.id for m in members]
    for i, member_id in enumerate(ids):
        if member_id in ids[:i]:
            raise InputError(f"members[{i}].id", f"成员编号“{shorten(member_id)}”重复")
    heads = [i for i, m in enumerate(members) if m.relation == "head"]
    if len(heads) != 1:
        where = f"members[{heads[1]}].relation" if len(heads) > 1 else "members"
        raise InputError(where, f"每户须有且只有一名户主（填写了{len(heads)}名）")
    by_id = dict(zip(ids, members))
    for i, member in enumerate(members):
        for key in FAMILY_LINKS:
            other = getattr(member, key)
            if other is None:
                continue
            if other not in by_id:
                raise InputError(f"members[{i}].{key}", f"户内没有编号为“{shorten(other)}”的成员")
            if other == member.id:
                raise InputError(f"members[{i}].{key}", "不能指向本人")
            if key != "spouse" and by_id[other].age <= member.age:
                raise InputError(f"members[{i}].{key}",
                                 f"父母（{shorten(other)}，{by_id[other].age}岁）应比子女（{member.age}岁）年长")
