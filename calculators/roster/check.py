"""Step 3 of the roster pipeline: check every row; a bad row is reported and rejects its household.

Rules of the check (DESIGN.md principle 7, nothing is lost):

* A missing required column or an empty roster stops the import (``RosterError``): no row could be assessed.
* Every other problem is an *issue* tied to a sheet row (the header is row 1), a column and a Chinese
  message. A cell is echoed shortened, and never an ID number (``cells.echo``).
* A household is assessed whole or not at all: one bad row rejects its household (a member left out
  would change the household's size and per-capita income), the other rows are reported "because of row N".
* What the engine would refuse (too many members, a crop the policy lacks, an impossible family) is
  refused here, by row and column, so that no engine error has to be mapped back to a cell later.
* ``rows_read == rows_accepted + rows_rejected`` and the same for households, always.

Validation is vectorised over pandas columns so that a million-household roster is checked in seconds.
This module holds no policy rule and no policy number.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ..household import MAX_MEMBERS
from ..money import MAX_AMOUNT
from .cells import _arrow, echo, id_shape, numbers, parse_dates
from .columns import (BOOL_VALUES, COLUMN_NAMES, COLUMNS, HOUSEHOLD_COLUMNS, KEY, REQUIRED_COLUMNS, ROW,
                      RosterError)
from .read import BROKEN, Sheet

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
    notes: list = field(default_factory=list)   # what reading noticed (headers, merged cells, warnings)

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


def validate(table, reference_date: date | None = None, policy=None) -> Validated:
    """Check every row of a text frame (from ``read_table``/``as_text``); never drops a row silently.

    With ``policy``, also what only the policy knows (its crops), so that every household this
    step accepts is one the engine can assess."""
    frame, notes = (table.frame, list(table.notes)) if isinstance(table, Sheet) else (table, [])
    check_columns(frame)
    if len(frame) == 0:
        raise RosterError("花名册没有数据行")
    frame = frame.copy()
    if BROKEN not in frame.columns:
        frame[BROKEN] = ""
    for name in COLUMN_NAMES:                 # optional columns absent from the file read as blank
        if name not in frame.columns:
            frame[name] = ""
    ref = reference_date_of(frame, reference_date)
    issues = Issues()
    broken = (frame[BROKEN] != "").to_numpy()
    issues.add(frame, broken, "（整行）", lambda r: list(r[BROKEN]))

    for col in COLUMNS:
        text = frame[col.name]
        blank = (text == "").to_numpy()
        if col.nonblank:
            issues.add(frame, blank, col.name, f"“{col.name}”不能为空")
        present = ~blank
        if col.kind in ("int", "money", "number"):
            number = numbers(text)
            bad = present & np.isnan(number)
            issues.add(frame, bad, col.name, lambda r, c=col.name: [f"“{echo(v)}”不是数字" for v in r[c]])
            ok = present & ~bad
            number = np.where(ok, number, 0)
            if col.kind == "int":
                frac = ok & (number % 1 != 0)
                issues.add(frame, frac, col.name, lambda r, c=col.name: [f"“{echo(v)}”应为整数" for v in r[c]])
            low = col.minimum if col.minimum is not None else (0 if col.kind == "money" else None)
            if low is not None:
                issues.add(frame, ok & (number < low), col.name,
                           lambda r, c=col.name, lo=low: [f"“{echo(v)}”不能小于{lo:g}" for v in r[c]])
            high = col.maximum if col.maximum is not None else (float(MAX_AMOUNT) if col.kind == "money" else None)
            if high is not None:
                issues.add(frame, ok & (number > high), col.name,
                           lambda r, c=col.name, hi=high: [f"“{echo(v)}”超出合理范围（不能大于{hi:,.0f}）"
                                                            for v in r[c]])
        elif col.kind == "bool":
            bad = present & ~text.isin(list(BOOL_VALUES)).to_numpy()
            issues.add(frame, bad, col.name, lambda r, c=col.name: [f"“{echo(v)}”应填“是”或“否”" for v in r[c]])
        elif col.kind == "enum":
            allowed = [k for k in col.choices if k]
            bad = present & ~text.isin(list(col.choices)).to_numpy()
            issues.add(frame, bad, col.name, lambda r, c=col.name, a="、".join(allowed):
                       [f"“{echo(v)}”不是可选值（可选：{a}）" for v in r[c]])
        elif col.kind == "date":
            bad = present & parse_dates(text).isna().to_numpy()
            issues.add(frame, bad, col.name, lambda r, c=col.name: [f"“{echo(v)}”不是有效日期（如 2017-12-31）"
                                                                    for v in r[c]])

    _check_ids(frame, issues, ref)
    _check_households(frame, issues)
    _check_engine_limits(frame, issues, policy)
    validated = _split(frame, issues, ref)
    validated.notes = notes
    return validated


def _check_ids(frame: pd.DataFrame, issues: Issues, ref: date) -> None:
    ids = frame["身份证号"]
    present = (ids != "").to_numpy()
    form, check_ok, birth, odd = _id_checks(ids)
    issues.add(frame, present & ~form, "身份证号",
               lambda r: [f"不是18位身份证号（17位数字加1位数字或X；{id_shape(v)}）" for v in r["身份证号"]])
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
    count = max(household.max() + 1, 0) if len(household) else 0
    rows = frame[ROW].to_numpy()
    head = keyed & (frame["与户主关系"] == "户主").to_numpy()
    # one extra slot at the end: rows without a key (household -1) index it, and are masked out
    heads_of = np.bincount(household[head], minlength=count + 1)
    first_row = pd.Series(rows[keyed]).groupby(household[keyed]).min().reindex(range(count + 1)).to_numpy()
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
            f"与本户户主行的取值“{echo(frame.at[int(i), n])}”不一致（户级信息全户应相同）" for i in head_index[r.index]])
    # Member numbers: unique within the household; references must point at a member.
    number_columns = ("成员序号", "父亲序号", "母亲序号", "配偶序号")
    texts = np.concatenate([_as_number_text(frame[c]) for c in number_columns])   # "01" is member 1
    codes = pd.factorize(texts)[0].reshape(len(number_columns), -1)   # the same text, the same code
    member = household * (codes.max() + 1 if codes.size else 1) + codes
    numbered = keyed & (frame["成员序号"] != "").to_numpy()
    dup = numbered & pd.Series(member[0]).duplicated(keep="first").to_numpy()
    issues.add(frame, dup, "成员序号", "户内成员序号重复")
    known = member[0][numbered]
    for name, refs in zip(number_columns[1:], member[1:]):
        given = (frame[name] != "").to_numpy()
        bad = given & ~np.isin(refs, known)
        issues.add(frame, bad, name, lambda r, n=name: [f"本户没有成员序号为{echo(v)}的成员" for v in r[n]])
    _check_family_links(frame, issues, member, numbered)


def _check_family_links(frame: pd.DataFrame, issues: Issues, member: np.ndarray, numbered: np.ndarray) -> None:
    """As the engine's ``check_family``: nobody is their own father, mother or spouse, and a parent
    is older than the child. ``member`` holds each row's (household, number) code per number column."""
    age = pd.Series(numbers(frame["年龄"]), index=frame.index)
    age_of = pd.Series(age.to_numpy()[numbered], index=member[0][numbered])
    age_of = age_of[~age_of.index.duplicated()]
    for position, name in enumerate(("父亲序号", "母亲序号", "配偶序号"), start=1):
        refs = member[position]
        given = (frame[name] != "").to_numpy()
        itself = given & numbered & (refs == member[0])
        issues.add(frame, itself, name, "不能指向本人")
        if name == "配偶序号":
            continue
        parent_age = age_of.reindex(refs).to_numpy()
        younger = given & ~itself & ~np.isnan(parent_age) & (parent_age <= age.to_numpy())
        issues.add(frame, younger, name, lambda r, n=name: [
            f"父母（序号{echo(v)}，{int(a)}岁）应比本人（{echo(s)}岁）年长"
            for v, a, s in zip(r[n], age_of.reindex(member[position][r.index]).to_numpy(), r["年龄"])])


