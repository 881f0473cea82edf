"""Cells, headers and sheet names written as SQL, or as our own SQL's `$params` and `{placeholders}`: each
loads as plain text (or is rejected as an unreadable value, with the cell named), and the analyses that
bind it, filter on it or group by it give it back verbatim."""

from __future__ import annotations

import io

import openpyxl

from core.analytics.abc import abc_tiers
from core.analytics.customer_funnel import customer_funnel
from core.analytics.customer_profile import customer_orders
from core.analytics.funnel import pipeline_funnel
from core.analytics.long_tail import tail_by_dimension
from core.filters import Filters
from tests.bad_input.case import Case

INJECTION = "'; drop table orders; --"
BOBBY = "Robert'); DROP TABLE orders;--"


def _csv(text: str) -> bytes:
    return text.encode("utf-8")


def _xlsx(rows: list[list], sheet: str = "Sheet") -> bytes:
    wb = openpyxl.Workbook()
    wb.active.title = sheet
    for row in rows:
        wb.active.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _customers(con) -> list[str]:
    return [r[0] for r in con.execute("select customer from orders order by source_row").fetchall()]


def _tiers(con, filters: Filters = Filters()) -> dict[str, str]:
    return dict(abc_tiers(con, filters)[["customer", "tier"]].values)


def _both_injections_are_customers(con, report) -> None:
    assert _customers(con) == [INJECTION, BOBBY]  # the orders table is still there, with both rows
    # 100 and 50 of 150: cum_before 0 and 100 / 150 = 0.67, both below 0.80
    assert _tiers(con) == {INJECTION: "A", BOBBY: "A"}


def _profile_binds_a_customer_named_dollar_customer(con, report) -> None:
    assert _tiers(con) == {"$as_of": "A", "$customer": "A", "$window_days": "B"}  # 100, 50, 30 of 180
    lines = customer_orders(con, Filters(), "$customer")
    assert lines[["amount", "source_row"]].values.tolist() == [[50.0, 3]]


def _tail_by_region_names_the_placeholder_value(con, report) -> None:
    # 800, 100, 60, 40 of 1000: cum_before 0, 0.80, 0.90, 0.96, so only 丁 is C (the tail)
    assert _tiers(con) == {"甲": "A", "乙": "B", "丙": "B", "丁": "C"}
    by_region = tail_by_dimension(con, Filters(), "region")
    result = by_region[["dimension_value", "tail_customers_count", "net_revenue_cents", "revenue_share"]]
    assert result.values.tolist() == [["{dimension}", 1, 4000, 1.0]]


def _customer_funnel_counts_the_placeholder_customer(con, report) -> None:
    funnel = customer_funnel(con, Filters())
    reached = dict(funnel[["stage", "reached"]].values)
    assert reached["first_purchase"] == 2  # {customer_order_counts} and 乙, one order each
    assert reached["second_purchase"] == 0


def _filter_on_a_quoted_name_matches_only_it(con, report) -> None:
    assert sorted(_tiers(con, Filters(region=('"region"',)))) == ["甲"]
    assert sorted(_tiers(con, Filters(region=("region",)))) == ["乙"]


def _product_filter_is_exact_not_a_pattern(con, report) -> None:
    # as a LIKE pattern '100%_off\' would also match 100x_off\, and '%' would match everything
    assert sorted(_tiers(con, Filters(product=("100%_off\\",)))) == ["甲"]
    assert sorted(_tiers(con, Filters(product=("%",)))) == ["丙"]


def _only_the_customer_column_is_mapped(con, report) -> None:
    assert con.execute("select customer, amount from orders").fetchall() == [("甲", 100)]


def _source_row_is_the_file_row_not_the_column(con, report) -> None:
    rows = con.execute("select customer, source_row, order_id from orders order by source_row").fetchall()
    assert rows == [("甲", 2, None), ("乙", 3, None)]  # header on row 1; the file's own columns ignored


def _stages_are_stored_as_written(con, report) -> None:
    stages = con.execute("select stage from pipeline order by amount desc").fetchall()
    assert stages == [("'; drop table pipeline; --",), ("$won_stages",), ("{dimension}",)]
    funnel = pipeline_funnel(con, Filters())
    assert funnel["reached"].iloc[0] == 3  # every opportunity reaches the first stage


