"""Roster import: a county spreadsheet (one row per person) read, checked and turned into households.

County staff keep their rosters in Excel or CSV with Chinese column names. This module knows those
columns (``COLUMNS``; documented in ``data/roster/README.md``), checks every row, and converts the
accepted rows into household dicts in the engine's JSON form, which ``calculators.assess`` reads.

Rules of the import (DESIGN.md principle 7, nothing is lost):

* A missing required column, an unreadable file or an empty roster stops the import
  (``RosterError``): no row could be assessed.
* Every other problem is an *issue* tied to a file row (as the spreadsheet shows it: the header is
  row 1, the first person is row 2), a column and a Chinese message.
* A household is assessed whole or not at all. Dropping one bad member would change the household's
  size and per-capita income and so give a wrong answer; a household with any bad row is therefore
  rejected as a whole, and its other rows are reported as rejected "because of row N".
* ``rows_read == rows_accepted + rows_rejected`` and the same for households, always.

Validation is vectorised over pandas columns so that a million-household roster is checked in
seconds. The engine validates the household dicts again when it assesses them (one rule, one
place); its ``InputError`` is mapped back to the row and column here (``issue_from_input_error``).
This module holds no policy rule and no policy number.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from .errors import InputError

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


# -- reading ----------------------------------------------------------------------------------

CSV_ENCODINGS = ("utf-8-sig", "gb18030")
EXCEL_SUFFIXES = (".xlsx", ".xlsm", ".xls")       # .xls: Excel 97–2003 and WPS files


def read_table(path) -> pd.DataFrame:
    """Read a roster file (.xlsx, .xls, .csv, .parquet, or a folder of .parquet) as text cells.

    Every cell becomes a stripped string ('' for blank), so that ID numbers keep their X and
    leading digits and nothing is guessed before validation. Adds ``_row``, the file row number.
    """
    path = Path(path)
    if not path.exists():
        raise RosterError(f"找不到花名册文件：{path}")
    suffix = path.suffix.lower()
    try:
        if path.is_dir() or suffix == ".parquet":
            frame = pd.read_parquet(path)
        elif suffix in EXCEL_SUFFIXES:     # calamine reads a large workbook about 9× faster than openpyxl
            frame = pd.read_excel(path, dtype=str, keep_default_na=False, engine="calamine")
        elif suffix in (".csv", ".txt"):
            frame = None
            for encoding in CSV_ENCODINGS:
                try:
                    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding=encoding)
                    break
                except UnicodeDecodeError:
                    continue
            if frame is None:
                raise RosterError("CSV 文件的编码无法识别（支持 UTF-8 与 GBK）")
        else:
            raise RosterError(f"不支持的文件类型“{suffix}”（支持 .xlsx、.xls、.csv、.parquet）")
    except RosterError:
        raise
    except Exception as error:  # calamine/pyarrow/csv errors: say which file, in Chinese
        raise RosterError(f"无法读取花名册文件 {path.name}：{error}") from None
    return as_text(frame)


def as_text(frame: pd.DataFrame, first_row: int = 2) -> pd.DataFrame:
    """Cells as stripped strings, column names stripped, plus ``_row`` (header = row 1)."""
    frame = frame.rename(columns=lambda c: str(c).strip())
    out = {}
    for name in frame.columns:
        if name == ROW:
            continue
        col = frame[name]
        if pd.api.types.is_string_dtype(col) and col.dtype != object:
            text = col.fillna("").str.strip()
        else:
            if pd.api.types.is_datetime64_any_dtype(col):
                col = col.dt.strftime("%Y-%m-%d")
            text = col.astype(object).where(col.notna(), "").astype(str).str.strip()
            text = text.where(~text.isin(("nan", "NaN", "None", "NaT", "<NA>")), "")
        if COLUMN_BY_NAME.get(name) is not None and COLUMN_BY_NAME[name].kind == "date":
            text = text.str.replace(r" 00:00:00$", "", regex=True)
        out[name] = text
    result = pd.DataFrame(out, index=frame.index)
    result[ROW] = frame[ROW].to_numpy() if ROW in frame.columns else np.arange(first_row, first_row + len(frame))
    return result.reset_index(drop=True)


# -- validation -------------------------------------------------------------------------------

@dataclass
class Issues:
    """Row problems, collected column by column (vectorised) and joined at the end."""
    parts: list = field(default_factory=list)

    def add(self, frame: pd.DataFrame, mask, column: str, message):
        mask = np.asarray(mask, dtype=bool)
        if not mask.any():
            return
        rows = frame.loc[mask]
        if callable(message):
            messages = message(rows)
        else:
            messages = [message] * len(rows)
        self.parts.append(pd.DataFrame({"行号": rows[ROW].to_numpy(), KEY: rows[KEY].to_numpy()
                                        if KEY in rows else "", "列": column, "问题": list(messages)}))

    def frame(self) -> pd.DataFrame:
        if not self.parts:
            return pd.DataFrame({"行号": pd.Series(dtype="int64"), KEY: pd.Series(dtype=object),
                                 "列": pd.Series(dtype=object), "问题": pd.Series(dtype=object)})
        return pd.concat(self.parts, ignore_index=True).sort_values("行号", kind="stable") \
            .reset_index(drop=True)


def parse_dates(text: pd.Series) -> pd.Series:
    """Dates written 2017-12-31, 2017/12/31, 2017.12.31, 2017年12月31日 or 20171231.

    A roster repeats a few hundred dates over many rows: each distinct text is parsed once.
    """
    codes, distinct = pd.factorize(text)
    norm = pd.Series(distinct, dtype=object).astype(str)
    norm = norm.str.replace(r"[年/.]", "-", regex=True).str.replace("月", "-").str.replace("日", "")
    eight = norm.str.fullmatch(r"\d{8}")
    norm = norm.where(~eight, norm.str[:4] + "-" + norm.str[4:6] + "-" + norm.str[6:8])
    parsed = pd.to_datetime(norm, format="%Y-%m-%d", errors="coerce").to_numpy()
    values = np.where(codes >= 0, parsed[np.maximum(codes, 0)] if len(parsed) else np.datetime64("NaT"),
                      np.datetime64("NaT"))
    return pd.Series(values, index=text.index, dtype="datetime64[ns]")


NUMBER = r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$"


def numbers(text: pd.Series) -> np.ndarray:
    """Cells written as decimal numbers (an exponent allowed) as floats; NaN for anything else."""
    arrow = _arrow(text)
    cells = pc.if_else(pc.equal(arrow, ""), pa.scalar(None, pa.string()), arrow)
    try:                                   # the usual case: every non-blank cell is a number
        values = pc.cast(cells, pa.float64()).to_numpy(zero_copy_only=False)
    except pa.ArrowInvalid:
        written = pc.match_substring_regex(cells, NUMBER)
        values = pc.cast(pc.if_else(written, cells, pa.scalar(None, pa.string())), pa.float64()) \
            .to_numpy(zero_copy_only=False)
    return np.where(np.isfinite(values), values, np.nan)     # "inf" and "nan" are not amounts


ID_WEIGHTS = np.array([7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2], dtype=np.int64)
ID_CHECK = np.array(list("10X98765432"))


def id_check_digit(first17: str) -> str:
    """The GB 11643 check character of the first 17 digits."""
    total = sum(int(d) * int(w) for d, w in zip(first17, ID_WEIGHTS))
    return str(ID_CHECK[total % 11])


def _id_checks(ids: pd.Series):
    """Vectorised: (well formed, checksum ok, birth date or NaT, sex digit odd)."""
    arrow = pc.utf8_upper(_arrow(ids))
    form = pc.match_substring_regex(arrow, r"^\d{17}[\dX]$").to_numpy(zero_copy_only=False)
    safe = pc.if_else(pa.array(form), arrow, "0" * 17 + "1")
    # 18 ASCII characters each: the Arrow data buffer holds the numbers side by side
    offsets = np.frombuffer(safe.buffers()[1], dtype=np.int32)[safe.offset:]
    data = np.frombuffer(safe.buffers()[2], dtype=np.uint8)
    chars = data[offsets[0]:offsets[0] + 18 * len(ids)].reshape(-1, 18)
    digits = chars[:, :17].astype(np.int64) - 48
    expected = np.frombuffer(b"10X98765432", dtype=np.uint8)[(digits @ ID_WEIGHTS) % 11]
    check_ok = form & (expected == chars[:, 17])
    birth = _birth_dates(digits[:, 6:14], ids.index)
    odd = digits[:, 16] % 2 == 1
    return form, check_ok, birth, odd


def _birth_dates(digits: np.ndarray, index) -> pd.Series:
    """YYYYMMDD digits as dates; NaT where that is no date (month 13, 30 February)."""
    year = digits[:, :4] @ np.array([1000, 100, 10, 1])
    month = digits[:, 4:6] @ np.array([10, 1])
    day = digits[:, 6:8] @ np.array([10, 1])
    plausible = (year >= 1800) & (month >= 1) & (month <= 12) & (day >= 1) & (day <= 31)
    first = ((np.where(plausible, year, 1970) - 1970) * 12 + np.where(plausible, month, 1) - 1) \
        .astype("datetime64[M]").astype("datetime64[D]")
    dates = first + (np.where(plausible, day, 1) - 1).astype("timedelta64[D]")
    real = plausible & (dates.astype("datetime64[M]") == first.astype("datetime64[M]"))
    return pd.Series(np.where(real, dates, np.datetime64("NaT")).astype("datetime64[ns]"), index=index)


def _full_years(birth: pd.Series, on: date) -> pd.Series:
    years = on.year - birth.dt.year
    before_birthday = (birth.dt.month > on.month) | ((birth.dt.month == on.month) & (birth.dt.day > on.day))
    return years - before_birthday.astype("int64")


def reference_date_of(frame: pd.DataFrame, given: date | None) -> date:
    """The roster's reference date: given, else its 统计日期 column (most common value), else today."""
    if given is not None:
        return given
    if "统计日期" in frame.columns:
        dates = parse_dates(frame["统计日期"]).dropna()
        if len(dates):
            return dates.mode().iloc[0].date()
    return date.today()


