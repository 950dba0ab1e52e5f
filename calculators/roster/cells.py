"""Reading the text cells of a roster: numbers, dates, and one Arrow array per column."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc


def _arrow(text: pd.Series) -> pa.Array:
    """The text cells as one Arrow string array (pandas' own string columns are Arrow already)."""
    arrow = pa.array(text, type=pa.string()) if text.dtype == object else pa.array(text)
    return arrow.combine_chunks() if isinstance(arrow, pa.ChunkedArray) else arrow




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




def shorten(text, limit: int = 30) -> str:
    """A cell as echoed in a message: at most ``limit`` characters."""
    text = str(text)
    return text if len(text) <= limit else text[:limit] + "…"
