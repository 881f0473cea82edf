"""as_of and the analysis window every SQL file binds: $as_of, $window_days and the filter lists."""

from __future__ import annotations

from datetime import date

import duckdb

from core.filters import DIMENSIONS, Filters

# Each analysis file reads its rows through this call, so every view filters identically.
FILTERED_ORDERS = (
    "filtered_orders(" + ", ".join(f"${d}" for d in DIMENSIONS) + ", $scope_region, $scope_account_manager)"
)


def latest_order_date(con: duckdb.DuckDBPyConnection) -> date | None:
    """The latest order_date in the data: the default as_of. The whole file's, whatever the user's scope: the
    export's date is the team's, so a manager's churn days count to the same day as everyone's."""
    return con.cursor().execute("select max(order_date) from orders").fetchall()[0][0]


def resolve_as_of(con: duckdb.DuckDBPyConnection, filters: Filters) -> date | None:
    return filters.as_of or latest_order_date(con)


def params(con: duckdb.DuckDBPyConnection, filters: Filters) -> dict:
    """Bind values shared by every analysis: as_of, window_days and one list per filter dimension."""
    return {"as_of": resolve_as_of(con, filters), "window_days": filters.window_days, **filters.dimension_params()}
