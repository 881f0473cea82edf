"""The Pareto chart is built without plotly's per-property validation (issue #13: two thirds of its cost on a
filter change) and sends the browser exactly what the validated figure did."""

from __future__ import annotations

import base64
import json

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.io
import plotly.tools

from core.rules import AbcRules
from ui import abc_view

# four customers, 50 + 30 + 15 + 5 = 100 yuan: A holds 80% with half the customers, B 15%, C 5%
TIERS = pd.DataFrame(
    {
        "rank": [1, 2, 3, 4],
        "customer": ["甲", "乙", "丙", "丁"],
        "customer_name": [None, None, None, None],
        "tier": ["A", "A", "B", "C"],
        "metric": [50.0, 30.0, 15.0, 5.0],
        "cum_share": [0.5, 0.8, 0.95, 1.0],
        "net_revenue": [50.0, 30.0, 15.0, 5.0],
        "net_revenue_cents": [5000, 3000, 1500, 500],
    }
)


def _sent(fig: go.Figure) -> dict:
    """The spec st.plotly_chart sends the browser for this figure."""
    figure = plotly.tools.return_figure_from_figure_or_data(fig, validate_figure=True)
    return json.loads(plotly.io.to_json(figure, validate=False))


def _numbers(values) -> list[float]:
    if isinstance(values, dict):  # a typed array: base64 of the numpy buffer
        return np.frombuffer(base64.b64decode(values["bdata"]), dtype=values["dtype"]).tolist()
    return [float(v) for v in values]


def test_each_tiers_area_starts_where_the_previous_ended_at_the_hand_worked_shares():
    spec = _sent(abc_view.pareto_figure(TIERS, AbcRules()))
    drawn = [(_numbers(trace["x"]), _numbers(trace["y"])) for trace in spec["data"]]
    assert drawn == [
        ([0.0, 25.0, 50.0], [0.0, 50.0, 80.0]),  # A from the origin: 甲 50%, 乙 80%
        ([50.0, 75.0], [80.0, 95.0]),  # B from A's end: 丙 95%
        ([75.0, 100.0], [95.0, 100.0]),  # C from B's end: 丁 100%
    ]
    assert [trace["customdata"][-1] for trace in spec["data"]] == [["乙", "¥30"], ["丙", "¥15"], ["丁", "¥5"]]


def test_the_unvalidated_figure_sends_what_plotlys_validation_would_have_made_of_it():
    rng = np.random.default_rng(42)
    n = 5000  # above downsample.MAX_POINTS: the sampled curve
    metric = np.sort(rng.pareto(1.2, n) * 1000 + 10)[::-1].round(2)
    cum = metric.cumsum() / metric.sum()
    tiers = pd.DataFrame(
        {
            "rank": np.arange(1, n + 1),
            "customer": [f"C{i:05d}" for i in range(n)],
            "customer_name": [f"客户{i}" for i in range(n)],
            "tier": np.where(cum <= 0.8, "A", np.where(cum <= 0.95, "B", "C")),
            "metric": metric,
            "cum_share": cum,
            "net_revenue": metric,
            "net_revenue_cents": (metric * 100).round().astype("int64"),
        }
    )
    fig = abc_view.pareto_figure(tiers, AbcRules())
    validated = go.Figure(fig.to_dict())  # every property through plotly's validators
    assert _sent(fig) == _sent(validated)
