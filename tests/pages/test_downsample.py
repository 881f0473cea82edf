"""Charts with one point per customer draw a sample above a few thousand points (issue #13) and change no
figure, label or annotated point."""

from __future__ import annotations

import random
from datetime import date, timedelta

import numpy as np
import pandas as pd
import pytest

from core import store
from core.analytics import abc, long_tail, rfm
from core.filters import Filters
from core.rules import AbcRules
from ui import abc_view, downsample, long_tail_view, rfm_view

AS_OF = date(2024, 12, 31)
CUSTOMERS = 6000


@pytest.fixture(scope="module")
def con():
    """6,000 customers with 1-6 lines each over the year, Pareto-like sizes (random.Random(42))."""
    rng = random.Random(42)
    rows = []
    for i in range(CUSTOMERS):
        size = rng.paretovariate(1.2)
        for _ in range(rng.randint(1, 6)):
            cents = int(size * rng.randint(1000, 90000))
            rows.append((f"C{i:05d}", AS_OF - timedelta(days=rng.randrange(365)), f"{cents / 100:.2f}"))
    connection = store.connect()
    frame = pd.DataFrame(rows, columns=["customer", "order_date", "amount"])
    frame["source_row"] = range(1, len(frame) + 1)
    connection.register("generated", frame)
    connection.execute(
        "insert into orders (customer, order_date, amount, source_row) "
        "select customer, order_date, amount::decimal(18, 2), source_row from generated"
    )
    yield connection
    connection.close()


def _drawn(fig) -> set[tuple[float, float]]:
    return {(x, y) for trace in fig.data for x, y in zip(trace.x, trace.y)}


def _without_downsampling(monkeypatch, build):
    monkeypatch.setattr(downsample, "MAX_POINTS", 10**9)
    full = build()
    monkeypatch.undo()
    return full


def _words(fig) -> tuple:
    """Everything a chart says apart from its points: trace names, annotations, lines, title, axes."""
    layout = fig.to_plotly_json()["layout"]
    return (
        [trace.name for trace in fig.data],
        layout.get("annotations"),
        layout.get("shapes"),
        layout["title"],
        layout.get("xaxis"),
        layout.get("yaxis"),
    )


def test_a_line_of_up_to_max_points_is_drawn_whole():
    result = downsample.curve_rows(np.arange(downsample.MAX_POINTS))
    expected = np.arange(downsample.MAX_POINTS)
    np.testing.assert_array_equal(result, expected)


def test_a_long_line_keeps_its_ends_the_kept_points_and_each_runs_extremes():
    y = np.sin(np.arange(10_000) / 50.0)
    rows = downsample.curve_rows(y, keep=[4321, 777], limit=400)
    # 100 runs of 100 rows: first, last, lowest and highest of each (some coincide), the two kept rows
    assert rows[0] == 0 and rows[-1] == 9_999 and {4321, 777} <= set(rows)
    assert len(rows) <= 402 and list(rows) == sorted(set(rows))
    assert y[rows].max() == y.max() and y[rows].min() == y.min()


def test_the_pareto_chart_draws_a_sample_with_the_same_legend_labels_and_tier_ends(con, monkeypatch):
    tiers = abc.abc_tiers(con, Filters(as_of=AS_OF))
    full = _without_downsampling(monkeypatch, lambda: abc_view.pareto_figure(tiers, AbcRules()))
    drawn = abc_view.pareto_figure(tiers, AbcRules())
    assert _words(drawn) == _words(full)
    assert _drawn(drawn) <= _drawn(full)  # real points of the curve, no made-up ones
    assert sum(len(t.x) for t in drawn.data) <= downsample.MAX_POINTS + 10 < sum(len(t.x) for t in full.data)
    # each tier's area starts and ends where it did: its first and last customer are drawn
    for before, after in zip(full.data, drawn.data):
        assert (before.x[0], before.y[0], before.x[-1], before.y[-1]) == (
            after.x[0],
            after.y[0],
            after.x[-1],
            after.y[-1],
        )


def test_the_lorenz_chart_draws_a_sample_with_the_same_gini_labels_and_tail_point(con, monkeypatch):
    points = long_tail.lorenz_points(con, Filters(as_of=AS_OF))
    gini = long_tail.gini(points)

    def build():
        return long_tail_view.lorenz_figure(points, gini, 0.6, 0.12)

    full = _without_downsampling(monkeypatch, build)
    drawn = build()
    assert _words(drawn) == _words(full)
    assert _drawn(drawn) <= _drawn(full)
    curve = drawn.data[1]
    assert len(curve.x) <= downsample.MAX_POINTS + 2 < len(full.data[1].x)
    assert (curve.x[0], curve.y[0], curve.x[-1], curve.y[-1]) == (0.0, 0.0, 100.0, 100.0)


def test_the_rfm_map_draws_the_biggest_dot_of_each_cell_with_the_same_means_and_segments(con, monkeypatch):
    segments = rfm.rfm_segments(con, Filters(as_of=AS_OF))
    full = _without_downsampling(monkeypatch, lambda: rfm_view.segment_map(segments))
    drawn = rfm_view.segment_map(segments)
    assert _words(drawn) == _words(full)
    assert _drawn(drawn) <= _drawn(full)
    assert sum(len(t.x) for t in drawn.data) <= downsample.MAX_POINTS < len(segments)
    biggest = segments.loc[segments["monetary"].idxmax()]
    assert (biggest["recency_days"], biggest["frequency"]) in _drawn(drawn)
