"""周会看板 (home) through AppTest: KPIs and four views on the sample, filters, language, links, the brief."""

from __future__ import annotations

import io
import os
from datetime import UTC, datetime

import openpyxl
import pytest
import streamlit as st
from app_run import CJK, metrics, open_page, plot_titles, plots
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import app_test as app_test_module

from core import ingest, store, workspace

KPI_ZH = ["窗口内净销售额", "活跃客户", "A 类客户收入占比", "流失风险金额", "赢单率"]
KPI_EN = ["Net revenue", "Active customers", "Tier A share", "Revenue at risk", "Win rate"]


def test_home_shows_five_kpis_and_the_four_views_on_the_sample():
    at = open_page()
    assert at.title[0].value == "周会看板"
    assert list(metrics(at)) == KPI_ZH
    assert plot_titles(at) == [
        "ABC 帕累托图",
        "销售漏斗（商机）",
        "流失预警 Top 10（按风险金额）",
        "洛伦兹曲线：收入集中度",
    ]
    assert metrics(at)["赢单率"] == "42.8%"  # 170 won / (170 + 227) closed in the sample pipeline


def test_region_filter_changes_every_kpi_that_counts_customers():
    at = open_page()
    before = metrics(at)
    at.multiselect(key="f_region").set_value(["华东"]).run()
    after = metrics(at)
    assert not at.exception
    for label in ("窗口内净销售额", "活跃客户", "流失风险金额"):
        assert after[label] != before[label], label


def test_english_switch_relabels_kpis_and_charts_with_no_chinese_left_in_labels():
    at = open_page()
    at.selectbox(key="lang").set_value("en").run()
    assert at.title[0].value == "Weekly review"
    assert list(metrics(at)) == KPI_EN
    for spec in plots(at):
        layout = spec["layout"]
        texts = [layout["title"]["text"], layout.get("xaxis", {}).get("title", {}).get("text", "")]
        texts += [trace.get("name") or "" for trace in spec["data"]]
        assert not any(CJK.search(text) for text in texts), texts
    assert at.query_params["lang"] in ("en", ["en"])


def test_a_shared_link_restores_region_and_as_of():
    plain = metrics(open_page())
    at = open_page(region="华南", as_of="2025-06-30")
    assert at.multiselect(key="f_region").value == ["华南"]
    assert str(at.date_input(key="f_as_of").value) == "2025-06-30"
    assert metrics(at)["窗口内净销售额"] != plain["窗口内净销售额"]
    assert any("2025-06-30" in c.value for c in at.caption)


def test_filters_that_leave_no_customer_say_what_to_do_instead_of_drawing_empty_charts():
    at = open_page(as_of="2019-01-01")
    assert not plots(at)
    assert any("没有客户订单" in i.value for i in at.info)


def test_without_a_pipeline_the_funnel_comes_from_orders_with_a_hint_and_no_win_rate():
    at = open_page()
    # the sample is shared by every session (issue #12): this session gets its own copy without the pipeline
    at.session_state["con"] = store.private_copy(at.session_state["con"], ("orders",))
    at.session_state["data_version"] = "no-pipeline-test"
    at.run()
    assert metrics(at)["赢单率"] == "—"
    assert "客户转化漏斗（来自订单）" in plot_titles(at)
    assert any("未上传商机文件" in c.value for c in at.caption)


def _without_pipeline(lang: str):
    at = open_page(lang=lang)
    at.session_state["con"] = store.private_copy(at.session_state["con"], ("orders",))
    at.session_state["data_version"] = "no-pipeline-test"
    at.run()
    return at


@pytest.mark.parametrize(
    ("lang", "label", "words"), [("zh", "赢单率", "未导入商机"), ("en", "Win rate", "No pipeline loaded")]
)
def test_without_a_pipeline_the_win_rate_card_says_so_in_words_not_only_in_its_tooltip(lang, label, words):
    card = next(m for m in _without_pipeline(lang).metric if m.label == label)
    assert (card.value, card.delta) == ("—", words)


def test_with_a_pipeline_where_nothing_is_won_or_lost_the_win_rate_card_says_none_closed():
    con = store.connect()
    orders = "客户,订单日期,金额\n甲,2024-06-01,100\n乙,2024-06-20,50\n".encode()
    pipeline = "商机编号,客户,阶段\nO1,甲,线索\nO2,乙,谈判\n".encode()  # both still open: no rate yet
    reports = {
        "orders": ingest.load_file(con, orders, "orders.csv"),
        "pipeline": ingest.load_file(con, pipeline, "pipeline.csv", table="pipeline"),
    }
    workspace.save_dataset(os.environ["KA_WORKSPACE"], con, reports, "open deals", uploaded_at=datetime.now(UTC))
    card = next(m for m in open_page().metric if m.label == "赢单率")
    assert (card.value, card.delta) == ("—", "暂无成交或输单")


@pytest.fixture
def deferred(monkeypatch):
    """run(at, key) -> the bytes a deferred download button builds when clicked."""
    managers: list[MediaFileManager] = []

    class Recording(MediaFileManager):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            managers.append(self)

    monkeypatch.setattr(app_test_module, "MediaFileManager", Recording)

    def run(at, key: str) -> bytes:
        button = next(b for b in at.get("download_button") if b.key == key)
        url = managers[-1].execute_deferred(button.proto.deferred_file_id)
        return managers[-1]._storage.get_file(url.rsplit("/", 1)[-1].split(".")[0]).content

    return run


def test_the_sales_brief_button_builds_a_workbook_in_the_chosen_language(deferred):
    at = open_page()
    at.selectbox(key="lang").set_value("en").run()
    button = next(b for b in at.get("download_button") if b.key == "brief")
    assert button.proto.label == "Download sales brief"
    book = openpyxl.load_workbook(io.BytesIO(deferred(at, "brief")))
    assert len(book.sheetnames) >= 6
    formulas = [c.coordinate for ws in book for row in ws.iter_rows() for c in row if c.data_type == "f"]
    assert formulas == []


def test_a_filter_change_on_home_fits_the_forecast_without_the_loyalty_and_lifecycle_work(monkeypatch):
    """The 未来90天预计 block needs only the forecast: the whole outlook (ABC and churn again, margins, lifecycle,
    loyalty per customer) is for the pages that show it, not for every filter change on the home page."""
    from core import outlook_tables

    def whole_outlook(*args, **kwargs):
        raise AssertionError("the home page computed the whole outlook")

    monkeypatch.setattr(outlook_tables, "customer_outlook_table", whole_outlook)
    st.cache_data.clear()  # an earlier test's cached outlook of the same filters would hide the call
    at = open_page()
    at.multiselect(key="f_region").set_value(["华南"]).run()
    assert not at.exception, [e.value for e in at.exception]
    assert any(s.value == "未来90天预计" for s in at.subheader)
