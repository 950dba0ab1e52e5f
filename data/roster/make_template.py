"""Write data/roster/template.xlsx: the roster headers, one synthetic example household, and a
sheet that explains each column (from ``calculators.roster.COLUMNS``, the one definition).

    python data/roster/make_template.py
"""
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))
sys.path.insert(0, str(HERE))

from openpyxl import load_workbook  # noqa: E402
from openpyxl.styles import Font  # noqa: E402

from calculators.roster import BOOL_VALUES, COLUMNS  # noqa: E402
from generate import generate, write_xlsx  # noqa: E402

LEVELS = {"person": "个人", "household": "户（户主行填写，其他行可空）", "enrolment": "保障情况（户主行填写）",
          "ledger": "留守台账（个人）", "meta": "说明信息"}
KINDS = {"text": "文字", "int": "整数", "money": "金额（元，≥0）", "number": "数字", "bool": "是/否",
         "enum": "可选值", "date": "日期（如2017-12-31）", "id": "18位身份证号"}


def main(out: Path = HERE / "template.xlsx") -> Path:
    roster = generate(40, seed=1)
    sizes = roster.groupby("户编号")["户编号"].transform("size")
    example = roster[sizes == 1].head(1)          # a one-person household: a complete example
    write_xlsx(example, out)
    book = load_workbook(out)
    ws = book.create_sheet("列说明")
    ws.append(["列名", "层级", "类型", "是否必需", "可选值", "对应引擎字段", "说明"])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for col in COLUMNS:
        choices = "、".join(k for k in (col.choices or {}) if k) if col.kind == "enum" else (
            "是、否" if col.kind == "bool" else "")
        ws.append([col.name, LEVELS[col.level], KINDS[col.kind], "必需" if col.required else "可选",
                   choices, col.field, col.help])
    for letter, width in zip("ABCDEFG", (22, 24, 18, 8, 40, 40, 50)):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = "A2"
    book.save(out)
    assert set(BOOL_VALUES)   # the accepted yes/no spellings are listed in README.md
    return out


if __name__ == "__main__":
    print(main())
