"""RFM 分群: the segment map (R against F, sized by M), revenue per segment, advice and the customer table."""

from __future__ import annotations

import html

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from core.analytics import rfm
from ui import downsample
from ui.charts import SEGMENT_COLORS, _layout, category_axis
from ui.format import code_label, money, money_scale, pct
from ui.text import lang, t


def segment_map(segments: pd.DataFrame) -> go.Figure:
    """One dot per customer: days since last order against orders, size by revenue; the means dashed."""
    fig = go.Figure()
    names = segments["customer_name"].fillna(segments["customer"]).astype(str).map(html.escape)
    # area proportional to revenue; returns-only customers never reach RFM (positive order required)
    sizes = 6 + 34 * np.sqrt(segments["monetary"].clip(lower=0) / max(segments["monetary"].max(), 1))
    # above a few thousand customers: in each small cell of the map the biggest dot of each colour is drawn
    # (the one on top there); the means, the axes and the sizes come from every customer
    drawn = np.zeros(len(segments), dtype=bool)
    drawn[downsample.scatter_rows(segments, "recency_days", "frequency", "monetary", "segment")] = True
    for code in rfm.SEGMENTS:
        rows = segments["segment"].eq(code) & drawn
        if not rows.any():
            continue
        fig.add_trace(
            go.Scatter(
                x=segments.loc[rows, "recency_days"],
                y=segments.loc[rows, "frequency"],
                mode="markers",
                name=html.escape(code_label("segment", code)),
                marker=dict(
                    size=sizes[rows], color=SEGMENT_COLORS[code], opacity=0.75, line=dict(width=0.5, color="#fff")
                ),
                customdata=list(zip(names[rows], segments.loc[rows, "monetary"].map(money))),
                hovertemplate="%{customdata[0]}<br>R %{x} "
                + html.escape(t("days_unit"))
                + " · F %{y} · M %{customdata[1]}"
                "<extra>" + html.escape(code_label("segment", code)) + "</extra>",
            )
        )
    fig.add_vline(
        x=segments["recency_days"].mean(),
        line=dict(dash="dash", color="#666"),
        annotation_text=html.escape(t("mean_r")),
        annotation_position="top right",
    )
    fig.add_hline(
        y=segments["frequency"].mean(),
        line=dict(dash="dash", color="#666"),
        annotation_text=html.escape(t("mean_f")),
        annotation_position="bottom right",
    )
    fig.update_xaxes(title_text=t("rfm_x"))
    fig.update_yaxes(title_text=t("rfm_y"), range=[0, int(segments["frequency"].max()) + 1.5], rangemode="tozero")
    fig = _layout(fig, t("rfm_map_title"))
    fig.update_layout(height=520, legend=dict(orientation="v", x=1.01, y=1))
    return fig


def revenue_figure(summary: pd.DataFrame) -> go.Figure:
    divisor, unit = money_scale(float(summary["net_revenue"].max() or 0))
    labels = summary["segment"].map(lambda c: html.escape(code_label("segment", c)))
    fig = go.Figure(
        go.Bar(
            y=labels,
            x=summary["net_revenue"] / divisor,
            orientation="h",
            marker_color=[SEGMENT_COLORS[c] for c in summary["segment"]],
            text=[f"{pct(s)} · {n:,}" for s, n in zip(summary["revenue_share"], summary["customers_count"])],
            textposition="outside",
            cliponaxis=False,
            customdata=list(zip(summary["net_revenue"].map(money), summary["customers_count"])),
            hovertemplate="%{y}<br>%{customdata[0]} · %{customdata[1]:,} "
            + html.escape(t("customers_unit"))
            + "<extra></extra>",
        )
    )
    category_axis(fig, "y", list(labels))
    fig.update_xaxes(
        title_text=f"{t('net_revenue')}（{unit}）" if lang() == "zh" else f"{t('net_revenue')} ({unit})",
        tickformat=",.2~f",
    )
    fig = _layout(fig, t("rfm_revenue_title"))
    fig.update_layout(height=520, margin=dict(r=90))
    return fig


def summary_table(summary: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            t("segment"): summary["segment"].map(lambda c: code_label("segment", c)),
            "R / F / M": summary["segment"].map(_highs),
            t("customers_count"): summary["customers_count"],
            t("customer_share"): summary["customer_share"].map(pct),
            t("net_revenue"): summary["net_revenue"].map(money),
            t("revenue_share"): summary["revenue_share"].map(pct),
            t("advice"): summary["segment"].map(lambda c: t(f"advice_{c}")),
        }
    )


def _highs(code: str) -> str:
    # PRODUCT.md table: important = M high; value/develop = R high; value/retain = F high
    r = "↑" if code.endswith(("value", "develop")) else "↓"
    f = "↑" if code.endswith(("value", "retain")) else "↓"
    m = "↑" if code.startswith("important") else "↓"
    return f"{r} {f} {m}"


def customer_table(segments: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            t("customer"): segments["customer_name"].fillna(segments["customer"]),
            t("segment"): segments["segment"].map(lambda c: code_label("segment", c)),
            t("recency_days"): segments["recency_days"],
            t("frequency"): segments["frequency"],
            t("monetary"): segments["monetary"],
            "R": segments["r_score"],
            "F": segments["f_score"],
            "M": segments["m_score"],
        }
    )


def table_config() -> dict:
    import streamlit as st

    return {t("monetary"): st.column_config.NumberColumn(format="¥%,.2f")}
