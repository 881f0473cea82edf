"""ABC 分层 through AppTest: thresholds, tier summary, migration, coverage, language, links, escaping."""

from __future__ import annotations

import pandas as pd
from app_run import CJK, frame, metrics, open_page, plot_titles, plots

from core.analytics import abc
from core.rules import AbcRules
from ui import abc_view

PAGE = "views/abc.py"


def _tier_counts(at) -> list[int]:
    return frame(at, "客户数")["客户数"].tolist()


def test_abc_page_shows_pareto_migration_coverage_and_every_customer():
    at = open_page(PAGE)
    assert plot_titles(at) == ["ABC 帕累托图", "分层迁移：上一窗口 → 本窗口", "客户经理的 A 类客户数"]
    assert _tier_counts(at) == [165, 333, 643]
    assert len(frame(at, "排名")) == 165 + 333 + 643
    assert frame(at, "建议服务方式")["建议服务方式"].tolist() == ["资深客户经理专人服务", "定期拜访", "自动化/基础服务"]
    assert any("帕累托二八" in c.value for c in at.caption)


def test_lowering_the_a_cut_moves_customers_to_b_and_the_home_kpi_follows():
    at = open_page(PAGE)
    at.slider(key="abc_a").set_value(0.5).run()
    assert not at.exception
    counts = _tier_counts(at)
    assert counts[0] < 165 and sum(counts) == 165 + 333 + 643
    assert at.query_params["abc_a"] in ("0.50", ["0.50"])
    at.switch_page("views/home.py").run()
    assert metrics(at)["A 类客户收入占比"] != "80.0%"


def test_metric_selector_offers_gross_profit_because_the_sample_has_profit():
    at = open_page(PAGE)
    assert at.selectbox(key="abc_metric").options == ["净销售额", "毛利", "订单数"]
    at.selectbox(key="abc_metric").set_value("order_count").run()
    assert not at.exception
    assert _tier_counts(at) != [165, 333, 643]


def test_region_filter_changes_the_tiers():
    at = open_page(PAGE)
    at.multiselect(key="f_region").set_value(["西南"]).run()
    assert sum(_tier_counts(at)) < 165 + 333 + 643


def test_english_relabels_the_page_and_its_charts():
    at = open_page(PAGE)
    at.selectbox(key="lang").set_value("en").run()
    assert at.title[0].value == "ABC tiers"
    assert plot_titles(at)[0] == "ABC Pareto chart"
    assert not any(CJK.search(c) for c in frame(at, "Customers").columns)
    assert frame(at, "Customers")["Tier"].tolist() == ["Tier A", "Tier B", "Tier C"]


def test_a_shared_link_restores_the_thresholds():
    at = open_page(PAGE, abc_a="0.70", abc_b="0.90")
    assert at.slider(key="abc_a").value == 0.70
    assert at.slider(key="abc_b").value == 0.90
    assert any("< 70%" in c.value and "< 90%" in c.value for c in at.caption)


def test_a_filter_leaving_no_customer_says_so():
    at = open_page(PAGE, as_of="2019-01-01")
    assert not plots(at)
    assert at.info


def test_customer_names_are_escaped_in_the_pareto_hover():
    tiers = pd.DataFrame(
        {
            "rank": [1, 2],
            "customer": ["<b>x</b>", "y"],
            "customer_name": [None, "<img src=x onerror=alert(1)>"],
            "account_manager": ["王芳", None],
            "tier": ["A", "C"],
            "metric": [100.0, 1.0],
            "cum_before": [0.0, 0.99],
            "cum_share": [0.99, 1.0],
            "net_revenue": [100.0, 1.0],
            "net_revenue_cents": [10000, 100],
            "gross_profit": [0.0, 0.0],
            "order_count": [1, 1],
        }
    )

    fig = abc_view.pareto_figure(tiers, AbcRules())

    names = [row[0] for trace in fig.data for row in trace.customdata]
    assert "&lt;b&gt;x&lt;/b&gt;" in names and "&lt;img src=x onerror=alert(1)&gt;" in names
    assert not any("<b>x" in n or "<img" in n for n in names)


def test_each_migration_count_is_written_in_a_colour_that_reads_on_its_cell():
    """Dark cells (≥ 45% of the largest count) get white digits, light ones dark digits: plotly's automatic
    colour had put dark digits on the darkest cell (the browser review, 1366 px)."""
    counts = {("A", "A"): 141, ("B", "C"): 77, ("C", "C"): 450, ("new", "C"): 114}
    matrix = pd.DataFrame(
        [(f, to, counts.get((f, to), 0)) for f in abc.FROM_TIERS for to in abc.TO_TIERS],
        columns=["from_tier", "to_tier", "customers_count"],
    )
    fig = abc_view.migration_figure(matrix)
    colours = {a.text: a.font.color for a in fig.layout.annotations}
    assert len(fig.layout.annotations) == len(abc.FROM_TIERS) * len(abc.TO_TIERS)
    assert colours["450"] == "white" and colours["77"] == "#1f2937" and colours["141"] == "#1f2937"
