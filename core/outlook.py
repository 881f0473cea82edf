"""The outlook of each customer and of the book (issue #14), as the report JSON gives it and the pages will.

Per customer: p_alive, expected orders and revenue over the horizon (core.analytics.forecast), loyalty band
and Kotler relationship level with its contact pattern (core.analytics.loyalty), lifecycle stage
(core.analytics.lifecycle.STAGE_SQL). For the book: duplicate candidates (core.analytics.duplicates) and cohort
retention (core.analytics.cohorts). Built from tuples, without pandas, so `python -m core report` stays light; numpy and
scipy load only when a forecast is fitted, rapidfuzz only when there are names to compare.
"""

from __future__ import annotations

from dataclasses import asdict

import duckdb

from core import store
from core.analytics import cohorts, duplicates, forecast, lifecycle, loyalty, window
from core.filters import Filters
from core.rules import AbcRules, ChurnRules, DuplicateRules, ForecastRules, LifecycleRules, LoyaltyRules

# One statement over a base of customers (customer, tier, churn_level): the report passes its own customer
# table, so ABC and churn are not computed twice. Every customer of the base gets a row.
_OUTLOOK_SQL = """
with
base as (
{base}
),
history as (
{purchase_history}
),
margins as (
{margin_bands}
),
lifecycle_inputs as (
{lifecycle}
),
survey as (
{customer_survey}
),
survey_columns as (
    -- whether the loaded file fills either column at all (the whole table, as fields_present.sql)
    select count(satisfaction) > 0 or count(referrals) > 0 as has_survey from orders
)
select
    b.customer,
    b.tier,
    coalesce(m.margin_band, 'medium') as margin_band,
    {stage} as lifecycle_stage,
    h.frequency,
    h.recency_days,
    h.age_days,
    h.order_value,
    coalesce(h.purchase_period_share, 0) as purchase_period_share,
    s.satisfaction::double as satisfaction,
    s.referrals,
    (select has_survey from survey_columns) as has_survey
from base as b
left join lifecycle_inputs as l on b.customer = l.customer
left join history as h on b.customer = h.customer
left join margins as m on b.customer = m.customer
left join survey as s on b.customer = s.customer
order by b.customer
"""

# The statement's inputs that need no tier or churn level: the report computes them beside its customers
INPUT_FILES = ("purchase_history", "margin_bands", "lifecycle")

# Without a report table: every customer with an order line up to as_of, its tier (C without an order in the
# window, as in the report) and churn level.
STANDALONE_BASE = """
    select r.customer, coalesce(t.tier, 'C') as tier, w.level as churn_level
    from ({customer_revenue}) as r
    left join ({abc_tiers}) as t on r.customer = t.customer
    left join ({churn_warnings}) as w on r.customer = w.customer
"""


