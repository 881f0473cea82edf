"""The brief as the brief tests read it back: a CSV loaded and written to a workbook, a titled table's rows,
every text on a sheet."""

from __future__ import annotations

import io
from collections.abc import Callable

import duckdb
import openpyxl
from openpyxl.cell import Cell
from openpyxl.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from core import ingest, store
from core.brief import workbook_bytes
from core.filters import Filters


def load_brief(data: bytes, lang: str = "zh") -> tuple[duckdb.DuckDBPyConnection, Workbook]:
    """The orders CSV loaded into a new store, and the brief written from it (no filters, no pipeline)."""
    con = store.connect()
    report = ingest.load_file(con, data, "orders.csv")
    return con, openpyxl.load_workbook(io.BytesIO(workbook_bytes(con, Filters(), report, None, lang)))


def table(ws: Worksheet, title: str, read: Callable[[Cell], object] = lambda cell: cell.value) -> list[dict]:
    """The rows of the table titled `title` (headers on the row below it), as {header: read(cell)}, down to its
    first empty row."""
    top, col = next((c.row, c.column) for cells in ws.iter_rows() for c in cells if c.value == title)
    headers = []
    while ws.cell(top + 1, col + len(headers)).value is not None:
        headers.append(ws.cell(top + 1, col + len(headers)).value)
    rows, row = [], top + 2
    while ws.cell(row, col).value is not None:
        rows.append({h: read(ws.cell(row, col + i)) for i, h in enumerate(headers)})
        row += 1
    return rows


def texts(ws: Worksheet) -> list[str]:
    """Every filled cell of the sheet as text, row by row."""
    return [str(c.value) for cells in ws.iter_rows() for c in cells if c.value is not None]
