"""Customer profile (PRODUCT.md § Also from the seeds, 客户档案): one customer's history, products and orders."""

from __future__ import annotations

import duckdb
import pandas as pd

from core import store
from core.analytics import window
from core.filters import Filters


def customer_monthly(con: duckdb.DuckDBPyConnection, filters: Filters, customer: str) -> pd.DataFrame:
    """One row per calendar month in which the customer has order lines up to as_of: month, net_revenue,
    order_lines. All history, not only the window: a profile shows the whole relationship."""
    return store.run_query(con, "customer_monthly", **window.params(con, filters), customer=customer)


def customer_products(con: duckdb.DuckDBPyConnection, filters: Filters, customer: str) -> pd.DataFrame:
    """One row per product the customer bought up to as_of, by net revenue desc: product, net_revenue (all
    history), window_revenue (0 <= days_before < window_days), quantity, order_lines, last_order_date."""
    return store.run_query(con, "customer_products", **window.params(con, filters), customer=customer)


def customer_orders(con: duckdb.DuckDBPyConnection, filters: Filters, customer: str) -> pd.DataFrame:
    """The customer's order lines up to as_of, newest first: order_date, order_id, product, quantity,
    unit_price, amount, account_manager, source_row (the row in the uploaded file)."""
    return store.run_query(con, "customer_orders", **window.params(con, filters), customer=customer)
