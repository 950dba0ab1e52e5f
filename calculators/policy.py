"""County parameter files: reading, checking and choosing the one in force.

A policy file (``data/policies/<id>.yaml``) names its jurisdiction, its period of validity
and, for each value, the clause it comes from. Values that the source documents fix for every
county (the 三留守 definitions, the review quorum, publicity days, the standard-setting shares)
live once in ``data/policies/_definitions.yaml`` and apply unless a county file overrides them.
Sections a county file omits (deductions, key aid, supporter test, 特困) are not applied.
"""
import json
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

from .errors import InputError, missing_key_error, shorten, unknown_key_error
from .input_files import parse_json, parse_yaml, read_file
from .money import MONTHS_PER_YEAR, ROUNDING_MODES, per_year, to_decimal
from .thresholds import Threshold, read_threshold

DEFAULT_POLICY_ID = "laifeng-2017"
DEFINITIONS_FILE = "_definitions.yaml"
REGISTER_FILE = "interpretations.yaml"   # the readings register: documentation, not a policy
BUNDLE_FILE = Path(__file__).with_name("policies_bundle.json")
REPO_POLICY_DIR = Path(__file__).resolve().parent.parent / "data" / "policies"

PAYMENT_METHODS = {"gap": "补差（设置下限、适量取整）", "income_tiers": "划分档次、按档补差",
                   "class_amounts": "按户类别定额补助"}


@dataclass(frozen=True)
class Rounding:
    unit: Decimal
    mode: str            # up | half_up | down | none
    on: str = "household"  # person | household


@dataclass(frozen=True)
class Floor:
    monthly_amount: Decimal   # per person or per household, per month
    on: str                   # person | household
    described: str            # how the file states it, for the trace


@dataclass(frozen=True)
class Tier:
    up_to: Decimal | None     # per-capita monthly income upper edge; None = no upper edge
    amount: Decimal           # per person per month


@dataclass(frozen=True)
class Payment:
    method: str
    rounding: Rounding | None = None
    floor: Floor | None = None
    tiers: tuple = ()
    edge_in_lower_band: bool = True
    classes: dict = field(default_factory=dict)


@dataclass(frozen=True)
class DeductionGroup:
    group: str
    rate: Decimal            # share of the annual standard
    params: dict             # age limits etc.


@dataclass(frozen=True)
class KeyAidGroup:
    group: str
    rate: Decimal
    age: Threshold | None = None      # the group's age limit, as the clause words it


@dataclass(frozen=True)
class KeyAid:
    rate: Decimal
    rounding: Rounding
    groups: tuple
    combine: str             # highest | sum


@dataclass(frozen=True)
class SingleApplication:
    multiple_of_standard: Threshold   # 不高于低保标准1.8倍
    min_age: Threshold                # 成年：年满18周岁


@dataclass(frozen=True)
class ExitPause:
    """A dated period in which no recipient household is taken off 低保 (阳民发〔2020〕4号 二（二）10)."""
    start: date
    end: date | None          # None: until further notice


@dataclass(frozen=True)
class TemporaryAid:
    """What 阳民发〔2020〕4号 二（二）2、10 fixes for 临时救助 (each a limit with its words)."""
    first_aid_hours: Threshold        # 急难对象24小时先行救助
    epidemic_raise_max: Threshold     # 救助限额……按照不高于1000元的标准适当上浮
    township_reserve_min: Threshold   # 备用金额度提高至不低于5万元


@dataclass(frozen=True)
class Dibao:
    standard_annual: Decimal
    payment: Payment
    deductions: tuple | None          # None: section omitted, not applied
    key_aid: KeyAid | None
    supporter_multiple: Threshold | None   # 家庭收入＞家庭人数×1.8倍低保标准
    single_application: SingleApplication | None
    gradual_exit_months: int | None = None     # 低保渐退: months a recipient keeps receiving (county-set)
    exit_pause: ExitPause | None = None        # exits paused in a dated period (epidemic)

    @property
    def standard_monthly(self) -> Decimal:
        return self.standard_annual / MONTHS_PER_YEAR


