"""The gain/loss bridge (PRODUCT.md § Cohorts and the bridge): what moved revenue between two periods.

Per customer Δ = rev1 − rev0 (net revenue in each period's window, 0 without orders there), and the customer
is exactly one of: new (rev0 <= 0, rev1 > 0), lost (rev0 > 0, rev1 <= 0), grown (both > 0, Δ > 0), shrunk (both
> 0, Δ < 0), steady (every other customer: both > 0 and Δ = 0, or neither > 0). Each part is the sum of its
customers' Δ, so the five parts sum to total_change = Σ rev1 − Σ rev0 exactly: sums are of integer cents,
returned as Decimal to the cent.

The split by tier, region and account manager uses the customer's values in the earlier period when it had
orders there (the book the change is measured against: "lost from tier A"), else in the later one (a new
customer). Tier is the ABC tier of that period; region and manager those of its latest positive line.
The periods are two windows of one dataset (window_bridge: the window ending at as_of and the one before it,
of equal length) or two datasets, each at its own as_of (core.changes).
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import duckdb
import numpy as np
import pandas as pd

from core import store
from core.analytics import abc, window
from core.filters import Filters
from core.rules import AbcRules

PARTS = ("new", "lost", "grown", "shrunk", "steady")
BREAKDOWNS = ("tier", "region", "account_manager")
_COLUMNS = ["customer", "net_revenue_cents", "tier", "region", "account_manager"]


def bridge_customers(
    con: duckdb.DuckDBPyConnection,
    filters: Filters,
    abc_rules: AbcRules = AbcRules(),
    tiers: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One row per customer with orders in the window: customer, net_revenue_cents, tier, region,
    account_manager. tiers: abc.abc_tiers() of the same window when the caller has it already."""
    bound = window.params(con, filters)
    if bound["as_of"] is None:
        return pd.DataFrame(columns=_COLUMNS)
    customers = store.run_query(con, "bridge_customers", **bound)
    if tiers is None:
        tiers = abc.abc_tiers(con, filters, abc_rules)
    return customers.merge(tiers[["customer", "tier"]], on="customer", how="left")[_COLUMNS]


def bridge_table(before: pd.DataFrame, after: pd.DataFrame) -> pd.DataFrame:
    """One row per customer of either period, sorted by customer: customer, rev0_cents, rev1_cents,
    change_cents, part, tier, region, account_manager (see the module docstring)."""
    both = before.merge(after, on="customer", how="outer", suffixes=("_0", "_1"), indicator=True)
    rev0 = both["net_revenue_cents_0"].fillna(0).astype("int64")
    rev1 = both["net_revenue_cents_1"].fillna(0).astype("int64")
    change = rev1 - rev0
    part = np.select(
        [(rev0 <= 0) & (rev1 > 0), (rev0 > 0) & (rev1 <= 0), (rev0 > 0) & (change > 0), (rev0 > 0) & (change < 0)],
        ["new", "lost", "grown", "shrunk"],
        default="steady",
    )
    had_orders_before = both["_merge"] != "right_only"
    table = pd.DataFrame(
        {
            "customer": both["customer"],
            "rev0_cents": rev0,
            "rev1_cents": rev1,
            "change_cents": change,
            "part": part,
        }
    )
    for name in BREAKDOWNS:
        table[name] = both[f"{name}_0"].where(had_orders_before, both[f"{name}_1"])
    return table.sort_values("customer", ignore_index=True)


def revenue_bridge(before: pd.DataFrame, after: pd.DataFrame) -> dict:
    """{new, lost, grown, shrunk, steady, total_change, before_total, after_total, customers_count: {part: n},
    by_tier, by_region, by_account_manager}; each by_ list is [{<dimension>, new, ..., steady, total_change}],
    largest |change| first (tiers A, B, C). Money is Decimal to the cent: before_total + total_change =
    after_total exactly. before/after: bridge_customers() of each period."""
    table = bridge_table(before, after)
    result = {
        **_parts(table),
        "before_total": _money(int(table["rev0_cents"].sum())),
        "after_total": _money(int(table["rev1_cents"].sum())),
        "customers_count": {p: int((table["part"] == p).sum()) for p in PARTS},
    }
    for name in BREAKDOWNS:
        rows = [{name: _none(value), **_parts(group)} for value, group in table.groupby(name, dropna=False)]
        if name == "tier":
            rows.sort(key=lambda r: (r["tier"] is None, r["tier"] or ""))
        else:
            rows.sort(key=lambda r: (-abs(r["total_change"]), r[name] is None, r[name] or ""))
        result[f"by_{name}"] = rows
    return result


def window_bridge(con: duckdb.DuckDBPyConnection, filters: Filters, abc_rules: AbcRules = AbcRules()) -> dict:
    """revenue_bridge() from the window before (ending window_days before as_of) to the window ending at as_of."""
    as_of = window.resolve_as_of(con, filters)
    if as_of is None:
        empty = pd.DataFrame(columns=_COLUMNS)
        return revenue_bridge(empty, empty)
    later = filters.with_as_of(as_of)
    earlier = filters.with_as_of(as_of - timedelta(days=filters.window_days))
    return revenue_bridge(bridge_customers(con, earlier, abc_rules), bridge_customers(con, later, abc_rules))


def _parts(table: pd.DataFrame) -> dict:
    sums = table.groupby("part")["change_cents"].sum()
    cents = {p: int(sums.get(p, 0)) for p in PARTS}
    return {**{p: _money(c) for p, c in cents.items()}, "total_change": _money(int(table["change_cents"].sum()))}


def _money(cents: int) -> Decimal:
    return (Decimal(cents) / 100).quantize(Decimal("0.01"))


def _none(value):
    return None if value is None or (isinstance(value, float) and np.isnan(value)) or value is pd.NA else value
