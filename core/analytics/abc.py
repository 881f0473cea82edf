"""ABC tiers (PRODUCT.md § ABC tiers): tiers, Pareto chart, tier summary, migration, service levels, coverage.

Money comes back twice: `net_revenue` as float64 for display (DuckDB hands DECIMAL to pandas as a
float) and `net_revenue_cents` as int64, summed exactly in DuckDB, for totals and JSON that must be
right to the cent. Everything derived here from a tiers frame sums the cents, never the floats.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from datetime import timedelta

import duckdb
import pandas as pd

from core import store
from core.analytics import window
from core.analytics.coverage import Coverage, previous_window
from core.analytics.shares import group_shares
from core.filters import Filters
from core.rules import ABC_METRICS, AbcRules, ComparisonRules

TIERS = ("A", "B", "C")
METRICS = ABC_METRICS
# PRODUCT.md: A gets a senior account manager, B regular visits, C automated/basic service.
SERVICE_LEVELS = {"A": "senior_account_manager", "B": "regular_visits", "C": "automated_basic"}


def abc_tiers(con: duckdb.DuckDBPyConnection, filters: Filters, rules: AbcRules = AbcRules()) -> pd.DataFrame:
    """One row per customer with orders in the window, by rank: rank, customer, customer_name,
    account_manager, tier, metric, cum_before, cum_share, net_revenue, net_revenue_cents, gross_profit,
    order_count.

    - Ranked by metric desc, ties by customer asc; cum_before is the share of the positive metric total
      held by the customers ranked above, cum_share the same including this customer (the Pareto curve).
      Tiers compare in DECIMAL, so a cum_before of exactly 0.80 is B.
    - metric is net revenue, gross profit (the profit column) or order count (distinct order_id among
      positive lines; a line without order_id counts by its order day), as rules.metric says.
    - customer_name is the latest non-null name; account_manager the one on the latest positive order
      that names one (the latest return when there is no order).
    """
    check_rules(con, rules)
    bound = window.params(con, filters)
    return store.run_query(con, "abc_tiers", **bound, **asdict(rules))


def check_rules(con: duckdb.DuckDBPyConnection, rules: AbcRules) -> None:
    """ValueError for a metric abc_tiers cannot rank by: unknown, or gross profit without profit or cost."""
    if rules.metric not in METRICS:
        raise ValueError(f"unknown ABC metric {rules.metric!r}; expected one of {METRICS}")
    if rules.metric == "gross_profit" and not store.run_query(con, "profit_mapped")["has_profit"].iloc[0]:
        raise ValueError("gross profit needs a profit (毛利) or cost (成本) column; none was mapped")


def usable_rules(con: duckdb.DuckDBPyConnection, rules: AbcRules) -> AbcRules:
    """rules, ranked by net revenue instead when they ask for gross profit of data with no profit or cost
    mapped: a link or an earlier dataset may ask for a metric this data cannot give."""
    if rules.metric == "gross_profit" and not store.run_query(con, "profit_mapped")["has_profit"].iloc[0]:
        return replace(rules, metric="net_revenue")
    return rules


def tier_summary(tiers: pd.DataFrame) -> pd.DataFrame:
    """One row per tier A, B, C (zeros included; empty when tiers is): tier, customers_count,
    customer_share, net_revenue, net_revenue_cents, revenue_share (of the window's net revenue;
    NaN when that nets to 0)."""
    return group_shares(tiers, "tier", TIERS, "net_revenue_cents")


def pareto_points(tiers: pd.DataFrame) -> pd.DataFrame:
    """One row per customer by rank, for the Pareto chart: rank, customer, tier, metric,
    customer_share (share of customers up to this rank), metric_share (cum_share: share of the
    positive metric total, i.e. of revenue with the default metric)."""
    points = tiers[["rank", "customer", "tier", "metric"]].copy()
    points["customer_share"] = points["rank"] / max(len(tiers), 1)  # max: an empty frame stays empty, not 0/0
    points["metric_share"] = tiers["cum_share"]
    return points


def service_levels(tiers: pd.DataFrame) -> pd.DataFrame:
    """One row per tier A, B, C: tier, service_level (a code; words live in ui/text.py), customers_count."""
    counts = tiers["tier"].value_counts().reindex(list(TIERS), fill_value=0).astype("int64")
    return pd.DataFrame(
        {"tier": list(TIERS), "service_level": [SERVICE_LEVELS[t] for t in TIERS], "customers_count": counts.values}
    )


def manager_coverage(tiers: pd.DataFrame) -> pd.DataFrame:
    """One row per account_manager of a customer in tiers, plus one row with account_manager null and
    has_manager False for customers nobody owns: account_manager, has_manager, a_customers_count,
    customers_count. Sorted by a_customers_count desc, account_manager, the unowned row last."""
    columns = ["account_manager", "has_manager", "a_customers_count", "customers_count"]
    if tiers.empty:
        return pd.DataFrame(columns=columns)
    customers = tiers.assign(is_tier_a=tiers["tier"].eq("A"))
    owned = customers["account_manager"].notna()
    by_manager = (
        customers[owned]
        .groupby("account_manager")
        .agg(a_customers_count=("is_tier_a", "sum"), customers_count=("customer", "size"))
        .reset_index()
        .assign(has_manager=True)
        .sort_values(["a_customers_count", "account_manager"], ascending=[False, True])
    )
    unowned = pd.DataFrame(
        {
            "account_manager": [None],
            "has_manager": [False],
            "a_customers_count": [customers.loc[~owned, "is_tier_a"].sum()],
            "customers_count": [(~owned).sum()],
        }
    )
    coverage = pd.concat([by_manager[columns], unowned], ignore_index=True)
    return coverage.astype({"account_manager": "str", "a_customers_count": "int64", "customers_count": "int64"})


@dataclass(frozen=True)
class TierMigration:
    """matrix: one row per (from_tier in A/B/C/new, to_tier in A/B/C/lost): customers_count.
    customers: one row per customer in either window: customer, customer_name, from_tier, to_tier,
    previous_net_revenue_cents, net_revenue_cents.
    previous: how much of the previous window the data covers (None without orders); when it is not
    comparable, 'new' and 'lost' say more about the file than about the customers: show no change."""

    matrix: pd.DataFrame
    customers: pd.DataFrame
    previous: Coverage | None = None


FROM_TIERS = TIERS + ("new",)
TO_TIERS = TIERS + ("lost",)


def tier_migration(
    con: duckdb.DuckDBPyConnection,
    filters: Filters,
    rules: AbcRules = AbcRules(),
    comparison: ComparisonRules = ComparisonRules(),
    *,
    current: pd.DataFrame | None = None,
    previous: pd.DataFrame | None = None,
) -> TierMigration:
    """Tiers in the window against the previous window of equal length (ending window_days before as_of).

    A customer absent from the previous window comes from 'new'; one absent from this window goes to
    'lost'. The matrix has all 16 cells (new -> lost is always 0) unless both windows are empty.
    The result carries the previous window's coverage: a caller shows no change when it is not comparable.
    current, previous: the two windows' abc_tiers when the caller has them already (the app's cache).
    """
    as_of = window.resolve_as_of(con, filters)
    if current is None:
        current = abc_tiers(con, filters, rules)
    if previous is None:
        previous = (
            abc_tiers(con, filters.with_as_of(as_of - timedelta(days=filters.window_days)), rules)
            if as_of is not None
            else current.iloc[0:0]
        )
    covered = previous_window(con, filters, comparison)
    keep = ["customer", "customer_name", "tier", "net_revenue_cents"]
    joined = previous[keep].merge(current[keep], on="customer", how="outer", suffixes=("_previous", ""))
    customers = pd.DataFrame(
        {
            "customer": joined["customer"],
            "customer_name": joined["customer_name"].fillna(joined["customer_name_previous"]),
            "from_tier": joined["tier_previous"].fillna("new"),
            "to_tier": joined["tier"].fillna("lost"),
            "previous_net_revenue_cents": joined["net_revenue_cents_previous"].fillna(0).astype("int64"),
            "net_revenue_cents": joined["net_revenue_cents"].fillna(0).astype("int64"),
        }
    ).sort_values("customer", ignore_index=True)
    if customers.empty:
        return TierMigration(pd.DataFrame(columns=["from_tier", "to_tier", "customers_count"]), customers, covered)
    cells = pd.MultiIndex.from_product([FROM_TIERS, TO_TIERS], names=["from_tier", "to_tier"])
    matrix = (
        customers.groupby(["from_tier", "to_tier"])
        .size()
        .reindex(cells, fill_value=0)
        .astype("int64")
        .rename("customers_count")
        .reset_index()
    )
    return TierMigration(matrix, customers, covered)
