"""Core analyses cached per (data version, filters, rules): a rerun or a page switch doesn't recompute.

A filter change computes one per-customer base per window (core.analytics.customer_base) and the tiers,
the Lorenz curve, the active customers, the customer funnel and the tier migration all read it (issue #13);
the sidebar's values and the latest order date are cached per data version alone.
"""

from __future__ import annotations

from datetime import timedelta

import duckdb
import streamlit as st

from core import store
from core.analytics import abc, churn, customer_base, fields, funnel, lifecycle, long_tail, rfm, window
from core.analytics.customer_profile import customer_monthly, customer_orders, customer_products
from core.filters import DIMENSIONS, Filters, quote_identifier
from core.rules import AbcRules, ComparisonRules, FunnelRules
from ui import state


def _has_pipeline(con, filters: Filters) -> bool:
    try:
        return con.cursor().execute("select count(*) from pipeline").fetchall()[0][0] > 0
    except duckdb.Error:  # no pipeline table in this store yet
        return False


def _has_profit(con, filters: Filters) -> bool:
    return bool(store.run_query(con, "profit_mapped")["has_profit"].iloc[0])


def _column_has_data(con, filters: Filters, column: str) -> bool:
    # quote_identifier accepts only names from BREAKDOWNS, never a user's text
    sql = f"select count({quote_identifier(column)}) > 0 from orders"
    return bool(con.cursor().execute(sql).fetchall()[0][0])


def _present_fields(con, filters: Filters) -> frozenset[str]:
    return fields.present_fields(con)  # the whole file: a filter does not take a column away


# One scan for every dimension's distinct values; the identifiers come from DIMENSIONS, never from the user.
_DIMENSION_VALUES_SQL = (
    "select "
    + ", ".join(
        f"list_sort(list(distinct {quote_identifier(d)}) filter (where {quote_identifier(d)} is not null))"
        for d in DIMENSIONS
    )
    + " from orders"
)


def _dimension_values(con, filters: Filters) -> dict[str, list[str]]:
    """Distinct values of each filter dimension that has any (the whole data: a filter takes none away)."""
    row = con.cursor().execute(_DIMENSION_VALUES_SQL).fetchall()[0]
    return {dim: list(values) for dim, values in zip(DIMENSIONS, row) if values}


def _latest_order_date(con, filters: Filters):
    return window.latest_order_date(con)


def _customer_base(con, filters: Filters):
    return customer_base.customer_base(con, filters)


def _abc_tiers(con, filters: Filters, rules: AbcRules = AbcRules()):
    return customer_base.abc_tiers(con, get("customer_base", filters), rules)


def _lorenz_points(con, filters: Filters):
    return customer_base.lorenz_points(con, get("customer_base", filters))


def _active_customers(con, filters: Filters) -> int:
    return customer_base.active_customers(get("customer_base", filters))


def _customer_funnel(con, filters: Filters, rules: FunnelRules = FunnelRules(), abc_rules: AbcRules = AbcRules()):
    return customer_base.customer_funnel_from(con, get("abc_tiers", filters, abc_rules), filters, rules)


def _tier_migration(
    con, filters: Filters, rules: AbcRules = AbcRules(), comparison: ComparisonRules = ComparisonRules()
):
    as_of = filters.as_of or get("latest_order_date", None)
    if as_of is None:
        return abc.tier_migration(con, filters, rules, comparison)
    previous = filters.with_as_of(as_of - timedelta(days=filters.window_days))
    current = get("abc_tiers", filters, rules)
    return abc.tier_migration(
        con, filters, rules, comparison, current=current, previous=get("abc_tiers", previous, rules)
    )


ANALYSES = {
    "customer_base": _customer_base,
    "abc_tiers": _abc_tiers,
    "active_customers": _active_customers,
    "tier_migration": _tier_migration,
    "rfm_segments": rfm.rfm_segments,
    "churn_warnings": churn.churn_warnings,
    "lorenz_points": _lorenz_points,
    "tail_by_dimension": long_tail.tail_by_dimension,
    "fastest_growing_tail": long_tail.fastest_growing_tail,
    "pipeline_funnel": funnel.pipeline_funnel,
    "win_rate": funnel.win_rate,
    "customer_funnel": _customer_funnel,
    "has_pipeline": _has_pipeline,
    "has_profit": _has_profit,
    "column_has_data": _column_has_data,
    "present_fields": _present_fields,
    "dimension_values": _dimension_values,
    "latest_order_date": _latest_order_date,
    "lifecycle_stages": lifecycle.lifecycle_stages,
    "customer_monthly": customer_monthly,
    "customer_products": customer_products,
    "customer_orders": customer_orders,
}


@st.cache_data(show_spinner=False, max_entries=256)
def _run(_con: duckdb.DuckDBPyConnection, version: str, name: str, filters: Filters, args: tuple, kwargs: dict):
    # version is only part of the key: a new upload in this session misses every old entry
    return ANALYSES[name](_con, filters, *args, **kwargs)


def get(name: str, filters: Filters, *args, **kwargs):
    """ANALYSES[name](con, filters, *args, **kwargs) for this session's data, cached."""
    return _run(state.connection(), state.data_version(), name, filters, args, kwargs)


def has_field(name: str) -> bool:
    """Whether the loaded orders fill this optional field on any line (core.analytics.fields)."""
    return name in get("present_fields", None)
