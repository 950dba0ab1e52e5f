"""Step 4 of the roster pipeline: accepted rows as the engine's households (JSON form, or arrays)."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow.compute as pc

from .cells import _arrow, numbers
from .columns import (BOOL_VALUES, DISABILITY_GRADES, DISABILITY_TYPES, HUKOU, INCOME_MONEY_COLUMNS, KEY,
                      PERSON_BOOL_FIELDS, RELATIONS, ROW, SEXES, STATUSES)

# -- conversion to the engine's household JSON -------------------------------------------------

def _num(text: str):
    """Text to int when whole, else Decimal-safe float string kept as str for the engine."""
    value = float(text)
    return int(value) if value.is_integer() else text


def _bool(text: str, default: bool) -> bool:
    return BOOL_VALUES[text] if text else default


def _crop_code(text: str, crops: dict) -> str:
    for code, spec in crops.items():
        if text in (code, spec.get("name")):
            return code
    return text   # unknown crop: the engine names the field in its error


def person_to_member(row: dict, crops: dict) -> dict:
    """One roster row (text cells keyed by Chinese column) as a member dict of the engine JSON."""
    number = int(float(row["成员序号"])) if row["成员序号"] else row[ROW]    # "01" is member 1
    member = {
        "id": f"m{number}",
        "relation": RELATIONS[row["与户主关系"]],
        "sex": SEXES[row["性别"]],
        "age": int(float(row["年龄"])),
        "co_resident": _bool(row["是否共同生活"], True),
        "status": STATUSES[row["特殊情形"]],
        "guardian_capable": _bool(row["有无监护照料能力"], True),
        "away_months": int(float(row["外出务工月数"])) if row["外出务工月数"] else 0,
    }
    for column, key in PERSON_BOOL_FIELDS.items():
        member[key] = _bool(row[column], False)
    if row["残疾类别"] not in ("", "无"):
        grade = DISABILITY_GRADES.get(row["残疾等级"])
        member["disability"] = {"type": DISABILITY_TYPES[row["残疾类别"]], "grade": grade}
    else:
        member["disability"] = None
    for column, key in (("父亲序号", "father"), ("母亲序号", "mother"), ("配偶序号", "spouse")):
        if row[column]:
            member[key] = f"m{int(float(row[column]))}"
    incomes = []
    for column, kind in INCOME_MONEY_COLUMNS.items():
        if row[column] and float(row[column]) != 0:
            incomes.append({"kind": kind, "amount": _num(row[column]), "per": "year"})
    if row["务工月数"] and float(row["务工月数"]) > 0:
        item = {"kind": "migrant_work", "months": int(float(row["务工月数"])),
                "sporadic": _bool(row["零星务工"], False)}
        if row["最低工资(元/月)"]:
            item["min_wage_monthly"] = _num(row["最低工资(元/月)"])
        incomes.append(item)
    if row["耕地亩数"] and float(row["耕地亩数"]) > 0:
        incomes.append({"kind": "farm", "mu": _num(row["耕地亩数"]),
                        "crop": _crop_code(row["作物"], crops)})
    member["incomes"] = incomes
    return member


def rows_to_household(rows: list[dict], crops: dict | None = None) -> dict:
    """The rows of one household (head first or not) as the engine's detailed household JSON."""
    crops = crops or {}
    head = next(r for r in rows if r["与户主关系"] == "户主")
    ordered = [head] + [r for r in rows if r is not head]
    household = {
        "hukou": HUKOU[head["户籍性质"]],
        "assets_ok": _bool(head["财产是否合规"], True),
        "pure_daughter_family": _bool(head["纯女户"], False),
        "still_in_difficulty": _bool(head["仍有困难"], False),
        "members": [person_to_member(r, crops) for r in ordered],
        "supporters": [],
    }
    if head["户类别"]:
        household["class"] = head["户类别"]
    for n in ("1", "2"):
        size, income = head[f"赡养人{n}家庭人口"], head[f"赡养人{n}家庭年收入(元)"]
        if size or income:
            household["supporters"].append({"family_size": int(float(size or 0)),
                                            "family_income_annual": _num(income or "0")})
    return household