@dataclass(frozen=True)
class Tekun:
    centralized_annual: Decimal
    dispersed_annual: Decimal
    multiple_of_dibao: Decimal | None
    outpatient_aid_annual: Decimal | None
    funeral_grant_basis: str | None   # which standard the funeral grant equals


@dataclass(frozen=True)
class IncomeRules:
    min_wage_monthly: Decimal | None
    migrant_rate: Decimal
    sporadic_rate: Decimal
    crops: dict                        # code -> {"name", "revenue_per_mu", "cost_per_mu"}
    employment_costs: bool = False     # work costs are deducted from work income (阳民发〔2020〕4号)


@dataclass(frozen=True)
class ReviewRules:
    min_members: Threshold            # 不得少于9人
    representatives_share: Threshold  # 不得少于三分之二
    attendance_share: Threshold       # 三分之二以上


@dataclass(frozen=True)
class InvestigationRules:
    """The household investigation team and its signatures (文件000 一（四）3)."""
    team_min: Threshold
    township_staff_min: Threshold
    village_staff_min: Threshold
    signatures_min: Threshold


@dataclass(frozen=True)
class SafeguardingRules:
    """The limits of 寿政秘〔2016〕278号 behind the staff-only safeguarding alerts."""
    child_alone_age: Threshold          # 不满十六周岁的儿童
    guardianship_months: Threshold      # 六个月以上
    elder_children_home_min: Threshold  # 至少留下1名子女


@dataclass(frozen=True)
class PublicityRules:
    township_days: int
    county_days: int


@dataclass(frozen=True)
class LeftBehindRules:
    migrant_min_months: Threshold
    child_age_below: Threshold
    elderly_age_from: Threshold
    woman_age_from: Threshold
    woman_age_to: Threshold
    village_visit_days: int
    township_check_days: int


@dataclass(frozen=True)
class StandardRules:
    dibao_share: Threshold
    tekun_share: Threshold
    publish_by: tuple         # (month, day)
    in_force_from: tuple      # (month, day)


@dataclass(frozen=True)
class Definitions:
    severe_disability_max_grade: int
    adult_age: Threshold
    tekun_elderly_age_from: Threshold
    tekun_minor_age_below: Threshold
    tekun_intellectual_mental_max_grade: int
    tekun_physical_max_grade: int
    tekun_obligor_elderly_age_from: Threshold   # 一（五）1.3（2）: 60周岁以上……的最低生活保障对象
    tekun_obligor_other_cases: dict             # 一（五）1.3（4）: province-set cases, code -> name


@dataclass(frozen=True)
class Policy:
    id: str
    name: str
    jurisdiction: str
    valid_from: date
    valid_until: date | None
    dibao: Dibao
    tekun: Tekun | None
    income: IncomeRules
    review: ReviewRules
    publicity: PublicityRules
    left_behind: LeftBehindRules
    standards: StandardRules
    definitions: Definitions
    raw: dict
    origin: str
    temporary_aid: TemporaryAid | None = None
    investigation: InvestigationRules | None = None
    safeguarding: SafeguardingRules | None = None
    changes: tuple = ()      # what a proposal changed from the file it was drawn from (``proposal``)
    _sources: dict = field(default_factory=dict, repr=False, compare=False)   # cache of source()

    def source(self, path: str) -> str:
        """The ``source`` text a file gives for a section (dotted path), with the file named."""
        if path not in self._sources:
            node, found = self.raw, None
            for key in path.split("."):
                if not isinstance(node, dict) or key not in node:
                    break
                node = node[key]
                if isinstance(node, dict) and node.get("source"):
                    found = node["source"]
            where = f"参数 {self.id}：{path}"
            self._sources[path] = f"{found}（{where}）" if found else where
        return self._sources[path]

    def is_example(self, path: str) -> bool:
        node = self.raw
        for key in path.split("."):
            node = node.get(key, {}) if isinstance(node, dict) else {}
            if isinstance(node, dict) and node.get("example"):
                return True
        return False


