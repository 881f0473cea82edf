"""One dataset's figures at its own as_of (customers present, tiers, warnings, revenue by a dimension), and
its point on the weekly trend."""

from __future__ import annotations

from datetime import date

import duckdb
import pandas as pd

from core import store
from core.analytics import abc, churn, funnel, window
from core.changes.values import iso
from core.filters import Filters, quote_identifier
from core.rules import AbcRules, ChurnRules, Rules

WARNING_LEVELS = ("medium", "high", "lost")


class Side:
    """One dataset's figures at its own as_of."""

    def __init__(self, con, filters: Filters, as_of: date | None, abc_rules: AbcRules, churn_rules: ChurnRules):
        self.con = con
        self.as_of = as_of or window.latest_order_date(con)
        self.filters = filters.with_as_of(self.as_of) if self.as_of else filters
        if self.as_of is None:  # no orders at all
            self.customers = pd.DataFrame(
                columns=["customer", "customer_name", "tier", "is_active", "net_revenue_cents"]
            )
            self.warnings = pd.DataFrame(
                columns=["customer", "level", "reason_zh", "reason_en", "revenue_at_risk", "account_manager"]
            )
            return
        params = window.params(con, self.filters)
        present = store.run_query(con, "customer_revenue", **params)[["customer", "customer_name"]]
        tiers = abc.abc_tiers(con, self.filters, abc.usable_rules(con, abc_rules))
        self.tiers = tiers
        customers = present.merge(
            tiers[["customer", "tier", "net_revenue_cents", "account_manager"]], on="customer", how="left"
        )
        customers["is_active"] = customers["tier"].notna()
        customers["tier"] = customers["tier"].fillna("C")  # present without an order in the window
        customers["net_revenue_cents"] = customers["net_revenue_cents"].fillna(0).astype("int64")
        self.customers = customers
        self.warnings = churn.churn_warnings(con, self.filters, churn_rules)

    def has_pipeline(self) -> bool:
        return self.con.cursor().execute("select count(*) from pipeline").fetchall()[0][0] > 0

    def revenue_by(self, dimension: str) -> pd.DataFrame:
        if self.as_of is None:
            return pd.DataFrame(columns=["dimension_value", "customers_count", "net_revenue_cents"])
        text = store.sql_text("revenue_by_dimension").replace("{dimension}", quote_identifier(dimension))
        return self.con.cursor().execute(text, window.params(self.con, self.filters)).df()


def win_rate(side: Side) -> float | None:
    rate = funnel.win_rate(side.con, side.filters)["win_rate"]
    return None if rate.empty or pd.isna(rate.iloc[0]) else float(rate.iloc[0])


def trend_point(
    con: duckdb.DuckDBPyConnection, filters: Filters = Filters(), as_of: date | None = None, rules: Rules = Rules()
) -> dict:
    """One dataset's weekly figures: as_of, net_revenue, customers_count, a_customers_count, a_revenue_share,
    warnings_count, revenue_at_risk (of customers with a warning), win_rate (null without a pipeline)."""
    side = Side(con, filters, as_of, rules.abc, rules.churn)
    active = side.customers[side.customers["is_active"].astype(bool)]
    total = int(active["net_revenue_cents"].sum())
    a_cents = int(active.loc[active["tier"] == "A", "net_revenue_cents"].sum())
    warned = side.warnings[side.warnings["level"].isin(WARNING_LEVELS)]
    return {
        "as_of": iso(side.as_of),
        "net_revenue": total / 100,
        "customers_count": len(active),
        "a_customers_count": int((active["tier"] == "A").sum()),
        "a_revenue_share": a_cents / total if total > 0 else None,
        "warnings_count": len(warned),
        "revenue_at_risk": round(float(warned["revenue_at_risk"].sum()), 2),
        "win_rate": win_rate(side) if side.has_pipeline() else None,
    }