@dataclass
class Validated:
    """The outcome of checking a roster frame."""
    frame: pd.DataFrame           # accepted rows (text cells, plus typed helper columns)
    issues: pd.DataFrame          # 行号, 户编号, 列, 问题 (one line per problem)
    rejected_rows: pd.DataFrame   # every rejected row: 行号, 户编号, 原因
    reference_date: date
    rows_read: int
    households_read: int

    @property
    def rows_accepted(self) -> int:
        return len(self.frame)

    @property
    def rows_rejected(self) -> int:
        return len(self.rejected_rows)

    @property
    def households_accepted(self) -> int:
        return int(self.frame[KEY].nunique()) if len(self.frame) else 0

    @property
    def households_rejected(self) -> int:
        return self.households_read - self.households_accepted

    def reject_households(self, keys, issues: pd.DataFrame) -> None:
        """Reject more households after the fact (the engine refused them); keeps counts whole."""
        keys = set(keys)
        if not keys:
            return
        gone = self.frame[KEY].isin(keys)
        first_bad = issues.groupby(KEY)["行号"].min()
        rows = self.frame.loc[gone, [ROW, KEY, "乡镇"]]
        reasons = [("见本行问题" if first_bad.get(k) == r else f"同户第{first_bad.get(k)}行有错误，整户未评估")
                   for r, k in zip(rows[ROW], rows[KEY])]
        self.rejected_rows = pd.concat([self.rejected_rows, pd.DataFrame(
            {"行号": rows[ROW].to_numpy(), KEY: rows[KEY].to_numpy(), "乡镇": rows["乡镇"].to_numpy(),
             "原因": reasons})], ignore_index=True) \
            .sort_values("行号", kind="stable").reset_index(drop=True)
        self.issues = pd.concat([self.issues, issues], ignore_index=True).sort_values("行号", kind="stable") \
            .reset_index(drop=True)
        self.frame = self.frame.loc[~gone].reset_index(drop=True)

    def summary_text(self) -> str:
        return (f"读入 {self.rows_read} 行 = 接受 {self.rows_accepted} 行 + 拒绝 {self.rows_rejected} 行；"
                f"读入 {self.households_read} 户 = 接受 {self.households_accepted} 户 + "
                f"拒绝 {self.households_rejected} 户")


