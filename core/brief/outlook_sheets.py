"""The brief's sheets of issue #14: the forecast per tier and manager, loyalty and relationship levels, lifecycle
by stage, cohort retention and the gain/loss bridge; and the forecast columns the ABC and churn sheets gain.
The per-customer relationships and lifecycle sheets are in outlook_customer_sheets.py.

Every figure comes from the functions the pages call (core.outlook_tables, core.analytics.cohorts,
core.analytics.bridge), for the same filters and rules, so a figure in the workbook is the one on screen.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

import pandas as pd
from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from core import outlook_tables
from core.analytics import bridge
from core.brief.cells import finish, note, pairs, table
from core.brief.outlook_customer_sheets import lifecycle_sheet, relationships_sheet, tier_word
from core.labels import BRIDGE_PART_LABELS, FIELD_LABELS, FORECAST_NOTE_LABELS, TIER_LABELS, label

if TYPE_CHECKING:
    from core.brief.model import Brief


def add_sheets(book: Workbook, b: Brief) -> None:
    """The five sheets, after the funnel and before the definitions."""
    forecast_sheet(book.create_sheet(b.words("sheet_forecast")), b)
    relationships_sheet(book.create_sheet(b.words("sheet_relationships")), b)
    lifecycle_sheet(book.create_sheet(b.words("sheet_lifecycle")), b)
    cohorts_sheet(book.create_sheet(b.words("sheet_cohorts")), b)
    bridge_sheet(book.create_sheet(b.words("sheet_bridge")), b)


# ---- the forecast columns of the ABC and churn sheets ---------------------------------------------------


def forecast_columns(b: Brief) -> list[tuple[str, str]]:
    """P(alive), expected orders and revenue over 90 days and the note saying why a figure is missing; none
    when the book has no fit (the Forecast sheet says why: a note under the list would read as a customer to a
    reader who takes column A down to the first blank)."""
    if not b.outlook.is_fitted:
        return []
    w = b.words
    return [
        (w("p_alive"), "share"),
        (w("expected_orders_90d"), "number"),
        (w("expected_revenue_90d"), "money"),
        (w("forecast_note"), "text"),
    ]


def forecast_values(b: Brief, customers: pd.Series) -> list[tuple]:
    """The forecast_columns' values for the given customers, in their order (empty tuples without a fit)."""
    if not b.outlook.is_fitted:
        return [() for _ in customers]
    rows = b.outlook.customers.set_index("customer").reindex(customers.astype(str).tolist())
    return [
        (p, orders, cents, label(FORECAST_NOTE_LABELS, note_code, b.lang))
        for p, orders, cents, note_code in zip(
            rows["p_alive"], rows["expected_orders"], rows["expected_revenue_cents"], rows["forecast_note"]
        )
    ]


def forecast_note_line(b: Brief) -> str | None:
    """Why the book has no forecast, as the Forecast sheet says it; None with a fit."""
    if b.outlook.is_fitted:
        return None
    return b.words("no_forecast", reason=label(FORECAST_NOTE_LABELS, b.outlook.forecast.status, b.lang))


# ---- 预测 / Forecast --------------------------------------------------------------------------------------


def forecast_sheet(ws: Worksheet, b: Brief) -> None:
    """The forecast at a glance and the expected next 90 days per tier and per account manager."""
    w, lang, book = b.words, b.lang, b.outlook
    figures = [
        (w("forecast_status"), label(FORECAST_NOTE_LABELS, book.forecast.status, lang), "text"),
        (w("horizon_days"), book.horizon_days, "count"),
        (w("customers_count"), book.forecast.customers_count, "count"),
        (w("repeat_customers_count"), book.forecast.repeat_customers_count, "count"),
    ]
    if book.is_fitted:
        total = outlook_tables.expected_total(book.customers)
        figures += [
            (w("expected_orders_90d"), total["expected_orders"], "number"),
            (w("expected_revenue_90d"), total["expected_revenue_cents"], "money"),
            (w("without_forecast_count"), total["without_forecast_count"], "count"),
        ]
    columns = [(w("item"), "text"), (w("value"), "text")]
    last = pairs(ws, table(ws, 1, w("forecast_figures"), columns, []), 1, figures)
    if not book.is_fitted:
        note(ws, last + 2, 1, forecast_note_line(b))
        finish(ws)
        return
    col = 4
    per_tier = outlook_tables.expected_by(book.customers, "tier", outlook_tables.tiers_with_none(book.customers))
    col = _expected_table(ws, col, w("forecast_per_tier"), w("tier"), per_tier, "tier", lambda c: tier_word(c, b), b)
    if b.has_field("account_manager"):
        per_manager = outlook_tables.expected_by(book.customers, "account_manager")
        words = lambda m: m if isinstance(m, str) else w("no_manager")  # noqa: E731
        _expected_table(
            ws, col, w("forecast_per_manager"), w("account_manager"), per_manager, "account_manager", words, b
        )
    finish(ws)


