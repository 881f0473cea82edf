"""Long tail (PRODUCT.md § Long tail): tail shares, Lorenz curve and Gini, tail revenue by dimension,
tail customers growing fastest, tail customers per account manager.

The tail is a set of ABC tiers (C by default), so it always agrees with abc_tiers under the same
rules: the functions that read orders take the tail's customer keys as one bound list.
"""

from __future__ import annotations

import duckdb
import pandas as pd

from core import store
from core.analytics import window
from core.analytics.abc import abc_tiers
from core.filters import Filters, quote_identifier
from core.rules import AbcRules, LongTailRules


def tail_shares(tiers: pd.DataFrame, tail: LongTailRules = LongTailRules()) -> pd.DataFrame:
    """One row (none when tiers is empty): customers_count, tail_customers_count, customer_share,
    net_revenue_cents, tail_net_revenue_cents, tail_net_revenue, revenue_share (NaN when the window
    nets to 0)."""
    if tiers.empty:
        return pd.DataFrame(
            columns=[
                "customers_count",
                "tail_customers_count",
                "customer_share",
                "net_revenue_cents",
                "tail_net_revenue_cents",
                "tail_net_revenue",
                "revenue_share",
            ]
        )
    in_tail = tiers["tier"].isin(tail.tail_tiers)
    total_cents = int(tiers["net_revenue_cents"].sum())
    tail_cents = int(tiers.loc[in_tail, "net_revenue_cents"].sum())
    return pd.DataFrame(
        {
            "customers_count": [len(tiers)],
            "tail_customers_count": [int(in_tail.sum())],
            "customer_share": [in_tail.sum() / len(tiers)],
            "net_revenue_cents": [total_cents],
            "tail_net_revenue_cents": [tail_cents],
            "tail_net_revenue": [tail_cents / 100],
            "revenue_share": [tail_cents / total_cents if total_cents else float("nan")],
        }
    )


def lorenz_points(con: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    """(0, 0) then one row per customer with positive net revenue in the window, smallest first:
    rank, customer, customer_share, revenue_share (both cumulative, ending at 1)."""
    return store.run_query(con, "long_tail_lorenz", **window.params(con, filters))


def gini(points: pd.DataFrame) -> float:
    """The Gini coefficient of positive net revenue per customer, from lorenz_points; NaN without customers.

    G = 1 - sum_k (X_k - X_(k-1)) * (Y_k + Y_(k-1)): one minus twice the area under the Lorenz curve,
    by trapezoids. With n customers, x ascending, that is sum((2i - n - 1) * x_i) / (n * sum(x)):
    0 when all buy the same, (n - 1) / n when one customer holds everything.
    """
    if points.empty:
        return float("nan")
    x = points["customer_share"].to_numpy()
    y = points["revenue_share"].to_numpy()
    return float(1 - ((x[1:] - x[:-1]) * (y[1:] + y[:-1])).sum())


def tail_by_dimension(
    con: duckdb.DuckDBPyConnection,
    filters: Filters,
    dimension: str,
    rules: AbcRules = AbcRules(),
    tail: LongTailRules = LongTailRules(),
) -> pd.DataFrame:
    """One row per value of `dimension` (a name in BREAKDOWNS; null included) in the tail's orders:
    dimension_value, tail_customers_count, net_revenue, net_revenue_cents, revenue_share (of the tail)."""
    # The one identifier built into SQL: quote_identifier raises ValueError for a name outside BREAKDOWNS.
    text = store.sql_text("long_tail_by_dimension").replace("{dimension}", quote_identifier(dimension))
    bound = {**window.params(con, filters), "tail_customers": _tail_customers(con, filters, rules, tail)}
    return con.cursor().execute(text, bound).df()


def fastest_growing_tail(
    con: duckdb.DuckDBPyConnection,
    filters: Filters,
    rules: AbcRules = AbcRules(),
    tail: LongTailRules = LongTailRules(),
) -> pd.DataFrame:
    """At most tail.top_n tail customers whose last half-window beats the first by at least tail.growth_min_share
    of it and tail.growth_min_amount: customer, customer_name,
    first_half_revenue, last_half_revenue, revenue_change, revenue_change_cents, growth_ratio (last / first;
    null when the first half is 0 or less, ranked after every ratio, by revenue_change)."""
    return store.run_query(
        con,
        "long_tail_growth",
        **window.params(con, filters),
        tail_customers=_tail_customers(con, filters, rules, tail),
        top_n=tail.top_n,
        growth_min_share=tail.growth_min_share,
        growth_min_amount=tail.growth_min_amount,
    )


def tail_per_manager(tiers: pd.DataFrame, tail: LongTailRules = LongTailRules()) -> pd.DataFrame:
    """One row per account_manager owning a tail customer (null = nobody), most tail customers first:
    account_manager, tail_customers_count, net_revenue, net_revenue_cents."""
    in_tail = tiers[tiers["tier"].isin(tail.tail_tiers)]
    per_manager = (
        in_tail.groupby("account_manager", dropna=False)
        .agg(tail_customers_count=("customer", "size"), net_revenue_cents=("net_revenue_cents", "sum"))
        .reset_index()
        .astype({"tail_customers_count": "int64", "net_revenue_cents": "int64"})
        .sort_values(["tail_customers_count", "account_manager"], ascending=[False, True], na_position="last")
        .reset_index(drop=True)
    )
    per_manager["net_revenue"] = per_manager["net_revenue_cents"] / 100
    return per_manager[["account_manager", "tail_customers_count", "net_revenue", "net_revenue_cents"]]


def _tail_customers(
    con: duckdb.DuckDBPyConnection, filters: Filters, rules: AbcRules, tail: LongTailRules
) -> list[str]:
    tiers = abc_tiers(con, filters, rules)
    return tiers.loc[tiers["tier"].isin(tail.tail_tiers), "customer"].tolist()