def check_columns(frame: pd.DataFrame) -> None:
    missing = [c for c in REQUIRED_COLUMNS if c not in frame.columns]
    if missing:
        raise RosterError("花名册缺少必需的列：" + "、".join(missing) +
                          "（列名见 data/roster/README.md 与模板 data/roster/template.xlsx）")


def validate(frame: pd.DataFrame, reference_date: date | None = None) -> Validated:
    """Check every row of a text frame (from ``read_table``/``as_text``); never drops a row silently."""
    check_columns(frame)
    if len(frame) == 0:
        raise RosterError("花名册没有数据行")
    frame = frame.copy()
    for name in COLUMN_NAMES:                 # optional columns absent from the file read as blank
        if name not in frame.columns:
            frame[name] = ""
    ref = reference_date_of(frame, reference_date)
    issues = Issues()

    for col in COLUMNS:
        text = frame[col.name]
        blank = (text == "").to_numpy()
        if col.nonblank:
            issues.add(frame, blank, col.name, f"“{col.name}”不能为空")
        present = ~blank
        if col.kind in ("int", "money", "number"):
            number = numbers(text)
            bad = present & np.isnan(number)
            issues.add(frame, bad, col.name, lambda r, c=col.name: [f"“{v}”不是数字" for v in r[c]])
            ok = present & ~bad
            number = np.where(ok, number, 0)
            if col.kind == "int":
                frac = ok & (number % 1 != 0)
                issues.add(frame, frac, col.name, lambda r, c=col.name: [f"“{v}”应为整数" for v in r[c]])
            low = col.minimum if col.minimum is not None else (0 if col.kind == "money" else None)
            if low is not None:
                issues.add(frame, ok & (number < low), col.name,
                           lambda r, c=col.name, lo=low: [f"“{v}”不能小于{lo:g}" for v in r[c]])
            if col.maximum is not None:
                issues.add(frame, ok & (number > col.maximum), col.name,
                           lambda r, c=col.name, hi=col.maximum: [f"“{v}”超出合理范围（不能大于{hi:g}）"
                                                                 for v in r[c]])
        elif col.kind == "bool":
            bad = present & ~text.isin(list(BOOL_VALUES)).to_numpy()
            issues.add(frame, bad, col.name, lambda r, c=col.name: [f"“{v}”应填“是”或“否”" for v in r[c]])
        elif col.kind == "enum":
            allowed = [k for k in col.choices if k]
            bad = present & ~text.isin(list(col.choices)).to_numpy()
            issues.add(frame, bad, col.name, lambda r, c=col.name, a="、".join(allowed):
                       [f"“{v}”不是可选值（可选：{a}）" for v in r[c]])
        elif col.kind == "date":
            bad = present & parse_dates(text).isna().to_numpy()
            issues.add(frame, bad, col.name, lambda r, c=col.name: [f"“{v}”不是有效日期（如 2017-12-31）"
                                                                    for v in r[c]])

    _check_ids(frame, issues, ref)
    _check_households(frame, issues)
    return _split(frame, issues, ref)


