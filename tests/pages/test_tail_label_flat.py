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
