"""Plotly figures shared by pages: colours, fonts and hover text in one place."""

from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go

FONT = "Noto Sans CJK SC, Noto Sans SC, Microsoft YaHei, PingFang SC, sans-serif"
PRIMARY = "#1f5fae"

# One colour per code, the same on every page (keys are the codes core returns).
TIER_COLORS = {"A": "#1f5fae", "B": "#5fa8d3", "C": "#b8c4d0", "new": "#7cb87a", "lost": "#8c8c8c"}
SEGMENT_COLORS = {
    "important_value": "#1f5fae",
    "important_develop": "#2e9c8f",
    "important_retain": "#e3a21a",
    "important_winback": "#c8453b",
    "general_value": "#7fa7d9",
    "general_develop": "#8fcfc4",
    "general_retain": "#f0d08a",
    "general_winback": "#e9a19b",
}
LEVEL_COLORS = {"lost": "#5b5b5b", "high": "#c8453b", "medium": "#e3a21a", "ok": "#4f9a5c"}


def _layout(fig: go.Figure, title: str) -> go.Figure:
    fig.update_layout(
        title=dict(text=html.escape(title), font=dict(size=18)),
        font=dict(family=FONT, size=14),
        margin=dict(l=10, r=10, t=50, b=10),
        height=420,
        hoverlabel=dict(font=dict(family=FONT)),
    )
    return fig


def customer_labels(frame: pd.DataFrame) -> pd.Series:
    """What a chart calls each customer of frame (columns customer, customer_name): the name when the file
    has one, else the id, always as text (raw: escape before HTML). A name two customers share gets the id
    beside it, so two customers never fold into one bar."""
    ids = frame["customer"].astype(str)
    names = frame["customer_name"].astype(object)
    named = names.notna() & names.astype(str).str.strip().ne("")
    shown = names.where(named, ids).astype(str)
    shared = named & shown.duplicated(keep=False)
    shown[shared] = shown[shared] + " (" + ids[shared] + ")"
    return shown


def category_axis(fig: go.Figure, axis: str, order: list[str] | None = None) -> go.Figure:
    """Make an axis of names or ids categorical: plotly reads text like "12415" as a number otherwise and
    draws a 13k-17k numeric axis with hairline bars. order: the categories top-down (y) or left-right (x)."""
    update = fig.update_yaxes if axis == "y" else fig.update_xaxes
    settings: dict = dict(type="category", automargin=True)
    if order is not None:
        # a y axis draws its first category at the bottom: reversed, the list reads top-down
        settings.update(categoryorder="array", categoryarray=order[::-1] if axis == "y" else order)
    update(**settings)
    return fig
