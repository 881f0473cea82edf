"""CSV and Excel downloads of a table on screen; no cell starts a formula (core.export)."""

from __future__ import annotations

import io
import re
from datetime import date, datetime

import pandas as pd
import streamlit as st
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from core.export import csv_bytes, safe_frame
from ui.text import t

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Excel refuses these in a sheet name and cuts names at 31 characters.
_SHEET_NAME_BAD = re.compile(r"[\[\]:*?/\\]")


def _cell(value):
    """A value openpyxl writes as itself: no NaN/NaT, no numpy scalars, dates as dates."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if isinstance(value, pd.Timestamp):
        value = value.to_pydatetime()
    if isinstance(value, datetime) and value == datetime(value.year, value.month, value.day):
        return value.date()
    if hasattr(value, "item") and not isinstance(value, (str, date)):
        return value.item()
    return value


def xlsx_bytes(frame: pd.DataFrame, sheet: str, number_formats: dict[str, str] | None = None) -> bytes:
    """One sheet: frozen header, the frame's rows, number formats by column header."""
    safe = safe_frame(frame)
    book = Workbook()
    ws = book.active
    ws.title = _SHEET_NAME_BAD.sub("_", sheet)[:31] or "Sheet1"
    ws.append(list(safe.columns))
    for row in safe.itertuples(index=False):
        ws.append([_cell(v) for v in row])
    ws.freeze_panes = "A2"
    formats = number_formats or {}
    for i, (header, column) in enumerate(zip(frame.columns, safe.columns), start=1):
        letter = get_column_letter(i)
        texts = [str(column)] + [str(v) for v in safe[column].head(200) if v is not None]
        ws.column_dimensions[letter].width = min(max(len(s) for s in texts) * 1.6 + 2, 60)
        fmt = formats.get(header) or ("yyyy-mm-dd" if pd.api.types.is_datetime64_any_dtype(frame[header]) else None)
        if fmt:
            for (cell,) in ws.iter_rows(min_row=2, min_col=i, max_col=i):
                cell.number_format = fmt
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def export_buttons(frame: pd.DataFrame, stem: str, key: str, number_formats: dict[str, str] | None = None) -> None:
    """Two buttons side by side: the table as CSV (UTF-8 with BOM, for Excel) and as .xlsx."""
    row = st.container(horizontal=True)
    row.download_button(
        t("download_csv"),
        csv_bytes(frame),
        file_name=f"{stem}.csv",
        mime="text/csv",
        key=f"{key}_csv",
        icon=":material/download:",
    )
    row.download_button(
        t("download_xlsx"),
        xlsx_bytes(frame, stem, number_formats),
        file_name=f"{stem}.xlsx",
        mime=XLSX_MIME,
        key=f"{key}_xlsx",
        icon=":material/table_view:",
    )
