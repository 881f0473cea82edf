"""Active customers: one definition for the home page, the Excel brief and the report JSON (issue #11)."""

from __future__ import annotations

import duckdb

from core import store
from core.analytics import window
from core.filters import Filters


def active_customers(con: duckdb.DuckDBPyConnection, filters: Filters) -> int:
    """Customers with at least one order (a line with a positive amount) in the window; 0 without orders.

    A customer whose orders in the window were all returned still counts: it bought (its net revenue is 0).
    Same population as RFM (rfm_segments) and the customer funnel's first stage.
    """
    params = window.params(con, filters)
    if params["as_of"] is None:
        return 0
    text = store.sql_text("active_customers")
    cur = con.cursor()
    return int(cur.execute(text, store.bind(text, "active_customers.sql", params)).fetchall()[0][0])
