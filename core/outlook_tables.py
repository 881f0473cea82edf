"""The outlook (issue #14) as tables, for the pages and the Excel brief: one frame per customer and the sums
per tier, account manager, loyalty band, relationship level and lifecycle stage. Both read these functions,
so the projector and the handed-out workbook show the same figures for the same filters and rules.

Money is exact where it is summed: each customer's expected revenue is rounded to the cent once
(expected_revenue_cents), and every sum adds those integer cents, so a tier's figure is the sum of the
figures its customers show.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import duckdb
import pandas as pd

from core.analytics import abc, forecast, lifecycle, loyalty
from core.analytics.shares import group_shares
from core.filters import Filters
from core.outlook import book_outlook
from core.rules import ForecastRules, Rules

HORIZONS = (30, 90, 180, 365)  # days: a month, a quarter (the default), half a year, a year
LOYALTY_HORIZON_DAYS = ForecastRules().horizon_days  # loyalty is "the next period": always a quarter
NO_TIER = "none"  # a customer with order lines up to as_of but none in the window: no ABC tier there

_COLUMNS = [
    "customer",
    "customer_name",
    "account_manager",
    "tier",
    "net_revenue_cents",
    "p_alive",
    "expected_orders",
    "expected_revenue_cents",
    "forecast_note",
    "p_any_purchase",
    "loyalty_source",
    "loyalty_band",
    "loyalty_band_behavioural",
    "satisfaction",
    "referrals",
    "loyalty_reason",
    "margin_band",
    "relationship_level",
    "contact_pattern",
    "lifecycle_stage",
    "first_purchase_date",
    "last_purchase_date",
    "current_period_revenue",
    "previous_period_revenue",
]
_STAGE_COLUMNS = [
    "customer",
    "customer_name",
    "account_manager",
    "net_revenue_cents",
    "first_purchase_date",
    "last_purchase_date",
    "current_period_revenue",
    "previous_period_revenue",
]


@dataclass(frozen=True)
class Outlook:
    """The book's forecast (status, models) and one row per customer with an order line up to as_of."""

    forecast: forecast.Forecast
    customers: pd.DataFrame

    @property
    def is_fitted(self) -> bool:
        return self.forecast.status == "fitted"

    @property
    def horizon_days(self) -> int:
        return self.forecast.horizon_days


def customer_outlook_table(
    con: duckdb.DuckDBPyConnection, filters: Filters, rules: Rules = Rules(), horizon_days: int = 90
) -> Outlook:
    """Per customer with an order line up to as_of, sorted by customer: customer, customer_name,
    account_manager (as the churn list names them), tier (the window's ABC tier; NO_TIER without orders in
    the window), net_revenue_cents (window), p_alive, expected_orders, expected_revenue_cents (Int64, the
    forecast rounded to the cent; null where the model gives none), forecast_note, p_any_purchase,
    loyalty_source, loyalty_band, loyalty_band_behavioural, satisfaction (0-1, NaN unsurveyed), referrals
    (Int64), loyalty_reason (None without a satisfaction or referral column), margin_band, relationship_level, contact_pattern, lifecycle_stage, and the
    stage's evidence from lifecycle_stages(): first_purchase_date, last_purchase_date, current_period_revenue,
    previous_period_revenue.

    The forecast columns are over horizon_days; loyalty is always over the next 90 days (LoyaltyRules)."""
    abc_rules = abc.usable_rules(con, rules.abc)
    book, per_customer = book_outlook(
        con, filters, abc_rules, rules.churn, forecast_rules=replace(ForecastRules(), horizon_days=horizon_days)
    )
    if horizon_days != LOYALTY_HORIZON_DAYS:
        _, quarter = book_outlook(con, filters, abc_rules, rules.churn)
        for customer, found in per_customer.items():
            for name in (
                "p_any_purchase",
                "loyalty_source",
                "loyalty_band",
                "loyalty_band_behavioural",
                "loyalty_reason",
            ):
                found[name] = quarter[customer][name]
    stages = lifecycle.lifecycle_stages(con, filters, churn_rules=rules.churn)
    if stages.empty:
        return Outlook(book, pd.DataFrame(columns=_COLUMNS))
    tiers = abc.abc_tiers(con, filters, abc_rules)[["customer", "tier"]]
    frame = stages[_STAGE_COLUMNS].merge(tiers, on="customer", how="left")
    frame["tier"] = frame["tier"].fillna(NO_TIER)
    found = pd.DataFrame.from_dict(per_customer, orient="index").rename_axis("customer").reset_index()
    frame = _forecast_columns(frame.merge(found, on="customer", how="left"))
    frame["referrals"] = frame["referrals"].astype("Int64")
    for name in ("p_any_purchase", "satisfaction"):
        frame[name] = pd.to_numeric(frame[name], errors="coerce").astype("float64")
    frame["net_revenue_cents"] = frame["net_revenue_cents"].fillna(0).astype("int64")
    return Outlook(book, frame[_COLUMNS].sort_values("customer", ignore_index=True))


EXPECTED_COLUMNS = ["customer", "customer_name", "account_manager", "tier", "p_alive", "expected_orders"]
EXPECTED_COLUMNS += ["expected_revenue_cents", "forecast_note"]


