"""One expected orders table written the many messy ways real exports write it (as sqlite-utils' tests/sniff)."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import openpyxl

# customer, order_date, amount: what every variant must read back as
ORDERS = [
    ("华东精密机械有限公司", date(2024, 1, 5), Decimal("1234.50")),
    ("华东精密机械有限公司", date(2024, 2, 13), Decimal("-30.00")),
    ("深圳云帆电子", date(2024, 1, 20), Decimal("88000.00")),
    ("北京启明医药", date(2023, 12, 31), Decimal("0.10")),
    ("成都天府物流", date(2024, 3, 1), Decimal("12000.00")),
]
LATIN_ORDERS = [
    ("Café Müller GmbH", date(2024, 1, 5), Decimal("1234.50")),
    ("Société Générale", date(2024, 2, 13), Decimal("-30.00")),
    ("Zoë & Co", date(2024, 3, 1), Decimal("12000.00")),
]
HEADER = ["客户名称", "订单日期", "金额(元)"]
EXCEL_EPOCH = date(1899, 12, 30)

VARIANTS = [
    "utf8_csv",
    "utf8_bom_csv",
    "gbk_csv",
    "utf16_csv",
    "semicolon_csv",
    "tab_csv",
    "crlf_csv",
    "title_row_above_header",
    "merged_title_and_blank_rows",
    "merged_customer_cells",
    "totals_row",
    "yen_with_thousands",
    "fullwidth_and_wan",
    "excel_serial_dates",
    "chinese_dates",
    "compact_dates",
    "slash_dates_day_first",
    "slash_dates_month_first",
    "dates_with_time",
    "xls",
    "xlsm",
    "cover_sheet_before_data",
    "quoted_newline_in_name",
]


def _fmt_amount(a: Decimal, style: str) -> str:
    if style == "yen":
        return f"-¥{abs(a):,.2f}" if a < 0 else f"¥{a:,.2f}"
    if style == "paren":
        return f"({abs(a):,.2f})" if a < 0 else f"{a:,.2f}"
    if style == "fullwidth":
        text = f"{a / 10000}万" if a >= 10000 else str(a)
        return text.translate(str.maketrans("0123456789.-", "０１２３４５６７８９．－"))
    return str(a)


def _fmt_date(d: date, style: str) -> str:
    return {
        "iso": d.isoformat(),
        "slash": f"{d.year}/{d.month}/{d.day}",
        "chinese": f"{d.year}年{d.month}月{d.day}日",
        "compact": d.strftime("%Y%m%d"),
        "dmy": d.strftime("%d/%m/%Y"),
        "mdy": d.strftime("%m/%d/%Y"),
        "serial": str((d - EXCEL_EPOCH).days),
        "time": f"{d.isoformat()} 14:35:00",
    }[style]


def rows_as_text(orders, date_style="iso", amount_style="plain") -> list[list[str]]:
    return [[c, _fmt_date(d, date_style), _fmt_amount(a, amount_style)] for c, d, a in orders]


def csv_text(rows: list[list[str]], delimiter: str = ",", header=HEADER) -> str:
    out = io.StringIO()
    w = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    return out.getvalue()


def _xlsx(
    rows: list[list],
    *,
    title: str | None = None,
    blank_rows: int = 0,
    merge_title: bool = False,
    totals: bool = False,
    header=HEADER,
    cover: bool = False,
) -> bytes:
    wb = openpyxl.Workbook()
    if cover:
        ws0 = wb.active
        ws0.title = "说明"
        ws0.append(["本文件由 ERP 导出"])
        ws0.append(["导出人：张三"])
        ws = wb.create_sheet("销售明细")
    else:
        ws = wb.active
        ws.title = "销售明细"
    if title:
        ws.append([title])
        if merge_title:
            ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
    for _ in range(blank_rows):
        ws.append([])
    ws.append(header)
    for r in rows:
        ws.append(r)
    if totals:
        ws.append(["合计", None, sum(r[2] for r in rows)])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _typed_rows(orders) -> list[list]:
    return [[c, d, float(a)] for c, d, a in orders]


def build(variant: str, orders=ORDERS) -> tuple[str, bytes]:
    """(file name, bytes) of ORDERS written as `variant`."""
    text_rows = rows_as_text(orders)
    if variant == "utf8_csv":
        return "orders.csv", csv_text(text_rows).encode("utf-8")
    if variant == "utf8_bom_csv":
        return "orders.csv", csv_text(text_rows).encode("utf-8-sig")
    if variant == "gbk_csv":
        return "orders.csv", csv_text(text_rows).encode("gbk")
    if variant == "utf16_csv":
        return "orders.csv", csv_text(text_rows, "\t").encode("utf-16")
    if variant == "semicolon_csv":
        return "orders.csv", csv_text(text_rows, ";").encode("utf-8")
    if variant == "tab_csv":
        return "orders.txt", csv_text(text_rows, "\t").encode("utf-8")
    if variant == "crlf_csv":
        return "orders.csv", csv_text(text_rows).replace("\n", "\r\n").encode("gb18030")
    if variant == "title_row_above_header":
        return "orders.xlsx", _xlsx(_typed_rows(orders), title="2024年销售明细（ERP导出）")
    if variant == "merged_title_and_blank_rows":
        return "orders.xlsx", _xlsx(_typed_rows(orders), title="2024年销售明细", blank_rows=2, merge_title=True)
    if variant == "merged_customer_cells":
        return "orders.xlsx", _merged_customers(orders)
    if variant == "totals_row":
        return "orders.xlsx", _xlsx(_typed_rows(orders), totals=True)
    if variant == "yen_with_thousands":
        return "orders.csv", csv_text(rows_as_text(orders, "slash", "yen")).encode("utf-8")
    if variant == "fullwidth_and_wan":
        return "orders.csv", csv_text(rows_as_text(orders, "iso", "fullwidth")).encode("utf-8")
    if variant == "excel_serial_dates":
        return "orders.csv", csv_text(rows_as_text(orders, "serial", "paren")).encode("utf-8")
    if variant == "chinese_dates":
        return "orders.csv", csv_text(rows_as_text(orders, "chinese")).encode("gbk")
    if variant == "compact_dates":
        return "orders.csv", csv_text(rows_as_text(orders, "compact")).encode("utf-8")
    if variant == "slash_dates_day_first":
        return "orders.csv", csv_text(rows_as_text(orders, "dmy")).encode("utf-8")
    if variant == "slash_dates_month_first":
        return "orders.csv", csv_text(rows_as_text(orders, "mdy")).encode("utf-8")
    if variant == "dates_with_time":
        rows = [
            [c, datetime.combine(d, datetime.min.time()) + timedelta(hours=9, minutes=30), float(a)]
            for c, d, a in orders
        ]
        return "orders.xlsx", _xlsx(rows)
    if variant == "xls":
        return "orders.xls", _xls(orders)
    if variant == "xlsm":
        return "orders.xlsm", _xlsx(_typed_rows(orders), title="宏工作簿")
    if variant == "cover_sheet_before_data":
        return "orders.xlsx", _xlsx(_typed_rows(orders), cover=True)
    if variant == "quoted_newline_in_name":
        rows = rows_as_text(orders)
        rows.insert(0, ["", "", ""])  # a blank line above, so row numbers must count back in
        return "orders.csv", (
            "导出时间：2024-03-05\n" + csv_text(rows).replace('\n""', "\n").replace(",,\n", "\n")
        ).encode("utf-8")
    raise ValueError(variant)


def _merged_customers(orders) -> bytes:
    """Consecutive lines of one customer under one merged customer cell, as WPS reports print them."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(HEADER)
    ordered = sorted(orders, key=lambda o: o[0])
    start = None
    for i, (c, d, a) in enumerate(ordered):
        row = i + 2
        prev = ordered[i - 1][0] if i else None
        ws.append([c if c != prev else None, d, float(a)])
        if c != prev:
            start = row
        nxt = ordered[i + 1][0] if i + 1 < len(ordered) else None
        if nxt != c and row > start:
            ws.merge_cells(start_row=start, start_column=1, end_row=row, end_column=1)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _xls(orders) -> bytes:
    import xlwt

    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet("Sheet1")
    date_style = xlwt.easyxf(num_format_str="yyyy-mm-dd")
    for j, h in enumerate(HEADER):
        ws.write(0, j, h)
    for i, (c, d, a) in enumerate(orders, start=1):
        ws.write(i, 0, c)
        ws.write(i, 1, d, date_style)
        ws.write(i, 2, float(a))
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def write(tmp_path: Path, variant: str, orders=ORDERS) -> Path:
    name, data = build(variant, orders)
    path = tmp_path / f"{variant}_{name}"
    path.write_bytes(data)
    return path
