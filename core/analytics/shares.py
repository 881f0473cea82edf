"""Customers and net revenue per group with their shares: the summary table beside each analysis."""

from __future__ import annotations

import pandas as pd

SUMMARY_COLUMNS = ["customers_count", "customer_share", "net_revenue", "net_revenue_cents", "revenue_share"]


def group_shares(customers: pd.DataFrame, by: str, groups: tuple[str, ...], cents: str) -> pd.DataFrame:
    """One row per code in `groups`, in that order, zeros included (empty when customers is): `by`,
    customers_count, customer_share, net_revenue, net_revenue_cents, revenue_share.

    Sums the exact integer cents column `cents`, never the float net revenue; revenue_share is NaN when
    the customers' net revenue is 0 (say, everything returned) rather than a division by zero.
    """
    if customers.empty:
        return pd.DataFrame(columns=[by, *SUMMARY_COLUMNS])
    summary = (
        customers.groupby(by)
        .agg(customers_count=(by, "size"), net_revenue_cents=(cents, "sum"))
        .reindex(list(groups), fill_value=0)
        .rename_axis(by)
        .reset_index()
        .astype({"customers_count": "int64", "net_revenue_cents": "int64"})
    )
    total_cents = summary["net_revenue_cents"].sum()
    summary["customer_share"] = summary["customers_count"] / len(customers)
    summary["net_revenue"] = summary["net_revenue_cents"] / 100
    summary["revenue_share"] = summary["net_revenue_cents"] / total_cents if total_cents else float("nan")
    return summary[[by, *SUMMARY_COLUMNS]]