def customer_outlook(
    cur: duckdb.DuckDBPyConnection,
    params: dict,
    base: str,
    forecast_rules: ForecastRules = ForecastRules(),
    loyalty_rules: LoyaltyRules = LoyaltyRules(),
    lifecycle_rules: LifecycleRules = LifecycleRules(),
    inputs: dict[str, str] | None = None,
    book: forecast.Forecast | None = None,
) -> tuple[forecast.Forecast, dict[str, dict]]:
    """The book's forecast, and per customer of `base` (SQL: customer, tier, churn_level): p_alive,
    expected_orders, expected_order_value, expected_revenue, forecast_note, p_any_purchase, loyalty_source,
    loyalty_band, loyalty_band_behavioural, satisfaction, referrals, loyalty_reason, margin_band,
    relationship_level, contact_pattern, lifecycle_stage. Without a satisfaction or referral column in the
    file, loyalty_band is the behavioural band and satisfaction, referrals and loyalty_reason are None.

    params: window.params() plus whatever `base` binds. A customer without a purchase day (only returns) has
    no forecast (note no_purchase_day) and its past-period share is 0: loyalty low.
    inputs: {name: SQL} in place of the files INPUT_FILES name (start_report_parts' tables); book: the forecast
    already fitted on the same purchase history (start_report_parts')."""
    sources = {name: store.sql_text(name) for name in (*INPUT_FILES, "customer_survey")} | (inputs or {})
    text = _OUTLOOK_SQL.format(base=base, **sources, stage=lifecycle.STAGE_SQL)
    bound = {**params, **asdict(loyalty_rules), **asdict(lifecycle_rules)}
    rows = cur.execute(text, store.bind(text, "the customers' outlook", bound)).fetchall()
    if book is None:
        history = [(r[0], r[4], r[5], r[6], r[7]) for r in rows if r[4] is not None]
        book = forecast.customer_forecast(history, forecast_rules)
    no_purchase = {
        "p_alive": None,
        "expected_orders": None,
        "expected_order_value": None,
        "expected_revenue": None,
        "p_any_purchase": None,
        "note": "no_purchase_day",
    }
    result = {}
    for customer, tier, margin_band, stage, *_, share, satisfaction, referrals, has_survey in rows:
        predicted = book.customers.get(customer, no_purchase)
        from_forecast = predicted["p_any_purchase"] is not None
        probability = predicted["p_any_purchase"] if from_forecast else share
        level = loyalty.relationship_level(tier, margin_band)
        behavioural = loyalty.loyalty_band(probability, loyalty_rules)
        band, reason = behavioural, None
        if has_survey:
            band, reason = loyalty.adjusted_band(behavioural, satisfaction, referrals, loyalty_rules)
        result[customer] = {
            "p_alive": predicted["p_alive"],
            "expected_orders": predicted["expected_orders"],
            "expected_order_value": predicted["expected_order_value"],
            "expected_revenue": predicted["expected_revenue"],
            "forecast_note": predicted["note"],
            "p_any_purchase": probability,
            "loyalty_source": "forecast" if from_forecast else "past_periods",
            "loyalty_band": band,
            "loyalty_band_behavioural": behavioural,
            "satisfaction": satisfaction,
            "referrals": referrals,
            "loyalty_reason": reason,
            "margin_band": margin_band,
            "relationship_level": level,
            "contact_pattern": loyalty.CONTACT_PATTERNS[level],
            "lifecycle_stage": stage,
        }
    return book, result


def book_outlook(
    con: duckdb.DuckDBPyConnection,
    filters: Filters,
    abc_rules: AbcRules = AbcRules(),
    churn_rules: ChurnRules = ChurnRules(),
    forecast_rules: ForecastRules = ForecastRules(),
    loyalty_rules: LoyaltyRules = LoyaltyRules(),
    lifecycle_rules: LifecycleRules = LifecycleRules(),
) -> tuple[forecast.Forecast, dict[str, dict]]:
    """customer_outlook() of every customer with an order line up to as_of, for the pages: its own ABC tiers
    and churn levels. An empty book (no orders) gives the too-few forecast and no customers."""
    text = STANDALONE_BASE.format(**{n: store.sql_text(n) for n in ("customer_revenue", "abc_tiers", "churn_warnings")})
    bound = {**window.params(con, filters), **asdict(abc_rules), **asdict(churn_rules)}
    if bound["as_of"] is None:
        return forecast.customer_forecast([], forecast_rules), {}
    return customer_outlook(con.cursor(), bound, text, forecast_rules, loyalty_rules, lifecycle_rules)


def book_forecast(
    con: duckdb.DuckDBPyConnection,
    filters: Filters,
    forecast_rules: ForecastRules = ForecastRules(),
    loyalty_rules: LoyaltyRules = LoyaltyRules(),
) -> forecast.Forecast:
    """The book's forecast alone, for a page that shows only expected orders and revenue (the home page's
    未来90天预计): fitted on purchase_history.sql's rows in customer order, the rows customer_outlook() fits
    on, so every figure is the one the profile, the ABC and churn pages and the brief show."""
    bound = {**window.params(con, filters), **asdict(loyalty_rules)}
    if bound["as_of"] is None:
        return forecast.customer_forecast([], forecast_rules)
    return forecast.customer_forecast(
        _history_rows(con.cursor(), store.sql_text("purchase_history"), bound), forecast_rules
    )


