"""Files that load, in whole or in part, only when read right (#10 § Inputs read right): two-digit years,
dates before 1900, ambiguous day/month columns, units in headers, control characters, totals rows and
pipeline stages spelled in several ways. Each says what it decided, in the notes or the rejected rows."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import openpyxl
from quoting import identifier

from tests.bad_input.case import Case


def _csv(*lines: str) -> bytes:
    return ("\n".join(lines) + "\n").encode("utf-8")


def _xlsx(*rows: list) -> bytes:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _orders(con, column: str) -> list:
    return [r[0] for r in con.execute(f"select {identifier(column)} from orders order by source_row").fetchall()]


def _dates(*expected: date):
    def check(con, report) -> None:
        assert _orders(con, "order_date") == list(expected)

    return check


def _amounts(*expected: str):
    def check(con, report) -> None:
        assert _orders(con, "amount") == [Decimal(a) for a in expected]

    return check


def _rejected(*expected: tuple):
    """The (row, column, value, reason_en) of each rejected row."""

    def check(con, report) -> None:
        assert [(r, c, v, en) for r, c, v, _, en, _ in report.rejected_rows] == list(expected)

    return check


def _no_control_characters(con, report) -> None:
    cells = con.execute("select concat_ws('|', customer, product) from orders").fetchall()
    assert not any(ch in text for (text,) in cells for ch in map(chr, [*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20)]))


def _check_customers(con, expected: list) -> None:
    assert con.execute("select customer, sum(amount) from orders group by 1 order by 1").fetchall() == expected


def _stage_steps(*expected: tuple):
    def check(con, report) -> None:
        from core.analytics.funnel import pipeline_funnel
        from core.filters import Filters

        funnel = pipeline_funnel(con, Filters())
        assert list(zip(funnel["stage"], funnel["reached"])) == list(expected)

    return check


CASES = [
    Case(
        "csv_two_digit_slash_years",
        "orders.csv",
        lambda: _csv("客户,日期,金额", "甲,1/5/24,10", "乙,2/6/24,20", "丙,12/31/23,30"),
        loaded=3,
        rejected=0,
        says=("3 dates in '日期' have a two-digit year, read as 20xx", "rows 2, 3, 4"),
        check=_dates(date(2024, 1, 5), date(2024, 2, 6), date(2023, 12, 31)),
    ),
    Case(
        "csv_two_digit_year_first_dash_dates",
        "orders.csv",
        lambda: _csv("客户,日期,金额", "甲,24-1-5,10", "乙,24-11-30,20"),
        loaded=2,
        rejected=0,
        says=("24-1-5 as 2024-01-05",),
        check=_dates(date(2024, 1, 5), date(2024, 11, 30)),
    ),
    Case(
        "xlsx_two_digit_years_with_a_time_as_text",
        "orders.xlsx",
        lambda: _xlsx(["客户", "日期", "金额"], ["甲", "1/5/24 13:00", 10], ["乙", "1/6/24 09:30", 20]),
        loaded=2,
        rejected=0,
        says=("have a two-digit year, read as 20xx",),
        check=_dates(date(2024, 1, 5), date(2024, 1, 6)),
    ),
    Case(
        "csv_dates_in_1899_rejected_with_the_year",
        "orders.csv",
        lambda: _csv("客户,日期,金额", "甲,2024-01-05,10", "乙,1899-12-31,20", "丙,1/5/1899,30"),
        loaded=1,
        rejected=2,
        says=("year 1899 is before 1900",),
        check=_rejected(
            (3, "日期", "1899-12-31", "year 1899 is before 1900"),
            (4, "日期", "1/5/1899", "year 1899 is before 1900"),
        ),
    ),
    Case(
        "xlsx_year_24_written_with_four_digits_rejected",
        "orders.xlsx",
        lambda: _xlsx(["客户", "日期", "金额"], ["甲", "1/5/0024", 10], ["乙", "2024-01-06", 20]),
        loaded=1,
        rejected=1,
        check=_rejected((2, "日期", "1/5/0024", "year 24 is before 1900")),
    ),
    Case(
        "csv_every_slash_date_ambiguous",
        "orders.csv",
        lambda: _csv("客户,日期,金额", "甲,03/04/2024,10", "乙,05/06/2024,20", "丙,11/12/2024,30"),
        loaded=3,
        rejected=0,
        says=("have both numbers 12 or less", "read as month/day/year, 03/04/2024 as 2024-03-04"),
        check=_dates(date(2024, 3, 4), date(2024, 5, 6), date(2024, 11, 12)),
    ),
    Case(
        "csv_day_first_decided_by_one_date",
        "orders.csv",
        lambda: _csv("客户,日期,金额", "甲,03/04/2024,10", "乙,25/12/2024,20"),
        loaded=2,
        rejected=0,
        says=("read as day/month/year: 1 date has a first number above 12",),
        check=_dates(date(2024, 4, 3), date(2024, 12, 25)),
    ),
    Case(
        "csv_amount_header_in_wan_yuan",
        "orders.csv",
        lambda: _csv("客户,日期,金额(万元)", "甲,2024-01-05,1.23456", "乙,2024-01-06,0.5"),
        loaded=2,
        rejected=0,
        says=("'金额(万元)' is in 万元: every value was multiplied by 10,000.",),
        check=_amounts("12345.60", "5000.00"),
    ),
    Case(
        "xlsx_sales_header_in_qian_yuan_full_width_brackets",
        "orders.xlsx",
        lambda: _xlsx(["客户", "日期", "销售额（千元）"], ["甲", "2024-01-05", 1.5], ["乙", "2024-01-06", 0.001]),
        loaded=2,
        rejected=0,
        says=("is in 千元: every value was multiplied by 1,000",),
        check=_amounts("1500.00", "1.00"),
    ),
    Case(
        "csv_amount_header_in_yi_yuan",
        "orders.csv",
        lambda: _csv("客户,日期,金额（亿元）", "甲,2024-01-05,0.0000012345"),
        loaded=1,
        rejected=0,
        says=("multiplied by 100,000,000",),
        check=_amounts("123.45"),
    ),
    Case(
        "csv_amount_header_in_yuan_is_not_scaled",
        "orders.csv",
        lambda: _csv("客户,日期,金额(元)", "甲,2024-01-05,1.5"),
        loaded=1,
        rejected=0,
        check=_amounts("1.50"),
    ),
    Case(
        "csv_control_characters_in_customer_names",
        "orders.csv",
        lambda: _csv(
            "客户,日期,金额,产品",
            "华为\x01技术,2024-01-05,10,A\x0b",
            "腾讯\x7f,2024-01-06,20,B",
            "阿里,2024-01-07,30,C",
        ),
        loaded=3,
        rejected=0,
        says=("2 cells in '客户' held invisible control characters", "rows 2, 3", "1 cell in '产品'"),
        check=_no_control_characters,
    ),
    Case(
        "xlsx_control_characters_in_customer_names",
        "orders.xlsx",
        lambda: _xlsx(
            ["客户", "日期", "金额"], ["华为_x0001_技术", "2024-01-05", 10], ["腾讯_x001F_", "2024-01-06", 20]
        ),
        loaded=2,
        rejected=0,
        says=("2 cells in '客户' held invisible control characters",),
        check=_no_control_characters,
    ),
    Case(
        "csv_nul_in_a_customer_name",
        "orders.csv",
        lambda: _csv("客户,日期,金额", "华为\x00技术,2024-01-05,10", "腾讯,2024-01-06,20"),
        loaded=2,
        rejected=0,
        says=("1 cell in '客户' held invisible control characters", "(rows 2)"),
        check=_no_control_characters,
    ),
    Case(
        "csv_totals_row_in_the_order_number_column",
        "orders.csv",
        lambda: _csv("订单编号,客户,日期,金额", "SO1,甲,2024-01-05,10", "SO2,乙,2024-01-06,20", "合计,,,30"),
        loaded=2,
        rejected=1,
        says=("订单编号 合计 totals row, excluded",),
        check=_rejected((4, "订单编号", "合计", "totals row, excluded")),
    ),
    Case(
        "xlsx_grand_total_in_the_customer_column",
        "orders.xlsx",
        lambda: _xlsx(
            ["订单编号", "客户", "日期", "金额"], ["SO1", "甲", "2024-01-05", 10], [None, "Grand Total", None, 10]
        ),
        loaded=1,
        rejected=1,
        check=_rejected((3, "客户", "Grand Total", "totals row, excluded")),
    ),
    Case(
        "csv_one_customer_in_full_and_half_width_brackets",
        "orders.csv",
        lambda: _csv(
            "客户,日期,金额",
            "华为技术（深圳）,2024-01-05,100",
            "华为技术(深圳),2024-01-06,200",
            "华为技术(深圳),2024-01-07,300",
            "ＡＣＭＥ,2024-01-08,1",
            "acme,2024-01-09,2",
        ),
        loaded=5,
        rejected=0,
        says=("'华为技术（深圳）' as '华为技术(深圳)'", "'acme' as 'ＡＣＭＥ'"),
        check=lambda con, report: _check_customers(
            con,
            [("华为技术(深圳)", Decimal("600.00")), ("ＡＣＭＥ", Decimal("3.00"))],  # in code point order
        ),
    ),
    Case(
        "pipeline_stage_labels_in_several_cases_and_widths",
        "pipeline.csv",
        lambda: _csv(
            "商机编号,客户,阶段,金额",
            "O1,甲,Lead,100",
            "O2,乙,Qualified,200",
            "O3,丙,qualified,300",
            "O4,丁,ＱＵＡＬＩＦＩＥＤ,400",
            "O5,戊,Won,500",
        ),
        table="pipeline",
        loaded=5,
        rejected=0,
        says=("'qualified' as 'Qualified'", "'ＱＵＡＬＩＦＩＥＤ' as 'Qualified'"),
        check=_stage_steps(("Lead", 5), ("Qualified", 4), ("Won", 1)),
    ),
    Case(
        "pipeline_lost_stage_in_other_case_and_width",
        "pipeline.csv",
        lambda: _csv(
            "商机编号,客户,阶段,输单阶段,金额",
            "O1,甲,线索,,100",
            "O2,乙,Proposal,,200",
            "O3,丙,输单,ｐｒｏｐｏｓａｌ,300",
            "O4,丁,输单,PROPOSAL,400",
        ),
        table="pipeline",
        loaded=4,
        rejected=0,
        says=("as 'Proposal'",),
        # the two lost ones reached Proposal, where they were lost (before: only the first stage)
        check=_stage_steps(("线索", 4), ("Proposal", 3)),
    ),
]
