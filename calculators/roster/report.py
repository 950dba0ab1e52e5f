"""Step 6 of the roster pipeline: the report tables (Chinese headers) and writing them out."""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pandas as pd

from ..money import cents
from ..policy import load_policy
from .cells import parse_dates
from .check import Validated
from .columns import KEY, ROW
from .households import iter_households
from .screen import CATEGORY_NAMES, METHOD_NAMES, ScreenResult

# -- reports --------------------------------------------------------------------------------

def _days_since(text: pd.Series, ref: date) -> pd.Series:
    return (pd.Timestamp(ref) - parse_dates(text.fillna(""))).dt.days


def left_behind_status(people: pd.DataFrame, policy, ref: date) -> pd.DataFrame:
    """Add the ledger status of each left-behind person: missing, village visit or township check overdue.

    中文：给每位留守人员标出台账状态：未建档、村级走访逾期或乡镇核查逾期（主动发现机制 二（一）；文件004 三（四））。
    """
    rules = policy.left_behind
    out = people.copy()
    visit_age = _days_since(out["last_village_visit"], ref)
    check_age = _days_since(out["last_township_check"], ref)
    out["visit_days"] = visit_age
    out["check_days"] = check_age
    out["not_in_ledger"] = ~out["in_ledger"].astype(bool)
    out["visit_overdue"] = out["in_ledger"].astype(bool) & (visit_age.isna() | (visit_age > rules.village_visit_days))
    out["check_overdue"] = out["in_ledger"].astype(bool) & (check_age.isna() | (check_age > rules.township_check_days))
    return out


def _status_text(row, rules) -> str:
    parts = []
    if row["not_in_ledger"]:
        parts.append("未录入留守台账")
    if row["visit_overdue"]:
        parts.append("无村级走访记录" if pd.isna(row["visit_days"])
                     else f"村级走访已{int(row['visit_days'])}天（超过{rules.village_visit_days}天）")
    if row["check_overdue"]:
        parts.append("无乡镇核查记录" if pd.isna(row["check_days"])
                     else f"乡镇核查已{int(row['check_days'])}天（超过{rules.township_check_days}天）")
    return "；".join(parts)


