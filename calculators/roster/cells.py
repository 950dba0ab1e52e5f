"""Reading the text cells of a roster: numbers, dates, and one Arrow array per column."""
from __future__ import annotations

import re
import unicodedata

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
    missing = np.datetime64("NaT", "ns")      # a unit, or numpy cannot type an empty column
    values = np.where(codes >= 0, parsed[np.maximum(codes, 0)] if len(parsed) else missing, missing)
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




_DIGIT_RUN = re.compile(r"[0-9Xx]{10,}")
_INVISIBLE = re.compile(r"[\u200b-\u200f\u2060\ufeff]")


def echo(text, limit: int = 20) -> str:
    """A cell as repeated in a message: shortened, and never an ID number (a long run of digits is
    hidden, full-width or with invisible characters included)."""
    plain = _INVISIBLE.sub("", unicodedata.normalize("NFKC", str(text)))
    if _DIGIT_RUN.search(plain):
        return f"一串{len(plain)}个字符的号码（已隐去）"
    shown = str(text)
    return shown if len(shown) <= limit else shown[:limit] + "…"


def id_shape(text) -> str:
    """What is wrong with the form of an ID number, without showing it."""
    text = str(text)
    plain = unicodedata.normalize("NFKC", text)
    notes = [f"填写了{len(text)}个字符"]
    if plain != text:
        notes.append("含全角字符")
    if _INVISIBLE.search(text) or any(ch.isspace() for ch in text):
        notes.append("含空格或不可见字符")
    return "，".join(notes)
