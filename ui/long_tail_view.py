"""长尾客户: Lorenz curve with Gini, count vs revenue share, tail by dimension, growing tail, owners."""

from __future__ import annotations

import html
import math
from dataclasses import replace

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from core.filters import BREAKDOWNS
from core.rules import TAIL_CHOICES, LongTailRules
from ui import downsample
from ui import rules as ui_rules
from ui.charts import PRIMARY, TIER_COLORS, _layout, category_axis
from ui.format import code_label, field_label, money, money_scale, pct
from ui.text import lang, t, t_raw

# The breakdowns a manager asks about first (PRODUCT.md § Long tail), then the rest of BREAKDOWNS.
TAIL_DIMENSIONS = ("region", "industry", "product") + tuple(
    d for d in BREAKDOWNS if d not in ("region", "industry", "product")
)


def growth_threshold(tail: LongTailRules) -> dict[str, str]:
    """The growing list's bar in words: share '20%', amount '¥1,000' (exact: a rule, not a figure to round)."""
    share = tail.growth_min_share
    return {
        "share": pct(share, 0 if round(share * 100, 6).is_integer() else 1),
        "amount": f"¥{tail.growth_min_amount:,.0f}",
    }


def tail_words(tail: LongTailRules) -> str:
    sep = "、" if lang() == "zh" else " + "
    return sep.join(code_label("tier", c) for c in tail.tail_tiers)


def tail_control() -> LongTailRules:
    """Which tiers make the tail (C, or B and C), from and into the session's rules (ui.rules): the home
    page, the brief and a link use what is set here."""
    rules = ui_rules.current().long_tail
    chosen = "".join(rules.tail_tiers)
    picked = st.radio(
        t("tail_definition"),
        TAIL_CHOICES,
        index=TAIL_CHOICES.index(chosen) if chosen in TAIL_CHOICES else 0,
        format_func=lambda c: t(f"tail_choice_{c}"),
        horizontal=True,
        key="tail_tiers",
        help=t("tail_definition_help"),
        on_change=_changed,
    )
    return ui_rules.update(long_tail=replace(rules, tail_tiers=tuple(picked))).long_tail


def _changed() -> None:
    """The choice changed: the session's rules change before the rerun, so the page links carry it."""
    rules = ui_rules.current().long_tail
    picked = st.session_state.get("tail_tiers") or "".join(rules.tail_tiers)
    ui_rules.update(long_tail=replace(rules, tail_tiers=tuple(picked)))


LORENZ_NOTE_X = 50  # the tail note sits over the middle of the customer axis


def lorenz_figure(
    points: pd.DataFrame, gini: float, tail_customer_share: float, tail_revenue_share: float
) -> go.Figure:
    """Cumulative revenue share against cumulative customer share, smallest first; the tail marked on it."""
    fig = go.Figure()
    fig.add_trace(
        go.Scatter(
            x=[0, 100],
            y=[0, 100],
            mode="lines",
            name=html.escape(t("lorenz_equal")),
            line=dict(color="#9aa5b1", dash="dot"),
            hoverinfo="skip",
        )
    )
    points = points.iloc[downsample.curve_rows(points["revenue_share"])]  # a sample of the curve above a few thousand
    fig.add_trace(
        go.Scatter(
            x=points["customer_share"] * 100,
            y=points["revenue_share"] * 100,
            mode="lines",
            fill="tonexty",
            fillcolor="rgba(31,95,174,0.12)",
            name=html.escape(t("lorenz_curve")),
            line=dict(color=PRIMARY, width=3),
            hovertemplate=html.escape(t("lorenz_hover")) + "<extra></extra>",
        )
    )
    if not math.isnan(tail_customer_share) and not math.isnan(tail_revenue_share):
        fig.add_trace(
            go.Scatter(
                x=[tail_customer_share * 100],
                y=[tail_revenue_share * 100],
                mode="markers",
                marker=dict(size=12, color=TIER_COLORS["C"], line=dict(color="#333", width=1.5)),
                name=html.escape(t("lorenz_tail_point")),
                hoverinfo="skip",
            )
        )
        fig.add_annotation(
            x=tail_customer_share * 100,
            y=tail_revenue_share * 100,
            # the note's box centred on the plot's middle, above the point: set 60 px left of a point near the
            # middle, the English note ran over the y axis's labels on a laptop (issue #11 review at 1366 px)
            axref="x",
            ayref="y",
            ax=LORENZ_NOTE_X,
            ay=min(tail_revenue_share * 100 + 35, 80),
            showarrow=True,
            arrowhead=2,
            text=html.escape(
                t_raw("lorenz_tail_note", customers=pct(tail_customer_share, 0), revenue=pct(tail_revenue_share))
            ),
            bgcolor="rgba(255,255,255,0.85)",
        )
    fig.add_annotation(
        x=4,
        y=94,
        xanchor="left",
        showarrow=False,
        font=dict(size=16),
        text=html.escape(t_raw("gini_note", gini="—" if math.isnan(gini) else f"{gini:.2f}")),
    )
    fig.update_xaxes(title_text=t("lorenz_x"), ticksuffix="%", range=[0, 100])
    fig.update_yaxes(title_text=t("lorenz_y"), ticksuffix="%", range=[0, 100])
    fig.update_layout(legend=dict(orientation="h", y=-0.2))
    return _layout(fig, t("lorenz_title"))


