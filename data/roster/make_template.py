"""Write data/roster/template.xlsx: the roster's header row, and a sheet that explains each column
(from ``calculators.roster.COLUMNS``, the one definition). The handbook offers it for download, so it
holds no person, not even a synthetic one; ``sample.xlsx`` is the filled-in example.

    python data/roster/make_template.py
"""
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))
sys.path.insert(0, str(HERE))

import pandas as pd  # noqa: E402
from openpyxl import load_workbook  # noqa: E402
from openpyxl.styles import Font  # noqa: E402

from calculators.roster.columns import BOOL_VALUES, COLUMN_NAMES, COLUMNS  # noqa: E402
from generate import write_xlsx  # noqa: E402

TEXT_COLUMNS = ("户编号", "身份证号")
TEXT_ROWS = 1000
LEVELS = {"person": "个人", "household": "户（户主行填写，其他行可空）", "enrolment": "保障情况（户主行填写）",
          "ledger": "留守台账（个人）", "meta": "说明信息"}
KINDS = {"text": "文字", "int": "整数", "money": "金额（元，≥0）", "number": "数字", "bool": "是/否",
         "enum": "可选值", "date": "日期（如2017-12-31）", "id": "18位身份证号"}


def main(out: Path = HERE / "template.xlsx") -> Path:
    write_xlsx(pd.DataFrame(columns=COLUMN_NAMES), out)
    book = load_workbook(out)
    roster = book["花名册"]
    for name in TEXT_COLUMNS:       # typed into Excel, an ID number would become a rounded number
        letter = roster.cell(row=1, column=COLUMN_NAMES.index(name) + 1).column_letter
        for row in range(2, TEXT_ROWS + 2):
            roster[f"{letter}{row}"].number_format = "@"
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
