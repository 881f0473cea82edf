"""Messy files as exports and users make them: each refused with one sentence naming the file, or loaded
with every row accounted for. The numbers in each case are worked out by hand from the file it makes."""

from __future__ import annotations

import codecs
import io
import random
import struct
import zipfile
import zlib
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal

import openpyxl

from tests.bad_files import password_protected
from tests.bad_input.case import Case

# ---------------------------------------------------------------- making files


def _text(text: str, encoding: str = "utf-8") -> Callable[[], bytes]:
    return lambda: text.encode(encoding)


def _xlsx(rows: list[list], merged: tuple[str, ...] = ()) -> Callable[[], bytes]:
    def make() -> bytes:
        wb = openpyxl.Workbook()
        for row in rows:
            wb.active.append(row)
        for cells in merged:
            wb.active.merge_cells(cells)
        buf = io.BytesIO()
        wb.save(buf)
        return buf.getvalue()

    return make


def _xls(rows: list[list]) -> Callable[[], bytes]:
    def make() -> bytes:
        import xlwt

        wb = xlwt.Workbook(encoding="utf-8")
        ws = wb.add_sheet("销售明细")
        for i, row in enumerate(rows):
            for j, value in enumerate(row):
                if isinstance(value, date):
                    ws.write(i, j, value, xlwt.easyxf(num_format_str="yyyy-mm-dd"))
                elif value is not None:
                    ws.write(i, j, value)
        buf = io.BytesIO()
        wb.save(buf)
        return buf.getvalue()

    return make


def _zip(files: dict[str, str]) -> Callable[[], bytes]:
    def make() -> bytes:
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
            for name, text in files.items():
                zf.writestr(name, text)
        return buf.getvalue()

    return make


