"""销售漏斗 page through AppTest: pipeline funnel, stage order, breakdowns, both languages, the orders-only funnel."""

from __future__ import annotations

from app_run import APP, metrics, open_page, plot_titles, set_state
from streamlit.testing.v1 import AppTest

PAGE = "views/funnel.py"
ORDERS_ONLY = "客户,订单日期,金额,订单号\n甲,2025-09-05,100,1\n甲,2025-10-05,100,2\n乙,2025-11-05,50,3\n".encode()


def _conversion(at: AppTest):
    return next(
        d.value for d in at.dataframe if "到达商机数" in d.value.columns or "Opportunities reached" in d.value.columns
    )


def test_sample_pipeline_shows_count_and_amount_funnels_win_rate_and_three_breakdowns():
    at = open_page(PAGE)
    assert metrics(at)["赢率（按数量）"] == "42.8%"  # 170 won / (170 + 227)
    assert list(_conversion(at)["阶段"]) == ["线索", "需求确认", "方案报价", "商务谈判", "赢单"]
    titles = plot_titles(at)
    assert titles[:2] == ["按商机数", "按商机金额"]
    assert titles[2:] == ["按负责人：线索 → 赢单", "按部门：线索 → 赢单", "按区域：线索 → 赢单"]
    assert any(c.value.startswith("规则：阶段顺序 线索 → 需求确认") for c in at.caption)


def test_sidebar_region_filter_changes_the_numbers():
    at = open_page(PAGE)
    everything = list(_conversion(at)["到达商机数"])
    set_state(at, "f_region", ["华南"])
    assert not at.exception
    assert list(_conversion(at)["到达商机数"]) != everything
    assert next(g for g in at.dataframe if "区域" in g.value.columns).value["区域"].tolist() == ["华南"]


def test_a_stage_order_kept_in_the_session_is_the_funnel_order():
    at = open_page(PAGE)
    set_state(at, "funnel_stage_order", ["需求确认", "线索", "方案报价", "商务谈判"])
    assert list(_conversion(at)["阶段"]) == ["需求确认", "线索", "方案报价", "商务谈判", "赢单"]
    assert any("阶段顺序 需求确认 → 线索" in c.value for c in at.caption)


def test_editing_the_order_column_moves_a_stage_and_keeps_it_for_the_session():
    at = open_page(PAGE)
    editor = at.data_editor[0]
    assert list(editor.value["stage"]) == ["线索", "需求确认", "方案报价", "商务谈判"]
    at.session_state[editor.key] = {"edited_rows": {0: {"order": 9}}, "added_rows": [], "deleted_rows": []}
    at.run()
    assert not at.exception
    assert at.session_state["funnel_stage_order"] == ["需求确认", "方案报价", "商务谈判", "线索"]
    assert list(_conversion(at)["阶段"])[:4] == ["需求确认", "方案报价", "商务谈判", "线索"]


def test_english_switch_changes_the_labels():
    at = open_page(PAGE)
    set_state(at, "lang", "en")
    assert at.title[0].value == "Sales funnel · stage conversion"
    assert "Win rate (count)" in metrics(at)
    assert plot_titles(at)[2] == "By owner: 线索 → 赢单"  # stage names stay as the data wrote them


def test_filters_that_leave_no_opportunity_say_so_and_fall_back_to_the_orders():
    at = open_page(PAGE)
    set_state(at, "f_region", ["华东"])
    set_state(at, "f_team", ["销售二部"])  # 销售二部 sells in 华南 only
    assert not at.exception
    assert "当前筛选条件下没有商机" in at.info[0].value
    assert not at.get("plotly_chart")  # nothing to draw: said in words instead


def test_without_a_pipeline_the_page_shows_the_customer_funnel_from_orders_and_where_to_upload():
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.file_uploader[0].upload("orders.csv", ORDERS_ONLY, "text/csv").run()
    at.button(key="load_button").click().run()
    at.switch_page(PAGE).run()
    assert not at.exception
    assert "尚未上传商机" in at.info[0].value
    link = at.main.get("page_link")[-1]  # the page's own link, not the sidebar's (the audit page is listed last there)
    assert link.proto.page.endswith("upload.py") or "数据导入" in link.proto.label
    assert plot_titles(at) == ["客户转化漏斗（来自订单）"]
    customers = next(d.value for d in at.dataframe if "客户数" in d.value.columns)
    # 甲 ordered twice and is tier A (200 of 250): it counts at every stage; 乙 once (cum_before 0.8: B)
    assert list(customers["客户数"]) == [2, 1, 1, 1]
