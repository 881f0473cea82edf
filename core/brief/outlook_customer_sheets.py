"""The per-customer sheets of issue #14: relationships (客户关系: loyalty band, margin band, relationship level
and contact pattern) and lifecycle (生命周期: stage and its evidence), each with customers and revenue per group."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd
from openpyxl.worksheet.worksheet import Worksheet

from core import outlook_tables
from core.analytics import lifecycle
from core.brief.cells import finish, note, table
from core.labels import (
    CONTACT_PATTERN_LABELS,
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


def tier_word(code: str, b: Brief) -> str:
    """The tier's label, or the words for a customer without a tier in the window."""
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
            tier_word(r.tier, b),
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