def _check_engine_limits(frame: pd.DataFrame, issues: Issues, policy) -> None:
    """What the engine refuses and no single cell shows: too many members, a crop the policy lacks."""
    keyed = frame[KEY] != ""
    size = frame.loc[keyed].groupby(KEY)[ROW].transform("size").reindex(frame.index, fill_value=0)
    first = frame.loc[keyed].groupby(KEY)[ROW].transform("min").reindex(frame.index, fill_value=-1)
    too_big = ((size > MAX_MEMBERS) & (frame[ROW] == first)).to_numpy()
    issues.add(frame, too_big, KEY, lambda r: [f"该户有{n}人，超过{MAX_MEMBERS}人，请核对户编号"
                                              for n in size[r.index]])
    if policy is None:
        return
    crops = policy.income.crops
    known = set(crops) | {spec.get("name") for spec in crops.values()}
    farmed = pd.Series(numbers(frame["耕地亩数"]), index=frame.index).fillna(0) > 0
    unknown = (farmed & ~frame["作物"].isin(known)).to_numpy()
    listed = "、".join(str(spec.get("name") or code) for code, spec in crops.items()) or "（政策文件未列作物）"
    issues.add(frame, unknown, "作物", lambda r: [
        f"“{echo(v)}”不在政策文件 {policy.id} 的作物中（可填：{listed}）" for v in r["作物"]])


def _as_number_text(text: pd.Series) -> np.ndarray:
    """Member numbers as compared: a whole number written 01, 1.0 or １ is "1"; other text stays."""
    values = numbers(text)
    whole = np.isfinite(values) & (np.mod(np.nan_to_num(values), 1) == 0) & (np.abs(np.nan_to_num(values)) < 1e6)
    return np.where(whole, np.nan_to_num(values).astype(np.int64).astype(str), text.to_numpy(dtype=object)) \
        .astype(object)


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


