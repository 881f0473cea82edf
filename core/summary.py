"""The report's JSON: as_of, ingest counts, one object per customer, the funnel; read by scheduled jobs.

Field names and meanings are a public contract (issues #3, #4): add fields, never rename.
"""

from __future__ import annotations

import math
from dataclasses import asdict

import duckdb
import pandas as pd

from core import store
from core.analytics import abc, churn, customer_funnel, funnel, rfm, window
from core.filters import Filters
from core.ingest import IngestReport
from core.rules import AbcRules, ChurnRules, RfmRules


def report_json(
    con: duckdb.DuckDBPyConnection,
    filters: Filters,
    orders: IngestReport,
    pipeline: IngestReport | None = None,
    lang: str = "en",
) -> dict:
    """{as_of, ingest, customers: [{customer, revenue, abc_tier, rfm_segment, churn_level}], funnel, win_rate}."""
    params = window.params(con, filters)
    as_of = params["as_of"]
    result: dict = {"as_of": as_of, "window_days": filters.window_days, "ingest": orders.to_json(lang)}
    if pipeline is not None:
        result["pipeline_ingest"] = pipeline.to_json(lang)
    if as_of is None:
        return {**result, "customers": [], "funnel": [], "funnel_source": None, "win_rate": None}
    filters = filters.with_as_of(as_of)
    frame = _customer_frame(con, params)  # once: the customers and the funnel's tier-A stage
    result["customers"] = _customer_records(frame)
    has_pipeline = pipeline is not None and pipeline.rows_loaded > 0
    tiers = None if has_pipeline else frame.loc[frame["abc_tier"].eq("A"), ["customer", "abc_tier"]].rename(
        columns={"abc_tier": "tier"})
    result.update(funnel_json(con, filters, has_pipeline=has_pipeline, tiers=tiers))
    return result


# customers() in one statement: each analysis file is a subquery, so DuckDB reads only the columns the
# report uses (no churn reasons, no RFM scores) and no frame is merged in pandas. Same rows, same values.
_CUSTOMERS_SQL = """
with
ka_revenue as (
{customer_revenue}
),
ka_tiers as (
{abc_tiers}
),
ka_segments as (
{rfm_segments}
),
ka_warnings as (
{churn_warnings}
)
select r.customer, r.customer_name, r.revenue, t.tier as abc_tier, s.segment as rfm_segment,
    w.level as churn_level, r.last_order_date
from ka_revenue as r
left join ka_tiers as t on t.customer = r.customer
left join ka_segments as s on s.customer = r.customer
left join ka_warnings as w on w.customer = r.customer
order by r.revenue desc, r.customer asc
"""


def _customer_frame(con: duckdb.DuckDBPyConnection, params: dict) -> pd.DataFrame:
    """customers()'s frame before formatting, with the default rules (abc_tier null when not tiered)."""
    text = _CUSTOMERS_SQL.format(**{n: store.sql_text(n) for n in ("customer_revenue", "abc_tiers", "rfm_segments", "churn_warnings")})
    rules = {**asdict(AbcRules()), **asdict(RfmRules()), **asdict(ChurnRules())}
    return store.run_text(con, text, "the report's customers", **params, **rules)


def _customer_records(frame: pd.DataFrame) -> list[dict]:
    # a customer with no order in the window has metric 0: tier C (PRODUCT.md: metric <= 0 is C)
    frame["abc_tier"] = frame["abc_tier"].fillna("C")
    frame["revenue"] = frame["revenue"].round(2)
    frame["last_order_date"] = frame["last_order_date"].dt.strftime("%Y-%m-%d")
    cols = ["customer", "customer_name", "revenue", "abc_tier", "rfm_segment", "churn_level", "last_order_date"]
    return _records(frame[cols])


def customers(
    con: duckdb.DuckDBPyConnection, filters: Filters, params: dict, tiers: pd.DataFrame | None = None
) -> list[dict]:
    """One object per customer with orders up to as_of; revenue is net revenue in the window.
    tiers: abc.abc_tiers(con, filters) when the caller has it already."""
    frame = store.run_query(con, "customer_revenue", **params)
    tiers = abc.abc_tiers(con, filters) if tiers is None else tiers
    tiers = tiers[["customer", "tier"]].rename(columns={"tier": "abc_tier"})
    segments = rfm.rfm_segments(con, filters)[["customer", "segment"]].rename(columns={"segment": "rfm_segment"})
    warnings = churn.churn_warnings(con, filters)[["customer", "level"]].rename(columns={"level": "churn_level"})
    frame = frame.merge(tiers, on="customer", how="left").merge(segments, on="customer", how="left")
    frame = frame.merge(warnings, on="customer", how="left")
    # a customer with no order in the window has metric 0: tier C (PRODUCT.md: metric <= 0 is C)
    frame["abc_tier"] = frame["abc_tier"].fillna("C")
    frame["revenue"] = frame["revenue"].round(2)
    frame["last_order_date"] = frame["last_order_date"].dt.strftime("%Y-%m-%d")
    cols = ["customer", "customer_name", "revenue", "abc_tier", "rfm_segment", "churn_level", "last_order_date"]
    return _records(frame[cols])


def funnel_json(
    con: duckdb.DuckDBPyConnection, filters: Filters, *, has_pipeline: bool, tiers: pd.DataFrame | None = None
) -> dict:
    """funnel: [{stage, reached, conversion}] first stage first, won last; win_rate 0-1 or null.
    tiers: abc.abc_tiers(con, filters) when the caller has it already."""
    if has_pipeline:
        stages = funnel.pipeline_funnel(con, filters)
        stages = stages[stages["kind"] != "lost"]
        rate = funnel.win_rate(con, filters)["win_rate"]
        win = None if rate.empty or pd.isna(rate.iloc[0]) else float(rate.iloc[0])
        source = "pipeline"
    else:
        stages = customer_funnel.customer_funnel(con, filters, tiers=tiers)
        win, source = None, "orders"
    rows = _records(stages[["stage", "reached", "conversion"]])
    return {"funnel": rows, "funnel_source": source, "win_rate": win}


def _records(frame: pd.DataFrame) -> list[dict]:
    """Records with JSON nulls for NaN/NA, plain ints and floats."""
    out = []
    for record in frame.astype(object).to_dict("records"):
        out.append({k: None if v is None or (isinstance(v, float) and math.isnan(v)) or v is pd.NA else v
                    for k, v in record.items()})
    return out
