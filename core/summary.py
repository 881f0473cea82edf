"""The report's JSON: as_of, ingest counts, one object per customer, the funnel; read by scheduled jobs.

Field names and meanings are a public contract (issues #3, #4): add fields, never rename. Built from
tuples, without pandas, so `python -m core report` loads only DuckDB (pandas alone costs ~0.3 s).
"""

from __future__ import annotations

from dataclasses import asdict

import duckdb

from core import outlook, store
from core import rules as rule_settings
from core.analytics import customer_funnel, window
from core.filters import Filters
from core.ingest import IngestReport
from core.rules import Rules

CUSTOMER_FIELDS = (
    ("customer", "customer_name", "revenue", "abc_tier", "rfm_segment", "churn_level", "last_order_date")
    + outlook.REPORT_FIELDS  # issue #14, added by outlook.add_to_report
)


def report_json(
    con: duckdb.DuckDBPyConnection,
    filters: Filters,
    orders: IngestReport,
    pipeline: IngestReport | None = None,
    lang: str = "en",
    rules: Rules = Rules(),
) -> dict:
    """{as_of, window_days, rules, ingest, active_customers, customers: [{customer, revenue, abc_tier,
    rfm_segment, churn_level}], funnel, win_rate, funnel_amounts, pipeline_after_as_of}; rules: {setting: value} of every rule that may be changed
    (core.rules.SETTINGS); active_customers is core.analytics.active's count, the home page's and the brief's."""
    params = window.params(con, filters)
    as_of = params["as_of"]
    result: dict = {
        "as_of": as_of,
        "window_days": filters.window_days,
        "rules": rule_settings.values(rules),
        "ingest": orders.to_json(lang),
    }
    if pipeline is not None:
        result["pipeline_ingest"] = pipeline.to_json(lang)
    if as_of is None:
        return {
            **result,
            "active_customers": 0,
            "customers": [],
            "funnel": [],
            "funnel_source": None,
            "win_rate": None,
            "funnel_amounts": None,
            "pipeline_after_as_of": None,
            **outlook.EMPTY_REPORT,
        }
    filters = filters.with_as_of(as_of)
    cur = con.cursor()
    # the outlook's inputs, the duplicate names and the cohorts need no tier: they run beside the customers
    parts = outlook.start_report_parts(con, params, names_sql())
    try:
        _customer_table(cur, params, rules)  # once: the customers and the funnel's tier-A stage
        # core.analytics.active's count without its scan of the orders: its customers (a positive line in the
        # window) are RFM's population, the customers of ka_report with a segment (tests/test_cli_scale.py)
        result["active_customers"] = cur.execute("select count(rfm_segment) from ka_report").fetchall()[0][0]
        result["customers"] = [dict(zip(CUSTOMER_FIELDS, row)) for row in cur.execute(_CUSTOMER_ROWS).fetchall()]
        outlook.add_to_report(cur, params, result, lang, parts)
    finally:
        parts.drop()
    if pipeline is not None and pipeline.rows_loaded > 0:
        result.update(_pipeline_funnel(con, filters, lang))
    else:
        # the funnel's orders per customer are the ABC order counts the report has made (same rule)
        counts = "select customer, coalesce(order_count, 0) as order_count, abc_tier = 'A' as is_tier_a from ka_report"
        text = customer_funnel.funnel_sql(counts)
        rows = cur.execute(
            text, store.bind(text, "customer_funnel.sql", {**params, "repeat_orders": rules.funnel.repeat_orders})
        ).fetchall()
        result.update(
            {
                "funnel": [{"stage": s, "reached": n, "conversion": c} for _, s, n, c in rows],
                "funnel_source": "orders",
                "win_rate": None,
                "funnel_amounts": None,
                "pipeline_after_as_of": None,
            }
        )
    cur.execute("drop table ka_report")
    return result


def names_sql() -> str:
    """(customer, display name) of the report's customers, ordered by customer: ka_report's own columns,
    from customer_revenue.sql, without the temp table (another cursor reads it)."""
    revenue = store.sql_text("customer_revenue")
    return f"select customer, coalesce(customer_name, customer) from ({revenue}) order by customer"


# The customers in one statement: each analysis file is a subquery, so DuckDB reads only the columns the
# report uses (no churn reasons, no RFM scores). A customer with no order in the window has metric 0:
# tier C (PRODUCT.md: metric <= 0 is C).
_CUSTOMERS_SQL = """
create or replace temp table ka_report as
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
select r.customer, r.customer_name, r.revenue, coalesce(t.tier, 'C') as abc_tier, s.segment as rfm_segment,
    w.level as churn_level, r.last_order_date, t.order_count
from ka_revenue as r
left join ka_tiers as t on t.customer = r.customer
left join ka_segments as s on s.customer = r.customer
left join ka_warnings as w on w.customer = r.customer
"""

