"""Core analyses cached per (data version, filters, rules): a rerun or a page switch doesn't recompute."""

from __future__ import annotations

import duckdb
import streamlit as st

from core import store
from core.analytics import abc, churn, customer_funnel, fields, funnel, long_tail, rfm
from core.filters import Filters, quote_identifier
from ui import state


def _has_pipeline(con, filters: Filters) -> bool:
    try:
        return con.cursor().execute("select count(*) from pipeline").fetchall()[0][0] > 0
    except duckdb.Error:  # no pipeline table in this store yet
        return False


def _has_profit(con, filters: Filters) -> bool:
    return bool(store.run_query(con, "profit_mapped")["has_profit"].iloc[0])


def _column_has_data(con, filters: Filters, column: str) -> bool:
    # quote_identifier accepts only names from BREAKDOWNS, never a user's text
    sql = f"select count({quote_identifier(column)}) > 0 from orders"
    return bool(con.cursor().execute(sql).fetchall()[0][0])


def _present_fields(con, filters: Filters) -> frozenset[str]:
    return fields.present_fields(con)  # the whole file: a filter does not take a column away


ANALYSES = {
    "abc_tiers": abc.abc_tiers,
    "tier_migration": abc.tier_migration,
    "rfm_segments": rfm.rfm_segments,
    "churn_warnings": churn.churn_warnings,
    "lorenz_points": long_tail.lorenz_points,
    "tail_by_dimension": long_tail.tail_by_dimension,
    "fastest_growing_tail": long_tail.fastest_growing_tail,
    "pipeline_funnel": funnel.pipeline_funnel,
    "win_rate": funnel.win_rate,
    "customer_funnel": customer_funnel.customer_funnel,
    "has_pipeline": _has_pipeline,
    "has_profit": _has_profit,
    "column_has_data": _column_has_data,
    "present_fields": _present_fields,
}


@st.cache_data(show_spinner=False, max_entries=256)
def _run(_con: duckdb.DuckDBPyConnection, version: str, name: str, filters: Filters, args: tuple, kwargs: dict):
    # version is only part of the key: a new upload in this session misses every old entry
    return ANALYSES[name](_con, filters, *args, **kwargs)


def get(name: str, filters: Filters, *args, **kwargs):
    """ANALYSES[name](con, filters, *args, **kwargs) for this session's data, cached."""
    return _run(state.connection(), state.data_version(), name, filters, args, kwargs)


def has_field(name: str) -> bool:
    """Whether the loaded orders fill this optional field on any line (core.analytics.fields)."""
    return name in get("present_fields", None)
