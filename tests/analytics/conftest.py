"""A fresh store per test and literal order rows: `load_orders(con, order("甲", 10, "500.00"), ...)`."""

from __future__ import annotations

from datetime import date, timedelta

import duckdb
import pandas as pd
import pytest

from core import schema, store

AS_OF = date(2024, 12, 31)


def order(customer: str, days_before: int, amount, **more) -> dict:
    """One order line `days_before` whole days before AS_OF; amount as text or int keeps it exact."""
    return {"customer": customer, "order_date": AS_OF - timedelta(days=days_before), "amount": str(amount), **more}


def load_orders(con: duckdb.DuckDBPyConnection, *rows: dict) -> None:
    """Append rows to `orders`; unnamed fields are null, source_row counts from 1 in the given order."""
    names = [f.name for f in schema.ORDER_FIELDS]
    frame = pd.DataFrame([{name: row.get(name) for name in names} for row in rows], columns=names, dtype=object)
    frame["source_row"] = range(1, len(frame) + 1)
    casts = ", ".join(f"cast({f.name} as {schema.SQL_TYPES[f.kind]}) as {f.name}" for f in schema.ORDER_FIELDS)
    con.register("rows_to_load", frame)
    con.execute(f"insert into orders by name select {casts}, source_row from rows_to_load")
    con.unregister("rows_to_load")


@pytest.fixture
def con() -> duckdb.DuckDBPyConnection:
    connection = store.connect()
    yield connection
    connection.close()