# Keys any section may carry for people, never read by a rule.
METADATA_KEYS = ("source", "example", "note", "notes", "jurisdiction_name")
MAX_RATE = Decimal(10)       # a rate or multiple of the standard above this is a typing error


class _Reader:
    """Reads one section of a policy file, naming the full path in every error.

    The keys the parser asks for are the keys it knows: ``finish_all`` refuses any other key of any
    section read, naming the nearest known one, so a misspelled value is never silently ignored.
    """

    def __init__(self, data, path: str, origin: str, readers: list | None = None):
        if not isinstance(data, dict):
            raise InputError(path or "政策文件", f"应为键值表（{origin}）")
        self.data, self.path, self.origin = data, path, origin
        self.known: set = set(METADATA_KEYS)
        self.readers = [] if readers is None else readers
        self.readers.append(self)

    def child(self, data, path: str) -> "_Reader":
        return _Reader(data, path, self.origin, self.readers)

    def get(self, key: str, default=None):
        self.known.add(key)
        return self.data.get(key, default)

    def finish_all(self):
        for reader in self.readers:
            for key in reader.data:
                if key not in reader.known:
                    raise unknown_key_error(f"{reader.where(str(key))}（{reader.origin}）", key,
                                            reader.known - set(METADATA_KEYS))

    def where(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key

    def has(self, key: str) -> bool:
        return self.get(key) is not None

    def missing(self, key: str):
        near = missing_key_error(self.where(key), key, [k for k in self.data if k not in self.known])
        if near.message != "必须填写":
            return InputError(f"{near.field}（{self.origin}）", near.message)
        return InputError(self.where(key), f"政策文件缺少此项（{self.origin}）")

    def section(self, key: str) -> "_Reader":
        if not self.has(key):
            raise self.missing(key)
        return self.child(self.data[key], self.where(key))

    def optional_section(self, key: str):
        return self.section(key) if self.has(key) else None

    def number(self, key: str, default=None, minimum=Decimal(0), maximum=None) -> Decimal:
        if not self.has(key):
            if default is None:
                raise self.missing(key)
            return Decimal(default)
        return to_decimal(self.data[key], self.where(key), minimum=minimum, maximum=maximum)

    def rate(self, key: str, default=None) -> Decimal:
        """A rate or multiple of the standard: from 0 to ``MAX_RATE``."""
        return self.number(key, default, maximum=MAX_RATE)

    def integer(self, key: str, default=None) -> int:
        value = self.number(key, default)
        if value != value.to_integral_value():
            raise InputError(self.where(key), "应为整数")
        return int(value)

    def share(self, key: str, default=None) -> Fraction:
        """A share written as 0.4, "40%" or "2/3": more than 0, at most 1."""
        value = self.get(key, default)
        if value is None:
            raise self.missing(key)
        if isinstance(value, bool) or not isinstance(value, (int, float, str)) or len(str(value)) > 30:
            raise InputError(self.where(key), "应为比例（如 0.4、40% 或 2/3）")
        text = str(value).strip()
        try:
            share = Fraction(text[:-1]) / 100 if text.endswith("%") else Fraction(text)
        except (ValueError, ZeroDivisionError):
            raise InputError(self.where(key), f"“{shorten(value)}”不是有效的比例（如 0.4、40% 或 2/3）") from None
        if not 0 < share <= 1:
            raise InputError(self.where(key), f"比例应大于0、不超过1（填写的是{shorten(value)}）")
        return share

    def choice(self, key: str, options, default=None) -> str:
        value = self.get(key, default)
        if value is None:
            raise self.missing(key)
        if not isinstance(value, str) or value not in options:
            allowed = "、".join(str(o) for o in options)
            raise InputError(self.where(key), f"“{shorten(value)}”不是可选值（可选：{allowed}）")
        return value

    def threshold(self, key: str) -> Threshold:
        """A limit with the clause's words beside it (see ``calculators.thresholds``)."""
        if not self.has(key):
            raise self.missing(key)
        return read_threshold(self.data[key], self.where(key), key)

    def text(self, key: str, default=None) -> str:
        value = self.get(key, default)
        if value is None:
            raise self.missing(key)
        if isinstance(value, (dict, list)):
            raise InputError(self.where(key), "应为文字")
        return str(value)

    def date(self, key: str, required=True):
        value = self.get(key)
        if value is None:
            if required:
                raise self.missing(key)
            return None
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value))
        except ValueError:
            raise InputError(self.where(key), f"“{shorten(value)}”不是有效日期（格式 YYYY-MM-DD）") from None

    def boolean(self, key: str, default: bool) -> bool:
        value = self.get(key, default)
        if not isinstance(value, bool):
            raise InputError(self.where(key), "应为 true 或 false")
        return value

    def annual_amount(self, key: str) -> Decimal:
        """An ``{amount, per}`` mapping as a yearly amount."""
        part = self.section(key)
        return per_year(part.number("amount"), part.choice("per", ("year", "month")))


