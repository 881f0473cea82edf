"""RFM 分群 through AppTest: segment map, counts and revenue with advice, table, language, links."""

from __future__ import annotations

from app_run import CJK, frame, open_page, plot_titles

PAGE = "views/rfm.py"


def test_rfm_page_shows_the_map_revenue_and_eight_segments_with_advice():
    at = open_page(PAGE)
    assert plot_titles(at) == ["客户分群图：最近一次下单 × 下单次数（气泡大小 = 金额）", "各分群净销售额"]
    summary = frame(at, "建议")
    assert len(summary) == 8 and summary["客户数"].sum() == 1141
    assert summary["建议"].str.len().gt(0).all()
    assert len(frame(at, "F：下单次数")) == 1141
    assert any("平均值" in c.value for c in at.caption)


def test_picking_segments_narrows_the_customer_table():
    at = open_page(PAGE)
    at.multiselect(key="rfm_pick").set_value(["important_value"]).run()
    table = frame(at, "F：下单次数")
    assert set(table["RFM 分群"]) == {"重要价值客户"}
    assert len(table) == frame(at, "建议")["客户数"].iloc[0]


def test_region_filter_changes_the_counts():
    at = open_page(PAGE)
    at.multiselect(key="f_region").set_value(["华北"]).run()
    assert frame(at, "建议")["客户数"].sum() < 1141


def test_english_relabels_segments_and_advice():
    at = open_page(PAGE)
    at.selectbox(key="lang").set_value("en").run()
    assert at.title[0].value == "RFM segments"
    summary = frame(at, "What to do")
    assert summary["RFM segment"].iloc[0] == "Important value"
    assert not summary["What to do"].str.contains(CJK).any()
    assert not any(CJK.search(title) for title in plot_titles(at))


def test_a_shared_link_restores_the_filters_on_this_page():
    at = open_page(PAGE, industry="制造业")
    assert at.multiselect(key="f_industry").value == ["制造业"]
    assert frame(at, "建议")["客户数"].sum() < 1141
