"""Every download's bytes: one CSV writer and one xlsx cell writer, so no exported cell ever runs as a formula.

CSV has no cell types, so a text Excel would evaluate (starting with = + - @ tab or CR) gets a leading
apostrophe there, as OWASP's CSV-injection advice says, and only there. An xlsx cell has a type: user
text is written as a string cell, exactly as uploaded (no apostrophe, never a formula, never an error
code), and one that starts like a formula also carries Excel's quotePrefix style, so editing it in Excel
keeps it text. Characters an xlsx file cannot hold are dropped by the writer, whatever ingest did.
"""

from __future__ import annotations

import io
import math
import re
from datetime import date, datetime, time, timedelta
from decimal import Decimal

import pandas as pd

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# XML 1.0 allows tab, LF and CR of the C0 controls, no surrogate and not U+FFFE/U+FFFF; openpyxl raises
# IllegalCharacterError on the controls and writes a file Excel must repair for the rest.
XLSX_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
XLSX_TEXT_LIMIT = 32_767  # characters in one cell; Excel refuses more
# Excel refuses these in a sheet name and cuts names at 31 characters
_SHEET_NAME_BAD = re.compile(r"[\[\]:*?/\\]")
_MAX_WIDTH = 60


def csv_cell(value):
    """A text value Excel would evaluate is prefixed with ' (OWASP CSV injection advice); numbers pass."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """The frame as CSV, UTF-8 with BOM so Excel opens Chinese text correctly; no cell starts a formula."""
    out = frame.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(csv_cell)
    out.columns = [csv_cell(str(c)) for c in out.columns]
    return out.to_csv(index=False).encode("utf-8-sig")


def xlsx_text(value) -> str:
    """Text as an xlsx cell can hold it: the characters XML forbids dropped, a line break as LF (XML reads
    a bare CR back as LF anyway), at most 32,767 characters."""
    text = XLSX_ILLEGAL.sub("", str(value)).replace("\r\n", "\n").replace("\r", "\n")
    return text[:XLSX_TEXT_LIMIT]


def xlsx_value(value):
    """What an xlsx cell stores for a value: None for a missing or non-finite one, Python numbers for numpy
    ones, a date for a midnight timestamp, a naive datetime for an aware one, text for anything else."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if type(value).__module__ == "numpy":  # numpy scalars; a datetime64's .item() would be nanoseconds
        value = pd.Timestamp(value) if str(getattr(value, "dtype", "")).startswith("datetime64") else value.item()
    if value is pd.NaT:
        return None
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, (bool, int, Decimal, timedelta, time)):
        return value
    if isinstance(value, pd.Timestamp):
        value = value.to_pydatetime()
    if isinstance(value, datetime):
        value = value.replace(tzinfo=None)  # Excel has no time zones; the wall-clock time is what was uploaded
        return value.date() if value == datetime(value.year, value.month, value.day) else value
    if isinstance(value, date):
        return value
    return xlsx_text(value)


def write_cell(cell, value):
    """The one xlsx cell writer: numbers as numbers, dates as dates, text as a string cell kept as it is."""
    value = xlsx_value(value)
    cell.value = value
    if isinstance(value, str):
        # openpyxl reads "=..." as a formula and "#N/A" as an error code: a user's text is neither
        cell.data_type = "s"
        if value.startswith(FORMULA_STARTS):
            cell.quotePrefix = True
    return cell


def xlsx_bytes(frame: pd.DataFrame, sheet: str, number_formats: dict[str, str] | None = None) -> bytes:
    """One sheet: the header row frozen, the frame's rows through write_cell, number formats by header."""
    from openpyxl import Workbook  # openpyxl loads when a download is asked for, not with the page
    from openpyxl.utils import get_column_letter

    book = Workbook()
    ws = book.active
    ws.title = _SHEET_NAME_BAD.sub("_", xlsx_text(sheet))[:31] or "Sheet1"
    formats = number_formats or {}
    for i, header in enumerate(frame.columns, start=1):
        write_cell(ws.cell(row=1, column=i), str(header))
        column = frame[header]
        fmt = formats.get(header) or ("yyyy-mm-dd" if pd.api.types.is_datetime64_any_dtype(column) else None)
        for row, value in enumerate(column.tolist(), start=2):
            cell = write_cell(ws.cell(row=row, column=i), value)
            if fmt and cell.value is not None:
                cell.number_format = fmt
        texts = [str(header)] + [str(v) for v in column.head(200).tolist() if xlsx_value(v) is not None]
        ws.column_dimensions[get_column_letter(i)].width = min(max(len(s) for s in texts) * 1.6 + 2, _MAX_WIDTH)
    ws.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
