"""The committed sample roster and plain csv helpers for the screening tests (read without pandas)."""
import csv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SAMPLE_CSV = ROOT / "data" / "roster" / "sample.csv"
SAMPLE_XLSX = ROOT / "data" / "roster" / "sample.xlsx"


def read_csv_rows(path) -> tuple[list, list]:
    """(header, rows as dicts with ``_row`` = spreadsheet row number), without pandas."""
    with open(path, encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        rows = [dict(row, _row=i + 2) for i, row in enumerate(reader)]
        return reader.fieldnames, rows


def write_csv_rows(path, header, rows, encoding="utf-8-sig"):
    with open(path, "w", encoding=encoding, newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)


def households_of(rows) -> dict:
    groups = {}
    for row in rows:
        groups.setdefault(row["户编号"], []).append(row)
    return groups