def expected_outlook(book: forecast.Forecast, customers: pd.DataFrame, tiers: pd.DataFrame) -> Outlook:
    """customer_outlook_table()'s forecast columns alone (EXPECTED_COLUMNS), for a page that shows only expected
    orders and revenue by tier and account manager (the home page): none of the loyalty, relationship or
    lifecycle work. Its parts are the ones a page has already computed for the same filters and rules, so
    every figure is customer_outlook_table()'s:
    book: core.outlook.book_forecast(); customers: core.analytics.churn.churn_warnings() (one row per customer
    with an order line up to as_of, customer_name and account_manager named as there); tiers: the window's ABC
    tiers (customer, tier) under abc.usable_rules()."""
    if customers.empty:
        return Outlook(book, pd.DataFrame(columns=EXPECTED_COLUMNS))
    frame = customers[["customer", "customer_name", "account_manager"]].merge(
        tiers[["customer", "tier"]], on="customer", how="left"
    )
    frame["tier"] = frame["tier"].fillna(NO_TIER)
    found = pd.DataFrame.from_dict(
        book.customers, orient="index", columns=["p_alive", "expected_orders", "expected_revenue", "note"]
    )
    found = found.rename(columns={"note": "forecast_note"}).rename_axis("customer").reset_index()
    frame = _forecast_columns(frame.merge(found, on="customer", how="left"))
    # a customer without a purchase day (only returns) is not in the forecast: customer_outlook()'s note
    frame.loc[~frame["customer"].isin(found["customer"]), "forecast_note"] = "no_purchase_day"
    return Outlook(book, frame[EXPECTED_COLUMNS].sort_values("customer", ignore_index=True))


def _forecast_columns(frame: pd.DataFrame) -> pd.DataFrame:
    """p_alive and expected_orders as floats (NaN where the model gives none) and expected_revenue_cents: each
    customer's expected revenue rounded to the cent once (Int64, null where none), the figure every sum adds."""
    revenue = pd.to_numeric(frame["expected_revenue"], errors="coerce")
    frame["expected_revenue_cents"] = (revenue * 100).round().astype("Int64")
    for name in ("p_alive", "expected_orders"):
        frame[name] = pd.to_numeric(frame[name], errors="coerce").astype("float64")
    return frame


def expected_by(customers: pd.DataFrame, by: str, groups: tuple[str, ...] | None = None) -> pd.DataFrame:
    """Expected orders and revenue summed per value of `by` (tier, account_manager): by, customers_count,
    expected_orders, expected_revenue_cents, without_forecast_count (customers whose expected revenue is
    null). groups: the codes in order, zeros included (tiers); else every value, largest expected revenue
    first, a blank value (no manager) last. Sums of integer cents, so the rows add up to the book's total."""
    columns = [by, "customers_count", "expected_orders", "expected_revenue_cents", "without_forecast_count"]
    if customers.empty:
        return pd.DataFrame(columns=columns)
    frame = customers.assign(
        _key=customers[by].astype(object).where(customers[by].notna(), None),
        _cents=customers["expected_revenue_cents"].fillna(0).astype("int64"),
        _missing=customers["expected_revenue_cents"].isna().astype("int64"),
    )
    summary = (
        frame.groupby("_key", dropna=False)
        .agg(
            customers_count=("customer", "size"),
            expected_orders=("expected_orders", "sum"),
            expected_revenue_cents=("_cents", "sum"),
            without_forecast_count=("_missing", "sum"),
        )
        .rename_axis(by)
        .reset_index()
    )
    if groups is not None:
        summary = summary.set_index(by).reindex(list(groups), fill_value=0).rename_axis(by).reset_index()
    else:
        blank = summary[by].isna()
        summary = pd.concat(
            [summary[~blank].sort_values(["expected_revenue_cents", by], ascending=[False, True]), summary[blank]]
        )
    summary = summary.astype(
        {"customers_count": "int64", "expected_revenue_cents": "int64", "without_forecast_count": "int64"}
    )
    return summary[columns].reset_index(drop=True)


def expected_total(customers: pd.DataFrame) -> dict:
    """{customers_count, expected_orders, expected_revenue_cents, without_forecast_count} of the whole book."""
    cents = customers["expected_revenue_cents"]
    return {
        "customers_count": len(customers),
        "expected_orders": float(customers["expected_orders"].sum()),
        "expected_revenue_cents": int(cents.fillna(0).sum()),
        "without_forecast_count": int(cents.isna().sum()),
    }


def tiers_with_none(customers: pd.DataFrame) -> tuple[str, ...]:
    """A, B, C and, when some customer has no order in the window, NO_TIER."""
    return (*abc.TIERS, NO_TIER) if customers["tier"].eq(NO_TIER).any() else abc.TIERS


def loyalty_summary(customers: pd.DataFrame) -> pd.DataFrame:
    """One row per loyalty band (high, medium, low), zeros included: loyalty_band, customers_count,
    customer_share, net_revenue, net_revenue_cents (window), revenue_share."""
    return group_shares(customers, "loyalty_band", loyalty.LOYALTY_BANDS, "net_revenue_cents")


def relationship_summary(customers: pd.DataFrame) -> pd.DataFrame:
    """One row per Kotler level (basic … partnership), zeros included: relationship_level, contact_pattern,
    customers_count, customer_share, net_revenue, net_revenue_cents (window), revenue_share."""
    summary = group_shares(customers, "relationship_level", loyalty.RELATIONSHIP_LEVELS, "net_revenue_cents")
    summary.insert(1, "contact_pattern", summary["relationship_level"].map(loyalty.CONTACT_PATTERNS))
    return summary


def lifecycle_summary(customers: pd.DataFrame) -> pd.DataFrame:
    """One row per lifecycle stage in lifecycle.STAGES order: lifecycle_stage, customers_count,
    customer_share, net_revenue, net_revenue_cents (window), revenue_share (core.analytics.lifecycle's
    lifecycle_summary over the same stages)."""
    stages = customers.rename(columns={"lifecycle_stage": "stage"})
    return lifecycle.lifecycle_summary(stages).rename(columns={"stage": "lifecycle_stage"})