def _expected_table(ws, col: int, title: str, heading: str, summary: pd.DataFrame, by: str, words, b: Brief) -> int:
    w = b.words
    columns = [
        (heading, "text"),
        (w("customers_count"), "count"),
        (w("expected_orders_90d"), "number"),
        (w("expected_revenue_90d"), "money"),
        (w("without_forecast_count"), "count"),
    ]
    rows = [
        (
            words(r[by]),
            r["customers_count"],
            r["expected_orders"],
            r["expected_revenue_cents"],
            r["without_forecast_count"],
        )
        for _, r in summary.iterrows()
    ]
    table(ws, col, title, columns, rows)
    return col + len(columns) + 1


# ---- 客户留存 / Cohorts -----------------------------------------------------------------------------------


def cohorts_sheet(ws: Worksheet, b: Brief) -> None:
    """Cohort × month: customers with a purchase in month n after their first (month 0: the whole cohort) and
    their net revenue there; a month after as_of is left empty."""
    w = b.words
    cohorts = sorted({r["cohort"] for r in b.cohorts})
    months = max((r["month"] for r in b.cohorts), default=-1) + 1
    cells = {(r["cohort"], r["month"]): r for r in b.cohorts}
    month_words = [w("month_n", n=n) for n in range(months)]
    customers = [(c, *(_get(cells, c, n, "customers") for n in range(months))) for c in cohorts]
    revenue = [(c, *(_cents(_get(cells, c, n, "revenue")) for n in range(months))) for c in cohorts]
    columns = [(w("cohort"), "text"), *((m, "count") for m in month_words)]
    last = table(ws, 1, w("cohort_customers"), columns, customers)
    if not cohorts:
        note(ws, last + 1, 1, w("no_orders"))
        finish(ws)
        return
    note(ws, last + 2, 1, w("cohort_note"))
    revenue_header = last + 5
    table(
        ws,
        1,
        w("cohort_revenue"),
        [(w("cohort"), "text"), *((m, "money") for m in month_words)],
        revenue,
        row=revenue_header,
    )
    finish(ws)


def _get(cells: dict, cohort: str, month: int, key: str):
    found = cells.get((cohort, month))
    return None if found is None else found[key]


def _cents(value) -> int | None:
    return None if value is None else int(Decimal(value).scaleb(2).to_integral_value())


# ---- 增减桥 / Bridge -------------------------------------------------------------------------------------


def bridge_sheet(ws: Worksheet, b: Brief) -> None:
    """The revenue change from the previous window to this one in five parts that sum to it exactly, and the
    same split by tier, region and account manager (those the file has)."""
    w, lang, parts = b.words, b.lang, b.bridge
    rows = [(label(BRIDGE_PART_LABELS, p, lang), _cents(parts[p]), parts["customers_count"][p]) for p in bridge.PARTS]
    rows.append((label(BRIDGE_PART_LABELS, "total_change", lang), _cents(parts["total_change"]), None))
    columns = [(w("bridge_part"), "text"), (w("bridge_change"), "money"), (w("customers_count"), "count")]
    last = table(ws, 1, w("bridge_parts"), columns, rows)
    if b.as_of is not None:
        days = b.filters.window_days
        before_end = b.as_of - timedelta(days=days)
        span = w(
            "bridge_windows",
            start0=before_end - timedelta(days=days - 1),
            end0=before_end,
            start1=b.window_start,
            end1=b.as_of,
        )
        note(ws, last + 2, 1, span)
    col = len(columns) + 2
    for name in bridge.BREAKDOWNS:
        if name != "tier" and not b.has_field(name):
            continue  # the file has no such column: one "(blank)" row would say nothing
        heading = w("tier") if name == "tier" else FIELD_LABELS[name][0 if lang == "zh" else 1]
        split_columns = [(heading, "text"), *((label(BRIDGE_PART_LABELS, p, lang), "money") for p in bridge.PARTS)]
        split_columns.append((label(BRIDGE_PART_LABELS, "total_change", lang), "money"))
        split_rows = [
            (
                _group(r[name], name, b),
                *(_cents(r[p]) for p in bridge.PARTS),
                _cents(r["total_change"]),
            )
            for r in parts[f"by_{name}"]
        ]
        table(ws, col, w("bridge_by", dimension=heading), split_columns, split_rows)
        col += len(split_columns) + 1
    finish(ws)


def _group(value, name: str, b: Brief) -> str:
    if value is None:
        return b.words("no_manager") if name == "account_manager" else b.words("blank")
    return label(TIER_LABELS, value, b.lang) if name == "tier" else str(value)