def _check_ids(frame: pd.DataFrame, issues: Issues, ref: date) -> None:
    ids = frame["身份证号"]
    present = (ids != "").to_numpy()
    form, check_ok, birth, odd = _id_checks(ids)
    issues.add(frame, present & ~form, "身份证号",
               lambda r: [f"“{v}”不是18位身份证号（17位数字加1位数字或X）" for v in r["身份证号"]])
    issues.add(frame, form & ~check_ok, "身份证号", "校验位不正确（GB 11643），请核对号码")
    bad_birth = form & check_ok & birth.isna().to_numpy()
    issues.add(frame, bad_birth, "身份证号", "号码中的出生日期无效")
    good = form & check_ok & ~bad_birth
    after_ref = good & (birth > pd.Timestamp(ref)).fillna(False).to_numpy()
    issues.add(frame, after_ref, "身份证号", f"号码中的出生日期晚于统计日期 {ref.isoformat()}")
    age = pd.Series(numbers(frame["年龄"]), index=frame.index)
    full = _full_years(birth, ref)
    # Staff often write the age as (year of reference − year of birth); both readings are accepted.
    nominal = ref.year - birth.dt.year
    mismatch = good & ~after_ref & age.notna().to_numpy() & ~((age == full) | (age == nominal)).to_numpy()
    issues.add(frame, mismatch, "年龄", lambda r: [
        f"年龄{a}与身份证号中的出生日期不符（统计日期{ref.isoformat()}时应为{f}岁）"
        for a, f in zip(r["年龄"], full[r.index].astype("Int64"))])
    sex = frame["性别"]
    sex_bad = good & (((sex == "男").to_numpy() & ~odd) | ((sex == "女").to_numpy() & odd))
    issues.add(frame, sex_bad, "性别", "性别与身份证号第17位（奇数为男、偶数为女）不符")
    dup = present & ids.str.upper().duplicated(keep="first").to_numpy()
    if dup.any():
        first_row = frame.loc[present].assign(_id=ids.str.upper()).groupby("_id")[ROW].min()
        issues.add(frame, dup, "身份证号", lambda r: [
            f"与第{first_row[v.upper()]}行身份证号重复（同一人重复登记）" for v in r["身份证号"]])


