"""Synthetic county roster shaped like Laifeng County (来凤县, 恩施州) in 2017.

One row per person, Chinese column names as county staff write them (see README.md in this folder
and ``calculators.roster.COLUMNS``). Deterministic from the seed. No real people: names are drawn
from common surnames and given-name characters, villages are invented, ID numbers are valid in
form (GB 11643 checksum, area code 422827 = 来凤县, birth date consistent with the age) and every
row carries 数据来源=合成.

Households are drawn from archetypes (low-income, 特困, ordinary families with or without migrant
members); their enrolment (低保/特困), paid amounts and the left-behind ledger are then set from
what the rules engine says about each household, plus a few deliberate discrepancies so that the
screening reports are not empty: eligible but not enrolled (应保未保), enrolled but ineligible,
paid amounts that differ from the computed one, left-behind people missing from the ledger or
overdue for a visit. Every money figure is read from the policy object, never typed here.

    python data/roster/generate.py --households 300 --seed 2017 -o data/roster/sample.xlsx
    python data/roster/generate.py --full -o /tmp/laifeng.parquet          # the whole county
    python data/roster/generate.py --households 1000000 -o /tmp/big/       # folder of Parquet parts
"""
from __future__ import annotations

import argparse
import random
import sys
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from calculators import assess, load_policy  # noqa: E402
from calculators.roster.columns import COLUMN_NAMES, ROW  # noqa: E402
from calculators.roster.households import rows_to_household  # noqa: E402

REFERENCE_DATE = date(2017, 12, 31)
AREA_CODE = "422827"                       # 湖北省恩施州来凤县
FULL_HOUSEHOLDS = 78_000                    # about 250 000 rural residents
CHUNK_HOUSEHOLDS = 50_000                   # Parquet part size; households never span parts

# The county's real townships (2017) with an invented share of households and village count.
TOWNSHIPS = (("翔凤镇", 0.20, 24), ("百福司镇", 0.13, 20), ("大河镇", 0.15, 22), ("绿水镇", 0.09, 17),
             ("旧司镇", 0.10, 18), ("革勒车镇", 0.11, 19), ("漫水乡", 0.09, 16), ("三胡乡", 0.13, 21))
_VILLAGE_A = "青白黄龙凤石桥新高杨马观枫茶竹兴双梅李沙金水岩溪"
_VILLAGE_B = "山坪坝湾岭沟田塘寨坡园冲溪湖岩堡"

SURNAMES = ("向田彭覃杨张李王刘陈黄谭冉姚滕龚胡邓吴周肖梁罗宋曾唐许何舒")
GIVEN_MALE = "建国华明军平勇强伟文志海林波云峰斌龙辉涛杰成德福贵祥生才兵"
GIVEN_FEMALE = "秀英兰芳玲红梅丽娟霞燕翠珍凤琴春桂敏艳丹萍慧莲香花巧"

# Shares of households by archetype (tuned so the full county reproduces document 000's counts).
P_POOR, P_TEKUN = 0.1205, 0.0144
POOR_KINDS = (("single_ill", 0.27), ("single_elderly", 0.07), ("single_disabled", 0.06),
              ("elderly_couple", 0.13), ("disabled_with_parent", 0.10), ("single_mother", 0.12),
              ("grandparent_kids", 0.08), ("ill_head_family", 0.14), ("disabled_in_working_family", 0.03))
GENERAL_KINDS = (("nuclear", 0.43), ("three_generation", 0.30), ("elderly_couple", 0.12),
                 ("elderly_with_adult_child", 0.07), ("single", 0.08))

# Deliberate discrepancies (rates among the households concerned).
RATE_LEFT_OUT = 0.04          # eligible, not enrolled
RATE_WRONGLY_IN = 0.05        # low-income but ineligible, enrolled anyway
RATE_PAID_DIFF = 0.05         # enrolled and eligible, paid a different amount
RATE_CHANGED = 0.04           # enrolled, then circumstances changed (a car, a new job): now ineligible
RATE_NOT_IN_LEDGER = 0.05     # left-behind but not in the ledger
RATE_VISIT_LATE = 0.07        # village visit overdue
RATE_CHECK_LATE = 0.05        # township check overdue


