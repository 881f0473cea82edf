"""长尾客户 through AppTest: shares, Lorenz and Gini, tail by dimension, growing tail, owners."""

from __future__ import annotations

import pandas as pd
import pytest
from app_run import CJK, frame, open_page, plot_titles, plots

from ui import long_tail_view

PAGE = "views/long_tail.py"


def test_long_tail_page_shows_shares_lorenz_breakdown_growth_and_owners():
    at = open_page(PAGE)
    assert plot_titles(at) == ["长尾：客户数 vs 收入", "洛伦兹曲线：收入集中度", "长尾收入：按区域"]
    lorenz = plots(at)[1]
    assert any("基尼系数 0.82" in a["text"] for a in lorenz["layout"]["annotations"])
    assert len(frame(at, "倍数")) == 10
    assert frame(at, "长尾客户数")["长尾客户数"].sum() == 643  # every tier C customer has a row, owner or not


def test_choosing_industry_redraws_the_tail_breakdown():
    at = open_page(PAGE)
    at.selectbox(key="tail_dimension").set_value("industry").run()
    assert plot_titles(at)[2] == "长尾收入：按行业"


def test_account_manager_filter_changes_the_tail():
    at = open_page(PAGE)
    at.multiselect(key="f_account_manager").set_value(["王芳"]).run()
    assert frame(at, "长尾客户数")["长尾客户数"].sum() < 643


def test_english_relabels_the_tail_page():
    at = open_page(PAGE)
    at.selectbox(key="lang").set_value("en").run()
    assert at.title[0].value == "Long tail"
    assert not any(CJK.search(title) for title in plot_titles(at))
    assert "Tail customers" in frame(at, "Tail customers").columns


def test_a_shared_link_restores_the_period():
    at = open_page(PAGE, period="last_quarter")
    assert at.selectbox(key="f_period").value == "last_quarter"
    assert any("（90 天）" in c.value for c in at.caption)


def test_the_tail_shares_chart_is_horizontal_and_labels_a_thin_slice_beside_it():
    """Slanted names ran into each other and the tail's label sat on the other bar at 1366 px (browser
    review): the bars lie flat, a roomy slice carries its label inside, a 5% slice gets it just after."""
    fig = long_tail_view.shares_figure(pd.Series({"customer_share": 0.564, "revenue_share": 0.05}))
    tail, rest = fig.data
    assert tail.orientation == rest.orientation == "h"
    assert list(tail.x) == pytest.approx([56.4, 5.0]) and list(rest.x) == pytest.approx([43.6, 95.0])
    assert tail.text[0].endswith("56.4%") and tail.text[1] == ""
    (beside,) = fig.layout.annotations[-1:]
    assert beside.text.endswith("5.0%") and beside.xanchor == "left" and beside.x == 5.0


def test_the_growing_list_says_its_bar_in_words():
    at = open_page(PAGE)
    assert any("增长至少 20%、且至少 ¥1,000 才列出" in c.value for c in at.caption)
    at = open_page(PAGE, lang="en")
    assert any("Listed only when up by at least 20% and by at least ¥1,000" in c.value for c in at.caption)


def test_a_link_raising_the_growth_bar_above_every_tail_customer_says_none_qualify():
    at = open_page(PAGE, tail_growth="0.5", tail_growth_min="100000000")
    assert not any("倍数" in d.value.columns for d in at.dataframe)
    assert any("增长至少 50%、且至少 ¥100,000,000 的长尾客户" in i.value for i in at.info)
