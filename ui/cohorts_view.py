"""Cohort retention on screen (issue #14): a heatmap of cohort month x month n and the table behind it."""

from __future__ import annotations

import html

import duckdb
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from core.analytics import cohorts, window
from core.filters import Filters
from ui import state
from ui.charts import FONT, _layout
from ui.format import money, money_scale, pct
from ui.text import lang, t_raw

MEASURES = ("share", "customers", "revenue")
LABEL_ALL = 24  # months: up to two years every cell carries its figure (about 29 px a cell at 1366 px)


@st.cache_data(show_spinner=False, max_entries=32)
def _retention(_con: duckdb.DuckDBPyConnection, version: str, filters: Filters) -> list[dict]:
    # version is only part of the key: a new load misses every old entry
    return cohorts.cohort_retention(_con.cursor(), window.params(_con, filters))


def retention_frame(filters: Filters) -> pd.DataFrame:
    """core.analytics.cohorts' rows (the CLI JSON's `cohorts`, same numbers) with each cohort's size and the
    share of it retained: cohort, month, customers, revenue (float), cohort_customers, share."""
    rows = _retention(state.connection(), state.data_version(), filters)
    frame = pd.DataFrame(rows, columns=["cohort", "month", "customers", "revenue"])
    frame["revenue"] = frame["revenue"].astype(float)
    size = frame[frame["month"] == 0].set_index("cohort")["customers"]
    frame["cohort_customers"] = frame["cohort"].map(size).astype("int64")
    frame["share"] = frame["customers"] / frame["cohort_customers"]
    return frame


def heatmap(frame: pd.DataFrame, measure: str, span: range | None = None) -> go.Figure:
    """Cohorts top-down (oldest first) x month n; months after as_of left blank. Categorical axes: a cohort
    "2024-03" is a label, never a date Plotly would space by days. Up to LABEL_ALL months every cell carries
    its figure; past that a cell is ~17 px wide at 1366 px (40 months), too narrow for every label, so only the
    month columns at positions `span` (the months the table below shows) carry one, outlined, shares as whole
    percents without the sign, revenue in a unit that keeps it under 1,000; every cell keeps its figure in the hover."""
    grid = frame.pivot(index="cohort", columns="month", values=measure)
    every = grid.shape[1] <= LABEL_ALL
    largest = float(frame["revenue"].abs().max() or 0)
    scale = money_scale if every else _narrow_scale  # a 17 px cell holds three characters: ¥47K reads "47"
    divisor, unit = scale(largest) if measure == "revenue" else (1, "")
    z = grid / divisor
    customers = frame.pivot(index="cohort", columns="month", values="customers")
    shares = frame.pivot(index="cohort", columns="month", values="share")
    revenue = frame.pivot(index="cohort", columns="month", values="revenue")
    hover = [
        [
            ""
            if pd.isna(customers.iloc[i, j])
            else t_raw(
                "coh_hover",
                cohort=grid.index[i],
                month=grid.columns[j],
                customers=int(customers.iloc[i, j]),
                share=pct(shares.iloc[i, j]),
                revenue=money(revenue.iloc[i, j]),
            )
            for j in range(grid.shape[1])
        ]
        for i in range(grid.shape[0])
    ]
    shown = range(grid.shape[1]) if every else (span or range(0))
    text = [
        ["" if pd.isna(v) or j not in shown else _label(v, measure, every) for j, v in enumerate(row)]
        for row in z.to_numpy().tolist()
    ]
    fig = go.Figure(
        go.Heatmap(
            z=z.to_numpy(),
            x=[str(m) for m in grid.columns],
            y=list(grid.index),
            text=text,
            texttemplate="%{text}" if len(shown) else None,
            # past LABEL_ALL months a fixed size: 'auto' shrank the figures to fit 17 px cells, unreadable
            textfont=None if every else dict(size=11),
            hovertext=[[html.escape(h) for h in row] for row in hover],
            hovertemplate="%{hovertext}<extra></extra>",
            colorscale="Blues",
            zmin=0,
            zmax=1 if measure == "share" else None,
            # 0-5 万元 ticked as whole numbers read "5, 4, 4, 3, 3": a decimal under 10
            colorbar=dict(
                tickformat=".0%"
                if measure == "share"
                else ",.0f"
                if measure == "customers" or largest / divisor >= 10
                else ".1f",
                title=dict(text=unit),
            ),
            xgap=1,
            ygap=1,
        )
    )
    fig.update_xaxes(type="category", title=t_raw("coh_month_axis"), side="top")
    fig.update_yaxes(type="category", title=t_raw("coh_cohort_axis"), autorange="reversed")
    fig = _layout(fig, t_raw(f"coh_measure_{measure}"))
    fig.update_layout(height=max(420, 90 + 26 * grid.shape[0]), font=dict(family=FONT, size=13))
    if not every and len(shown):  # the labelled months outlined: the table's months, found at a glance
        fig.add_vrect(x0=shown[0] - 0.5, x1=shown[-1] + 0.5, line=dict(color="#1f2937", width=1.5), fillcolor=None)
    return fig


def _label(value: float, measure: str, every: bool) -> str:
    """A cell's figure: '62%' in a cell of the two-year heatmap; in a narrower one three characters at most
    ('62', '4.7' in the colour bar's unit)."""
    if measure == "share":
        return pct(value, 0) if every else f"{value * 100:.0f}"
    if every or measure == "customers" or abs(value) >= 9.95:  # 9.96 reads "10", never "10.0"
        return f"{value:,.0f}"
    return f"{value:.1f}"


def _narrow_scale(largest: float) -> tuple[float, str]:
    """(divisor, unit) that brings the largest revenue under 1,000: 元 / 万元 / 亿元, ¥ / ¥K / ¥M / ¥B."""
    steps = (
        ((1, "元"), (1e4, "万元"), (1e8, "亿元"))
        if lang() == "zh"
        else ((1, "¥"), (1e3, "¥K"), (1e6, "¥M"), (1e9, "¥B"))
    )
    return next(((d, u) for d, u in steps if largest / d < 999.5), steps[-1])


def table(frame: pd.DataFrame, measure: str) -> pd.DataFrame:
    """Cohort x month as text (blank after as_of): the cohort's size first, then the measure of each month."""
    grid = frame.pivot(index="cohort", columns="month", values=measure)

    def cell(v) -> str:
        if pd.isna(v):
            return ""
        return pct(v) if measure == "share" else money(v) if measure == "revenue" else f"{int(v):,}"

    shown = grid.map(cell)
    shown.columns = [t_raw("coh_month_col", n=m) for m in grid.columns]
    size = frame[frame["month"] == 0].set_index("cohort")["cohort_customers"]
    shown.insert(0, t_raw("coh_col_size"), [f"{int(size[c]):,}" for c in grid.index])
    shown.insert(0, t_raw("coh_col_cohort"), list(grid.index))
    return shown.reset_index(drop=True)


def long_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """The download: one row per cohort and month, numbers as numbers (the CLI JSON's cohorts, plus the share)."""
    return pd.DataFrame(
        {
            t_raw("coh_col_cohort"): frame["cohort"],
            t_raw("coh_col_month"): frame["month"],
            t_raw("coh_col_customers"): frame["customers"],
            t_raw("coh_col_size"): frame["cohort_customers"],
            t_raw("coh_col_share"): frame["share"].round(4),
            t_raw("coh_col_revenue"): frame["revenue"],
        }
    )
