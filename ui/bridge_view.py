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
from ui.text import lang, t, t_raw

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
    # the two totals carry their label inside, at the top; the parts above their bar (a part of ¥0.00 has no
    # bar: its label sits on the connector, at the level it holds). One text size for every label: plotly
    # shrinks each outside label to its bar's width on its own, so a short "¥0.00" came out larger than the rest
    # and seemed to float away from its bar.
    positions = ["inside", *["outside"] * len(parts), "inside"]
    fig = go.Figure(
        go.Waterfall(
            x=[
                _two_lines(html.escape(before_label)),
                *(html.escape(x) for x in labels[1:-1]),
                _two_lines(html.escape(after_label)),
            ],
            y=[float(v) for v in values[:-1]] + [0.0],
            measure=["absolute", *["relative"] * len(parts), "total"],
            text=texts,
            textposition=positions,
            insidetextanchor="end",
            textangle=0,  # plotly turns a total's exact figure on its side when it is wider than the bar (1366 px)
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
    fig.update_yaxes(tickformat=",.0f", range=value_range(bridge), zeroline=True, zerolinecolor="#9e9e9e")
    fig = _layout(fig, title)
    fig.update_layout(showlegend=False, margin=dict(l=10, r=10, t=70, b=10), uniformtext=dict(minsize=10, mode="show"))
    return fig


def _two_lines(label: str) -> str:
    """A total's name over its dates ("上一窗口<br>2022-12-11～2023-12-10"): on one line at 1366 px the window's
    dates ran into the next bar's name (issue #11 review)."""
    return label.replace(" ", "<br>", 1)


def value_range(bridge: dict) -> list[float]:
    """The y range: from 0 (a waterfall's bars are lengths: an axis cut at ¥30M made a ¥13M part look as large
    as the ¥160M total), or from a little under the lowest running level when it is below 0; room above the
    highest level for the labels."""
    levels = [bridge["before_total"]]
    for p in WATERFALL:
        levels.append(levels[-1] + bridge[p])
    low, high = min(float(min(levels)), 0.0), max(float(max(levels)), 0.0)
    span = max(high - low, 1.0)
    return [low - span * 0.08 if low < 0 else 0.0, high + span * 0.12]


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


def active_line(bridge: dict, active_now: int, active_before: int) -> str:
    """How new − lost (customers by the sign of net revenue, PRODUCT.md § the bridge) relates to the weekly
    review's change in active customers (a positive order line): they differ by the change in customers who
    ordered but netted <= 0, which is said with its figure rather than left as two numbers that disagree."""
    counts = bridge["customers_count"]
    net, active = counts["new"] - counts["lost"], active_now - active_before
    if net == active:
        return t("brg_active_same", net=f"{net:+,}")
    return t("brg_active_differs", net=f"{net:+,}", active=f"{active:+,}", other=f"{active - net:+,}")


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


def section(
    bridge: dict,
    before_label: str,
    after_label: str,
    title: str,
    *,
    key: str,
    active: tuple[int, int] | None = None,
) -> None:
    """The waterfall, the check, the counts and the split tables; a column missing from the data is said once.
    active: (active customers now, before) of the same two windows, for the line relating them to the counts."""
    st.plotly_chart(waterfall(bridge, before_label, after_label, title), key=f"{key}_waterfall")
    st.markdown(sum_line(bridge))
    st.caption(counts_line(bridge))
    if active is not None:
        st.caption(active_line(bridge, *active))
    shown = present_splits(bridge)
    tabs = st.tabs([t(f"brg_by_{b}") for b in shown])
    for tab, column in zip(tabs, shown):
        with tab:
            st.dataframe(split_frame(bridge[f"by_{column}"], column), hide_index=True, key=f"{key}_{column}")
    missing = [b for b in BREAKDOWNS if b not in shown]
    if missing:
        st.caption(
            t("brg_missing_columns", columns=("、" if lang() == "zh" else ", ").join(field_label(m) for m in missing))
        )
    st.caption(t("brg_rule"))
