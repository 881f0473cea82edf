"""The gain/loss bridge on the changes page (issue #14): a waterfall from the earlier total to the later one,
the five parts labelled to the cent, the check that they sum to the change, the split by tier/region/manager."""

from __future__ import annotations

import html
from decimal import Decimal

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from core.analytics.bridge import BREAKDOWNS, PARTS
from ui.charts import _layout
from ui.format import code_label, field_label
from ui.text import t, t_raw

# the waterfall's order (issue #14): the earlier total, then what added, what held, what took away
WATERFALL = ("new", "grown", "steady", "shrunk", "lost")
GAIN, LOSS, TOTAL = "#2e7d32", "#c62828", "#1f5fae"


def exact(value: Decimal) -> str:
    """Money to the cent, signed when asked: ¥1,234,567.89 / -¥80.00 (the bridge's figures are exact)."""
    sign = "-" if value < 0 else ""
    return f"{sign}¥{abs(value):,.2f}"


def waterfall(bridge: dict, before_label: str, after_label: str, title: str) -> go.Figure:
    """before total -> new, grown, steady, shrunk, lost -> after total; every bar labelled with exact money."""
    parts = [bridge[p] for p in WATERFALL]
    labels = [before_label, *(t_raw(f"brg_part_{p}") for p in WATERFALL), after_label]
    values = [bridge["before_total"], *parts, bridge["after_total"]]
    texts = [exact(bridge["before_total"]), *(("+" if v > 0 else "") + exact(v) for v in parts)]
    texts.append(exact(bridge["after_total"]))
    fig = go.Figure(
        go.Waterfall(
            x=[html.escape(x) for x in labels],
            y=[float(v) for v in values[:-1]] + [0.0],
            measure=["absolute", *["relative"] * len(parts), "total"],
            text=texts,
            textposition="outside",
            cliponaxis=False,
            increasing=dict(marker=dict(color=GAIN)),
            decreasing=dict(marker=dict(color=LOSS)),
            totals=dict(marker=dict(color=TOTAL)),
            connector=dict(line=dict(color="#9e9e9e", width=1)),
            hovertext=texts,
            hoverinfo="x+text",
        )
    )
    fig.update_xaxes(type="category")
    fig.update_yaxes(tickformat=",.0f", range=_value_range(bridge))
    fig = _layout(fig, title)
    fig.update_layout(showlegend=False, margin=dict(l=10, r=10, t=70, b=10))
    return fig


def _value_range(bridge: dict) -> list[float]:
    """The y range: from a little under the lowest running level (0 when a level is near or below it), so the
    parts stay visible beside two large totals; room above the highest for the labels."""
    levels = [bridge["before_total"]]
    for p in WATERFALL:
        levels.append(levels[-1] + bridge[p])
    low, high = float(min(levels)), float(max(levels))
    span = max(high - low, abs(high) * 0.05, 1.0)
    bottom = low - span * 1.5
    if bottom <= 0 or low <= 0:
        bottom = min(low * 1.1, 0.0)
    return [bottom, high + span * 0.35]


def sum_line(bridge: dict) -> str:
    """The check, in figures: new + grown + steady + shrunk + lost = the total change, to the cent."""
    parts = " + ".join(f"{t_raw(f'brg_part_{p}')} {exact(bridge[p])}" for p in WATERFALL)
    check = sum((bridge[p] for p in PARTS), Decimal(0))
    return t(
        "brg_sum", parts=parts, total=exact(bridge["total_change"]), ok="✓" if check == bridge["total_change"] else "✗"
    )


def counts_line(bridge: dict) -> str:
    counts = bridge["customers_count"]
    return t("brg_counts", items=t_raw("brg_sep").join(f"{t_raw(f'brg_part_{p}')} {counts[p]:,}" for p in WATERFALL))


def split_frame(rows: list[dict], column: str) -> pd.DataFrame:
    """One row per tier / region / manager: the five parts and the change, exact money."""
    head = t_raw("tier") if column == "tier" else field_label(column)
    frame = {
        head: [
            (code_label("tier", r[column]) if column == "tier" else r[column]) or t_raw("chg_not_present") for r in rows
        ]
    }
    for p in (*WATERFALL, "total_change"):
        frame[t_raw(f"brg_part_{p}")] = [exact(r[p]) for r in rows]
    return pd.DataFrame(frame)


def present_splits(bridge: dict) -> list[str]:
    """The breakdowns the data fills: tier always, region and manager when some customer has one."""
    return [b for b in BREAKDOWNS if b == "tier" or any(r[b] is not None for r in bridge[f"by_{b}"])]


def section(bridge: dict, before_label: str, after_label: str, title: str, *, key: str) -> None:
    """The waterfall, the check, the counts and the split tables; a column missing from the data is said once."""
    st.plotly_chart(waterfall(bridge, before_label, after_label, title), key=f"{key}_waterfall")
    st.markdown(sum_line(bridge))
    st.caption(counts_line(bridge))
    shown = present_splits(bridge)
    tabs = st.tabs([t(f"brg_by_{b}") for b in shown])
    for tab, column in zip(tabs, shown):
        with tab:
            st.dataframe(split_frame(bridge[f"by_{column}"], column), hide_index=True, key=f"{key}_{column}")
    missing = [b for b in BREAKDOWNS if b not in shown]
    if missing:
        st.caption(t("brg_missing_columns", columns="、".join(field_label(m) for m in missing)))
    st.caption(t("brg_rule"))
