"""RFM segments (PRODUCT.md § RFM): recency, frequency and monetary against the population mean."""

from __future__ import annotations

from dataclasses import asdict

import duckdb
import pandas as pd

from core import store
from core.analytics import window
from core.analytics.shares import group_shares
from core.filters import Filters
from core.rules import RfmRules

# PRODUCT.md table order: important before general, then value, develop, retain, winback.
SEGMENTS = (
    "important_value",
    "important_develop",
    "important_retain",
    "important_winback",
    "general_value",
    "general_develop",
    "general_retain",
    "general_winback",
)


def rfm_segments(con: duckdb.DuckDBPyConnection, filters: Filters, rules: RfmRules = RfmRules()) -> pd.DataFrame:
    """One row per customer with a positive order in the window, by monetary desc then customer: customer,
    customer_name, recency_days, frequency, monetary, monetary_cents, is_recency_high, is_frequency_high,
    is_monetary_high, segment, r_score, f_score, m_score.

    - recency_days: days from the last positive order to as_of. frequency: distinct order_id among
      positive lines (a line without order_id counts by its order day). monetary: net revenue, returns
      included; monetary_cents is the exact value.
    - High/low compare x * n with sum(x), i.e. with the mean, exactly: R high if below the mean, F and M
      high if above it; equal to the mean is low.
    - r_score/f_score/m_score are ntile(score_buckets) for display (5 = most recent, most orders, most
      revenue); ties are split by customer key, so equal values can get neighbouring scores.
    """
    bound = window.params(con, filters)
    return store.run_query(con, "rfm_segments", **bound, **asdict(rules))


def segment_summary(segments: pd.DataFrame) -> pd.DataFrame:
    """One row per segment in SEGMENTS order, zeros included (empty when segments is): segment,
    customers_count, customer_share, net_revenue, net_revenue_cents, revenue_share (of the segments'
    net revenue; NaN when that nets to 0)."""
    return group_shares(segments, "segment", SEGMENTS, "monetary_cents")