def _history_rows(cur: duckdb.DuckDBPyConnection, history_sql: str, params: dict) -> list[tuple]:
    """(customer, frequency, recency_days, age_days, order_value) of each customer with a purchase day, in
    customer order: what the forecast is fitted on."""
    text = f"select customer, frequency, recency_days, age_days, order_value from ({history_sql}) order by customer"
    return cur.execute(text, store.bind(text, "purchase_history.sql", params)).fetchall()


def forecast_summary(book: forecast.Forecast) -> dict:
    """{status, horizon_days, customers_count, repeat_customers_count, bgnbd: {r, alpha, a, b} | null,
    gamma_gamma: {p, q, gamma} | null, population_order_value | null}; alpha in days."""
    fitted = book.status == "fitted"
    return {
        "status": book.status,
        "horizon_days": book.horizon_days,
        "customers_count": book.customers_count,
        "repeat_customers_count": book.repeat_customers_count,
        "bgnbd": asdict(book.bgnbd) if fitted else None,
        "gamma_gamma": asdict(book.gamma_gamma) if fitted else None,
        "population_order_value": book.gamma_gamma.population_mean() if fitted else None,
    }


def duplicate_candidates(
    cur: duckdb.DuckDBPyConnection,
    customers_sql: str,
    rules: DuplicateRules = DuplicateRules(),
    params: dict | None = None,
) -> list[dict]:
    """duplicates.duplicate_candidates over `customers_sql` (customer, display name; its $params from
    `params`), with the phone and tax numbers of the loaded orders as evidence."""
    numbers_text = store.sql_text("customer_numbers")
    every_row = Filters().dimension_params()  # the report's whole book: no filter, no scope
    numbers = cur.execute(numbers_text, store.bind(numbers_text, "customer_numbers.sql", every_row)).fetchall()
    bound = store.bind(customers_sql, "the customers' names", params or {})
    return duplicates.duplicate_candidates(cur.execute(customers_sql, bound).fetchall(), rules, numbers)


# ---- the report JSON (core/summary.py) -------------------------------------------------------------------

REPORT_FIELDS = (
    "p_alive",
    "expected_orders_90d",
    "expected_revenue_90d",
    "forecast_note",
    "loyalty_band",
    "relationship_level",
    "lifecycle_stage",
    "loyalty_band_behavioural",
    "satisfaction",
    "referrals",
    "loyalty_reason",
)
# The report's contract names say 90 days: its horizon is fixed, whatever a page shows.
REPORT_FORECAST_RULES = ForecastRules(horizon_days=90)
EMPTY_REPORT = {"forecast": None, "duplicate_candidates": [], "cohorts": []}


def start_report_parts(con: duckdb.DuckDBPyConnection, params: dict, customers_sql: str):
    """What the report's outlook needs no tier for, started on two worker threads with cursors of their own
    while the caller's cursor runs the customers statement (DuckDB releases the GIL; that statement keeps the
    two cores only about half busy): the outlook statement's inputs (INPUT_FILES, each into a table of the
    connection: a temp table would be the worker cursor's alone) and the forecast fitted on them, then the
    duplicate names (Python and
    rapidfuzz) and the cohorts. customers_sql: (customer, display name) of the report's customers, ordered by
    customer, $params from params. Returns a ReportParts; its methods wait for the parts and raise a worker's
    error."""
    from concurrent.futures import ThreadPoolExecutor

    pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="outlook")
    try:
        inputs = pool.submit(_input_tables, con.cursor(), params)
        names = pool.submit(duplicate_candidates, con.cursor(), customers_sql, DuplicateRules(), params)
        retention = pool.submit(cohorts.cohort_retention, con.cursor(), params)
    finally:
        pool.shutdown(wait=False)
    return ReportParts(con, inputs, names, retention)