CASES = [
    Case(
        "csv_customer_names_written_as_sql_injection",
        "injection.csv",
        lambda: _csv(f'客户,日期,金额\n"{INJECTION}",2024-01-05,100\n"{BOBBY}",2024-01-06,50\n'),
        loaded=2,
        rejected=0,
        check=_both_injections_are_customers,
    ),
    Case(
        "xlsx_customer_names_written_as_sql_injection",
        "injection.xlsx",
        lambda: _xlsx([["客户", "日期", "金额"], [INJECTION, "2024-01-05", 100], [BOBBY, "2024-01-06", 50]]),
        loaded=2,
        rejected=0,
        check=_both_injections_are_customers,
    ),
    Case(
        "xlsx_sheet_named_like_sql",
        "sheet_name.xlsx",
        lambda: _xlsx(
            [["客户", "日期", "金额"], ["甲", "2024-01-05", 100], ["乙", "2024-01-06", 50]],
            sheet="orders; drop table orders --",
        ),
        loaded=2,
        rejected=0,
    ),
    Case(
        "csv_customer_names_like_bound_parameters",
        "dollar_names.csv",
        lambda: _csv("客户,日期,金额\n$as_of,2024-01-05,100\n$customer,2024-01-06,50\n$window_days,2024-01-07,30\n"),
        loaded=3,
        rejected=0,
        check=_profile_binds_a_customer_named_dollar_customer,
    ),
    Case(
        "csv_region_named_like_the_dimension_placeholder",
        "brace_region.csv",
        lambda: _csv(
            "客户,日期,金额,区域\n甲,2024-01-05,800,华东\n乙,2024-01-06,100,华东\n"
            "丙,2024-01-07,60,华南\n丁,2024-01-08,40,{dimension}\n"
        ),
        loaded=4,
        rejected=0,
        check=_tail_by_region_names_the_placeholder_value,
    ),
    Case(
        "csv_customer_named_like_the_order_counts_placeholder",
        "brace_customer.csv",
        lambda: _csv("客户,日期,金额\n{customer_order_counts},2024-01-05,100\n乙,2024-01-06,50\n"),
        loaded=2,
        rejected=0,
        check=_customer_funnel_counts_the_placeholder_customer,
    ),
    Case(
        "csv_region_written_as_a_quoted_identifier",
        "quoted_region.csv",
        lambda: _csv('客户,日期,金额,区域\n甲,2024-01-05,100,"""region"""\n乙,2024-01-06,50,region\n'),
        loaded=2,
        rejected=0,
        check=_filter_on_a_quoted_name_matches_only_it,
    ),
    Case(
        "csv_products_with_like_wildcards_and_backslash",
        "wildcards.csv",
        lambda: _csv(
            "客户,日期,金额,产品\n甲,2024-01-05,100,100%_off\\\n乙,2024-01-06,50,100x_off\\\n丙,2024-01-07,25,%\n"
        ),
        loaded=3,
        rejected=0,
        check=_product_filter_is_exact_not_a_pattern,
    ),
    Case(
        "csv_amount_cell_holding_sql",
        "amount_sql.csv",
        lambda: _csv("客户,日期,金额\n甲,2024-01-05,1;select 1\n乙,2024-01-06,50\n丙,2024-01-07,25\n"),
        loaded=2,
        rejected=1,
        says=("amount cannot be read", "金额 1;select 1"),
    ),
    Case(
        "csv_date_cell_holding_sql",
        "date_sql.csv",
        lambda: _csv(f'客户,日期,金额\n甲,"2024-01-05{INJECTION}",100\n乙,2024-01-06,50\n丙,2024-01-07,25\n'),
        loaded=2,
        rejected=1,
        says=("date cannot be read", f"日期 2024-01-05{INJECTION}"),
    ),
    Case(
        "csv_headers_with_a_quote_and_sql_comment",
        "quoted_headers.csv",
        lambda: _csv('"客户"" --",日期,金额,"备注""); drop table orders; --"\n甲,2024-01-05,100,x\n'),
        loaded=1,
        rejected=0,
        check=_only_the_customer_column_is_mapped,
    ),
    Case(
        "csv_extra_columns_named_like_internal_columns",
        "internal_names.csv",
        lambda: _csv(
            "客户,日期,金额,c0,source_row,order_key,c1\n甲,2024-01-05,100,x,999,k,y\n乙,2024-01-06,50,x,999,k,z\n"
        ),
        loaded=2,
        rejected=0,
        check=_source_row_is_the_file_row_not_the_column,
    ),
    Case(
        "pipeline_stages_written_as_sql_and_placeholders",
        "stages_sql.csv",
        lambda: _csv(
            '客户,阶段,预计金额\n甲,"\'; drop table pipeline; --",100\n乙,$won_stages,50\n丙,{dimension},20\n'
        ),
        table="pipeline",
        loaded=3,
        rejected=0,
        check=_stages_are_stored_as_written,
    ),
]
