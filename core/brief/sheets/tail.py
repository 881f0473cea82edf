"""The long-tail sheet (长尾客户): the tail's shares and Gini, its count-vs-revenue chart, tail revenue by
dimension, the fastest-growing tail customers and the tail per account manager."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd
from openpyxl.worksheet.worksheet import Worksheet

from core.analytics.long_tail import tail_per_manager
from core.brief.cells import bar_chart, finish, pairs, table
from core.brief.sheets.layout import below, frame_rows, next_column
from core.labels import FIELD_LABELS

if TYPE_CHECKING:
    from core.brief.model import Brief


def tail_sheet(ws: Worksheet, b: Brief) -> None:
    """Tail shares and Gini, a count-vs-revenue chart, tail revenue by region/industry/product, the
    fastest-growing tail customers and the tail per account manager."""
    w = b.words
    shares = b.tail_shares
    figures_columns = [(w("item"), "text"), (w("value"), "text")]
    figure_rows: list = []
    if not shares.empty:
        s = shares.iloc[0]
        figure_rows = [
            (w("customers_count"), int(s.customers_count), "count"),
            (w("tail_customers_count"), int(s.tail_customers_count), "count"),
            (w("tail_customer_share"), s.customer_share, "share"),
            (w("net_revenue"), int(s.net_revenue_cents), "money"),
            (w("tail_net_revenue"), int(s.tail_net_revenue_cents), "money"),
            (w("tail_revenue_share"), s.revenue_share, "share"),
            (w("gini"), b.gini, "number"),
        ]
    last = pairs(ws, table(ws, 1, w("tail_figures"), figures_columns, []), 1, figure_rows)

    # the chart's data: tail against everyone else, share of customers beside share of revenue
    chart_columns = [(w("tail_group"), "text"), (w("customer_share"), "share"), (w("revenue_share"), "share")]
    chart_rows = []
    if not shares.empty and s.net_revenue_cents:
        chart_rows = [
            (w("tail_group_tail"), s.customer_share, s.revenue_share),
            (w("tail_group_head"), 1 - s.customer_share, 1 - s.revenue_share),
        ]
    chart_header = last + 3
    chart_last = table(ws, 1, w("tail_chart"), chart_columns, chart_rows, row=chart_header)
    bar_chart(ws, w("tail_chart"), (2, 3), 1, chart_header, chart_last, "A" + below(chart_last), percent=True)

    col = next_column(1, chart_columns)
    for dimension, frame in b.tail_by.items():
        if frame.empty or frame["dimension_value"].isna().all():
            continue  # the column is not mapped: a single "(blank)" row would say nothing
        heading = FIELD_LABELS[dimension][0 if b.lang == "zh" else 1]
        by_columns = [
            (heading, "text"),
            (w("tail_customers_count"), "count"),
            (w("net_revenue"), "money"),
            (w("revenue_share"), "share"),
        ]
        rows = [
            (v if not pd.isna(v) else w("blank"), n, cents, share)
            for v, n, cents, share in frame_rows(
                frame, ["dimension_value", "tail_customers_count", "net_revenue_cents", "revenue_share"]
            )
        ]
        table(ws, col, w("tail_by", dimension=heading), by_columns, rows)
        col = next_column(col, by_columns)

    growing_columns = [
        (w("customer"), "text"),
        (w("customer_name"), "text"),
        (w("first_half_revenue"), "money_float"),
        (w("last_half_revenue"), "money_float"),
        (w("revenue_change"), "money"),
        (w("growth_ratio"), "ratio"),
    ]
    growing_keys = [
        "customer",
        "customer_name",
        "first_half_revenue",
        "last_half_revenue",
        "revenue_change_cents",
        "growth_ratio",
    ]
    table(ws, col, w("tail_growing"), growing_columns, frame_rows(b.growing_tail, growing_keys))
    col = next_column(col, growing_columns)

    managers = tail_per_manager(b.tiers, b.rules.long_tail)
    manager_rows = [
        (m if not pd.isna(m) else w("no_manager"), n, cents)
        for m, n, cents in frame_rows(managers, ["account_manager", "tail_customers_count", "net_revenue_cents"])
    ]
    manager_columns = [
        (w("account_manager"), "text"),
        (w("tail_customers_count"), "count"),
        (w("net_revenue"), "money"),
    ]
    table(ws, col, w("tail_per_manager"), manager_columns, manager_rows)
    finish(ws)