# -- parsing one file ------------------------------------------------------------------

def _rounding(reader: _Reader | None, default_on="household") -> Rounding | None:
    if reader is None:
        return None
    mode = reader.choice("mode", tuple(ROUNDING_MODES) + ("none",))
    unit = reader.number("unit", default=1 if mode == "none" else None)
    if unit <= 0:
        raise InputError(reader.where("unit"), "取整单位应大于0")
    return Rounding(unit, mode, reader.choice("on", ("person", "household"), default=default_on))


def _floor(reader: _Reader | None, standard_annual: Decimal) -> Floor | None:
    if reader is None:
        return None
    on = reader.choice("on", ("person", "household"), default="person")
    if reader.has("rate_of_standard"):
        rate = reader.rate("rate_of_standard")
        monthly = rate * standard_annual / MONTHS_PER_YEAR
        return Floor(monthly, on, f"月低保标准的{rate.normalize():f}倍")
    amount = reader.number("amount")
    per = reader.choice("per", ("month", "year"), default="month")
    monthly = amount if per == "month" else amount / MONTHS_PER_YEAR
    return Floor(monthly, on, f"{amount.normalize():f}元/{'月' if per == 'month' else '年'}")


def _tiers(reader: _Reader) -> tuple:
    rows = reader.get("tiers")
    if not isinstance(rows, list) or not rows:
        raise InputError(reader.where("tiers"), "按档补差须列出各档（up_to 与 amount）")
    tiers, previous = [], None
    for i, row in enumerate(rows):
        tier = reader.child(row, reader.where(f"tiers[{i}]"))
        up_to = tier.number("up_to") if tier.has("up_to") else None
        if up_to is None and i != len(rows) - 1:
            raise InputError(tier.where("up_to"), "只有最后一档可以不设上限")
        if up_to is not None and previous is not None and up_to <= previous:
            raise InputError(tier.where("up_to"), "各档上限应逐档递增")
        amount = tier.number("amount")
        if tiers and amount > tiers[-1].amount:
            raise InputError(tier.where("amount"), f"收入更高的一档补助（{amount}元）不能多于上一档（{tiers[-1].amount}元）")
        tiers.append(Tier(up_to, amount))
        previous = up_to
    return tuple(tiers)


def _payment(reader: _Reader, standard_annual: Decimal) -> Payment:
    method = reader.choice("method", tuple(PAYMENT_METHODS))
    rounding = _rounding(reader.optional_section("rounding"))
    floor = _floor(reader.optional_section("floor"), standard_annual)
    if method == "income_tiers":
        edge = reader.choice("edge", ("lower", "upper"), default="lower")
        return Payment(method, rounding, floor, _tiers(reader), edge == "lower")
    if method == "class_amounts":
        classes = reader.section("classes")
        amounts = {str(k): classes.number(k) for k in classes.data if k not in METADATA_KEYS}
        if not amounts:
            raise InputError(reader.where("classes"), "按类别定额须列出各类别金额")
        return Payment(method, rounding, floor, classes=amounts)
    return Payment(method, rounding, floor)


