"""流失预警 page through AppTest: the call list, its filters and thresholds, both languages, safe exports."""

from __future__ import annotations

import csv
import io

import openpyxl
from app_run import APP, open_page, set_state
from streamlit.testing.v1 import AppTest

PAGE = "views/churn.py"

# Three purchases a month apart, the last 117 days before as_of (2024-06-30): cycle 30 days, 3.9× overdue = high.
HOSTILE = (
    "客户,订单日期,金额,客户经理\n"
    "=1+1,2024-01-05,100,@SUM(A1)\n"
    "=1+1,2024-02-05,100,@SUM(A1)\n"
    "=1+1,2024-03-05,100,@SUM(A1)\n"
    "-2+3,2024-03-05,50,王芳\n"
    "甲,2024-06-30,10,王芳\n"
).encode()


def _call_list(at: AppTest):
    return at.dataframe[0].value


def _count_line(at: AppTest) -> str:
    return next(c.value for c in at.caption if "风险金额合计" in c.value)


def test_sample_data_shows_the_call_list_by_revenue_at_risk_with_levels_and_reasons():
    at = open_page(PAGE)
    listed = _call_list(at)
    assert at.title[0].value == "流失预警 · 客户回访清单"
    assert set(listed["预警等级"]) == {"高风险", "中风险", "已流失"}  # 'ok' is not a call to make
    assert listed["风险金额（元）"].is_monotonic_decreasing
    assert listed.loc[listed["预警等级"] != "已流失", "预警原因"].str.len().gt(0).all()
    assert {m.label for m in at.metric} == {"已流失", "高风险", "中风险", "正常"}
    assert any("购买周期 = 相邻购买日间隔的中位数" in c.value for c in at.caption)


def test_level_and_owner_filters_narrow_the_list_but_not_the_levels_summary_of_the_owner():
    at = open_page(PAGE)
    everyone = len(_call_list(at))
    at.multiselect(key="churn_levels").set_value(["high"]).run()
    high = _call_list(at)
    assert set(high["预警等级"]) == {"高风险"} and len(high) < everyone
    owner = high["客户经理"].iloc[0]
    at.multiselect(key="churn_owners").set_value([owner]).run()
    mine = _call_list(at)
    assert set(mine["客户经理"]) == {owner} and len(mine) < len(high)
    high_card = next(m for m in at.metric if m.label == "高风险")
    assert high_card.value == f"{len(mine)} 位客户"


def test_sidebar_region_filter_changes_the_numbers():
    at = open_page(PAGE)
    before = _count_line(at)
    set_state(at, "f_region", ["华东"])
    assert not at.exception
    assert _count_line(at) != before


def test_a_stricter_high_risk_threshold_moves_customers_out_of_high_and_says_so():
    at = open_page(PAGE)
    high_before = next(m.value for m in at.metric if m.label == "高风险")
    at.number_input(key="churn_high_decline").set_value(90).run()
    at.number_input(key="churn_high_overdue").set_value(10.0).run()
    assert not at.exception
    assert next(m.value for m in at.metric if m.label == "高风险") != high_before
    assert any("下滑 ≥ 90% 为高风险" in c.value and "逾期 ≥ 10 倍" in c.value for c in at.caption)


def test_english_switch_changes_headers_levels_and_reasons():
    at = open_page(PAGE)
    set_state(at, "lang", "en")
    listed = _call_list(at)
    assert at.title[0].value == "Churn warnings · call list"
    assert {"Level", "Reason", "Revenue at risk (¥)", "Account manager"} <= set(listed.columns)
    assert set(listed["Level"]) == {"High risk", "Medium risk", "Lost"}
    assert listed["Reason"].str.contains("last 90 days|past its usual|no purchase", regex=True).any()
    assert not any("预警" in c.value for c in at.caption)


def test_as_of_before_any_order_says_what_to_do_instead_of_an_empty_list():
    at = open_page(PAGE, as_of="2020-01-01")
    assert "当前筛选条件下没有客户" in at.info[0].value
    assert not at.get("plotly_chart") and not at.dataframe


def test_exports_of_a_hostile_file_hold_the_values_as_text_never_as_formulas(downloads):
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.file_uploader[0].upload("hostile.csv", HOSTILE, "text/csv").run()
    at.button(key="load_button").click().run()
    at.switch_page(PAGE).run()
    at.multiselect(key="churn_levels").set_value(["lost", "high", "medium", "ok"]).run()
    assert not at.exception
    assert "=1+1" in set(_call_list(at)["客户"])  # shown as typed on screen

    rows = list(csv.reader(io.StringIO(downloads(at, "churn_csv").decode("utf-8-sig"))))
    assert rows[0][:3] == ["客户", "预警等级", "预警原因"]
    customers = [r[0] for r in rows[1:]]
    assert "'=1+1" in customers and "'-2+3" in customers  # CSV has no types: the apostrophe guards it
    assert "'@SUM(A1)" in [r[rows[0].index("客户经理")] for r in rows[1:]]

    book = openpyxl.load_workbook(io.BytesIO(downloads(at, "churn_xlsx")))
    sheet = book.active
    cells = [c for row in sheet.iter_rows() for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    names = {c.value: c for c in sheet["A"][1:]}
    assert {"=1+1", "-2+3"} <= set(names)  # the xlsx holds exactly what was uploaded, as text
    assert names["=1+1"].data_type == "s" and names["=1+1"].quotePrefix
    assert sheet.freeze_panes == "A2"
