"""The overview page's figures: KPIs over the analysis window and the top customers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import duckdb
import pandas as pd
import streamlit as st

from core import store
from core.analytics import window
from core.filters import Filters
from ui.text import t


@dataclass
class Summary:
    as_of: date
    customers: pd.DataFrame
    monthly: pd.DataFrame
    order_lines: int
    filters: Filters


def summary(con: duckdb.DuckDBPyConnection, filters: Filters = Filters()) -> Summary | None:
    params = window.params(con, filters)
    if params["as_of"] is None:
        return None
    filters = filters.with_as_of(params["as_of"])
    customers = store.run_query(con, "customer_revenue", **params)
    monthly = store.run_query(con, "monthly_revenue", **{k: v for k, v in params.items() if k != "window_days"})
    lines = con.cursor().execute("select count(*) from orders").fetchall()[0][0]
    return Summary(params["as_of"], customers, monthly, lines, filters)


def kpis(s: Summary) -> None:
    active = s.customers[s.customers["revenue"] != 0]
    a, b, c, d = st.columns(4)
    a.metric(t("as_of"), s.as_of.isoformat())
    b.metric(t("kpi_revenue"), f"¥{s.customers['revenue'].sum():,.2f}")
    c.metric(t("kpi_active"), f"{len(active):,} / {len(s.customers):,}")
    d.metric(t("kpi_orders"), f"{s.order_lines:,}")


def top_customers_frame(customers: pd.DataFrame, n: int = 20) -> pd.DataFrame:
    top = customers.head(n)
    label = top["customer_name"].fillna(top["customer"]) if top["customer_name"].notna().any() else top["customer"]
    return pd.DataFrame({
        t("customer"): label,
        t("net_revenue"): top["revenue"].map(lambda v: f"¥{v:,.2f}"),
        t("last_order_date"): top["last_order_date"].dt.date,
    })
