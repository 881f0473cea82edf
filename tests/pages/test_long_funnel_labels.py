"""A CRM's own long funnel stays readable (a Salesforce-like nine stages before Closed Lost): each bar's value and
conversion on one line, beside a bar too narrow for it rather than shrunk inside it, with room at the right for
it, and amounts in 万/亿 on the bars (the exact amount in the hover)."""

from __future__ import annotations

from itertools import pairwise

import pandas as pd
import plotly.graph_objects as go

from ui import funnel_view, presentation

STAGES = ["Prospecting", "Qualification", "Needs Analysis", "Value Proposition", "Id. Decision Makers"]
STAGES += ["Perception Analysis", "Proposal/Price Quote", "Negotiation/Review", "Closed Won"]


def _funnel(stages: list[str]) -> pd.DataFrame:
    reached = [400 - 45 * i for i in range(len(stages))]
    amounts = [183_381_000 - 18_000_000 * i for i in range(len(stages))]
    return pd.DataFrame(
        {
            "stage": stages,
            "reached": reached,
            "conversion": [None] + [b / a for a, b in pairwise(reached)],
            "reached_amount": amounts,
            "amount_conversion": [None] + [b / a for a, b in pairwise(amounts)],
            "kind": ["open"] * (len(stages) - 1) + ["won"],
        }
    )


def test_a_long_funnels_bars_say_value_and_conversion_on_one_line():
    texts = funnel_view.stage_texts(
        ["400", "355", "310", "265", "220", "175"], [None, 0.8875, 0.8732, 0.8548, 0.8302, 0.7955]
    )
    assert texts[:2] == ["400", "355 · 88.8%"]
    assert all("<br>" not in t for t in texts)


def test_a_short_funnels_bars_keep_the_conversion_under_the_value():
    texts = funnel_view.stage_texts(["4", "2", "2"], [None, 0.5, 1.0])
    assert texts == ["4", "2<br>50.0%", "2<br>100.0%"]


def test_a_long_funnels_text_goes_beside_a_narrow_bar_with_room_for_it():
    fig = funnel_view.funnel_figure(_funnel(STAGES), weighted=False)
    trace = fig.data[0]
    assert trace.textposition == "auto" and trace.cliponaxis is False
    # "355 · 88.8%": 11 characters at 0.6 of 15 px
    assert fig.layout.margin.r == round(11 * 0.6 * 15)


def test_a_long_amount_funnel_shows_amounts_in_wan_on_the_bars_and_exactly_in_the_hover():
    fig = funnel_view.funnel_figure(_funnel(STAGES), weighted=True)
    assert fig.data[0].text[0] == "¥1.83亿"
    assert fig.data[0].text[3] == "¥1.29亿 · 87.8%"  # 129,381,000 after 147,381,000: 0.8779
    assert fig.data[0].text[8] == "¥3,938万 · 68.6%"  # 39,381,000 after 57,381,000: 0.6863
    assert "¥183,381,000" in fig.data[0].hovertext[0]


def test_the_projector_keeps_the_room_a_long_funnel_made_for_its_texts():
    fig = funnel_view.funnel_figure(_funnel(STAGES), weighted=False)
    room = fig.layout.margin.r
    assert presentation.for_projector(fig, present=True).layout.margin.r == room > 10
    assert presentation.for_projector(go.Figure(), present=True).layout.margin.r == 10
