"""The brief's sheets of issue #14: the forecast per tier and manager, loyalty and relationship levels, lifecycle
by stage, cohort retention and the gain/loss bridge; and the forecast columns the ABC and churn sheets gain.

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
from core.analytics import bridge, lifecycle
from core.brief.cells import finish, note, pairs, table
from core.labels import (
    BRIDGE_PART_LABELS,
    CONTACT_PATTERN_LABELS,
    FIELD_LABELS,
    FORECAST_NOTE_LABELS,
    LIFECYCLE_LABELS,
    LOYALTY_LABELS,
    LOYALTY_REASON_LABELS,
    LOYALTY_SOURCE_LABELS,
    MARGIN_BAND_LABELS,
    RELATIONSHIP_LABELS,
    TIER_LABELS,
    label,
)
from core.rules import LifecycleRules

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
    col = _expected_table(ws, col, w("forecast_per_tier"), w("tier"), per_tier, "tier", lambda c: _tier(c, b), b)
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


def _tier(code: str, b: Brief) -> str:
    return b.words("no_tier") if code == outlook_tables.NO_TIER else label(TIER_LABELS, code, b.lang)


# ---- 客户关系 / Relationships ----------------------------------------------------------------------------


def relationships_sheet(ws: Worksheet, b: Brief) -> None:
    """Per customer: loyalty band and its chance, margin band, Kotler level and contact pattern; the customers
    and window revenue per band and per level beside it."""
    w, lang = b.words, b.lang
    customers = _by_revenue(b.outlook.customers)
    columns = [
        (w("customer"), "text"),
        (w("customer_name"), "text"),
        (w("tier"), "text"),
        (w("loyalty_band"), "text"),
        (w("p_repeat_90d"), "share"),
        (w("loyalty_source"), "text"),
        (w("margin_band"), "text"),
        (w("relationship_level"), "text"),
        (w("contact_pattern"), "text"),
        (w("net_revenue"), "money"),
    ]
    survey = _survey_columns(b)
    columns[4:4] = survey  # beside the band they moved
    columns += _manager_column(b)
    rows = [
        (
            r.customer,
            r.customer_name,
            _tier(r.tier, b),
            label(LOYALTY_LABELS, r.loyalty_band, lang),
            *(_survey_values(r, b) if survey else ()),
            r.p_any_purchase,
            label(LOYALTY_SOURCE_LABELS, r.loyalty_source, lang),
            label(MARGIN_BAND_LABELS, r.margin_band, lang),
            label(RELATIONSHIP_LABELS, r.relationship_level, lang),
            label(CONTACT_PATTERN_LABELS, r.contact_pattern, lang),
            r.net_revenue_cents,
            *_manager_value(r, b),
        )
        for r in customers.itertuples(index=False)
    ]
    last = table(ws, 1, w("relationship_customers"), columns, rows)
    if not rows:
        note(ws, last + 1, 1, w("no_orders"))
    col = len(columns) + 2
    bands = outlook_tables.loyalty_summary(b.outlook.customers)
    col = _shares_table(ws, col, w("loyalty_summary"), w("loyalty_band"), bands, "loyalty_band", LOYALTY_LABELS, b)
    levels = outlook_tables.relationship_summary(b.outlook.customers)
    _shares_table(
        ws,
        col,
        w("relationship_summary"),
        w("relationship_level"),
        levels,
        "relationship_level",
        RELATIONSHIP_LABELS,
        b,
    )
    finish(ws)


def _survey_columns(b: Brief) -> list[tuple[str, str]]:
    """The satisfaction and referral columns the file fills, then the band from purchases alone and why the band
    moved; none without either column (docs/outlook.md § Satisfaction and referrals)."""
    w = b.words
    columns = [(w("satisfaction"), "share")] if b.has_field("satisfaction") else []
    columns += [(w("referrals"), "count")] if b.has_field("referrals") else []
    if columns:
        columns += [(w("loyalty_band_behavioural"), "text"), (w("loyalty_reason"), "text")]
    return columns


def _survey_values(r, b: Brief) -> tuple:
    """_survey_columns' values of one customer row: the latest score (0-1, empty when not surveyed), referrals."""
    values = (None if pd.isna(r.satisfaction) else float(r.satisfaction),) if b.has_field("satisfaction") else ()
    values += (None if pd.isna(r.referrals) else int(r.referrals),) if b.has_field("referrals") else ()
    return (
        *values,
        label(LOYALTY_LABELS, r.loyalty_band_behavioural, b.lang),
        label(LOYALTY_REASON_LABELS, r.loyalty_reason, b.lang),
    )


