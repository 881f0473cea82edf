"""The report's outlook parts (core.outlook.start_report_parts) run on worker threads beside the customers
statement (issue #13): the report's outlook is the same as when they run after it, and no table is left."""

from __future__ import annotations

from core import outlook, summary
from core.analytics import window
from core.filters import Filters
from core.rules import Rules
from tests.analytics._orders_b import AS_OF, order, orders_store
from tests.test_outlook import repeat_buyers

AT_AS_OF = Filters(as_of=AS_OF)


def _book():
    # 40 repeat buyers (a fitted forecast), two spellings of one company (a duplicate candidate)
    return orders_store(
        *repeat_buyers(40), order("华为技术（深圳）有限公司", 12, 500), order("华为技术(深圳)", 40, 300)
    )


def _report_outlook(con, beside: bool) -> dict:
    params = window.params(con, AT_AS_OF)
    parts = outlook.start_report_parts(con, params, summary.names_sql()) if beside else None
    cur = con.cursor()
    summary._customer_table(cur, params, Rules())
    rows = cur.execute(summary._CUSTOMER_ROWS).fetchall()
    result = {"customers": [dict(zip(summary.CUSTOMER_FIELDS, row)) for row in rows]}
    try:
        outlook.add_to_report(cur, params, result, "en", parts)
    finally:
        if parts is not None:
            parts.drop()
    return result


def test_the_outlook_with_its_parts_beside_the_customers_statement_equals_the_one_after_it():
    con = _book()
    beside, after = _report_outlook(con, beside=True), _report_outlook(con, beside=False)
    assert beside["forecast"]["status"] == "fitted"
    assert [g["customers"] for g in beside["duplicate_candidates"]] == [["华为技术(深圳)", "华为技术（深圳）有限公司"]]
    assert beside["cohorts"]
    assert beside == after


def test_the_parts_leave_no_table_behind():
    con = _book()
    _report_outlook(con, beside=True)
    tables = [
        t
        for (t,) in con.execute("select table_name from duckdb_tables() where table_name like 'ka_report%'").fetchall()
    ]
    assert tables == []