def _png() -> bytes:
    """A valid 16x16 RGB PNG of random pixels."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    rng = random.Random(42)
    pixels = b"".join(b"\x00" + bytes(rng.randrange(256) for _ in range(48)) for _ in range(16))
    header = struct.pack(">IIBBBBB", 16, 16, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(pixels)) + chunk(b"IEND", b"")


def _garbage() -> bytes:
    rng = random.Random(42)
    return bytes(rng.randrange(256) for _ in range(4096))


# ---------------------------------------------------------------- checking loads


def _rejected_rows(*rows: int) -> Callable:
    """The rejected rows are exactly these file rows (as the user sees them), in order."""

    def check(con, report) -> None:
        assert [r[0] for r in report.rejected_rows] == list(rows)

    return check


def _net(by_customer: dict[str, str], rejected: tuple[int, ...] = ()) -> Callable:
    """sum(amount) per loaded customer, exactly, and the rejected rows."""

    def check(con, report) -> None:
        result = dict(con.execute("select customer, sum(amount) from orders group by customer").fetchall())
        assert result == {c: Decimal(v) for c, v in by_customer.items()}
        assert [r[0] for r in report.rejected_rows] == list(rejected)

    return check


def _dates(*expected: date) -> Callable:
    def check(con, report) -> None:
        result = [r[0] for r in con.execute("select order_date from orders order by source_row").fetchall()]
        assert result == list(expected)

    return check


def _all(*checks: Callable) -> Callable:
    def check(con, report) -> None:
        for c in checks:
            c(con, report)

    return check


def _encoding(expected: str) -> Callable:
    def check(con, report) -> None:
        assert report.encoding == expected

    return check


def _duplicates(*pairs: tuple[int, int]) -> Callable:
    def check(con, report) -> None:
        assert report.duplicate_pairs == list(pairs)

    return check


NOT_EXCEL = ("无法作为 Excel", "not a readable Excel")
NO_HEADER = ("找不到表头行", "No header row found")
NO_DATA = ("只有表头", "no data rows")

REFUSED = [
    Case("csv_of_whitespace_only", "blank.csv", _text(" \n\t\n  \r\n"), refused=("空的", "empty")),
    # Excel saves an empty sheet as "CSV UTF-8" as the byte-order mark alone
    Case(
        "csv_of_a_byte_order_mark_only", "empty_sheet.csv", lambda: codecs.BOM_UTF8 + b"\r\n", refused=("空的", "empty")
    ),
    Case("csv_with_only_a_header", "header.csv", _text("客户,日期,金额\n"), refused=NO_DATA),
    Case("csv_with_a_header_and_blank_rows", "blank_rows.csv", _text("客户,日期,金额\n,,\n , , \n\n"), refused=NO_DATA),
    Case(
        "xlsx_with_a_title_and_a_header_only",
        "title_header.xlsx",
        _xlsx([["2024年销售明细"], [], ["客户名称", "订单日期", "金额"]]),
        refused=NO_DATA,
    ),
    Case("xlsx_with_only_a_title", "title.xlsx", _xlsx([["2024年华东区销售明细"]]), refused=NO_HEADER),
    Case("xlsx_with_an_empty_sheet", "nothing.xlsx", _xlsx([]), refused=("工作表是空的", "The sheet is empty")),
    Case(
        "docx_renamed_xlsx",
        "report.xlsx",
        _zip({"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document/>"}),
        refused=NOT_EXCEL,
    ),
    Case(
        "pdf_renamed_xlsx",
        "invoice.xlsx",
        _text("%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n%%EOF\n"),
        refused=NOT_EXCEL,
    ),
    Case(
        "zip_of_a_csv_renamed_xlsx",
        "orders.xlsx",
        _zip({"orders.csv": "客户,日期,金额\n甲,2024-01-05,1\n"}),
        refused=NOT_EXCEL,
    ),
    Case("png_renamed_xlsx", "chart.xlsx", _png, refused=NOT_EXCEL),
    # the PNG's bytes decode as Windows-1252 text in which some line happens to look like a header
    Case("png_renamed_csv", "chart.csv", _png, refused=("找不到必需的列", "Required columns not found")),
    # many ERP "Excel" exports are an HTML table saved as .xls
    Case(
        "html_table_saved_as_xls",
        "erp_export.xls",
        _text(
            "<html><body><table><tr><td>客户</td><td>金额</td></tr><tr><td>甲</td><td>1</td></tr></table></body></html>"
        ),
        refused=NOT_EXCEL,
    ),
    Case("text_renamed_xls", "legacy.xls", _text("not an OLE2 compound file\n" * 20), refused=NOT_EXCEL),
    # an encrypted workbook is an OLE container whatever its name: saved as .xls it is still locked
    Case(
        "password_protected_workbook_named_xls",
        "locked.xls",
        password_protected,
        refused=("密码保护", "password-protected"),
    ),
    Case("binary_garbage_csv", "garbage.csv", _garbage, refused=("找不到必需的列", "Required columns not found")),
    Case(
        "file_without_an_extension",
        "orders",
        _text("客户,日期,金额\n甲,2024-01-05,1\n"),
        refused=("不支持", "Unsupported"),
    ),
    Case(
        "json_file",
        "orders.json",
        _text('[{"客户": "甲", "金额": 1}]'),
        refused=("不支持", "Unsupported file type '.json'"),
    ),
    Case(
        "english_headers_without_an_amount",
        "orders.csv",
        _text("Customer,Order Date,Note\nAcme,2024-01-05,hello\nBeta,2024-01-06,hi\n"),
        refused=("找不到必需的列：金额", "Required columns not found: Amount"),
    ),
    Case(
        "chinese_headers_without_a_date",
        "订单.csv",
        _text("客户名称,金额\n华东机械,100\n云帆电子,200\n"),
        refused=("找不到必需的列：订单日期", "Required columns not found: Order date"),
    ),
    # German headers: the date and the amount are found by their values; two distinct names are no customer column
    Case(
        "german_headers_find_date_and_amount_by_value_but_no_customer",
        "bestellungen.csv",
        _text("Kunde,Datum,Betrag\nMüller GmbH,2024-01-05,100.00\nSchmidt AG,2024-01-06,200.00\n"),
        refused=("找不到必需的列：客户", "Required columns not found: Customer"),
    ),
    Case(
        "pipeline_without_a_stage",
        "pipeline.csv",
        _text("客户,预计金额\n甲,100\n乙,200\n"),
        table="pipeline",
        refused=("找不到必需的列：阶段", "Required columns not found: Stage"),
    ),
]

LOADED = [
    Case(
        "csv_rows_with_an_empty_customer",
        "orders.csv",
        # row 3: nothing; row 4: a full-width space only
        _text(
            "客户,日期,金额\n甲,2024-01-05,100.00\n,2024-01-06,50.00\n\u3000,2024-01-07,25.00\n乙,2024-01-08,10.00\n"
        ),
        loaded=2,
        rejected=2,
        says=("customer is empty",),
        check=_net({"甲": "100.00", "乙": "10.00"}, rejected=(3, 4)),
    ),
    Case(
        "csv_dates_that_cannot_be_read",
        "orders.csv",
        _text(
            "客户,日期,金额\n甲,someday,1\n乙,2024-02-30,2\n丙,2024-13-01,3\n丁,2024-01-05,4\n戊,,5\n己,2024年2月29日,6\n"
        ),
        loaded=2,  # 丁 and 己 (2024 is a leap year)
        rejected=4,
        says=("date cannot be read", "date is empty"),
        check=_net({"丁": "4.00", "己": "6.00"}, rejected=(2, 3, 4, 6)),
    ),
    Case(
        "csv_amounts_that_cannot_be_read",
        "orders.csv",
        _text(
            '客户,日期,金额\n甲,2024-01-05,abc\n乙,2024-01-05,¥\n丙,2024-01-05,1.2.3\n丁,2024-01-05,"1,234.50"\n戊,2024-01-05,\n'
        ),
        loaded=1,
        rejected=4,
        says=("amount cannot be read", "amount is empty", "abc", "1.2.3"),
        check=_net({"丁": "1234.50"}, rejected=(2, 3, 4, 6)),
    ),
    Case(
        "csv_totals_rows_at_the_bottom",
        "orders.csv",
        _text(
            "客户,日期,金额\n甲,2024-01-05,100.00\n乙,2024-01-06,200.00\n丙,2024-01-07,300.00\n小计,,600.00\n合计,,600.00\n\n"
        ),
        loaded=3,
        rejected=2,
        says=("totals row",),
        check=_net({"甲": "100.00", "乙": "200.00", "丙": "300.00"}, rejected=(5, 6)),
    ),
    Case(
        "csv_one_row_with_every_problem_names_them_all",
        "orders.csv",
        _text("客户,日期,金额\n,someday,abc\n甲,2024-01-05,1\n"),
        loaded=1,
        rejected=1,
        says=("customer is empty; date cannot be read; amount cannot be read",),
        check=_rejected_rows(2),
    ),
    Case(
        "csv_a_mix_of_good_bad_blank_and_totals_rows",
        "orders.csv",
        # lines: 2 good, 3 blank, 4 no customer, 5 good, 6 bad date, 7 whitespace only, 8 bad amount, 9 good, 10 Total
        _text(
            "Customer,Order Date,Amount\nAcme,2024-01-05,10.00\n\n,2024-01-06,5\nBeta,2024-01-07,20.50\n"
            "Acme,01-13-2024x,1\n  ,  ,  \nBeta,2024-01-08,n/a\nGamma,2024-01-09,(0.50)\nTotal,,30.00\n"
        ),
        loaded=3,
        rejected=4,  # the blank line and the whitespace-only row are not rows
        says=("customer is empty", "date cannot be read", "amount cannot be read", "totals row"),
        check=_net({"Acme": "10.00", "Beta": "20.50", "Gamma": "-0.50"}, rejected=(4, 6, 8, 10)),
    ),
    Case(
        "a_header_repeated_below_is_a_rejected_row",
        "pages.csv",
        # exports printed page by page repeat the header
        _text("客户,日期,金额\n甲,2024-01-05,1\n客户,日期,金额\n乙,2024-01-06,2\n"),
        loaded=2,
        rejected=1,
        says=("date cannot be read; amount cannot be read",),
        check=_rejected_rows(3),
    ),
    Case(
        "gbk_csv_with_a_title_row_and_a_totals_row",
        "华东销售.csv",
        _text(
            "2024年华东区销售明细\n客户名称,订单日期,金额\n华东精密机械,2024-01-05,1234.50\n"
            "深圳云帆电子,2024/1/6,￥88.00\n合计,,1322.50\n",
            "gbk",
        ),
        loaded=2,
        rejected=1,
        says=("totals row",),
        check=_all(_encoding("gb18030"), _net({"华东精密机械": "1234.50", "深圳云帆电子": "88.00"}, rejected=(5,))),
    ),
    Case(
        "semicolon_csv_with_decimal_commas",
        "bestellungen.csv",
        _text("Customer;Date;Amount\nAcme;2024-01-05;1.234,50\nBeta;2024-01-06;12,30\nAcme;2024-01-07;-5,00\n"),
        loaded=3,
        rejected=0,
        says=("decimal comma",),
        check=_net({"Acme": "1229.50", "Beta": "12.30"}),
    ),
    Case(
        "tab_separated_with_thousands_separators",
        "orders.tsv",
        _text("客户\t日期\t金额\n甲\t2024-01-05\t1,234.50\n乙\t2024-01-06\t2,000.00\n甲\t2024-01-07\t￥1,000\n"),
        loaded=3,
        rejected=0,
        check=_net({"甲": "2234.50", "乙": "2000.00"}),
    ),
    Case(
        "ragged_rows_short_and_long",
        "orders.csv",
        # row 3 stops before the amount; row 4 has a fifth cell under no header
        _text("客户,日期,金额,备注\n甲,2024-01-05,100,\n乙,2024-01-06\n丙,2024-01-07,50,ok,extra\n丁,2024-01-08,25\n"),
        loaded=3,
        rejected=1,
        says=("amount is empty",),
        check=_net({"甲": "100.00", "丙": "50.00", "丁": "25.00"}, rejected=(3,)),
    ),
    Case(
        "csv_with_a_bom_and_crlf_line_ends",
        "orders.csv",
        lambda: (
            codecs.BOM_UTF8 + "客户,日期,金额\r\n甲,2024-01-05,1\r\n乙,2024-01-06,x\r\n丙,2024-01-07,2\r\n".encode()
        ),
        loaded=2,
        rejected=1,
        says=("amount cannot be read",),
        check=_all(_encoding("utf-8-sig"), _rejected_rows(3)),
    ),
    Case(
        "utf16_without_a_bom",
        "orders.csv",
        _text("客户,日期,金额\n甲,2024-01-05,1.50\n乙,2024-01-06,2.50\n", "utf-16-le"),
        loaded=2,
        rejected=0,
        check=_all(_encoding("utf-16"), _net({"甲": "1.50", "乙": "2.50"})),
    ),
    # Excel's "Unicode text" export: UTF-16 with a BOM, tab-separated, CRLF
    Case(
        "excel_unicode_text_export",
        "orders.txt",
        _text("客户\t日期\t金额\r\n甲\t2024/1/5\t1,000.00\r\n乙\t2024/1/6\t-100.00\r\n", "utf-16"),
        loaded=2,
        rejected=0,
        check=_net({"甲": "1000.00", "乙": "-100.00"}),
    ),
    Case(
        "xlsx_with_merged_customer_cells",
        "merged.xlsx",
        _xlsx(
            [
                ["客户", "日期", "金额"],
                ["甲", date(2024, 1, 5), 100],
                [None, date(2024, 1, 6), 200],
                [None, date(2024, 1, 7), 300.5],
                ["乙", date(2024, 1, 8), 50],
            ],
            merged=("A2:A4",),
        ),
        loaded=4,
        rejected=0,
        check=_net({"甲": "600.50", "乙": "50.00"}),
    ),
    Case(
        "xlsx_dates_as_excel_serial_numbers",
        "serials.xlsx",
        # 45296 is 2024-01-05; .75 is 18:00 the same day; 45351 is 2024-02-29
        _xlsx([["客户", "日期", "金额"], ["甲", 45296, 1], ["乙", 45296.75, 2], ["丙", 45351, 3]]),
        loaded=3,
        rejected=0,
        check=_dates(date(2024, 1, 5), date(2024, 1, 5), date(2024, 2, 29)),
    ),
    Case(
        "xlsx_with_date_time_cells_title_rows_and_a_totals_row",
        "export.xlsx",
        _xlsx(
            [
                ["销售明细表"],
                ["导出时间：2024-03-01 10:00"],
                [],
                ["客户名称", "订单日期", "金额"],
                ["华东精密机械", datetime(2024, 1, 5, 23, 59, 59), "¥1,234.50"],
                ["深圳云帆电子", datetime(2024, 1, 6, 0, 0, 1), 88],
                ["", date(2024, 1, 7), 5],
                ["合计", None, 1327.5],
            ]
        ),
        loaded=2,
        rejected=2,
        says=("customer is empty", "totals row"),
        check=_all(_dates(date(2024, 1, 5), date(2024, 1, 6)), _rejected_rows(7, 8)),
    ),
    Case(
        "legacy_xls_with_a_totals_row",
        "legacy.xls",
        _xls(
            [
                ["客户", "日期", "金额"],
                ["甲", date(2024, 1, 5), 100.25],
                ["乙", date(2024, 1, 6), 200],
                ["总计", None, 300.25],
            ]
        ),
        loaded=2,
        rejected=1,
        says=("totals row",),
        check=_net({"甲": "100.25", "乙": "200.00"}, rejected=(4,)),
    ),
    Case(
        "returns_as_negative_amounts_net_out",
        "orders.csv",
        _text(
            "客户,日期,金额\n甲,2024-01-05,1000.00\n甲,2024-01-06,-200.00\n甲,2024-01-07,(300.00)\n"
            "乙,2024-01-08,-¥50.00\n乙,2024-01-09,¥-25.00\n乙,2024-01-10,75.00\n"
        ),
        loaded=6,
        rejected=0,
        check=_net({"甲": "500.00", "乙": "0.00"}),  # a fully returned order nets to exactly 0
    ),
    Case(
        "duplicated_rows_are_kept_and_reported",
        "orders.csv",
        _text("客户,日期,金额\n甲,2024-01-05,1\n甲,2024-01-05,1\n乙,2024-01-05,1\n甲,2024-01-05,1\n"),
        loaded=4,
        rejected=0,
        check=_all(_duplicates((3, 2), (5, 2)), _net({"甲": "3.00", "乙": "1.00"})),
    ),
    Case(
        "a_quoted_line_break_keeps_the_row_numbers_true",
        "orders.csv",
        # the first record spans lines 2-3, so the record with no customer is line 4
        _text('客户,日期,金额\n"华东\n精密",2024-01-05,1\n,2024-01-06,2\n乙,2024-01-07,3\n'),
        loaded=2,
        rejected=1,
        says=("customer is empty",),
        check=_net({"华东 精密": "1.00", "乙": "3.00"}, rejected=(4,)),
    ),
    Case(
        "cells_padded_with_spaces_and_full_width_spaces",
        "orders.csv",
        _text(
            '客户,日期,金额\n  甲  , 2024-01-05 ," ¥1,234.50 "\n\u3000乙\u3000,\u30002024/1/6\u3000,\u3000２０\u3000\n'
        ),
        loaded=2,
        rejected=0,
        check=_net({"甲": "1234.50", "乙": "20.00"}),
    ),
    Case(
        "wan_and_yi_amounts_to_the_yuan",
        "orders.csv",
        _text("客户,日期,金额\n甲,2024-01-05,1.2万\n乙,2024-01-06,1.23456789亿\n丙,2024-01-07,-0.5万\n"),
        loaded=3,
        rejected=0,
        check=_net({"甲": "12000.00", "乙": "123456789.00", "丙": "-5000.00"}),
    ),
    Case(
        "day_first_slash_dates_decided_by_one_cell",
        "orders.csv",
        _text("客户,日期,金额\n甲,03/04/2024,1\n乙,25/04/2024,1\n丙,01/02/2024,1\n"),
        loaded=3,
        rejected=0,
        says=("day/month/year",),
        check=_dates(date(2024, 4, 3), date(2024, 4, 25), date(2024, 2, 1)),
    ),
    Case(
        "an_unreadable_optional_cost_is_left_empty_and_said",
        "orders.csv",
        _text("客户,日期,金额,成本\n甲,2024-01-05,10,n/a\n乙,2024-01-06,20,12\n"),
        loaded=2,
        rejected=0,
        says=("could not be read", "rows 2"),
    ),
    Case(
        "amount_from_quantity_times_price_with_an_unreadable_quantity",
        "orders.csv",
        _text("客户,日期,数量,单价\n甲,2024-01-05,3,19.99\n乙,2024-01-05,几个,1\n丙,2024-01-06,2,\n"),
        loaded=1,
        rejected=2,
        says=("quantity cannot be read", "unit price cannot be read"),
        check=_net({"甲": "59.97"}, rejected=(3, 4)),
    ),
    Case(
        "pipeline_rows_without_stage_or_customer",
        "pipeline.csv",
        _text(
            "商机编号,客户,阶段,预计金额,创建日期\nO1,甲,线索,100,2024-01-05\nO2,乙,,200,2024-01-06\n"
            "O3,,赢单,300,2024-01-07\nO4,丙,赢单,abc,2024-01-08\n"
        ),
        table="pipeline",
        loaded=2,  # O1, and O4 with its amount left empty (an optional field)
        rejected=2,
        says=("stage is empty", "customer is empty", "could not be read"),
        check=_rejected_rows(3, 4),
    ),
]

CASES = REFUSED + LOADED