def iter_households(frame: pd.DataFrame, crops: dict | None = None):
    """Yield (key, household JSON, rows) for each household of an accepted frame, in file order."""
    names = list(frame.columns)
    columns = [frame[n].to_numpy(dtype=object) for n in names]
    groups: dict = {}
    for values in zip(*columns):
        record = dict(zip(names, values))
        groups.setdefault(record[KEY], []).append(record)
    for key, rows in groups.items():
        yield key, rows_to_household(rows, crops), rows


# -- the same conversion, column by column (for screening a whole roster at once) ---------------

RELATION_CODES = tuple(dict.fromkeys(RELATIONS.values()))     # engine relation names, in a fixed order
DISABILITY_CODES = (None,) + tuple(DISABILITY_TYPES.values())
MEMBER_NUMBER_LIMIT = 100        # 成员序号 is 1-99: (household, number) packs into one integer


@dataclass
class RosterPeople:
    """Accepted roster rows as typed arrays, one entry per person, as ``rows_to_household`` reads them.

    Households are contiguous and in order of first appearance, the head first and then the other
    members in file order (the member order of the household JSON). ``starts[h]:starts[h + 1]`` are
    the people of household ``h``. Money is integer micro-yuan (10⁻⁶ 元); a cell that cannot be held
    exactly that way marks its household in ``inexact``.
    """
    source: pd.DataFrame          # the text rows, in file order
    position: np.ndarray          # person i is row ``position[i]`` of ``source``
    household: np.ndarray         # household number 0..H-1 of each person
    starts: np.ndarray            # H + 1 offsets
    number: np.ndarray            # 成员序号 (0: blank)
    relation: np.ndarray          # index into RELATION_CODES
    female: np.ndarray
    age: np.ndarray
    co_resident: np.ndarray
    status: np.ndarray            # engine status name or None (object)
    disability: np.ndarray        # index into DISABILITY_CODES (0: none)
    grade: np.ndarray             # 残疾等级 (0: blank)
    serious_illness: np.ndarray
    full_time_student: np.ndarray
    single_parent_minor: np.ndarray
    placed_employment_disabled: np.ndarray
    unemployed: np.ndarray
    away_months: np.ndarray
    guardian_capable: np.ndarray
    father: np.ndarray            # member numbers (0: blank)
    mother: np.ndarray
    spouse: np.ndarray
    amounts: dict                 # income kind -> yearly micro-yuan (wage, business, property, transfer, pension_basic)
    migrant_months: np.ndarray
    min_wage: np.ndarray          # micro-yuan per month, -1 where blank
    sporadic: np.ndarray
    mu: np.ndarray                # farm area in millionths of a mu
    crop: np.ndarray              # the crop cell as written ('' when blank)
    # per household, from the head's row
    hukou_rural: np.ndarray
    assets_ok: np.ndarray
    pure_daughter_family: np.ndarray
    still_in_difficulty: np.ndarray
    household_class: np.ndarray   # '' when blank (object)
    supporters: list              # per supporter column group: (given, family size, yearly income micro-yuan)
    inexact: np.ndarray           # some amount has more than six decimals

    @property
    def heads(self) -> np.ndarray:
        return self.starts[:-1]

    def cells(self, people: np.ndarray, columns: list) -> pd.DataFrame:
        """The text cells of some people (by person index), in that order."""
        return self.source[columns].iloc[self.position[people]].reset_index(drop=True)


def _coded(text: pd.Series, mapping: dict, blank, dtype=np.int64) -> np.ndarray:
    """Each cell's value under ``mapping`` (blank cells: ``blank``), through a dictionary encoding."""
    encoded = pc.dictionary_encode(_arrow(text))
    values = [blank if v == "" else mapping[v] for v in encoded.dictionary.to_pylist()]
    table = np.array(values, dtype=dtype) if values else np.zeros(0, dtype=dtype)
    return table[encoded.indices.to_numpy(zero_copy_only=False)] if len(table) else np.zeros(len(text), dtype)


def _texts(text: pd.Series) -> np.ndarray:
    """The cells as a Python object array, each distinct text made once."""
    encoded = pc.dictionary_encode(_arrow(text))
    distinct = np.array(encoded.dictionary.to_pylist() + [""], dtype=object)
    return distinct[encoded.indices.to_numpy(zero_copy_only=False)] if len(text) else np.array([], dtype=object)


