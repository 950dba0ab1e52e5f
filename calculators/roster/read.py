"""Step 1 of the roster pipeline: read a file into text cells, keeping the spreadsheet's row numbers."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from .columns import COLUMN_BY_NAME, ROW, RosterError

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


