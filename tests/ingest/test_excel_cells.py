"""Excel cells as text: a whole column is converted at once, and reads exactly as cell by cell did."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl

from core.ingest import read_table


def _workbook(rows: list[list]) -> bytes:
    wb = openpyxl.Workbook()
    for row in rows:
        wb.active.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_numbers_keep_their_text_form_on_both_sides_of_every_formatting_boundary():
    values = [17850.0, 346.36, -2424.52, 0.0001, 0.00001, 9999999999.5, 12345678901.5, 1e15, 1e16, 0.1, 3]
    raw = read_table(_workbook([["客户", "金额"]] + [["甲", v] for v in values]), "numbers.xlsx")
    result = raw.data.column("金额").to_pylist()
    # whole numbers below 1e15 as integers; others as Python writes them (an exponent below 1e-4 and
    # from 1e16); Arrow writes them alike from 1e-4 to 1e10, and Python writes the rest
    expected = [
        "17850",
        "346.36",
        "-2424.52",
        "0.0001",
        "1e-05",
        "9999999999.5",
        "12345678901.5",
        "1000000000000000.0",
        "1e+16",
        "0.1",
        "3",
    ]
    assert result == expected


def test_a_column_of_texts_numbers_dates_and_blanks_reads_each_cell_as_itself():
    rows = [
        ["客户", "日期", "备注"],
        ["甲", dt.date(2024, 1, 5), "x"],
        ["乙", dt.datetime(2024, 1, 6, 9, 30), 5.0],
        ["丙", None, True],
        ["丁", dt.date(2024, 1, 8), None],
    ]
    raw = read_table(_workbook(rows), "mixed.xlsx")
    result = {c: raw.data.column(c).to_pylist() for c in ("日期", "备注")}
    expected = {
        "日期": ["2024-01-05", "2024-01-06 09:30:00", None, "2024-01-08"],  # a date-only cell is a date
        "备注": ["x", "5", "TRUE", None],
    }
    assert result == expected
