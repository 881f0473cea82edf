"""Survey columns as users fill them (docs/outlook.md § Satisfaction and referrals): every order loads, an
unreadable answer is left empty and listed with its row and column. Numbers worked out by hand per file."""

from __future__ import annotations

import io
from decimal import Decimal

import openpyxl

from tests.bad_input.case import Case


def _text(text: str):
    return lambda: text.encode("utf-8")


def _xlsx(rows: list[list]):
    def make() -> bytes:
        wb = openpyxl.Workbook()
        for row in rows:
            wb.active.append(row)
        buf = io.BytesIO()
        wb.save(buf)
        return buf.getvalue()

    return make


def _read(scores: list | None = None, cells: list[tuple[int, str, str]] = ()):
    """check(con, report): the scores loaded, in row order, and the (row, column, value) of each unreadable cell."""

    def check(con, report) -> None:
        if scores is not None:
            found = [s for (s,) in con.execute("select satisfaction from orders order by source_row").fetchall()]
            assert found == scores, found
        assert [(row, column, value) for row, column, value, *_ in report.rejected_cells] == list(cells)

    return check


CASES: list[Case] = [
    Case(
        "csv_satisfaction_praise_words_and_a_formula",
        "survey.csv",
        _text("客户,日期,金额,满意度\n甲,2024-01-05,100,好评\n乙,2024-01-06,100,=1+1\n丙,2024-01-07,100,4\n"),
        loaded=3,
        rejected=0,
        says=("values in '满意度' could not be read and were left empty",),
        check=_read([None, None, Decimal("0.8")], [(2, "满意度", "好评"), (3, "满意度", "=1+1")]),
    ),
    Case(
        "csv_referrals_words_neither_count_nor_yes_no",
        "survey.csv",
        _text("客户,日期,金额,转介绍\n甲,2024-01-05,100,两位\n乙,2024-01-06,100,-3\n丙,2024-01-07,100,是\n"),
        loaded=3,
        rejected=0,
        says=("values in '转介绍' could not be read and were left empty",),
        check=_read(cells=[(2, "转介绍", "两位"), (3, "转介绍", "-3")]),
    ),
    Case(
        "xlsx_satisfaction_numbers_stored_as_floats_with_a_percent_cell",
        "survey.xlsx",
        _xlsx(
            [
                ["客户", "日期", "金额", "客户满意度"],
                ["甲", "2024-01-05", 100, 85.0],
                ["乙", "2024-01-06", 100, "90%"],
                ["丙", "2024-01-07", 100, None],
            ]
        ),
        loaded=3,
        rejected=0,
        says=("0–100 or percentage scale",),
        check=_read([Decimal("0.85"), Decimal("0.9"), None]),
    ),
    Case(
        "csv_satisfaction_above_every_scale",
        "survey.csv",
        _text("客户,日期,金额,CSAT\n甲,2024-01-05,100,250\n乙,2024-01-06,100,80\n"),
        loaded=2,
        rejected=0,
        says=("'CSAT' read as a 0–100 or percentage scale",),
        check=_read([None, Decimal("0.8")], [(2, "CSAT", "250")]),
    ),
]
