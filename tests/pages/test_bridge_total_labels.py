"""Issue #11 (no overlapping text at 1366×768): the waterfall's two totals carry their name over their
window's dates. On one line, "上一窗口 2022-12-11～2023-12-10" ran into the next bar's "新客户" on a laptop."""

from __future__ import annotations

from test_bridge_figure import LARGE

from ui import bridge_view


def test_a_total_names_its_window_over_its_dates_and_the_parts_keep_one_line():
    fig = bridge_view.waterfall(LARGE, "上一窗口 2022-12-11～2023-12-10", "本窗口 2023-12-11～2024-12-09", "t")
    x = list(fig.data[0].x)
    assert x[0] == "上一窗口<br>2022-12-11～2023-12-10"
    assert x[-1] == "本窗口<br>2023-12-11～2024-12-09"
    assert x[1:-1] == ["新客户", "增长", "持平", "下降", "流失"]


def test_a_total_named_without_a_space_stays_as_it_is():
    fig = bridge_view.waterfall(LARGE, "before", "after", "t")
    assert (fig.data[0].x[0], fig.data[0].x[-1]) == ("before", "after")
