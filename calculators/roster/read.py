"""Step 1 of the roster pipeline: read a file into text cells, keeping the spreadsheet's row numbers.

What reading changes or notices is said, never done silently: headers written another way
(full-width brackets, spaces, usual synonyms) are renamed and listed, unknown columns are listed,
merged household cells are filled from their range, blank lines are skipped without shifting the
row numbers, and a CSV line with the wrong number of cells is kept with a note on the line (the
check step rejects that line's household, and only that).
"""
from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from .columns import COLUMN_BY_NAME, COLUMNS, HOUSEHOLD, INCOME_COLUMNS, ROW, RosterError, canonical_header

BROKEN = "_broken"     # a note on a line that could not be read as cells ('' when fine)
CSV_ENCODINGS = ("utf-8-sig", "gb18030")
EXCEL_SUFFIXES = (".xlsx", ".xlsm", ".xls")       # .xls: Excel 97–2003 and WPS files
# Columns staff merge over a household's rows: filled from the merged range.
MERGEABLE = [c.name for c in COLUMNS if c.level == HOUSEHOLD] + ["乡镇", "村"]


@dataclass
class Sheet:
    """A roster as read: text cells with normalised headers, and what reading noticed (Chinese)."""
    frame: pd.DataFrame
    notes: list = field(default_factory=list)


def read_table(path) -> pd.DataFrame:
    """The cells of a roster file as text (see ``read_sheet``)."""
    return read_sheet(path).frame


def read_sheet(path) -> Sheet:
    """Read a roster file (.xlsx, .xls, .csv, .parquet, or a folder of .parquet) as text cells.

    Every cell becomes a stripped string ('' for blank), so that ID numbers keep their X and
    leading digits and nothing is guessed before validation. ``_row`` is the row number the
    spreadsheet shows (the header is row 1).
    """
    path = Path(path)
    if not path.exists():
        raise RosterError(f"找不到花名册文件：{path}")
    suffix = path.suffix.lower()
    notes: list = []
    try:
        if path.is_dir() or suffix == ".parquet":
            frame = as_text(pd.read_parquet(path))
        elif suffix in EXCEL_SUFFIXES:
            frame = _read_excel(path, notes)
        elif suffix in (".csv", ".txt"):
            frame = _read_csv(path, notes)
        else:
            raise RosterError(f"不支持的文件类型“{suffix}”（支持 .xlsx、.xls、.csv、.parquet）")
    except RosterError:
        raise
    except Exception as error:  # calamine/pyarrow errors: say which file, in Chinese
        raise RosterError(f"无法读取花名册文件 {path.name}：{str(error)[:80]}") from None
    return Sheet(normalise_headers(frame, notes), notes)


def _rows_to_frame(rows: list, notes: list, ragged: bool = True) -> pd.DataFrame:
    """Rows of text cells (the first is the header, sheet row 1) as stripped text columns with ``_row``
    and ``_broken``. Blank rows are skipped but keep their numbers; with ``ragged``, a row whose number of
    cells differs from the header's is kept with a note (the check step rejects it)."""
    if not rows:
        raise RosterError("花名册是空的（没有表头）")
    header = [str(h).strip() for h in rows[0]]
    width = len(header)
    repeated = sorted({h for h in header if h and header.count(h) > 1})
    if repeated:
        raise RosterError("表头中有重复的列：" + "、".join(f"“{h[:20]}”" for h in repeated) + "，请删去重复的一列")
    kept, numbers, broken, blank = [], [], [], 0
    for number, cells in enumerate(rows[1:], start=2):
        cells = list(map(str.strip, cells))
        if not any(cells):
            blank += 1
            continue
        if len(cells) != width:
            broken.append((len(kept), f"本行有{len(cells)}个单元格，表头有{width}列（列错位），本行不能按列读取"))
            cells = (cells + [""] * width)[:width]
        kept.append(cells)
        numbers.append(number)
    if blank:
        notes.append(f"跳过空行{blank}行（行号仍按表格中的行号）")
    columns = list(zip(*kept)) if kept else [()] * width
    frame = pd.DataFrame({name: np.array(column, dtype=object) for name, column in zip(header, columns) if name})
    frame[ROW] = np.array(numbers, dtype=np.int64)
    frame[BROKEN] = ""
    for position, note in broken:
        frame.loc[position, BROKEN] = note
    return frame


def _read_csv(path: Path, notes: list) -> pd.DataFrame:
    raw = path.read_bytes()
    for encoding in CSV_ENCODINGS:
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise RosterError("CSV 文件的编码无法识别（支持 UTF-8 与 GBK/GB18030），请在 Excel 中另存为“CSV UTF-8”")
    if "\x00" in text:
        raise RosterError("CSV 文件含有二进制内容（可能是 UTF-16 或不是表格文件），请另存为“CSV UTF-8”")
    try:
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as error:
        raise RosterError(f"CSV 文件格式有误：{str(error)[:80]}") from None
    return _rows_to_frame(rows, notes)


