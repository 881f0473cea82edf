"""Issue #11 (nothing cut off at 1366×768): the long-tail shares chart's label inside the tail's slice lies
flat on two lines (the name, then the share). On the numeric export at 1366 px the 46.7% slice was about
70 px wide and plotly turned the one-line "长尾客户 46.7%" on its side."""

from __future__ import annotations

import pandas as pd

from ui import long_tail_view


def test_the_label_inside_a_roomy_tail_slice_lies_flat_on_two_lines():
    fig = long_tail_view.shares_figure(pd.Series({"customer_share": 0.467, "revenue_share": 0.04}))
    tail = fig.data[0]
    assert tail.textangle == 0
    name, share = tail.text[0].split("<br>")
    assert name and share == "46.7%"


def test_the_lorenz_tail_note_is_centred_over_the_middle_of_the_plot_not_beside_the_y_axis():
    """At 1366 px in English the note, set 60 px left of a point at 47%, covered the y axis's 40% label."""
    points = pd.DataFrame({"customer_share": [0.0, 0.47, 1.0], "revenue_share": [0.0, 0.04, 1.0]})
    fig = long_tail_view.lorenz_figure(points, 0.57, 0.47, 0.04)
    note = next(a for a in fig.layout.annotations if a.showarrow)
    assert (note.x, note.y) == (47.0, 4.0)  # the arrow still points at the tail
    assert (note.axref, note.ax) == ("x", 50) and note.ayref == "y"  # the box in data units, over the middle
    assert note.ay == 39.0  # 35 points above the tail's 4%


def test_a_thin_slice_label_sits_above_its_bar_not_on_the_rest_s_own_label():
    """At 1366 px in English "Tail customers 4.0%" on the blue bar ran into the bar's own "96.0%"."""
    fig = long_tail_view.shares_figure(pd.Series({"customer_share": 0.467, "revenue_share": 0.04}))
    (beside,) = fig.layout.annotations
    assert beside.text.endswith("4.0%") and (beside.x, beside.xanchor) == (4.0, "left")
    assert beside.yanchor == "bottom" and beside.yshift == long_tail_view.BAR_HALF_PX > 0
    assert beside.font.color == "#1b1b1b"  # dark on the page, not white on a bar
    assert {bar.width for bar in fig.data} == {long_tail_view.BAR_WIDTH}  # the gap the label sits in
