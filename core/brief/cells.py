"""Cells of the Excel brief: every value reaches a sheet through put(), so formats hold everywhere.

put() gives each value its kind's number format and hands it to core.export.write_cell, the one xlsx
cell writer of the product: text is a string cell kept as uploaded (never a formula, no apostrophe),
without the characters XML cannot hold; money is a Decimal from integer cents, so Excel shows exactly
the cents DuckDB summed.
"""

from __future__ import annotations

import math
from datetime import date, datetime
from decimal import Decimal

import pandas as pd
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from core.export import write_cell

# Number formats by kind of value; a kind not listed here is written as text.
FORMATS = {
    "money": "#,##0.00",
    "amount": "#,##0.00",  # a float shown as money, such as a mean; never summed
    "share": "0.0%",
    "count": "#,##0",
    "number": "0.00",
    "ratio": '0.00"×"',
    "date": "yyyy-mm-dd",
}
HEADER_ROW = 2  # row 1 holds the table titles, row 2 the headers; panes freeze below it
FIRST_DATA_ROW = HEADER_ROW + 1
_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", start_color="DDEBF7")
_HEADER_BORDER = Border(bottom=Side(style="thin", color="8EA9DB"))
_TITLE_FONT = Font(bold=True, size=12)
_NOTE_FONT = Font(italic=True, color="595959")
_MAX_WIDTH = 60


def money(cents) -> Decimal | None:
    """Integer cents as an exact Decimal of yuan; None for a missing value."""
    if _missing(cents):
        return None
    return Decimal(int(cents)).scaleb(-2)


def money_from_float(value) -> Decimal | None:
    """A 2-decimal money value DuckDB handed over as float, back to its exact cents."""
    if _missing(value):
        return None
    return money(round(float(value) * 100))


def text(value) -> str | None:
    """A value as text, None for a missing one; write_cell keeps it a string cell."""
    return None if _missing(value) else str(value)


def put(ws: Worksheet, row: int, col: int, value, kind: str = "text"):
    """Write one value as its kind: text, money (cents), money_float, amount, share, count, number, ratio, date."""
    if kind == "money":
        value = money(value)
    elif kind == "money_float":
        value, kind = money_from_float(value), "money"
    elif kind == "date":
        value = _date(value)
    elif kind in FORMATS:
        value = None if _missing(value) else (int(value) if kind == "count" else float(value))
    else:
        value = text(value)
    cell = write_cell(ws.cell(row=row, column=col), value)
    if kind in FORMATS:
        cell.number_format = FORMATS[kind]
    return cell


def table(ws: Worksheet, col: int, title: str, columns: list[tuple[str, str]], rows, row: int = HEADER_ROW) -> int:
    """A titled table whose header sits at `row` (title above it): columns are (header, kind), rows are
    sequences of values. Returns the last row written."""
    title_cell = put(ws, row - 1, col, title)
    title_cell.font = _TITLE_FONT
    for offset, (header, _) in enumerate(columns):
        cell = put(ws, row, col + offset, header)
        cell.font, cell.fill, cell.border = _HEADER_FONT, _HEADER_FILL, _HEADER_BORDER
        cell.alignment = Alignment(vertical="center")
    last = row
    for values in rows:
        last += 1
        for offset, ((_, kind), value) in enumerate(zip(columns, values)):
            put(ws, last, col + offset, value, kind)
    return last


def pairs(ws: Worksheet, row: int, col: int, items) -> int:
    """(item, value, kind) rows below `row`, the item in `col` and its value beside it; returns the last row."""
    for item, value, kind in items:
        row += 1
        put(ws, row, col, item)
        put(ws, row, col + 1, value, kind)
    return row


def subheading(ws: Worksheet, row: int, col: int, words: str) -> None:
    put(ws, row, col, words).font = _HEADER_FONT


def note(ws: Worksheet, row: int, col: int, words: str) -> None:
    put(ws, row, col, words).font = _NOTE_FONT


def bar_chart(
    ws: Worksheet,
    title: str,
    data_cols: tuple[int, int],
    cats_col: int,
    header_row: int,
    last_row: int,
    anchor: str,
    *,
    horizontal: bool = False,
    percent: bool = False,
) -> None:
    """A native Excel bar chart of table columns data_cols (first, last; each header names its series);
    nothing for a table without rows."""
    if last_row <= header_row:
        return
    chart = BarChart()
    chart.type = "bar" if horizontal else "col"
    chart.title = title
    chart.height, chart.width = 7.5, 15
    data = Reference(ws, min_col=data_cols[0], max_col=data_cols[1], min_row=header_row, max_row=last_row)
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=cats_col, min_row=header_row + 1, max_row=last_row))
    if data_cols[0] == data_cols[1]:
        chart.legend = None
    else:
        chart.legend.position = "b"
    if percent:
        chart.y_axis.number_format = "0%"
    if horizontal:
        chart.x_axis.scaling.orientation = "maxMin"  # first row on top, as in the table
    # openpyxl 3.1 hides the axes unless told otherwise
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    ws.add_chart(chart, anchor)


def finish(ws: Worksheet, freeze: str | None = f"A{FIRST_DATA_ROW}") -> None:
    """Freeze the panes below the headers and fit every column to its longest value."""
    if freeze:
        ws.freeze_panes = freeze
    widths: dict[int, float] = {}
    for cells in ws.iter_rows():
        for cell in cells:
            # titles and notes may run over the empty cells to their right; they don't size a column
            if cell.value is None or cell.font.i or (cell.font.b and cell.font.sz == _TITLE_FONT.sz):
                continue
            widths[cell.column] = max(widths.get(cell.column, 0), _display_width(cell))
    for column, width in widths.items():
        ws.column_dimensions[get_column_letter(column)].width = min(_MAX_WIDTH, max(8, width + 2))


def _display_width(cell) -> float:
    value = cell.value
    if isinstance(value, (int, float, Decimal)):
        return len(f"{value:,.2f}") + 1
    if isinstance(value, (date, datetime)):
        return 10
    # CJK characters take two columns in Excel's default fonts
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in str(value))


def _date(value) -> date | None:
    if _missing(value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()
    if isinstance(value, datetime):
        return value.date()
    return value


def _missing(value) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float) and math.isnan(value)