# revenue: DECIMAL(18,2) as the nearest double, which prints with its two decimals at most
_CUSTOMER_ROWS = """
select customer, customer_name, revenue::double, abc_tier, rfm_segment, churn_level,
    strftime(last_order_date, '%Y-%m-%d')
from ka_report
order by revenue desc, customer asc
"""


def _customer_table(cur: duckdb.DuckDBPyConnection, params: dict, rules: Rules) -> None:
    """ka_report: one row per customer with orders up to as_of, by these rules."""
    text = _CUSTOMERS_SQL.format(
        **{n: store.sql_text(n) for n in ("customer_revenue", "abc_tiers", "rfm_segments", "churn_warnings")}
    )
    bound = {**asdict(rules.abc), **asdict(rules.rfm), **asdict(rules.churn)}
    cur.execute(text, store.bind(text, "the report's customers", {**params, **bound}))


# funnel_amounts.note (issue #11): why value-weighted funnel figures are left out, by amount_basis code
_AMOUNT_NOTES = {
    "won_only": (
        "金额只记录在赢单上，输单和进行中的商机没有金额：按金额的赢率会是 100%，按金额的漏斗没有意义，只看按数量的数字。",
        "Only won deals carry an amount; lost and open opportunities have none, so a win rate by amount would "
        "read 100% and an amount funnel says nothing: use the count figures.",
    ),
    "none": ("商机没有金额，只有按数量的数字。", "The opportunities carry no amount; only count figures apply."),
}


def _pipeline_funnel(con: duckdb.DuckDBPyConnection, filters: Filters, lang: str = "en") -> dict:
    """funnel: [{stage, reached, conversion}] first stage first, won last; win_rate 0-1 or null;
    funnel_amounts: {basis: all | won_only | none, won_valued_count, lost_valued_count, open_valued_count,
    note}, note null when the amounts are meaningful; pipeline_after_as_of: {opportunities_count,
    latest_date} of opportunities created, won or lost after as_of."""
    import math

    from core.analytics import funnel

    stages = funnel.pipeline_funnel(con, filters)
    stages = stages[stages["kind"] != "lost"]
    rates = funnel.win_rate(con, filters)
    rate = rates["win_rate"]
    win = None if rate.empty or math.isnan(rate.iloc[0]) else float(rate.iloc[0])
    rows = [
        {"stage": s, "reached": int(n), "conversion": None if c is None or math.isnan(c) else float(c)}
        for s, n, c in zip(stages["stage"], stages["reached"], stages["conversion"].astype(object))
    ]
    basis = funnel.amount_basis(rates)
    note = _AMOUNT_NOTES.get(basis)
    counts = ("won_valued_count", "lost_valued_count", "open_valued_count")
    amounts = {"basis": basis, **{c: int(rates[c].iloc[0]) for c in counts}}
    amounts["note"] = None if note is None else note[0 if lang == "zh" else 1]
    after = funnel.pipeline_after_as_of(con, filters)
    latest = after["latest_date"]
    return {
        "funnel": rows,
        "funnel_source": "pipeline",
        "win_rate": win,
        "funnel_amounts": amounts,
        "pipeline_after_as_of": {
            "opportunities_count": after["opportunities_count"],
            "latest_date": None if latest is None else latest.isoformat(),
        },
    }


def report_text(result: dict, default=None) -> str:
    """json.dumps(result, ensure_ascii=False, indent=2, default=default), character for character, ~4x
    faster: Python's indenting encoder is pure Python, and a report lists every customer. The customers
    are encoded by the C encoder in one call with a line break after each comma between items, and laid out
    by three replaces: inside an encoded string every line break is written \\n, so a raw one only ever
    follows a separator, and with scalar fields '},' + line break + '{' only ever separates two records."""
    import json

    customers = result.get("customers")
    if not customers or any(tuple(c) != CUSTOMER_FIELDS for c in customers):
        return json.dumps(result, ensure_ascii=False, indent=2, default=default)
    text = json.dumps({**result, "customers": ["\0"]}, ensure_ascii=False, indent=2, default=default)
    # every field a scalar: the only raw line breaks are the separators, "},\n{" only between records
    flat = json.dumps(customers, ensure_ascii=False, default=default, separators=(",\n", ": "))[2:-2]
    flat = flat.replace("},\n{", "\0").replace(",\n", ",\n      ").replace("\0", "\n    },\n    {\n      ")
    return text.replace('\n    "\\u0000"\n', "\n    {\n      " + flat + "\n    }\n", 1)