def _input_tables(cur: duckdb.DuckDBPyConnection, params: dict) -> tuple[dict[str, str], forecast.Forecast]:
    """The tables, and the forecast fitted on the purchase history: the rows customer_outlook() would fit on,
    in its order (every customer with a purchase day has an order line: it is one of the report's)."""
    bound = {**params, **asdict(LoyaltyRules()), **asdict(LifecycleRules())}
    made = {}
    for name in INPUT_FILES:
        table = f"ka_report_{name}"
        text = f"create or replace table {table} as {store.sql_text(name)}"
        cur.execute(text, store.bind(text, f"{name}.sql", bound))
        made[name] = f"select * from {table}"
    history = _history_rows(cur, "select * from ka_report_purchase_history", {})
    return made, forecast.customer_forecast(history, REPORT_FORECAST_RULES)


class ReportParts:
    """start_report_parts()'s work: inputs() the outlook's INPUT_FILES as SQL over their tables and the fitted
    forecast; book() the duplicate candidates and the cohorts; drop() waits for every part and drops the tables."""

    def __init__(self, con, inputs, names, retention) -> None:
        self._con, self._inputs, self._names, self._retention = con, inputs, names, retention

    def inputs(self) -> tuple[dict[str, str], forecast.Forecast]:
        return self._inputs.result()

    def book(self) -> tuple[list[dict], list[dict]]:
        return self._names.result(), self._retention.result()

    def drop(self) -> None:
        for part in (self._inputs, self._names, self._retention):
            part.exception()  # waits; the error, if any, is raised where the result is asked for
        cur = self._con.cursor()
        for name in INPUT_FILES:
            cur.execute(f"drop table if exists ka_report_{name}")


def add_to_report(
    cur: duckdb.DuckDBPyConnection, params: dict, result: dict, lang: str, parts: ReportParts | None = None
) -> None:
    """Give each of result["customers"] (the rows of ka_report) the REPORT_FIELDS, and the report its forecast,
    duplicate_candidates and cohorts. The forecast says in words (lang) what each note code means.
    parts: start_report_parts()'s result when the report started them; else all is computed here."""
    from core.labels import FORECAST_NOTE_LABELS, label

    base = "select customer, abc_tier as tier, churn_level from ka_report"
    inputs, fitted = (None, None) if parts is None else parts.inputs()
    book, outlook = customer_outlook(cur, params, base, REPORT_FORECAST_RULES, inputs=inputs, book=fitted)
    for customer in result["customers"]:
        found = outlook[customer["customer"]]
        customer["p_alive"] = found["p_alive"]
        customer["expected_orders_90d"] = found["expected_orders"]
        customer["expected_revenue_90d"] = found["expected_revenue"]
        customer["forecast_note"] = found["forecast_note"]
        customer["loyalty_band"] = found["loyalty_band"]
        customer["relationship_level"] = found["relationship_level"]
        customer["lifecycle_stage"] = found["lifecycle_stage"]
        for name in ("loyalty_band_behavioural", "satisfaction", "referrals", "loyalty_reason"):
            customer[name] = found[name]
    summary = forecast_summary(book)
    codes = (book.status, *forecast.NOTES)
    summary["notes"] = {code: label(FORECAST_NOTE_LABELS, code, lang) for code in dict.fromkeys(codes)}
    result["forecast"] = summary
    if parts is None:
        names = "select customer, coalesce(customer_name, customer) from ka_report order by customer"
        result["duplicate_candidates"] = duplicate_candidates(cur, names)
        result["cohorts"] = cohorts.cohort_retention(cur, params)
    else:
        result["duplicate_candidates"], result["cohorts"] = parts.book()