def _deductions(reader: _Reader, defaults: dict) -> tuple | None:
    if "deductions" not in reader.data:
        return None
    rows = reader.get("deductions") or []
    if isinstance(rows, dict):   # {group: rate} shorthand
        rows = [{"group": k, "rate_of_standard": v} for k, v in rows.items() if k not in METADATA_KEYS]
    if not isinstance(rows, list):
        raise InputError(reader.where("deductions"), "应为列表")
    groups = []
    for i, row in enumerate(rows):
        item = reader.child(row, reader.where(f"deductions[{i}]"))
        if isinstance(row.get("group"), str) and row["group"] in DEDUCTION_GROUP_ALIASES:
            item.data = {**row, "group": DEDUCTION_GROUP_ALIASES[row["group"]]}
        group = item.choice("group", DEDUCTION_GROUPS)
        rate = item.rate("rate_of_standard") if item.has("rate_of_standard") else item.rate("rate")
        params = dict(defaults.get(group) or {})
        if any(item.has(k) for k in AGE_LIMIT_KEYS):   # the county's own age limits replace the defaults
            params = {k: v for k, v in params.items() if k not in AGE_LIMIT_KEYS}
        params.update({k: item.get(k) for k in AGE_LIMIT_KEYS if item.has(k)})
        limits = _Reader(params, item.path, item.origin)
        params = {k: limits.threshold(k) if k in AGE_LIMIT_KEYS else v for k, v in params.items()}
        groups.append(DeductionGroup(group, rate, params))
    return tuple(groups)


DEDUCTION_GROUPS = ("severe_disability_or_illness", "severe_disability", "serious_illness", "elderly",
                    "single_parent_minor", "student", "placed_employment_disabled", "pure_daughter_family")
# Other names a county file may use for the same groups.
DEDUCTION_GROUP_ALIASES = {"major_illness": "serious_illness", "minor_single_parent": "single_parent_minor",
                           "full_time_student": "student", "placed_employment": "placed_employment_disabled",
                           "pure_daughter": "pure_daughter_family"}
KEY_AID_GROUPS = ("elderly", "minor", "severe_disability", "serious_illness")
# Age limits of deduction groups: each is read as a Threshold (an older file's bare
# ``age_below: 16`` still means under 16, by its key).
AGE_LIMIT_KEYS = ("male_age_from", "female_age_from", "age", "age_from", "age_below")


def _key_aid(reader: _Reader | None, default_groups: list) -> KeyAid | None:
    if reader is None:
        return None
    rate = reader.rate("rate_of_standard")
    rounding = _rounding(reader.optional_section("rounding"), default_on="person") \
        or Rounding(Decimal(1), "none", "person")
    groups = []
    for i, row in enumerate(reader.get("groups") or default_groups):
        item = reader.child(row, reader.where(f"groups[{i}]"))
        age_key = next((k for k in ("age", "age_from", "age_below") if item.has(k)), None)
        groups.append(KeyAidGroup(
            item.choice("group", KEY_AID_GROUPS),
            item.rate("rate_of_standard", default=rate),
            item.threshold(age_key) if age_key else None))
    return KeyAid(rate, rounding, tuple(groups), reader.choice("combine", ("highest", "sum"), "highest"))


def _tekun(reader: _Reader | None, dibao_standard: Decimal) -> Tekun | None:
    if reader is None:
        return None
    standard = reader.section("standard")
    multiple = standard.rate("multiple_of_dibao") if standard.has("multiple_of_dibao") else None
    if multiple is not None:
        centralized = dispersed = dibao_standard * multiple
    else:
        centralized = standard.annual_amount("centralized")
        dispersed = standard.annual_amount("dispersed")
    outpatient = reader.annual_amount("outpatient_aid") if reader.has("outpatient_aid") else None
    funeral = reader.section("funeral_grant").choice("equals", ("dispersed", "centralized")) \
        if reader.has("funeral_grant") else None
    return Tekun(centralized, dispersed, multiple, outpatient, funeral)