def _manager_column(b: Brief) -> list[tuple[str, str]]:
    """The account manager column of a per-customer list, when the file has one."""
    return [(b.words("account_manager"), "text")] if b.has_field("account_manager") else []


def _manager_value(r, b: Brief) -> tuple:
    """_manager_column's value of one customer row (the words for none when it has no manager)."""
    if not b.has_field("account_manager"):
        return ()
    return (r.account_manager if isinstance(r.account_manager, str) else b.words("no_manager"),)


def _shares_table(ws, col: int, title: str, heading: str, summary, code: str, mapping: dict, b: Brief) -> int:
    """Customers and window net revenue per group, with shares (and the contact pattern for the levels)."""
    w, lang = b.words, b.lang
    contact = "contact_pattern" in summary.columns
    columns = [(heading, "text")]
    columns += [(w("contact_pattern"), "text")] if contact else []
    columns += [
        (w("customers_count"), "count"),
        (w("customer_share"), "share"),
        (w("net_revenue"), "money"),
        (w("revenue_share"), "share"),
    ]
    rows = [
        (
            label(mapping, r[code], lang),
            *((label(CONTACT_PATTERN_LABELS, r["contact_pattern"], lang),) if contact else ()),
            r["customers_count"],
            r["customer_share"],
            r["net_revenue_cents"],
            r["revenue_share"],
        )
        for _, r in summary.iterrows()
    ]
    table(ws, col, title, columns, rows)
    return col + len(columns) + 1


def _by_revenue(customers: pd.DataFrame) -> pd.DataFrame:
    return customers.sort_values(["net_revenue_cents", "customer"], ascending=[False, True], ignore_index=True)


# ---- 生命周期 / Lifecycle ---------------------------------------------------------------------------------


def lifecycle_sheet(ws: Worksheet, b: Brief) -> None:
    """Every customer with its stage and the evidence for it, and the customers and revenue per stage."""
    w, lang, period = b.words, b.lang, LifecycleRules().period_days
    customers = _by_revenue(b.outlook.customers)
    customers = customers.assign(
        _order=customers["lifecycle_stage"].map({s: i for i, s in enumerate(lifecycle.STAGES)})
    ).sort_values(["_order", "net_revenue_cents", "customer"], ascending=[True, False, True], kind="stable")
    columns = [
        (w("customer"), "text"),
        (w("customer_name"), "text"),
        (w("lifecycle_stage"), "text"),
        (w("first_purchase_date"), "date"),
        (w("last_purchase_date"), "date"),
        (w("current_period_revenue", days=period), "money_float"),
        (w("previous_period_revenue", days=period), "money_float"),
        (w("net_revenue"), "money"),
        *_manager_column(b),
    ]
    rows = [
        (
            r.customer,
            r.customer_name,
            label(LIFECYCLE_LABELS, r.lifecycle_stage, lang),
            r.first_purchase_date,
            r.last_purchase_date,
            r.current_period_revenue,
            r.previous_period_revenue,
            r.net_revenue_cents,
            *_manager_value(r, b),
        )
        for r in customers.itertuples(index=False)
    ]
    last = table(ws, 1, w("lifecycle_customers"), columns, rows)
    if not rows:
        note(ws, last + 1, 1, w("no_orders"))
    stages = outlook_tables.lifecycle_summary(b.outlook.customers)
    _shares_table(
        ws,
        len(columns) + 2,
        w("lifecycle_summary"),
        w("lifecycle_stage"),
        stages,
        "lifecycle_stage",
        LIFECYCLE_LABELS,
        b,
    )
    finish(ws)


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
