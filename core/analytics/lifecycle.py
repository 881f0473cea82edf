"""Lifecycle stage per customer (PRODUCT.md § Also from the seeds): new, growing, mature, declining or lost."""

from __future__ import annotations

from dataclasses import asdict
from typing import TYPE_CHECKING

import duckdb

from core import store
from core.analytics import window
from core.filters import Filters
from core.rules import ChurnRules, LifecycleRules

if TYPE_CHECKING:  # the report selects STAGE_SQL without loading pandas
    import pandas as pd

STAGES = ("new", "growing", "mature", "declining", "lost")

# The stage rule, once: lifecycle_stages() and the report's customers (core/outlook.py) both select it over
# lifecycle.sql's columns and the churn level. Thresholds are rounded to the cent, as money is: 300 × 0.8 is
# 240.00, not 240.00000000000003. A customer with only returns has no first purchase: null < 90 is not new.
STAGE_SQL = """case
        when churn_level = 'lost' then 'lost'
        when first_purchase_days_before < $new_within_days then 'new'
        when churn_level = 'high'
            or current_period_revenue < round(previous_period_revenue * $declining_ratio, 2) then 'declining'
        when current_period_revenue > round(previous_period_revenue * $growing_ratio, 2) then 'growing'
        else 'mature'
    end"""

_STAGES_SQL = """
with
lifecycle_inputs as (
{lifecycle}
),
churn_levels as (
{churn_warnings}
),
joined as (
    select i.*, c.customer_name, c.level as churn_level, c.account_manager, c.last_purchase_date, c.revenue_at_risk
    from lifecycle_inputs as i
    inner join churn_levels as c on i.customer = c.customer
)
select
    customer, customer_name, {stage} as stage, first_purchase_date, last_purchase_date,
    current_period_revenue::double as current_period_revenue, previous_period_revenue::double as previous_period_revenue,
    churn_level, account_manager, (revenue_at_risk * 100)::bigint as net_revenue_cents
from joined
order by customer
"""


def lifecycle_stages(
    con: duckdb.DuckDBPyConnection,
    filters: Filters,
    rules: LifecycleRules = LifecycleRules(),
    churn_rules: ChurnRules = ChurnRules(),
) -> pd.DataFrame:
    """One row per customer with any order line up to as_of, sorted by customer: customer, customer_name, stage,
    first_purchase_date, last_purchase_date, current_period_revenue, previous_period_revenue, churn_level,
    account_manager, net_revenue_cents (net revenue in the analysis window, exact).

    The first rule that holds decides (defaults in LifecycleRules):
    - lost: churn level 'lost' (no purchase for over 365 days, or only returns);
    - new: first purchase fewer than 90 days before as_of (days_before < new_within_days);
    - declining: churn level 'high', or net revenue in the last 180 days < the 180 days before × 0.8;
    - growing: last 180 days > the 180 days before × 1.2 (so a customer who comes back after a
      silent half year, previous period 0, is growing);
    - mature: everything else, the ratio boundaries 0.8 and 1.2 included.
    """
    text = _STAGES_SQL.format(
        lifecycle=store.sql_text("lifecycle"), churn_warnings=store.sql_text("churn_warnings"), stage=STAGE_SQL
    )
    bound = {**window.params(con, filters), **asdict(rules), **asdict(churn_rules)}
    return store.run_text(con, text, "lifecycle stages", **bound)


def lifecycle_summary(stages: pd.DataFrame) -> pd.DataFrame:
    """The whole book by stage (#14): one row per stage in STAGES order, zeros included, from
    lifecycle_stages(): stage, customers_count, customer_share, net_revenue (in the analysis window),
    net_revenue_cents, revenue_share. The list behind a stage is lifecycle_stages() filtered on it."""
    from core.analytics.shares import group_shares  # pandas: not on the report's path, which imports this module

    return group_shares(stages, "stage", STAGES, "net_revenue_cents")
