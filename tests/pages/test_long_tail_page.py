"""长尾客户 through AppTest: shares, Lorenz and Gini, tail by dimension, growing tail, owners."""

from __future__ import annotations

from app_run import CJK, frame, open_page, plot_titles, plots

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