def village_names(rng: random.Random, count: int, used: set) -> list:
    names = []
    while len(names) < count:
        name = rng.choice(_VILLAGE_A) + rng.choice(_VILLAGE_B) + "村"
        if name not in used:
            used.add(name)
            names.append(name)
    return names


def county_layout(seed: int) -> list:
    """[(township, share, [village names])], the same for every roster of a seed."""
    rng = random.Random(f"layout-{seed}")
    used: set = set()
    return [(t, share, village_names(rng, n, used)) for t, share, n in TOWNSHIPS]


def gb11643_check(first17: str) -> str:
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    return "10X98765432"[sum(int(d) * w for d, w in zip(first17, weights)) % 11]


class IdMaker:
    """Synthetic ID numbers, unique within a roster; each chunk owns its own sequence codes."""

    def __init__(self, part: int, parts: int):
        self.codes = [c for c in range(1, 1000) if (c // 2) % parts == part % parts]
        self.used: dict = {}

    def make(self, rng: random.Random, age: int, male: bool) -> str:
        latest = REFERENCE_DATE.replace(year=REFERENCE_DATE.year - age)
        earliest = REFERENCE_DATE.replace(year=REFERENCE_DATE.year - age - 1) + timedelta(days=1)
        span = (latest - earliest).days
        for _ in range(50):
            birth = earliest + timedelta(days=rng.randint(0, span))
            key = (birth, male)
            taken = self.used.setdefault(key, set())
            free = [c for c in self.codes if c % 2 == (1 if male else 0) and c not in taken]
            if free:
                code = rng.choice(free[:8])
                taken.add(code)
                first17 = f"{AREA_CODE}{birth:%Y%m%d}{code:03d}"
                return first17 + gb11643_check(first17)
        raise RuntimeError("synthetic ID space exhausted; use more parts")


class HouseholdMaker:
    """Builds the rows of one household; money figures scale with the policy's standard."""

    def __init__(self, rng: random.Random, policy, ids: IdMaker):
        self.rng, self.policy, self.ids = rng, policy, ids
        self.standard = float(policy.dibao.standard_annual)
        self.min_wage = float(policy.income.min_wage_monthly or 0)
        self.crops = [spec["name"] for spec in policy.income.crops.values()] or [""]

    # -- people --------------------------------------------------------------------------
    def name(self, male: bool, surname: str | None = None) -> str:
        rng = self.rng
        chars = GIVEN_MALE if male else GIVEN_FEMALE
        given = rng.choice(chars) + (rng.choice(chars) if rng.random() < 0.7 else "")
        return (surname or rng.choice(SURNAMES)) + given

    def person(self, number: int, relation: str, male: bool, age: int, surname=None, **fields) -> dict:
        row = dict.fromkeys(COLUMN_NAMES, "")
        row.update({"数据来源": "合成", "统计日期": REFERENCE_DATE.isoformat(), "成员序号": str(number),
                    "姓名": self.name(male, surname), "身份证号": self.ids.make(self.rng, age, male),
                    "与户主关系": relation, "性别": "男" if male else "女", "年龄": str(age),
                    "户籍性质": "农业", "是否共同生活": "是", "外出务工月数": "0", "有无监护照料能力": "有"})
        for key in ("是否重病", "是否全日制学生", "是否单亲未成年", "是否安置就业残疾人", "是否无业",
                    "财产是否合规", "纯女户", "仍有困难", "是否在留守台账"):
            row[key] = "否"
        row["财产是否合规"] = "是"
        row["保障类别"] = "无"
        row.update({k: str(v) for k, v in fields.items()})
        return row

    def farm(self, row: dict, low=0.5, high=4.0):
        row["耕地亩数"] = f"{self.rng.uniform(low, high):.1f}"
        row["作物"] = self.rng.choice(self.crops)

    def wage(self, row: dict, low: float, high: float):
        row["工资收入(元/年)"] = str(int(self.rng.uniform(low, high) * self.standard / 100) * 100)

    def migrant(self, row: dict, months: int, proof: bool):
        row["外出务工月数"] = str(months)
        if proof:
            self.wage(row, 7, 18)
        else:
            row["务工月数"] = str(months)

    def kids(self, parent_age: int, count: int) -> list:
        oldest = max(0, min(parent_age - 20, 24))
        return sorted((self.rng.randint(0, oldest) for _ in range(count)), reverse=True)

    # -- archetypes ---------------------------------------------------------------------
    def poor(self, kind: str) -> list:
        rng, s = self.rng, self.standard
        sur = rng.choice(SURNAMES)
        if kind == "single_ill":
            head = self.person(1, "户主", rng.random() < 0.6, rng.randint(30, 59), sur, 是否无业="是")
            if rng.random() < 0.55:
                head["是否重病"] = "是"
            else:
                head.update({"残疾类别": rng.choice(("肢体", "视力", "听力")), "残疾等级": rng.choice("234")})
            self.farm(head, 0.3, 1.5)
            if rng.random() < 0.4:
                head["务工月数"], head["零星务工"] = str(rng.randint(2, 8)), "是"
            rows = [head]
        elif kind == "single_elderly":
            head = self.person(1, "户主", rng.random() < 0.5, rng.randint(60, 88), sur, 是否无业="是")
            head["基础养老金(元/年)"] = str(rng.choice((840, 960, 1080)))
            self.farm(head, 0.2, 1.0)
            rows = [head]
        elif kind == "single_disabled":
            head = self.person(1, "户主", rng.random() < 0.6, rng.randint(25, 59), sur, 是否无业="是",
                               残疾类别=rng.choice(("肢体", "智力", "精神")), 残疾等级=rng.choice("12"))
            rows = [head]
        elif kind == "elderly_couple":
            age = rng.randint(60, 85)
            head = self.person(1, "户主", True, age, sur, 配偶序号=2, 是否无业="是")
            wife = self.person(2, "配偶", False, max(55, age - rng.randint(0, 5)), None, 配偶序号=1, 是否无业="是")
            for r in (head, wife):
                r["基础养老金(元/年)"] = str(rng.choice((840, 960, 1080)))
            self.farm(head, 0.5, 2.0)
            rows = [head, wife]
        elif kind == "disabled_with_parent":
            age = rng.randint(55, 78)
            head = self.person(1, "户主", rng.random() < 0.5, age, sur, 是否无业="是")
            child = self.person(2, "子女", rng.random() < 0.6, rng.randint(18, age - 20), sur, 是否无业="是",
                                残疾类别=rng.choice(("智力", "肢体", "精神", "多重")), 残疾等级=rng.choice("1223"))
            child["母亲序号" if head["性别"] == "女" else "父亲序号"] = "1"
            self.farm(head, 0.5, 2.5)
            rows = [head, child]
        elif kind == "single_mother":
            age = rng.randint(26, 46)
            head = self.person(1, "户主", False, age, None)
            rows = [head]
            for i, kid_age in enumerate(self.kids(age, rng.choice((1, 1, 2, 3)))):
                rows.append(self.person(i + 2, "子女", rng.random() < 0.5, kid_age, sur, 母亲序号=1,
                                        是否单亲未成年="是" if kid_age < 16 else "否",
                                        是否全日制学生="是" if 16 <= kid_age <= 22 else "否"))
            self.farm(head, 0.5, 2.0)
            head["务工月数"], head["零星务工"] = str(rng.randint(3, 10)), "是"
        elif kind == "grandparent_kids":
            age = rng.randint(58, 76)
            head = self.person(1, "户主", rng.random() < 0.5, age, sur, 是否无业="是")
            head["基础养老金(元/年)"] = "960" if age >= 60 else ""
            rows = [head]
            for i in range(rng.choice((1, 1, 2))):
                rows.append(self.person(i + 2, "孙子女", rng.random() < 0.5, rng.randint(3, 15), sur,
                                        是否单亲未成年="是"))
            self.farm(head, 0.5, 2.0)
        elif kind == "disabled_in_working_family":
            age = rng.randint(45, 58)
            head = self.person(1, "户主", True, age, sur, 配偶序号=2)
            wife = self.person(2, "配偶", False, age - rng.randint(0, 4), None, 配偶序号=1)
            child = self.person(3, "子女", rng.random() < 0.6, rng.randint(18, age - 22), sur, 父亲序号=1,
                                母亲序号=2, 是否无业="是", 残疾类别=rng.choice(("智力", "肢体")), 残疾等级="1")
            rows = [head, wife, child]
            # A modest family income: above the standard per head once the deduction is applied,
            # but within the band where the disabled adult may apply alone (the engine decides).
            self.wage(head, 4.0, 6.0)
        else:  # ill_head_family
            age = rng.randint(33, 55)
            head = self.person(1, "户主", True, age, sur, 配偶序号=2, 是否重病="是", 是否无业="是")
            wife = self.person(2, "配偶", False, age - rng.randint(0, 4), None, 配偶序号=1)
            rows = [head, wife]
            for i, kid_age in enumerate(self.kids(age, rng.choice((1, 1, 2, 3)))):
                rows.append(self.person(i + 3, "子女", rng.random() < 0.5, kid_age, sur, 父亲序号=1, 母亲序号=2,
                                        是否全日制学生="是" if 16 <= kid_age <= 22 else "否"))
            self.farm(head, 1.0, 3.0)
            if rng.random() < 0.6:
                wife["务工月数"], wife["零星务工"] = str(rng.randint(3, 10)), "是"
            else:
                self.wage(wife, 0.5, 2.0)
        if rng.random() < 0.25 and not any(r["与户主关系"] == "子女" and int(r["年龄"]) >= 25 for r in rows):
            head = rows[0]
            head["赡养人1家庭人口"] = str(rng.randint(2, 5))
            size = int(head["赡养人1家庭人口"])
            head["赡养人1家庭年收入(元)"] = str(int(size * s * rng.uniform(0.8, 2.2) / 100) * 100)
        rows[0]["仍有困难"] = "是" if rng.random() < 0.45 else "否"
        return rows

    def tekun(self) -> list:
        rng = self.rng
        if rng.random() < 0.8:
            head = self.person(1, "户主", rng.random() < 0.65, rng.randint(60, 92), None, 是否无业="是")
            head["基础养老金(元/年)"] = str(rng.choice((840, 960, 1080)))
        else:
            head = self.person(1, "户主", rng.random() < 0.6, rng.randint(20, 59), None, 是否无业="是",
                               残疾类别=rng.choice(("智力", "精神", "肢体")), 残疾等级="1")
        if rng.random() < 0.3:
            self.farm(head, 0.2, 0.8)
        return [head]

    def general(self, kind: str) -> list:
        rng = self.rng
        sur = rng.choice(SURNAMES)
        pattern = rng.random()
        if kind == "nuclear":
            age = rng.randint(24, 55)
            head = self.person(1, "户主", True, age, sur, 配偶序号=2)
            wife = self.person(2, "配偶", False, max(20, age - rng.randint(-2, 5)), None, 配偶序号=1)
            rows = [head, wife]
            for i, kid_age in enumerate(self.kids(age, rng.choice((0, 1, 1, 2, 2, 3)))):
                rows.append(self.person(i + 3, "子女", rng.random() < 0.52, kid_age, sur, 父亲序号=1, 母亲序号=2,
                                        是否全日制学生="是" if 16 <= kid_age <= 22 and rng.random() < 0.6 else "否"))
            self.farm(head, 1.0, 5.0)
            self._working_couple(head, wife, pattern, both=0.065, father=0.05, mother=0.01)
            for kid in rows[2:]:
                if int(kid["年龄"]) >= 18 and kid["是否全日制学生"] == "否":
                    self.wage(kid, 3, 12)
        elif kind == "three_generation":
            gage = rng.randint(55, 82)
            head = self.person(1, "户主", True, gage, sur)
            rows = [head]
            if rng.random() < 0.75:
                rows.append(self.person(2, "配偶", False, max(50, gage - rng.randint(0, 5)), None, 配偶序号=1))
                head["配偶序号"] = "2"
            elders = list(rows)
            age = max(22, min(gage - 22, 52) - rng.randint(0, 8))
            son = self.person(3, "子女", True, age, sur, 父亲序号=1, 配偶序号=4)
            if len(rows) == 2:
                son["母亲序号"] = "2"
            dil = self.person(4, "儿媳", False, max(20, age - rng.randint(-2, 5)), None, 配偶序号=3)
            rows += [son, dil]
            for i, kid_age in enumerate(self.kids(age, rng.choice((1, 1, 2, 2, 3)))):
                rows.append(self.person(i + 5, "孙子女", rng.random() < 0.52, kid_age, sur, 父亲序号=3, 母亲序号=4,
                                        是否全日制学生="是" if 16 <= kid_age <= 22 and rng.random() < 0.6 else "否"))
            for r in elders:
                if int(r["年龄"]) >= 60:
                    r["基础养老金(元/年)"] = "960"
            self.farm(head, 1.0, 5.0)
            self._working_couple(son, dil, pattern, both=0.17, father=0.05, mother=0.01)
        elif kind == "elderly_couple":
            age = rng.randint(58, 85)
            head = self.person(1, "户主", True, age, sur, 配偶序号=2)
            wife = self.person(2, "配偶", False, max(52, age - rng.randint(0, 5)), None, 配偶序号=1)
            rows = [head, wife]
            self.farm(head, 1.0, 4.0)
            self.wage(head, 1.5, 4)
            head["赡养人1家庭人口"] = str(rng.randint(3, 5))
            head["赡养人1家庭年收入(元)"] = str(int(int(head["赡养人1家庭人口"]) * self.standard *
                                              rng.uniform(2.0, 6.0) / 100) * 100)
        elif kind == "elderly_with_adult_child":
            age = rng.randint(60, 84)
            head = self.person(1, "户主", rng.random() < 0.6, age, sur)
            if head["性别"] == "男" and rng.random() < 0.6:
                rows = [head, self.person(2, "配偶", False, max(55, age - rng.randint(0, 5)), None)]
                head["配偶序号"], rows[1]["配偶序号"] = "2", "1"
            else:
                rows = [head]
            child = self.person(len(rows) + 1, "子女", rng.random() < 0.7, rng.randint(22, 40), sur)
            child["父亲序号" if head["性别"] == "男" else "母亲序号"] = "1"
            rows.append(child)
            self.farm(head, 1.0, 3.0)
            if rng.random() < 0.75:
                self.migrant(child, rng.randint(7, 12), proof=True)
            else:
                self.wage(child, 5, 14)
        else:  # single
            head = self.person(1, "户主", rng.random() < 0.7, rng.randint(20, 58), sur)
            self.wage(head, 4, 14)
            rows = [head]
        return rows

    def _working_couple(self, man: dict, woman: dict, pattern: float, both: float, father: float, mother: float):
        rng = self.rng
        if pattern < both:
            self.migrant(man, rng.randint(7, 12), proof=rng.random() < 0.85)
            self.migrant(woman, rng.randint(7, 12), proof=rng.random() < 0.85)
        elif pattern < both + father:
            self.migrant(man, rng.randint(7, 12), proof=True)
            self.wage(woman, 1, 3)
        elif pattern < both + father + mother:
            self.migrant(woman, rng.randint(7, 12), proof=True)
            self.wage(man, 1, 3)
        else:
            self.wage(man, 7, 18)
            if rng.random() < 0.85:
                self.wage(woman, 3, 9)


def _pick(rng: random.Random, table) -> str:
    x, acc = rng.random(), 0.0
    for name, weight in table:
        acc += weight
        if x < acc:
            return name
    return table[-1][0]


def _date_between(rng: random.Random, earliest: date, latest: date) -> str:
    return (earliest + timedelta(days=rng.randint(0, max(0, (latest - earliest).days)))).isoformat()


def enrol(rows: list, archetype: str, policy, rng: random.Random) -> None:
    """Set enrolment and ledger columns from the engine's assessment of the household."""
    household = rows_to_household(rows, policy.income.crops)
    result = assess(household, policy, as_of=REFERENCE_DATE).to_dict()
    dibao = result["dibao"]
    head = rows[0]
    if archetype == "tekun":
        mode = "集中" if rng.random() < 0.3 else "分散"
        standard = policy.tekun.centralized_annual if mode == "集中" else policy.tekun.dispersed_annual
        monthly = (standard / 12).quantize(Decimal("0.01"))
        head.update({"保障类别": "特困", "特困供养方式": mode, "月发放金额(元)": f"{monthly:f}",
                     "纳入日期": _date_between(rng, date(2008, 1, 1), date(2017, 10, 31))})
    elif archetype == "poor":
        eligible = dibao["eligible"]
        enrolled = (eligible and rng.random() >= RATE_LEFT_OUT) or (not eligible and rng.random() < RATE_WRONGLY_IN)
        if enrolled:
            paid = Decimal(str(dibao["total_monthly"])) if eligible else Decimal(rng.randrange(60, 400, 10))
            if eligible and rng.random() < RATE_PAID_DIFF:
                paid = max(Decimal(0), paid + rng.choice((-1, 1)) * Decimal(rng.randrange(10, 90, 10)))
            single = "single_application" in str(dibao.get("method", "")) or dibao.get("single_application")
            head.update({"保障类别": "低保", "低保方式": "单人保" if single else "整户保",
                         "低保档次": str(dibao.get("tier") or ""), "月发放金额(元)": f"{paid:f}",
                         "纳入日期": _date_between(rng, date(2012, 1, 1), date(2017, 11, 30))})
            if eligible and rng.random() < RATE_CHANGED:
                if rng.random() < 0.5:
                    head["财产是否合规"] = "否"            # e.g. bought a car since enrolment
                else:
                    worker = max(rows, key=lambda r: -abs(int(r["年龄"]) - 35))
                    worker["工资收入(元/年)"] = str(int(len(rows) * 2 * float(policy.dibao.standard_annual)))
    visit_days = policy.left_behind.village_visit_days
    check_days = policy.left_behind.township_check_days
    kinds = {"child": "儿童", "elderly": "老人", "woman": "妇女"}
    by_id = {f"m{r['成员序号']}": r for r in rows}
    for item in result.get("left_behind", []):
        row = by_id[item["member"]]
        if rng.random() < RATE_NOT_IN_LEDGER:
            continue
        row["是否在留守台账"], row["留守类别"] = "是", kinds[item["category"]]
        late_visit, late_check = rng.random() < RATE_VISIT_LATE, rng.random() < RATE_CHECK_LATE
        ref = REFERENCE_DATE
        row["最近村级走访日期"] = _date_between(
            rng, ref - timedelta(days=3 * visit_days), ref - timedelta(days=visit_days + 1)) if late_visit \
            else _date_between(rng, ref - timedelta(days=visit_days - 1), ref)
        row["最近乡镇核查日期"] = _date_between(
            rng, ref - timedelta(days=3 * check_days), ref - timedelta(days=check_days + 1)) if late_check \
            else _date_between(rng, ref - timedelta(days=check_days - 1), ref)
    head_values = {k: head[k] for k in ("保障类别", "低保方式", "低保档次", "月发放金额(元)", "纳入日期",
                                        "特困供养方式", "仍有困难", "财产是否合规", "纯女户", "户类别",
                                        "赡养人1家庭人口", "赡养人1家庭年收入(元)")}
    for row in rows[1:]:
        row.update(head_values)


def generate_chunk(seed: int, part: int, parts: int, first: int, count: int, policy_id: str = "laifeng-2017") -> list:
    """Rows of households ``first`` .. ``first + count - 1`` (deterministic from seed and part)."""
    policy = load_policy(policy_id)
    rng = random.Random(f"roster-{seed}-{part}")
    makers = HouseholdMaker(rng, policy, IdMaker(part, parts))
    layout = county_layout(seed)
    shares = [(i, share) for i, (_, share, _) in enumerate(layout)]
    out = []
    for serial in range(first, first + count):
        t = int(_pick(rng, [(str(i), s) for i, s in shares]))
        township, _, villages = layout[t]
        v = rng.randrange(len(villages))
        x = rng.random()
        if x < P_TEKUN:
            archetype, rows = "tekun", makers.tekun()
        elif x < P_TEKUN + P_POOR:
            archetype, rows = "poor", makers.poor(_pick(rng, POOR_KINDS))
        else:
            archetype, rows = "general", makers.general(_pick(rng, GENERAL_KINDS))
        key = f"{t + 1:02d}{v + 1:03d}{serial:07d}"
        for row in rows:
            row.update({"户编号": key, "乡镇": township, "村": villages[v]})
            row[ROW] = 0
        enrol(rows, archetype, policy, rng)
        for row in rows:
            del row[ROW]
        out.extend(rows)
    return out


def _chunk_args(households: int, seed: int):
    parts = max(1, -(-households // CHUNK_HOUSEHOLDS))
    return [(seed, p, parts, p * CHUNK_HOUSEHOLDS + 1, min(CHUNK_HOUSEHOLDS, households - p * CHUNK_HOUSEHOLDS))
            for p in range(parts)]


def _run_chunk(args):
    import pandas as pd

    return pd.DataFrame(generate_chunk(*args), columns=COLUMN_NAMES)


def generate(households: int, seed: int = 2017, processes: int = 1):
    """The roster as a pandas DataFrame of text cells (one row per person)."""
    import pandas as pd

    frames = list(_map(_run_chunk, _chunk_args(households, seed), processes))
    return pd.concat(frames, ignore_index=True)


def _map(func, items, processes: int):
    if processes > 1 and len(items) > 1:
        from multiprocessing import get_context

        with get_context("spawn").Pool(processes) as pool:
            yield from pool.imap(func, items)
    else:
        yield from map(func, items)


def write(frame, path: Path) -> None:
    suffix = path.suffix.lower()
    path.parent.mkdir(parents=True, exist_ok=True)
    if suffix == ".csv":
        frame.to_csv(path, index=False, encoding="utf-8-sig")
    elif suffix == ".xlsx":
        write_xlsx(frame, path)
    elif suffix == ".parquet":
        frame.to_parquet(path, index=False)
    else:
        raise SystemExit(f"未知的输出格式：{path}（可用 .xlsx、.csv、.parquet，或以 / 结尾的文件夹）")


def write_xlsx(frame, path: Path, sheet: str = "花名册") -> None:
    """Excel with every cell as text (ID numbers must not become numbers), header frozen."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    ws = book.active
    ws.title = sheet
    ws.append(list(frame.columns))
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for values in frame.itertuples(index=False):
        ws.append(list(values))
    for i, name in enumerate(frame.columns, start=1):
        letter = ws.cell(row=1, column=i).column_letter
        ws.column_dimensions[letter].width = 20 if name == "身份证号" else max(8, min(22, len(name) * 2 + 2))
        for cell in ws[letter][1:]:
            cell.number_format = "@"
    ws.freeze_panes = "A2"
    book.save(path)


def write_parts(households: int, seed: int, folder: Path, processes: int = 1) -> list:
    """A folder of Parquet parts (households never split between parts), for Dask and the benchmark."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i, frame in enumerate(_map(_run_chunk, _chunk_args(households, seed), processes)):
        path = folder / f"part-{i:05d}.parquet"
        frame.to_parquet(path, index=False)
        paths.append(path)
        print(f"已写出 {path}（{len(frame)} 人）", file=sys.stderr)
    return paths


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="生成合成的县级花名册（形如2017年来凤县；无真实人员）")
    parser.add_argument("--households", type=int, default=None, help="户数（默认400）")
    parser.add_argument("--full", action="store_true", help=f"全县规模（{FULL_HOUSEHOLDS}户，约25万人）")
    parser.add_argument("--scale", type=float, default=None, help="全县规模的倍数，如0.1")
    parser.add_argument("--seed", type=int, default=2017)
    parser.add_argument("--processes", type=int, default=1, help="并行进程数（大花名册用）")
    parser.add_argument("-o", "--output", required=True,
                        help="输出文件 .xlsx/.csv/.parquet，或以 / 结尾的文件夹（分片Parquet）")
    args = parser.parse_args(argv)
    households = args.households or (FULL_HOUSEHOLDS if args.full else
                                     round(FULL_HOUSEHOLDS * args.scale) if args.scale else 400)
    out = Path(args.output)
    if args.output.endswith("/") or (out.exists() and out.is_dir()):
        write_parts(households, args.seed, out, args.processes)
    else:
        frame = generate(households, args.seed, args.processes)
        write(frame, out)
        print(f"已写出 {out}：{frame['户编号'].nunique()} 户 {len(frame)} 人", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
