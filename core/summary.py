"""The report's JSON: as_of, ingest counts, one object per customer; read by scheduled jobs."""

from __future__ import annotations

import duckdb

from core import store
from core.analytics import window
from core.filters import Filters
from core.ingest import IngestReport


def report_json(
    con: duckdb.DuckDBPyConnection,
    filters: Filters,
    orders: IngestReport,
    pipeline: IngestReport | None = None,
    lang: str = "en",
) -> dict:
    """{as_of, ingest, customers: [{customer, revenue, ...}]}: field names are a public contract."""
    params = window.params(con, filters)
    customers = store.run_query(con, "customer_revenue", **params) if params["as_of"] else None
    result = {
        "as_of": params["as_of"],
        "window_days": filters.window_days,
        "ingest": orders.to_json(lang),
        "customers": [] if customers is None else _customers(con, customers),
    }
    if pipeline is not None:
        result["pipeline_ingest"] = pipeline.to_json(lang)
    return result


def _customers(con, frame) -> list[dict]:
    frame = frame.assign(revenue=frame["revenue"].round(2))
    cols = ["customer", "customer_name", "revenue", "last_order_date"]
    out = frame[cols].astype(object).where(frame[cols].notna(), None)
    out["last_order_date"] = [d.date().isoformat() if d is not None else None for d in out["last_order_date"]]
    return out.to_dict("records")