# the bars take 0.6 of their row, leaving ~60 px between them at the chart's 420 px for a thin slice's label;
# the label sits this far above its bar's middle (a bar is ~90 px tall)
BAR_WIDTH = 0.6
BAR_HALF_PX = 46


def shares_figure(shares: pd.Series) -> go.Figure:
    """Two stacked horizontal bars: the tail's share of customers above its share of revenue. Horizontal, so
    the two names never slant into each other on a laptop; the tail's label sits inside its slice when the
    slice has room, else just after it, where the rest's own label (at the far end) leaves room."""
    kinds = [t("share_of_customers"), t("share_of_revenue")]
    tail = [float(shares["customer_share"]), float(shares["revenue_share"])]
    roomy = [v >= 0.3 for v in tail]
    fig = go.Figure()
    fig.add_trace(
        go.Bar(
            y=kinds,
            x=[v * 100 for v in tail],
            orientation="h",
            name=html.escape(t("tail")),
            marker_color=TIER_COLORS["C"],
            # two lines, lying flat: on a laptop a 47% slice is ~70 px wide and plotly turned a one-line label
            # on its side (issue #11 review at 1366 px)
            text=[html.escape(t("tail")) + "<br>" + pct(v) if room else "" for v, room in zip(tail, roomy)],
            textposition="inside",
            textangle=0,
            insidetextanchor="middle",
            textfont=dict(size=16, color="#1b1b1b"),
            width=BAR_WIDTH,
        )
    )
    for kind, value, room in zip(kinds, tail, roomy):
        # a 5% slice has no room for its label: just after it, above the bar, in the gap between the bars.
        # On the bar, it ran into the rest's own "96.0%" on a laptop (issue #11 review at 1366 px)
        if not room:
            fig.add_annotation(
                y=kind,
                x=value * 100,
                xanchor="left",
                yanchor="bottom",
                yshift=BAR_HALF_PX,
                showarrow=False,
                font=dict(size=14, color="#1b1b1b"),
                text=html.escape(f"{t('tail')} {pct(value)}"),
            )
    fig.add_trace(
        go.Bar(
            y=kinds,
            x=[(1 - v) * 100 for v in tail],
            orientation="h",
            name=html.escape(t("not_tail")),
            marker_color=TIER_COLORS["A"],
            text=[pct(1 - v) for v in tail],
            width=BAR_WIDTH,
            textposition="inside",
            insidetextanchor="end",
            textfont=dict(size=16, color="white"),
        )
    )
    fig.update_layout(barmode="stack", legend=dict(orientation="h", y=-0.2))
    category_axis(fig, "y", kinds)
    fig.update_xaxes(ticksuffix="%", range=[0, 100])
    return _layout(fig, t("tail_shares_title"))


def by_dimension_figure(by: pd.DataFrame, dimension: str) -> go.Figure:
    by = by.sort_values("net_revenue").tail(20)
    values = by["dimension_value"].fillna(t("not_recorded")).astype(str).map(html.escape)
    divisor, unit = money_scale(float(by["net_revenue"].max() or 0))
    fig = go.Figure(
        go.Bar(
            y=values,
            x=by["net_revenue"] / divisor,
            orientation="h",
            marker_color=TIER_COLORS["C"],
            marker_line=dict(color="#7d8b99", width=1),
            text=by["revenue_share"].map(pct),
            textposition="outside",
            cliponaxis=False,
            customdata=list(zip(by["tail_customers_count"], by["net_revenue"].map(money))),
            hovertemplate="%{y}<br>%{customdata[1]} · %{customdata[0]} "
            + html.escape(t("customers_unit"))
            + "<extra></extra>",
        )
    )
    fig.update_xaxes(
        title_text=f"{t('tail_revenue')}（{unit}）" if lang() == "zh" else f"{t('tail_revenue')} ({unit})",
        tickformat=",.2~f",
    )
    category_axis(fig, "y")  # product codes like 85123 are names: largest at the top, in trace order
    fig = _layout(fig, t_raw("tail_by_title", dimension=field_label(dimension)))
    fig.update_layout(height=max(360, 26 * len(by) + 120), margin=dict(r=60))
    return fig


def growing_table(growing: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            t("customer"): growing["customer_name"].fillna(growing["customer"]),
            t("first_half"): growing["first_half_revenue"].map(money),
            t("last_half"): growing["last_half_revenue"].map(money),
            t("revenue_change"): growing["revenue_change"].map(money),
            t("growth_ratio"): growing["growth_ratio"].map(lambda r: "—" if pd.isna(r) else f"×{r:.1f}"),
        }
    )


def per_manager_table(per_manager: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            t("owner"): per_manager["account_manager"].fillna(t("no_manager")),
            t("tail_customers"): per_manager["tail_customers_count"],
            t("tail_revenue"): per_manager["net_revenue"].map(money),
        }
    )
