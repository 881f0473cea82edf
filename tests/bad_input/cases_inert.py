"""Text that looks like a formula, markdown or HTML: loaded as typed, and exported to xlsx exactly as typed (#10)."""

from __future__ import annotations

import csv
import io

import openpyxl
from quoting import identifier

from core.export import write_cell, xlsx_bytes
from tests.bad_input.case import Case

FORMULAS = ["=1+1", '=HYPERLINK("http://x","y")', "-ABC", "+86 138 0000 0000", "@SUM(A1)"]
MARKDOWN = [
    "[x](javascript:alert(1))",
    "![](http://example.com/a.png)",
    "<img src=x onerror=alert(1)>",
    "**bold**",
    "$x$",
    ":red[x]",
]


def _orders_csv(names: list[str]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["客户", "日期", "金额", "客户经理"])
    writer.writerows([name, f"2024-01-{i + 1:02d}", "10.00", name] for i, name in enumerate(names))
    return out.getvalue().encode()


def _orders_xlsx(names: list[str]) -> bytes:
    """An .xlsx whose name cells are string cells holding formula-like text (as Excel stores a quoted entry)."""
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["客户", "日期", "金额"])
    for i, name in enumerate(names, start=2):
        write_cell(ws.cell(row=i, column=1), name)
        ws.cell(row=i, column=2, value=f"2024-01-{i:02d}")
        ws.cell(row=i, column=3, value=10)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _pipeline_csv(stages: list[str]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["商机编号", "客户", "阶段"])
    writer.writerows([f"O{i}", "甲", stage] for i, stage in enumerate([*stages, "赢单", "输单"]))
    return out.getvalue().encode()


def _kept(names: list[str], column: str = "customer", table: str = "orders"):
    """check(): every name stored as typed, and an xlsx of the table gives it back as a string cell."""

    def check(con, report) -> None:
        stored = con.execute(f"select {identifier(column)} from {identifier(table)}").df()
        assert set(names) <= set(stored[column]), sorted(stored[column])
        ws = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(stored, "t"))).active
        cells = {c.value: c for c in ws["A"][1:]}
        assert set(names) <= set(cells)
        assert all(cells[n].data_type == "s" for n in names)

    return check


def _file_named_as_uploaded(report, name: str) -> None:
    assert report.file == name


CASES = [
    Case(
        "csv_customer_names_that_look_like_formulas",
        "formulas.csv",
        lambda: _orders_csv(FORMULAS),
        loaded=len(FORMULAS),
        rejected=0,
        check=_kept(FORMULAS),
    ),
    Case(
        "csv_account_managers_that_look_like_formulas",
        "managers.csv",
        lambda: _orders_csv(FORMULAS),
        loaded=len(FORMULAS),
        rejected=0,
        check=_kept(FORMULAS, "account_manager"),
    ),
    Case(
        "xlsx_string_cells_that_look_like_formulas",
        "formulas.xlsx",
        lambda: _orders_xlsx(FORMULAS),
        loaded=len(FORMULAS),
        rejected=0,
        check=_kept(FORMULAS),
    ),
    Case(
        "csv_customer_names_written_in_markdown_and_html",
        "markdown.csv",
        lambda: _orders_csv(MARKDOWN),
        loaded=len(MARKDOWN),
        rejected=0,
        check=_kept(MARKDOWN),
    ),
    Case(
        "csv_file_named_like_a_markdown_link",
        "[x](javascript:alert(1)).csv",
        lambda: _orders_csv(["甲", "乙"]),
        loaded=2,
        rejected=0,
        check=lambda con, report: _file_named_as_uploaded(report, "[x](javascript:alert(1)).csv"),
    ),
    Case(
        "csv_pipeline_stages_written_in_markdown_and_html",
        "stages.csv",
        lambda: _pipeline_csv(MARKDOWN),
        table="pipeline",
        loaded=len(MARKDOWN) + 2,
        rejected=0,
        check=_kept(MARKDOWN, "stage", "pipeline"),
    ),
]
