"""Literal orders and pipeline rows for the churn, lifecycle and funnel tests, loaded into a fresh store."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import duckdb
import pandas as pd

from core import schema, store

AS_OF = date(2024, 12, 31)


def day(days_before: int) -> date:
    """The date `days_before` whole days before AS_OF."""
    return AS_OF - timedelta(days=days_before)


def order(customer: str, days_before: int, amount, **more) -> dict:
    return {"customer": customer, "order_date": day(days_before), "amount": amount, **more}


def opportunity(opportunity_id: str, stage: str, amount=None, **more) -> dict:
    customer = f"客户{opportunity_id}"
    return {"opportunity_id": opportunity_id, "customer": customer, "stage": stage, "amount": amount, **more}


def fresh_store() -> duckdb.DuckDBPyConnection:
    return store.connect()


def load(con: duckdb.DuckDBPyConnection, table: str, rows: list[dict]) -> None:
    """Append rows to a canonical table; unnamed fields are null, source_row counts from 1."""
    names = [f.name for f in schema.FIELDS[table]]
    frame = pd.DataFrame([{name: row.get(name) for name in names} for row in rows], columns=names, dtype=object)
    for f in schema.FIELDS[table]:
        if f.kind == "money":
            frame[f.name] = frame[f.name].map(lambda v: None if v is None else Decimal(str(v)))
    frame["source_row"] = range(1, len(frame) + 1)
    con.register("rows_to_load", frame)
    casts = ", ".join(f"cast({name} as {schema.SQL_TYPES[schema.field(table, name).kind]}) as {name}" for name in names)
    con.execute(f"insert into {table} by name select {casts}, source_row from rows_to_load")
    con.unregister("rows_to_load")


def orders_store(*rows: dict) -> duckdb.DuckDBPyConnection:
    con = fresh_store()
    load(con, "orders", list(rows))
    return con


def pipeline_store(*rows: dict) -> duckdb.DuckDBPyConnection:
    con = fresh_store()
    load(con, "pipeline", list(rows))
    return con
