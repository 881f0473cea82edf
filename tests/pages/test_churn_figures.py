"""Churn figures that read as a manager expects (issue #11): revenue at risk only for high and medium risk,
a rise worded as a rise and a decline capped at 100%, the same on the churn page, the home page and the
profile; a blank account manager reads "(无客户经理)". Numbers worked out by hand, as_of 2024-12-31.

甲 ok: 1,000.00 on as_of (no earlier sales: no trend, "—").
乙 high: 700.00 300 days ago, nothing since: 300 / 90 = 3.3 cycles overdue, last quarter down 100%. At risk 700.
丙 medium: 100.00 at 300, 200 and 100 days, 70.00 10 days ago: cycle 100, last quarter 70 against a prior
   average of 100, down 30%. At risk 100 + 100 + 100 + 70 = 370.
丁 lost: 900.00 400 days ago, a return of 250.00 30 days ago: the window nets -250, none at risk.
戊 ok: 10.00 at 300, 200 and 100 days, 657.34 10 days ago: a rise of 6,473% on the prior average, "增长 ≥100%".
"""

from __future__ import annotations

import os
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from app_run import APP, open_page
from streamlit.testing.v1 import AppTest

from core import ingest, store, workspace

AS_OF = date(2024, 12, 31)
ORDERS = [
    ("甲", 0, "1000.00", "张伟"),
    ("乙", 300, "700.00", ""),
    ("丙", 300, "100.00", "李强"),
    ("丙", 200, "100.00", "李强"),
    ("丙", 100, "100.00", "李强"),
    ("丙", 10, "70.00", "李强"),
    ("丁", 400, "900.00", ""),
    ("丁", 30, "-250.00", ""),
    ("戊", 300, "10.00", "张伟"),
    ("戊", 200, "10.00", "张伟"),
    ("戊", 100, "10.00", "张伟"),
    ("戊", 10, "657.34", "张伟"),
]


def _csv(with_manager: bool) -> bytes:
    lines = ["客户名称,订单日期,金额" + (",客户经理" if with_manager else "")]
    for customer, days, amount, manager in ORDERS:
        day = (AS_OF - timedelta(days=days)).isoformat()
        lines.append(f"{customer},{day},{amount}" + (f",{manager}" if with_manager else ""))
    return ("\n".join(lines) + "\n").encode()


def _saved(with_manager: bool = True) -> None:
    con = store.connect()
    reports = {"orders": ingest.load_file(con, _csv(with_manager), "orders.csv")}
    workspace.save_dataset(Path(os.environ["KA_WORKSPACE"]), con, reports, "w", uploaded_at=datetime.now(UTC))


def _open(page: str) -> AppTest:
    return open_page(page)


@pytest.fixture
def churn_page() -> AppTest:
    _saved()
    return _open("views/churn.py")


def test_level_cards_give_revenue_at_risk_to_high_and_medium_only(churn_page):
    cards = {m.label: (m.value, m.proto.delta) for m in churn_page.metric}
    assert cards == {
        "已流失": ("1 位客户", "不计风险金额"),
        "高风险": ("1 位客户", "风险金额 ¥700"),
        "中风险": ("1 位客户", "风险金额 ¥370"),
        "正常": ("2 位客户", "不计风险金额"),
    }


def test_call_list_sums_revenue_at_risk_of_the_risky_customers_only(churn_page):
    listed = churn_page.dataframe[0].value
    assert list(zip(listed["客户"], listed["风险金额（元）"])) == [("乙", 700), ("丙", 370), ("丁", 0)]
    assert any(c.value == "共 3 位客户，风险金额合计 ¥1,070.00" for c in churn_page.caption)


def test_call_list_words_the_last_quarter_down_capped_or_a_dash_without_a_baseline(churn_page):
    churn_page.radio(key="churn_columns").set_value("figures").run()  # the figures behind the level (issue #11)
    listed = churn_page.dataframe[0].value.set_index("客户")
    assert listed["近期销售额"].to_dict() == {"乙": "下降 100%", "丙": "下降 30%", "丁": "—"}


def test_a_rise_of_thousands_of_percent_reads_up_at_least_100(churn_page):
    churn_page.multiselect(key="churn_levels").set_value(["ok"]).run()
    churn_page.radio(key="churn_columns").set_value("figures").run()
    listed = churn_page.dataframe[0].value.set_index("客户")
    assert listed["近期销售额"].to_dict() == {"甲": "—", "戊": "增长 ≥100%"}


def test_a_blank_manager_reads_no_account_manager_on_the_call_list(churn_page):
    listed = churn_page.dataframe[0].value.set_index("客户")
    assert listed["客户经理"].to_dict() == {"乙": "（无客户经理）", "丙": "李强", "丁": "（无客户经理）"}


def test_home_page_counts_the_same_revenue_at_risk_and_charts_the_same_customers():
    _saved()
    at = _open("views/home.py")
    kpi = next(m for m in at.metric if m.label == "流失风险金额")
    assert (kpi.value, kpi.proto.delta) == ("¥1,070", "2 家客户")
    table = next(d.value for d in at.dataframe if "风险金额" in d.value.columns)
    assert list(zip(table["客户"], table["风险金额"], table["客户经理"])) == [
        ("乙", "¥700", "（无客户经理）"),
        ("丙", "¥370", "李强"),
    ]


def test_profile_of_a_customer_without_a_manager_says_so_in_words():
    _saved()
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["customer"] = "乙"
    at.run()
    at.switch_page("views/profile.py").run()
    assert not at.exception
    assert at.caption[0].value.startswith("客户经理：（无客户经理） · ")
    orders = next(d.value for d in at.dataframe if "金额（元）" in d.value.columns)
    assert list(orders["客户经理"]) == ["（无客户经理）"]


def test_profile_without_a_manager_column_names_no_manager_at_all():
    _saved(with_manager=False)
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["customer"] = "乙"
    at.run()
    at.switch_page("views/profile.py").run()
    assert not at.exception
    assert at.caption[0].value.startswith("首次购买 2024-03-06 · 最近购买 2024-03-06")
    orders = next(d.value for d in at.dataframe if "金额（元）" in d.value.columns)
    assert "客户经理" not in orders.columns
