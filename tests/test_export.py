"""core.export: the one xlsx cell writer (text as uploaded, never a formula) and the one CSV writer (apostrophe guard)."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime
from decimal import Decimal

import openpyxl
import pandas as pd
import pytest

from core.export import csv_bytes, xlsx_bytes

# What a hostile or merely unlucky upload puts in a name column: formulas, signs, error codes, quotes.
LOOKS_LIKE_A_FORMULA = ["=1+1", '=HYPERLINK("http://x","y")', "-ABC", "+86 138 0000 0000", "@x", "\t=1"]
ODD_TEXT = ["#N/A", "'already quoted", "  spaced  ", "two\nlines", "甲公司", "TRUE", "00123"]


def _read_back(data: bytes):
    return openpyxl.load_workbook(io.BytesIO(data)).active


def _column(frame: pd.DataFrame, header: str = "客户"):
    ws = _read_back(xlsx_bytes(frame, "sheet"))
    assert ws["A1"].value == header
    return [row[0] for row in ws.iter_rows(min_row=2, max_col=1)]


@pytest.mark.parametrize("text", LOOKS_LIKE_A_FORMULA + ODD_TEXT)
def test_xlsx_writes_user_text_as_a_string_cell_equal_to_the_upload(text):
    (cell,) = _column(pd.DataFrame({"客户": [text]}))
    assert cell.value == text  # no apostrophe, nothing trimmed
    assert cell.data_type == "s"


def test_xlsx_text_that_starts_like_a_formula_is_marked_text_for_excel_and_nothing_else_is():
    cells = _column(pd.DataFrame({"客户": LOOKS_LIKE_A_FORMULA + ["甲公司"]}))
    assert [c.quotePrefix for c in cells] == [True] * len(LOOKS_LIKE_A_FORMULA) + [False]


def test_xlsx_writer_drops_the_control_characters_xlsx_cannot_hold_and_keeps_tab_and_newline():
    texts = ["甲\x01乙", "a\x0bb", "\x00x\x1f", "tab\there", "new\nline", "bad\ud800pair"]
    cells = _column(pd.DataFrame({"客户": pd.Series(texts, dtype=object)}))
    assert [c.value for c in cells] == ["甲乙", "ab", "x", "tab\there", "new\nline", "badpair"]


def test_xlsx_line_breaks_are_written_as_line_feeds():
    cells = _column(pd.DataFrame({"客户": ["a\r\nb", "c\rd"]}))
    assert [c.value for c in cells] == ["a\nb", "c\nd"]


def test_xlsx_control_character_removed_first_never_uncovers_a_formula():
    (cell,) = _column(pd.DataFrame({"客户": ["\x01=1+1"]}))
    assert (cell.value, cell.data_type, cell.quotePrefix) == ("=1+1", "s", True)


def test_xlsx_numbers_stay_numbers_and_dates_stay_dates():
    frame = pd.DataFrame(
        {
            "金额": [1234.5, float("nan")],
            "数量": pd.array([3, None], dtype="Int64"),
            "精确": [Decimal("0.10"), None],
            "日期": pd.to_datetime(["2024-01-05", None]),
        }
    )
    ws = _read_back(xlsx_bytes(frame, "sheet", {"金额": "#,##0.00"}))
    amount, quantity, exact, day = ws[2]
    assert (amount.value, amount.data_type, amount.number_format) == (1234.5, "n", "#,##0.00")
    assert (quantity.value, quantity.data_type) == (3, "n")
    assert exact.value == pytest.approx(0.1)
    assert day.is_date and day.value == datetime(2024, 1, 5) and day.number_format == "yyyy-mm-dd"
    assert [c.value for c in ws[3]] == [None, None, None, None]  # missing values are empty cells, not "nan"


def test_xlsx_time_zone_aware_timestamp_is_written_as_its_wall_clock_time():
    frame = pd.DataFrame({"时间": [pd.Timestamp("2024-01-05 09:30", tz="Asia/Shanghai")]})
    ws = _read_back(xlsx_bytes(frame, "sheet"))
    assert ws["A2"].value == datetime(2024, 1, 5, 9, 30)


def test_xlsx_header_that_looks_like_a_formula_is_text():
    ws = _read_back(xlsx_bytes(pd.DataFrame({"=SUM(A1)": [1]}), "sheet"))
    assert (ws["A1"].value, ws["A1"].data_type) == ("=SUM(A1)", "s")


def test_xlsx_sheet_named_after_a_hostile_file_is_a_valid_sheet_name():
    ws = _read_back(xlsx_bytes(pd.DataFrame({"a": [1]}), "rejected_[x]:*?/\\y\x01" + "长" * 40))
    assert ws.title == "rejected__x______y" + "长" * 13  # Excel's forbidden characters replaced, 31 at most
    assert ws.freeze_panes == "A2"


def test_csv_prefixes_text_excel_would_evaluate_with_an_apostrophe_and_leaves_the_rest():
    frame = pd.DataFrame({"客户": ["=1+1", "-ABC", "+86 138", "@x", "甲公司"], "金额": [1, -2, 3, 4, 5]})
    rows = list(csv.reader(io.StringIO(csv_bytes(frame).decode("utf-8-sig"))))
    assert rows == [
        ["客户", "金额"],
        ["'=1+1", "1"],
        ["'-ABC", "-2"],  # a negative number stays a number; only text is guarded
        ["'+86 138", "3"],
        ["'@x", "4"],
        ["甲公司", "5"],
    ]


def test_csv_starts_with_a_bom_so_excel_reads_chinese_as_utf8():
    assert csv_bytes(pd.DataFrame({"客户": ["甲"]})).startswith("\ufeff".encode())


def test_csv_guards_a_header_that_looks_like_a_formula():
    assert csv_bytes(pd.DataFrame({"=cmd": [date(2024, 1, 5)]})).decode("utf-8-sig").splitlines()[0] == "'=cmd"
