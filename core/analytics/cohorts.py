"""Cohort retention (PRODUCT.md § Cohorts and the bridge): customers and revenue by first-purchase month."""

from __future__ import annotations

import duckdb

from core import store


def cohort_retention(cur: duckdb.DuckDBPyConnection, params: dict) -> list[dict]:
    """[{cohort: 'YYYY-MM', month, customers, revenue}] by cohort then month, every month from the cohort's to
    as_of's (zeros included, for the heatmap); revenue a Decimal to the cent. params: window.params().
    Tuples, not a DataFrame: the report (core/outlook.py) loads no pandas."""
    text = store.sql_text("cohorts")
    rows = cur.execute(text, store.bind(text, "cohorts.sql", params)).fetchall()
    return [{"cohort": c, "month": n, "customers": k, "revenue": r} for c, n, k, r in rows]