def _yuan(value) -> float | None:
    """Money as a report shows it: to the fen (at most two decimals)."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    return float(cents(Decimal(str(value))))


SAFEGUARDING_COLUMNS = ["户编号", "乡镇", "村", "行号", "姓名", "提示", "依据"]


def safeguarding_report(validated: Validated, policy) -> pd.DataFrame:
    """The engine's safeguarding alerts (寿政秘〔2016〕278号) for every accepted household that has a
    child or an elder (only they can raise one), with the row of the person named. A staff report,
    never published."""
    from ..household import parse_household
    from ..safeguarding import safeguarding_alerts

    frame = validated.frame
    if policy.safeguarding is None or not len(frame):
        return pd.DataFrame(columns=SAFEGUARDING_COLUMNS)
    ages = pd.to_numeric(frame["年龄"], errors="coerce")
    young_or_old = policy.safeguarding.child_alone_age.admits(ages) | policy.left_behind.elderly_age_from.admits(ages)
    keys = set(frame.loc[young_or_old.fillna(False).astype(bool), KEY])
    rows = []
    for key, household, people in iter_households(frame[frame[KEY].isin(keys)], policy.income.crops):
        ordered = [next(r for r in people if r["与户主关系"] == "户主")]
        ordered += [r for r in people if r is not ordered[0]]
        by_id = {m["id"]: r for m, r in zip(household["members"], ordered)}
        for alert in safeguarding_alerts(parse_household(household), policy):
            row = by_id[alert.member]
            rows.append([key, row["乡镇"], row["村"], row[ROW], row["姓名"], alert.text, alert.source])
    return pd.DataFrame(rows, columns=SAFEGUARDING_COLUMNS)


def build_reports(result: ScreenResult, validated: Validated, policy) -> dict:
    """The report tables (Chinese headers), keyed by sheet name, in workbook order."""
    policy = load_policy(policy)
    h, ref = result.households, validated.reference_date
    base = {"户编号": h[KEY], "乡镇": h["township"], "村": h["village"], "户主姓名": h["head_name"],
            "户主行号": h["head_row"], "保障人口（计入）": h["household_size"]}
    frame = pd.DataFrame(base)
    amounts = {"人均月收入(元)": h["per_capita_monthly_income"].map(_yuan),
               "计算月补助(元)": h["total_monthly"].map(_yuan),
               "其中补差(元)": h["gap_monthly"].map(_yuan), "其中重点救助(元)": h["key_aid_monthly"].map(_yuan)}

    left_out = h["eligible"] & (h["enrolment"] == "none")
    r_left_out = frame[left_out].assign(**{k: v[left_out] for k, v in amounts.items()})

    wrongly_in = (h["enrolment"] == "dibao") & ~h["eligible"]
    r_wrongly = frame[wrongly_in].assign(**{
        "实发月金额(元)": h.loc[wrongly_in, "paid_monthly"].map(_yuan),
        "不符合的条件": h.loc[wrongly_in, "failed_text"], "条件代码": h.loc[wrongly_in, "failed_codes"],
        "人均月收入(元)": amounts["人均月收入(元)"][wrongly_in]})

    paid = h["paid_monthly"]
    differs = (h["enrolment"] == "dibao") & h["eligible"] & paid.notna() & pd.Series(
        [p is not None and cents(p) != cents(t) for p, t in zip(paid, h["total_monthly"])], index=h.index, dtype=bool)
    diff = pd.Series([_yuan(cents(p) - cents(t)) if p is not None else None for p, t in zip(paid, h["total_monthly"])],
                     index=h.index, dtype="float64")
    r_amount = frame[differs].assign(**{"实发月金额(元)": paid[differs].map(_yuan),
                                       "计算月补助(元)": amounts["计算月补助(元)"][differs],
                                       "差额(实发−计算,元)": diff[differs],
                                       "补助方式": h.loc[differs, "method"].map(lambda m: METHOD_NAMES.get(m, m)),
                                       "档次": h.loc[differs, "tier"]})

    candidates = h["tekun_candidate"].astype(bool)
    r_tekun = frame[candidates].assign(**{"符合特困条件的成员": h.loc[candidates, "tekun_members"],
                                         "实发月金额(元)": paid[candidates].map(_yuan),
                                         "说明": "单人低保户符合特困供养条件（该吃五保吃低保），应转为特困供养"})

    people = left_behind_status(result.left_behind, policy, ref)
    flagged = people["not_in_ledger"] | people["visit_overdue"] | people["check_overdue"]
    p = people[flagged]
    r_people = pd.DataFrame({
        "户编号": p[KEY], "乡镇": p["township"], "村": p["village"], "行号": p["row"], "姓名": p["name"],
        "留守类别": p["category"].map(CATEGORY_NAMES), "认定依据": p["why"],
        "是否在留守台账": p["in_ledger"].map({True: "是", False: "否"}),
        "最近村级走访日期": p["last_village_visit"], "最近乡镇核查日期": p["last_township_check"],
        "问题": [_status_text(r, policy.left_behind) for _, r in p.iterrows()]})

    summary = township_summary(h, people, validated, left_out, wrongly_in, differs, candidates)
    overview = pd.DataFrame({"项目": [
        "政策参数", "统计（参照）日期", "读入行数", "接受行数", "拒绝行数", "读入户数", "接受户数", "拒绝户数",
        "行数核对", "应保未保（户）", "保而不应（户）", "金额差异（户）", "特困候选（户）", "留守人员问题（人）",
        "村级走访周期（天）", "乡镇核查周期（天）"], "值": [
        f"{policy.name}（{policy.id}）", ref.isoformat(), validated.rows_read, validated.rows_accepted,
        validated.rows_rejected, validated.households_read, validated.households_accepted,
        validated.households_rejected,
        "读入 = 接受 + 拒绝" if validated.rows_read == validated.rows_accepted + validated.rows_rejected else "不符！",
        int(left_out.sum()), int(wrongly_in.sum()), int(differs.sum()), int(candidates.sum()), len(r_people),
        policy.left_behind.village_visit_days, policy.left_behind.township_check_days]})
    notes = pd.DataFrame({"项目": ["读入说明"] * len(validated.notes), "值": validated.notes})
    overview = pd.concat([overview, notes], ignore_index=True)
    overview["值"] = overview["值"].astype(str)
    return {"概况": overview, "乡镇汇总": summary, "应保未保": r_left_out, "保而不应": r_wrongly,
            "金额差异": r_amount, "特困候选": r_tekun, "留守走访": r_people,
            "安全提示": safeguarding_report(validated, policy),
            "导入问题": validated.issues.rename(columns={"户编号": "户编号"}),
            "拒绝行": validated.rejected_rows}


def township_summary(h, people, validated, left_out, wrongly_in, differs, candidates) -> pd.DataFrame:
    by = h["township"]
    g = pd.DataFrame({
        "户数": h.groupby(by).size(),
        "人数": h.groupby(by)["size_rows"].sum(),
        "在保低保户": (h["enrolment"] == "dibao").groupby(by).sum(),
        "在保特困户": (h["enrolment"] == "tekun").groupby(by).sum(),
        "按规则符合低保（户）": h["eligible"].groupby(by).sum(),
        "应保未保": left_out.groupby(by).sum(), "保而不应": wrongly_in.groupby(by).sum(),
        "金额差异": differs.groupby(by).sum(), "特困候选": candidates.groupby(by).sum(),
    })
    pb = people["township"]
    for cat, name in CATEGORY_NAMES.items():
        g[f"留守{name}"] = (people["category"] == cat).groupby(pb).sum()
    g["未入台账"] = people["not_in_ledger"].groupby(pb).sum()
    g["村级走访逾期"] = people["visit_overdue"].groupby(pb).sum()
    g["乡镇核查逾期"] = people["check_overdue"].groupby(pb).sum()
    rejected = validated.rejected_rows.drop_duplicates(KEY)
    g["未评估（数据有误）户数"] = rejected.groupby("乡镇").size() if "乡镇" in rejected else 0
    g = g.fillna(0).astype("int64")
    g.loc["合计"] = g.sum()
    return g.reset_index(names="乡镇")


def write_reports(reports: dict, xlsx_path, csv_dir=None) -> list:
    """One sheet per report (frozen header, sized columns) and one UTF-8 CSV per report."""
    from openpyxl.styles import Font

    xlsx_path = Path(xlsx_path)
    xlsx_path.parent.mkdir(parents=True, exist_ok=True)
    written = [xlsx_path]
    with pd.ExcelWriter(xlsx_path, engine="openpyxl") as writer:
        for name, table in reports.items():
            table.to_excel(writer, sheet_name=name, index=False)
            ws = writer.sheets[name]
            ws.freeze_panes = "A2"
            for cell in ws[1]:
                cell.font = Font(bold=True)
            for i, column in enumerate(table.columns, start=1):
                values = [str(column)] + [str(v) for v in table[column].head(200).tolist()]
                width = max(_display_width(v) for v in values) + 2
                ws.column_dimensions[ws.cell(row=1, column=i).column_letter].width = min(max(width, 8), 60)
    csv_dir = Path(csv_dir) if csv_dir else xlsx_path.with_name(xlsx_path.stem + "_csv")
    csv_dir.mkdir(parents=True, exist_ok=True)
    for name, table in reports.items():
        path = csv_dir / f"{name}.csv"
        table.to_csv(path, index=False, encoding="utf-8-sig")
        written.append(path)
    return written


def _display_width(text: str) -> int:
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