def _check_households(frame: pd.DataFrame, issues: Issues) -> None:
    """One head per household; household columns as on the head's row; member numbers unique and
    every father/mother/spouse number pointing at a member. Households are integer codes here."""
    keyed = (frame[KEY] != "").to_numpy()
    household = np.where(keyed, pd.factorize(frame[KEY])[0], -1)
    count = household.max() + 1 if len(household) else 0
    rows = frame[ROW].to_numpy()
    head = keyed & (frame["与户主关系"] == "户主").to_numpy()
    heads_of = np.bincount(household[head], minlength=count)
    first_row = pd.Series(rows[keyed]).groupby(household[keyed]).min().reindex(range(count)).to_numpy()
    no_head = keyed & (heads_of[household] == 0) & (rows == first_row[household])
    issues.add(frame, no_head, "与户主关系", "该户没有户主（每户须有且只有一名户主）")
    many = head & (heads_of[household] > 1)
    if many.any():
        listed = pd.Series(rows[many]).groupby(household[many]).agg(lambda s: "、".join(str(x) for x in s))
        issues.add(frame, many, "与户主关系", lambda r: [
            f"该户有多名户主（第{listed[h]}行），每户只能有一名" for h in household[r.index]])
    # Household-level columns must agree with the head's row (blank on other rows is fine).
    head_at = np.full(count + 1, -1)
    first_head = np.flatnonzero(head)[::-1]             # reversed: the first head of a household wins
    head_at[household[first_head]] = first_head
    head_index = head_at[household]                     # -1 where there is no head (or no key)
    has_head = head_index >= 0
    take = pa.array(np.maximum(head_index, 0))
    for name in HOUSEHOLD_COLUMNS:
        values = _arrow(frame[name])
        differs = pc.and_(pc.not_equal(values, ""), pc.not_equal(values, pc.take(values, take)))
        mask = has_head & differs.to_numpy(zero_copy_only=False)
        issues.add(frame, mask, name, lambda r, n=name: [
            f"与本户户主行的取值“{frame.at[int(i), n]}”不一致（户级信息全户应相同）" for i in head_index[r.index]])
    # Member numbers: unique within the household; references must point at a member.
    number_columns = ("成员序号", "父亲序号", "母亲序号", "配偶序号")
    texts = np.concatenate([frame[c].to_numpy(dtype=object) for c in number_columns])
    codes = pd.factorize(texts)[0].reshape(len(number_columns), -1)   # the same text, the same code
    member = household * (codes.max() + 1 if codes.size else 1) + codes
    numbered = keyed & (frame["成员序号"] != "").to_numpy()
    dup = numbered & pd.Series(member[0]).duplicated(keep="first").to_numpy()
    issues.add(frame, dup, "成员序号", "户内成员序号重复")
    known = member[0][numbered]
    for name, refs in zip(number_columns[1:], member[1:]):
        given = (frame[name] != "").to_numpy()
        bad = given & ~np.isin(refs, known)
        issues.add(frame, bad, name, lambda r, n=name: [f"本户没有成员序号为{v}的成员" for v in r[n]])