def _read_excel(path: Path, notes: list) -> pd.DataFrame:
    # calamine reads a large workbook about 9× faster than openpyxl; header=None keeps blank rows,
    # so the row numbers are the sheet's own.
    cells = pd.read_excel(path, header=None, dtype=str, keep_default_na=False, engine="calamine")
    rows = cells.astype(object).where(cells.notna(), "").astype(str).to_numpy().tolist()
    frame = _rows_to_frame(rows, notes, ragged=False)
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        _fill_merged(frame, _merged_ranges(path), rows[0] if rows else [], notes)
    return frame


_MERGE = re.compile(rb'<mergeCell ref="([A-Z]+)(\d+):([A-Z]+)(\d+)"')


def _merged_ranges(path: Path) -> list:
    """The merged ranges of the first worksheet, as (first column, first row, last column, last row), 0-based
    columns and sheet row numbers. Read straight from the file's XML (calamine does not report them)."""
    with zipfile.ZipFile(path) as book:
        workbook = book.read("xl/workbook.xml").decode("utf-8", "replace")
        rels = book.read("xl/_rels/workbook.xml.rels").decode("utf-8", "replace")
        first = re.search(r'<sheet [^>]*r:id="([^"]+)"', workbook)
        target = first and re.search(rf'<Relationship [^>]*Id="{first.group(1)}"[^>]*Target="([^"]+)"', rels)
        if not target:
            target = re.search(rf'<Relationship [^>]*Target="([^"]+)"[^>]*Id="{first.group(1)}"', rels) if first \
                else None
        name = target.group(1).lstrip("/") if target else "xl/worksheets/sheet1.xml"
        name = name if name.startswith("xl/") else "xl/" + name
        xml = book.read(name)
    return [(_column_number(a), int(r1), _column_number(b), int(r2)) for a, r1, b, r2 in _MERGE.findall(xml)]


def _column_number(letters: bytes) -> int:
    number = 0
    for ch in letters.decode():
        number = number * 26 + ord(ch) - 64
    return number - 1


def _fill_merged(frame: pd.DataFrame, ranges: list, header: list, notes: list) -> None:
    """Fill merged household cells (户编号, 乡镇, 村 …) on every row of their range, and say so."""
    by_row = pd.Series(frame.index, index=frame[ROW])
    filled = []
    for first_col, first_row, last_col, last_row in ranges:
        for col in range(first_col, last_col + 1):
            name = str(header[col]).strip() if col < len(header) else ""
            column = canonical_header(name)
            if column not in MERGEABLE or name not in frame.columns or first_row not in by_row.index:
                continue
            value = frame.at[by_row[first_row], name]
            rows = [r for r in range(first_row + 1, last_row + 1) if r in by_row.index]
            for r in rows:
                if frame.at[by_row[r], name] == "":
                    frame.at[by_row[r], name] = value
            if rows:
                filled.append((first_row, column, f"“{column}”第{first_row}–{last_row}行"))
    if filled:
        shown = [text for _, _, text in sorted(filled)[:10]]
        notes.append(f"合并单元格已按合并区域填入每一行（{len(filled)}处）：" + "、".join(shown)
                     + ("等" if len(filled) > 10 else ""))


def normalise_headers(frame: pd.DataFrame, notes: list) -> pd.DataFrame:
    """Rename headers written another way to the template's; list unknown columns and missing income columns."""
    renames, unknown, seen = {}, [], {}
    for name in frame.columns:
        if name in (ROW, BROKEN):
            continue
        column = canonical_header(name)
        if column is None:
            unknown.append(str(name))
            continue
        if column in seen:
            raise RosterError(f"列“{seen[column]}”和“{name}”都是“{column}”，请删去其中一列")
        seen[column] = name
        if column != name:
            renames[name] = column
    if renames:
        notes.append("表头按模板理解：" + "、".join(f"“{a}”→“{b}”" for a, b in renames.items()))
    if unknown:
        notes.append("未使用的列（不是模板中的列，已忽略）：" + "、".join(f"“{u[:20]}”" for u in unknown))
    missing = [c for c in INCOME_COLUMNS if c not in seen]
    if missing:
        notes.append("警告：花名册没有收入列 " + "、".join(f"“{m}”" for m in missing)
                     + "，这些收入按0计算，评估结果可能偏宽，请核对表头")
    frame = frame.rename(columns=renames).drop(columns=unknown)
    if BROKEN not in frame.columns:
        frame[BROKEN] = ""
    for column in COLUMNS:            # Excel dates read as text carry a midnight time
        if column.kind == "date" and column.name in frame.columns:
            frame[column.name] = frame[column.name].str.replace(r" 00:00:00$", "", regex=True)
    return frame


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