def _monthly_min_wage(reader: _Reader) -> Decimal:
    reader.choice("per", ("month",), default="month")     # a minimum wage is monthly
    return reader.number("amount")


def _income(reader: _Reader | None) -> IncomeRules:
    reader = reader or _Reader({}, "income", "")     # income rules omitted: nothing to finish
    min_wage = _monthly_min_wage(reader.section("min_wage")) if reader.has("min_wage") else None
    migrant = reader.section("migrant_work")
    crops = {}
    farm = reader.optional_section("farm")
    for code, row in ((farm.get("crops") or {}) if farm else {}).items():
        crop = farm.child(row, farm.where(f"crops.{code}"))
        crops[code] = {"name": crop.text("name", code),
                       "revenue_per_mu": crop.number("revenue_per_mu"),
                       "cost_per_mu": crop.number("cost_per_mu")}
    return IncomeRules(min_wage, migrant.rate("rate"), migrant.rate("sporadic_rate"), crops,
                       reader.has("employment_cost"))


def _gradual_exit(reader: _Reader | None):
    return reader.integer("months") if reader is not None else None


def _exit_pause(reader: _Reader | None):
    if reader is None:
        return None
    pause = ExitPause(reader.date("from"), reader.date("until", required=False))
    if pause.end is not None and pause.end < pause.start:
        raise InputError(reader.where("until"), "暂停退出的结束日期不能早于开始日期")
    return pause


def _investigation(reader: _Reader | None):
    if reader is None:
        return None
    return InvestigationRules(*(reader.threshold(k) for k in (
        "team_min", "township_staff_min", "village_staff_min", "signatures_min")))


def _safeguarding(reader: _Reader | None):
    if reader is None:
        return None
    return SafeguardingRules(*(reader.threshold(k) for k in (
        "child_alone_age", "guardianship_months", "elder_children_home_min")))


def _temporary_aid(reader: _Reader | None):
    if reader is None:
        return None
    return TemporaryAid(reader.threshold("first_aid_hours"), reader.threshold("epidemic_raise_max"),
                        reader.threshold("township_reserve_min"))


def _tekun_obligor(reader: _Reader) -> tuple:
    """The 1.3 list's age limit and the province's other cases (a list of {code, name})."""
    rows = reader.get("other_cases") or []
    if not isinstance(rows, list):
        raise InputError(reader.where("other_cases"), "应为列表（每项写 code 和 name）")
    cases = {}
    for i, row in enumerate(rows):
        item = reader.child(row, reader.where(f"other_cases[{i}]"))
        cases[item.text("code")] = item.text("name")
    return reader.threshold("elderly_age_from"), cases


def _changes(reader: _Reader) -> tuple:
    """The change record of a file drawn from another (``changes:``, a list of sentences)."""
    rows = reader.get("changes") or []
    if not isinstance(rows, list) or not all(isinstance(row, str) for row in rows):
        raise InputError(reader.where("changes"), "应为文字列表（每项一句，说明由哪个文件调整了什么）")
    return tuple(rows)


def _month_day(reader: _Reader, key: str) -> tuple:
    text = reader.text(key)
    try:
        month, day = (int(x) for x in text.split("-"))
        date(2000, month, day)
    except ValueError:
        raise InputError(reader.where(key), f"“{text}”应为 月-日，如 04-01") from None
    return month, day


