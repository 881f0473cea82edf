"""One per-customer base per (window, filters), shared by ABC, the long tail, active customers and the
customer funnel (issue #13): the window's orders are scanned once into a small Arrow table (one row per
customer), and each analysis reads that table instead of the orders.

The SQL is the analyses' own, split where their per-customer step ends: abc_tiers.sql's `customer_totals`
step makes the base, and its steps from `customer_metric` on rank it; long_tail_lorenz.sql's steps from
`cumulative` on read the base's positive net revenue. So the figures from the base are the figures of
abc_tiers, lorenz_points, active_customers and customer_funnel by construction, which
tests/analytics/test_customer_base.py checks on generated data.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import TYPE_CHECKING

import duckdb

from core import store
from core.analytics import abc, customer_funnel, window
from core.filters import Filters
from core.rules import AbcRules, FunnelRules

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa

BASE = "ka_customer_base"  # the name the base is registered under, on a cursor of its own per query


def _split(name: str, step: str) -> tuple[str, str]:
    """NAME.sql cut before its CTE `step`: (the steps before it, the steps from it on)."""
    text = store.sql_text(name)
    at = text.index(f"\n{step} as (")
    return text[:at].rstrip().rstrip(","), text[at + 1 :]


def _base_sql() -> str:
    before, _ = _split("abc_tiers", "customer_metric")
    return before + "\nselect * from customer_totals"


def _tiers_sql() -> str:
    _, ranking = _split("abc_tiers", "customer_metric")
    return f"with\ncustomer_totals as (select * from {BASE}),\n" + ranking


def _lorenz_sql() -> str:
    _, cumulative = _split("long_tail_lorenz", "cumulative")
    return f"with\npositive_revenue as (select customer, net_revenue from {BASE} where net_revenue > 0),\n" + cumulative


def customer_base(con: duckdb.DuckDBPyConnection, filters: Filters) -> pa.Table:
    """One row per customer with an order line in the window: customer, customer_name, account_manager,
    net_revenue, gross_profit, order_count (abc_tiers.sql's customer_totals, exact DECIMAL money)."""
    text = _base_sql()
    params = store.bind(text, "customer base", window.params(con, filters))
    return con.cursor().sql(text, params=params).to_arrow_table()


def _on_base(con: duckdb.DuckDBPyConnection, base: pa.Table, text: str, label: str, params: dict) -> pd.DataFrame:
    cur = con.cursor()  # a cursor is a connection of its own: the registered base is seen by this query only
    cur.register(BASE, base)
    try:
        return cur.execute(text, store.bind(text, label, params)).df()
    finally:
        cur.unregister(BASE)


def abc_tiers(con: duckdb.DuckDBPyConnection, base: pa.Table, rules: AbcRules = AbcRules()) -> pd.DataFrame:
    """core.analytics.abc.abc_tiers from the base: the same rows, columns and order."""
    abc.check_rules(con, rules)
    return _on_base(con, base, _tiers_sql(), "abc tiers from the base", asdict(rules))


def lorenz_points(con: duckdb.DuckDBPyConnection, base: pa.Table) -> pd.DataFrame:
    """core.analytics.long_tail.lorenz_points from the base."""
    return _on_base(con, base, _lorenz_sql(), "lorenz points from the base", {})


def active_customers(base: pa.Table) -> int:
    """core.analytics.active.active_customers from the base: customers with an order (a positive line)."""
    import pyarrow.compute as pc

    return int(pc.sum(pc.greater(base["order_count"], 0)).as_py() or 0)


def customer_funnel_from(
    con: duckdb.DuckDBPyConnection, tiers: pd.DataFrame, filters: Filters, rules: FunnelRules = FunnelRules()
) -> pd.DataFrame:
    """core.analytics.customer_funnel.customer_funnel from the window's tiers (abc_tiers or abc_tiers from
    the base): every customer with a line in the window is a row there, with its order_count and tier."""
    counts = "select customer, order_count, tier = 'A' as is_tier_a from ka_tiers"
    text = customer_funnel.funnel_sql(counts)
    cur = con.cursor()
    cur.register("ka_tiers", tiers[["customer", "order_count", "tier"]])
    try:
        params = {**window.params(con, filters), "repeat_orders": rules.repeat_orders}
        return cur.execute(text, store.bind(text, "customer_funnel.sql", params)).df()
    finally:
        cur.unregister("ka_tiers")
