"""Lifecycle stage per customer (PRODUCT.md § Also from the seeds): new, growing, mature, declining or lost."""

from __future__ import annotations

import duckdb
import numpy as np
import pandas as pd

from core import store
from core.analytics import window
from core.analytics.churn import churn_warnings
from core.filters import Filters
from core.rules import ChurnRules, LifecycleRules

STAGES = ("new", "growing", "mature", "declining", "lost")


def lifecycle_stages(
    con: duckdb.DuckDBPyConnection,
    filters: Filters,
    rules: LifecycleRules = LifecycleRules(),
    churn_rules: ChurnRules = ChurnRules(),
) -> pd.DataFrame:
    """One row per customer with any order line up to as_of, sorted by customer: customer, customer_name, stage,
    first_purchase_date, last_purchase_date, current_period_revenue, previous_period_revenue, churn_level,
    account_manager.

    The first rule that holds decides (defaults in LifecycleRules):
    - lost: churn level 'lost' (no purchase for over 365 days, or only returns);
    - new: first purchase fewer than 90 days before as_of (days_before < new_within_days);
    - declining: churn level 'high', or net revenue in the last 180 days < the 180 days before × 0.8;
    - growing: last 180 days > the 180 days before × 1.2 (so a customer who comes back after a
      silent half year, previous period 0, is growing);
    - mature: everything else, the ratio boundaries 0.8 and 1.2 included.
    """
    bound = window.params(con, filters)
    periods = store.run_query(con, "lifecycle", **bound, period_days=rules.period_days)
    churn = churn_warnings(con, filters, churn_rules)[
        ["customer", "customer_name", "level", "account_manager", "last_purchase_date"]
    ].rename(columns={"level": "churn_level"})
    stages = periods.merge(churn, on="customer", how="left", validate="one_to_one")
    current, previous = stages["current_period_revenue"], stages["previous_period_revenue"]
    # thresholds rounded to the cent, as money is: 300 × 0.8 is 240.00, not 240.00000000000003
    declining_below = (previous * rules.declining_ratio).round(2)
    growing_above = (previous * rules.growing_ratio).round(2)
    stages["stage"] = np.select(
        [
            stages["churn_level"].eq("lost"),
            stages["first_purchase_days_before"].lt(rules.new_within_days).fillna(False).astype(bool),
            stages["churn_level"].eq("high") | (current < declining_below),
            current > growing_above,
        ],
        ["lost", "new", "declining", "growing"],
        default="mature",
    )
    columns = [
        "customer",
        "customer_name",
        "stage",
        "first_purchase_date",
        "last_purchase_date",
        "current_period_revenue",
        "previous_period_revenue",
        "churn_level",
        "account_manager",
    ]
    return stages[columns].sort_values("customer", ignore_index=True)