def parse_policy(raw: dict, origin: str) -> Policy:
    """Check a policy mapping (already merged with the shared definitions) and type it."""
    top = _Reader(raw, "", origin)
    dibao = top.section("dibao")
    standard_annual = dibao.annual_amount("standard")
    if standard_annual <= 0:
        raise InputError("dibao.standard.amount", "低保标准应大于0")
    support = dibao.optional_section("supporter_test")
    single = dibao.optional_section("single_application")
    review, publicity = top.section("review"), top.section("publicity")
    defs = top.section("definitions")
    labour = defs.section("tekun_labour")
    left, standards = top.section("left_behind"), top.section("standards")
    policy = Policy(
        id=top.text("id"),
        name=top.text("name", top.text("id")),
        jurisdiction=top.text("jurisdiction", top.text("id")),
        valid_from=top.date("valid_from"),
        valid_until=top.date("valid_until", required=False),
        dibao=Dibao(
            standard_annual=standard_annual,
            payment=_payment(dibao.section("payment"), standard_annual),
            deductions=_deductions(dibao, defs.get("deduction_groups") or {}),
            key_aid=_key_aid(dibao.optional_section("key_aid"), defs.get("key_aid_groups") or []),
            supporter_multiple=support.threshold("multiple_of_standard") if support else None,
            single_application=SingleApplication(single.threshold("multiple_of_standard"),
                                                 single.threshold("min_age")) if single else None,
            gradual_exit_months=_gradual_exit(dibao.optional_section("gradual_exit")),
            exit_pause=_exit_pause(dibao.optional_section("exit_pause"))),
        tekun=_tekun(top.optional_section("tekun"), standard_annual),
        income=_income(top.optional_section("income")),
        review=ReviewRules(review.threshold("min_members"), review.threshold("representatives_share"),
                           review.threshold("attendance_share")),
        publicity=PublicityRules(publicity.integer("township_days"), publicity.integer("county_days")),
        left_behind=LeftBehindRules(*(left.threshold(k) for k in (
            "migrant_min_months", "child_age_below", "elderly_age_from", "woman_age_from", "woman_age_to")),
            *(left.integer(k) for k in ("village_visit_days", "township_check_days"))),
        standards=StandardRules(standards.threshold("dibao_share_of_consumption"),
                                standards.threshold("tekun_share_of_consumption"),
                                _month_day(standards, "publish_by"), _month_day(standards, "in_force_from")),
        definitions=Definitions(
            defs.integer("severe_disability_max_grade"), defs.threshold("adult_age"),
            labour.threshold("elderly_age_from"), labour.threshold("minor_age_below"),
            labour.integer("intellectual_mental_max_grade"), labour.integer("physical_max_grade"),
            *_tekun_obligor(defs.section("tekun_obligor"))),
        raw=raw,
        origin=origin,
        temporary_aid=_temporary_aid(top.optional_section("temporary_aid")),
        investigation=_investigation(top.optional_section("investigation")),
        safeguarding=_safeguarding(top.optional_section("safeguarding")),
        changes=_changes(top),
    )
    top.finish_all()
    if policy.valid_until is not None and policy.valid_until < policy.valid_from:
        raise InputError(f"valid_until（{origin}）",
                         f"失效日期 {policy.valid_until} 早于生效日期 {policy.valid_from}")
    return policy


# -- finding files ---------------------------------------------------------------------

def _read_yaml(path: Path):
    """A policy file from disk, read strictly (encoding, duplicate keys, depth: ``input_files``)."""
    return parse_yaml(read_file(path, f"政策文件 {path.name}"), f"政策文件 {path.name}")


def _merge(base: dict, override: dict) -> dict:
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def _catalogue() -> tuple[dict, dict]:
    """(definitions, {policy id: (raw, origin)}) from data/policies, or the bundled JSON."""
    if REPO_POLICY_DIR.is_dir():
        definitions = _read_yaml(REPO_POLICY_DIR / DEFINITIONS_FILE)
        files = {}
        for path in sorted(REPO_POLICY_DIR.glob("*.yaml")):
            if path.name not in (DEFINITIONS_FILE, REGISTER_FILE):
                raw = _read_yaml(path)
                origin = f"data/policies/{path.name}"
                if not isinstance(raw, dict):
                    raise InputError("政策文件", f"应为键值表（{origin}）")
                policy_id = str(raw.get("id", path.stem))
                if policy_id in files:
                    raise InputError(f"id（{origin}）",
                                     f"编号“{shorten(policy_id)}”与 {files[policy_id][1]} 相同（编号不能重复）")
                files[policy_id] = (raw, origin)
        return definitions, files
    bundle = json.loads(BUNDLE_FILE.read_text(encoding="utf-8"))
    return bundle["definitions"], {k: (v, f"data/policies/{k}.yaml") for k, v in bundle["policies"].items()}