def _split(frame: pd.DataFrame, issues: Issues, ref: date) -> Validated:
    problems = issues.frame()
    rows_read = len(frame)
    households_read = int(frame[KEY].nunique())   # blank key counts as one (rejected) group
    bad_rows = set(problems["行号"])
    bad_keys = set(frame.loc[frame[ROW].isin(bad_rows), KEY])
    rejected_mask = frame[KEY].isin(bad_keys) | (frame[KEY] == "")
    first_bad = problems.groupby(KEY)["行号"].min()
    rejected = frame.loc[rejected_mask, [ROW, KEY, "乡镇"]]
    reasons = ["见本行问题" if r in bad_rows else f"同户第{first_bad.get(k)}行有错误，整户未评估"
               for r, k in zip(rejected[ROW], rejected[KEY])]
    rejected_rows = pd.DataFrame({"行号": rejected[ROW].to_numpy(), KEY: rejected[KEY].to_numpy(),
                                  "乡镇": rejected["乡镇"].to_numpy(), "原因": reasons})
    accepted = frame.loc[~rejected_mask].reset_index(drop=True)
    return Validated(accepted, problems, rejected_rows, ref, rows_read, households_read)


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
    number = row["成员序号"] or str(row[ROW])
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


def _arrow(text: pd.Series) -> pa.Array:
    """The text cells as one Arrow string array (pandas' own string columns are Arrow already)."""
    arrow = pa.array(text, type=pa.string()) if text.dtype == object else pa.array(text)
    return arrow.combine_chunks() if isinstance(arrow, pa.ChunkedArray) else arrow


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


# -- mapping engine errors back to the roster ---------------------------------------------------

_FIELD_TO_COLUMN = {
    "relation": "与户主关系", "sex": "性别", "age": "年龄", "co_resident": "是否共同生活",
    "status": "特殊情形", "disability": "残疾类别", "serious_illness": "是否重病",
    "full_time_student": "是否全日制学生", "single_parent_minor": "是否单亲未成年",
    "placed_employment_disabled": "是否安置就业残疾人", "unemployed": "是否无业",
    "away_months": "外出务工月数", "guardian_capable": "有无监护照料能力",
    "father": "父亲序号", "mother": "母亲序号", "spouse": "配偶序号",
    "hukou": "户籍性质", "assets_ok": "财产是否合规", "pure_daughter_family": "纯女户",
    "still_in_difficulty": "仍有困难", "class": "户类别", "supporters": "赡养人1家庭人口",
    "members": "户编号",
}
_INCOME_KIND_TO_COLUMN = {**{v: k for k, v in INCOME_MONEY_COLUMNS.items()},
                          "migrant_work": "务工月数", "farm": "作物"}


def issue_from_input_error(error: InputError, household: dict, rows: list[dict]) -> dict:
    """An engine InputError on a household as a roster issue: the row and column it points at."""
    head = next(r for r in rows if r["与户主关系"] == "户主")
    ordered = [head] + [r for r in rows if r is not head]
    row, column = head, None
    match = re.match(r"members\[(\d+)\]\.?(.*)", error.field or "")
    if match and int(match.group(1)) < len(ordered):
        row = ordered[int(match.group(1))]
        rest = match.group(2)
        income = re.match(r"incomes\[(\d+)\]", rest)
        if income:
            items = household["members"][int(match.group(1))].get("incomes", [])
            idx = int(income.group(1))
            kind = items[idx]["kind"] if idx < len(items) else ""
            column = _INCOME_KIND_TO_COLUMN.get(kind)
            if kind == "migrant_work" and "min_wage" in rest:
                column = "最低工资(元/月)"
            if kind == "farm" and ".mu" in rest:
                column = "耕地亩数"
        else:
            column = _FIELD_TO_COLUMN.get(rest.split(".")[0].split("[")[0])
    else:
        top = (error.field or "").split(".")[0].split("[")[0]
        column = _FIELD_TO_COLUMN.get(top)
        if top == "supporters" and re.match(r"supporters\[1\]", error.field or ""):
            column = "赡养人2家庭人口"
    return {"行号": row[ROW], KEY: row[KEY], "列": column or error.field, "问题": error.message}


# -- one call ---------------------------------------------------------------------------------

def import_roster(path, reference_date: date | None = None) -> Validated:
    """Read and check a roster file; the households are then built with ``iter_households``."""
    return validate(read_table(path), reference_date)
