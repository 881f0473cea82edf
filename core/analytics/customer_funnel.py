"""The customer funnel from orders alone (PRODUCT.md § Funnel conversion), so the view is never empty."""

from __future__ import annotations

from typing import TYPE_CHECKING

import duckdb

from core import store
from core.analytics import window
from core.filters import Filters
from core.rules import AbcRules, FunnelRules

if TYPE_CHECKING:  # the report imports funnel_sql without pandas
    import pandas as pd

STAGES = ("first_purchase", "second_purchase", "repeat_4", "tier_a")


def customer_funnel(
    con: duckdb.DuckDBPyConnection,
    filters: Filters,
    rules: FunnelRules = FunnelRules(),
    abc_rules: AbcRules = AbcRules(),
    tiers: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One row per stage in STAGES order (none without a positive order in the window): stage_index,
    stage, reached, conversion (reached / reached at the stage before; null for the first).

    Orders count as in RFM frequency (distinct order_id of positive lines, else distinct days).
    A customer reached every stage up to the one it is at, as a deal in the pipeline funnel: 'tier_a'
    counts every tier A customer under abc_rules (the ABC page's A count), and a tier A customer counts
    at every earlier stage too, whatever its order count, so the stages nest. first_purchase is then the
    active customers (core.analytics.active). tiers: abc_tiers(con, filters, abc_rules) when the caller
    has it already, so it isn't computed twice.
    """
    from core.analytics.abc import abc_tiers

    tiers = abc_tiers(con, filters, abc_rules) if tiers is None else tiers
    return store.run_text(
        con,
        funnel_sql(store.sql_text("customer_order_counts")),
        "customer_funnel.sql",
        **window.params(con, filters),
        repeat_orders=rules.repeat_orders,
        tier_a_customers=tiers.loc[tiers["tier"].eq("A"), "customer"].tolist(),
    )


def funnel_sql(order_counts: str) -> str:
    """customer_funnel.sql over `order_counts`: SQL with one row per customer (customer, order_count,
    is_tier_a), customer_order_counts.sql or the same counts the report has already made."""
    return store.sql_text("customer_funnel").replace("{customer_order_counts}", order_counts)