_cache: dict = {}


def _load(raw: dict, origin: str, definitions: dict) -> Policy:
    if not isinstance(raw, dict):
        raise InputError("政策文件", f"应为键值表（{origin}）")
    return parse_policy(_merge(definitions, raw), origin)


def list_policies() -> list[Policy]:
    """Every shipped policy file, checked and typed."""
    definitions, files = _catalogue()
    return check_versions([_load(raw, origin, definitions) for raw, origin in files.values()])


def check_versions(policies: list) -> list:
    """Within one jurisdiction, periods of validity must not overlap (which one applies would be a guess)."""
    by_jurisdiction: dict = {}
    for policy in policies:
        by_jurisdiction.setdefault(policy.jurisdiction, []).append(policy)
    for versions in by_jurisdiction.values():
        versions = sorted(versions, key=lambda p: p.valid_from)
        for earlier, later in zip(versions, versions[1:]):
            if earlier.valid_until is None or later.valid_from <= earlier.valid_until:
                until = earlier.valid_until or "至今"
                raise InputError(f"valid_from（{later.origin}）",
                                 f"有效期与 {earlier.origin}（{earlier.valid_from}—{until}）重叠（同一地区 "
                                 f"{shorten(later.jurisdiction)} 同一天只能有一个政策文件生效）")
    return policies


def _in_force(policy: Policy, day: date) -> bool:
    return policy.valid_from <= day and (policy.valid_until is None or day <= policy.valid_until)


def load_policy(id_or_path=None, as_of: date | None = None) -> Policy:
    """The policy to apply.

    ``id_or_path``: a policy id (``laifeng-2017``), a jurisdiction (``laifeng``), a path to a
    YAML file, a Policy, or None for the default county. With ``as_of``, the version of that
    jurisdiction in force on that day; a jurisdiction without ``as_of`` gives its latest version.
    """
    if isinstance(id_or_path, Policy) and as_of is None:
        return id_or_path
    key = (str(id_or_path), as_of)
    if key in _cache:
        return _cache[key]
    definitions, files = _catalogue()
    name = id_or_path.id if isinstance(id_or_path, Policy) else (id_or_path or DEFAULT_POLICY_ID)
    if str(name).endswith((".yaml", ".yml", ".json")) or "/" in str(name):
        path = Path(name)
        if not path.is_file():
            raise InputError("policy", f"找不到政策文件 {name}")
        text = read_file(path, f"政策文件 {path.name}")
        raw = parse_json(text, f"政策文件 {path.name}") if path.suffix == ".json" else _read_yaml(path)
        policy = _load(raw, str(path), definitions)
        versions = [policy]
    else:
        versions = check_versions([_load(raw, origin, definitions) for raw, origin in files.values()])
        chosen = [p for p in versions if p.id == name]
        jurisdiction = chosen[0].jurisdiction if chosen else name
        versions = [p for p in versions if p.jurisdiction == jurisdiction]
        if not versions:
            known = "、".join(sorted(files))
            raise InputError("policy", f"没有名为“{name}”的政策文件（已有：{known}）")
        policy = chosen[0] if chosen else max(versions, key=lambda p: p.valid_from)
    if as_of is not None:
        in_force = [p for p in versions if _in_force(p, as_of)]
        if not in_force:
            raise InputError("as_of", f"{as_of.isoformat()} 没有生效的政策文件（{policy.jurisdiction}）")
        policy = max(in_force, key=lambda p: p.valid_from)
    _cache[key] = policy
    return policy


def bundle_policies(out_path) -> Path:
    """Write every policy file and the shared definitions as one JSON (for the browser wheel)."""
    definitions, files = _catalogue()
    bundle = {"definitions": definitions, "policies": {k: raw for k, (raw, _) in files.items()}}
    out = Path(out_path)
    out.write_text(json.dumps(bundle, ensure_ascii=False, indent=1, default=str), encoding="utf-8")
    return out
