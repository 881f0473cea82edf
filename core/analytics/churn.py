"""Churn warnings (PRODUCT.md § Churn warnings): the call list of customers at risk, with reasons and owner."""

from __future__ import annotations

from dataclasses import asdict

import duckdb
import pandas as pd

from core import store
from core.analytics import window
from core.filters import Filters
from core.rules import ChurnRules

# Spec order: the level a customer gets is the first one of these whose rule holds.
LEVELS = ("lost", "high", "medium", "ok")
# The levels whose revenue is at risk: a customer who may still be kept. A lost customer has none left in the
# window to lose (often a negative net of returns) and an ok one is not at risk. churn_warnings.sql says the
# same in its `trend` step; the home page, the churn page and the Excel brief all read revenue_at_risk.
AT_RISK_LEVELS = ("high", "medium")
# How the last quarter compares with the prior average (column `trend`), PRODUCT.md's decline read by a manager.
TRENDS = ("up", "flat", "down")


def churn_warnings(con: duckdb.DuckDBPyConnection, filters: Filters, rules: ChurnRules = ChurnRules()) -> pd.DataFrame:
    """One row per customer with any order line up to as_of (all history), sorted by revenue_at_risk desc,
    window_revenue desc, customer.

    Columns: customer, customer_name (latest non-null), level ('lost' | 'high' | 'medium' | 'ok'), cycle_days,
    purchase_days_count, days_since_last, overdue, decline, trend, trend_pct, trend_capped, recent_revenue,
    baseline_revenue, window_revenue, revenue_at_risk, account_manager, last_purchase_date, reason_zh, reason_en.

    - A purchase day is a date with at least one positive line. cycle_days is the median gap between
      consecutive purchase days when there are at least 3 of them, else the default (90). With an even
      number of gaps DuckDB's median averages the middle two, so cycle_days is a float and may end in .5
      (gaps 40 and 41 give 40.5); it is never rounded, and overdue divides by it as it is.
    - days_since_last and overdue are null for a customer with only returns (level 'lost').
    - decline = 1 - recent / (baseline / 3), null unless baseline_revenue > 0; rounded to 10 places so a
      decline of exactly 30% meets the 0.3 threshold despite binary floating point.
    - trend is decline as a manager reads it: 'up' when the last quarter beat the prior average by at least
      half a percent, 'down' when it fell by that much, else 'flat'; trend_pct is |decline| in whole percent,
      capped at 100, and trend_capped says it was more (a rise of 6,473%, or returns outweighing the last
      quarter's sales). All three null when decline is. Words: core.labels.trend_words.
    - window_revenue is net revenue in the analysis window (0 <= days_before < window_days); revenue_at_risk
      is window_revenue (never below 0) for the AT_RISK_LEVELS, else 0.
    - account_manager is the owner of the latest positive order that names one (of the latest return
      when there is no order), so a line without a manager does not orphan the customer.
    - reason_zh / reason_en name only the rules that fired; empty for 'ok'.
    """
    bound = window.params(con, filters)
    return store.run_query(con, "churn_warnings", **bound, **asdict(rules))


def warning_summary(con: duckdb.DuckDBPyConnection, filters: Filters, rules: ChurnRules = ChurnRules()) -> pd.DataFrame:
    """One row per level in LEVELS order, zeros included: level, customers_count, revenue_at_risk."""
    warnings = churn_warnings(con, filters, rules)
    summary = (
        warnings.groupby("level")
        .agg(customers_count=("customer", "size"), revenue_at_risk=("revenue_at_risk", "sum"))
        .reindex(list(LEVELS), fill_value=0)
        .rename_axis("level")
        .reset_index()
    )
    summary["customers_count"] = summary["customers_count"].astype("int64")
    summary["revenue_at_risk"] = summary["revenue_at_risk"].astype("float64")
    return summary