def _flag(text: pd.Series, default: bool) -> np.ndarray:
    return _coded(text, BOOL_VALUES, default, bool)


def _floats(text: pd.Series) -> np.ndarray:
    """Numbers of accepted rows (``validate`` checked them); blank cells are 0."""
    return np.nan_to_num(numbers(text), nan=0.0)


def _micro(text: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Amounts in integer millionths, and where a cell has more precision than that (or an exponent)."""
    values = _floats(text)
    odd = pc.match_substring_regex(_arrow(text), r"[eE]|\.\d{7,}").to_numpy(zero_copy_only=False)
    return np.rint(values * 1_000_000).astype(np.int64), odd | (values >= 1e9)


def roster_people(frame: pd.DataFrame) -> RosterPeople:
    """The accepted rows of ``validate`` as typed arrays (same meaning as ``person_to_member``).

    Columns are converted in file order and then put in person order: only the arrays move.
    """
    household = pd.factorize(frame[KEY])[0]
    head = (frame["与户主关系"] == "户主").to_numpy()
    order = np.lexsort((np.arange(len(frame)), ~head, household))
    household = household[order]
    starts = np.flatnonzero(np.r_[True, household[1:] != household[:-1], True])
    inexact = np.zeros(len(frame), dtype=bool)

    def exact_micro(column):
        nonlocal inexact
        values, odd = _micro(frame[column])
        inexact |= odd
        return values[order]

    money = {kind: exact_micro(column) for column, kind in INCOME_MONEY_COLUMNS.items()}
    min_wage = np.where((frame["最低工资(元/月)"] == "").to_numpy()[order], -1, exact_micro("最低工资(元/月)"))
    mu = exact_micro("耕地亩数")
    integer = {column: _floats(frame[column]).astype(np.int64)[order] for column in (
        "成员序号", "年龄", "外出务工月数", "父亲序号", "母亲序号", "配偶序号", "务工月数")}
    heads = frame.iloc[order[starts[:-1]]]
    household_inexact = np.zeros(len(heads), dtype=bool)
    supporters = []
    for n in ("1", "2"):
        size, income = heads[f"赡养人{n}家庭人口"], heads[f"赡养人{n}家庭年收入(元)"]
        yearly, odd = _micro(income)
        household_inexact |= odd
        supporters.append((((size != "") | (income != "")).to_numpy(), _floats(size).astype(np.int64), yearly))

    def coded(column, mapping, blank, dtype=np.int64):
        return _coded(frame[column], mapping, blank, dtype)[order]

    def flag(column, default):
        return _flag(frame[column], default)[order]

    return RosterPeople(
        source=frame, position=order, household=household, starts=starts, number=integer["成员序号"],
        relation=coded("与户主关系", {k: RELATION_CODES.index(v) for k, v in RELATIONS.items()}, -1),
        female=(frame["性别"] == "女").to_numpy()[order], age=integer["年龄"],
        co_resident=flag("是否共同生活", True), status=coded("特殊情形", STATUSES, None, object),
        disability=coded("残疾类别", {"无": 0, **{k: DISABILITY_CODES.index(v) for k, v in DISABILITY_TYPES.items()}},
                         0),
        grade=coded("残疾等级", {"无": 0, **DISABILITY_GRADES}, 0),
        **{key: flag(column, False) for column, key in PERSON_BOOL_FIELDS.items()},
        away_months=integer["外出务工月数"], guardian_capable=flag("有无监护照料能力", True),
        father=integer["父亲序号"], mother=integer["母亲序号"], spouse=integer["配偶序号"],
        amounts=money, migrant_months=integer["务工月数"], min_wage=min_wage,
        sporadic=flag("零星务工", False), mu=mu, crop=_texts(frame["作物"])[order],
        hukou_rural=(_coded(heads["户籍性质"], HUKOU, None, object) == "rural"),
        assets_ok=_flag(heads["财产是否合规"], True), pure_daughter_family=_flag(heads["纯女户"], False),
        still_in_difficulty=_flag(heads["仍有困难"], False), household_class=_texts(heads["户类别"]),
        supporters=supporters,
        inexact=household_inexact | (np.logical_or.reduceat(inexact[order], starts[:-1]) if len(frame) else False))


