"""ABC 分层: the thresholds control, Pareto chart, tier summary, migration heatmap, manager coverage."""

from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from core.analytics import abc
from core.rules import AbcRules
from ui import cached
from ui.charts import TIER_COLORS, _layout
from ui.format import code_label, money, money_scale, pct
from ui.text import lang, t

def current_rules() -> AbcRules:
    """The thresholds the ABC page last set in this session (or the link), else PRODUCT.md's 80/95."""
    if "abc_rules" in st.session_state:
        return st.session_state["abc_rules"]
    try:
        a = float(st.query_params.get("abc_a", AbcRules.a_below))
        b = float(st.query_params.get("abc_b", AbcRules.b_below))
    except ValueError:
        return AbcRules()
    metric = st.query_params.get("abc_metric", "net_revenue")
    if not (0.5 <= a < b <= 0.99) or metric not in abc.METRICS:
        return AbcRules()
    return AbcRules(a_below=round(a, 2), b_below=round(b, 2), metric=metric)


def metric_label(metric: str) -> str:
    return t(f"metric_{metric}")


def available_metrics() -> list[str]:
    """Net revenue and order count always; gross profit only when profit or cost was mapped."""
    found = ["net_revenue"]
    if cached.get("has_profit", None):
        found.append("gross_profit")
    return found + ["order_count"]


def controls() -> AbcRules:
    """Metric and the two cuts; stored in the session and the URL so the home page and a link agree."""
    rules = current_rules()
    metrics = available_metrics()
    left, mid, right = st.columns([1, 2, 2])
    metric = left.selectbox(t("abc_metric"), metrics, format_func=metric_label, key="abc_metric",
                            index=metrics.index(rules.metric) if rules.metric in metrics else 0)
    a = mid.slider(t("abc_a_cut"), 0.50, 0.95, rules.a_below, 0.01, key="abc_a", help=t("abc_a_cut_help"),
                   format="%.2f")
    b = right.slider(t("abc_b_cut"), 0.55, 0.99, max(rules.b_below, a + 0.01), 0.01, key="abc_b",
                     help=t("abc_b_cut_help"), format="%.2f")
    if b <= a:
        st.warning(t("abc_b_below_a"))
        b = min(a + 0.01, 0.99)
    rules = AbcRules(a_below=round(a, 2), b_below=round(b, 2), metric=metric)
    st.session_state["abc_rules"] = rules
    if rules == AbcRules():
        for key in ("abc_a", "abc_b", "abc_metric"):
            st.query_params.pop(key, None)
    else:
        st.query_params.update({"abc_a": f"{rules.a_below:.2f}", "abc_b": f"{rules.b_below:.2f}", "abc_metric": metric})
    return rules


def rule_line(rules: AbcRules) -> str:
    return t("abc_rule", metric=metric_label(rules.metric), a=pct(rules.a_below, 0), b=pct(rules.b_below, 0))


def pareto_figure(tiers: pd.DataFrame, rules: AbcRules) -> go.Figure:
    """Metric per customer by rank as bars coloured by tier, the cumulative share as a line, the cuts dashed."""
    points = abc.pareto_points(tiers)
    summary = abc.tier_summary(tiers).set_index("tier")
    names = tiers["customer_name"].fillna(tiers["customer"]).astype(str).map(html.escape)
    is_money = rules.metric != "order_count"
    divisor, unit = money_scale(float(points["metric"].max() or 0)) if is_money else (1, t("orders_unit"))
    x = points["customer_share"] * 100
    fig = go.Figure()
    for tier in abc.TIERS:
        rows = points["tier"].eq(tier)
        s = summary.loc[tier]
        name = t("pareto_legend", tier=code_label("tier", tier), n=int(s["customers_count"]), share=pct(s["revenue_share"]))
        fig.add_trace(go.Bar(
            x=x[rows], y=points.loc[rows, "metric"] / divisor, name=html.escape(name), marker_color=TIER_COLORS[tier],
            marker_line_width=0, customdata=list(zip(names[rows], points.loc[rows, "metric"].map(money if is_money else "{:,.0f}".format))),
            hovertemplate="%{customdata[0]}<br>" + html.escape(metric_label(rules.metric)) + ": %{customdata[1]}<extra></extra>",
        ))
    fig.add_trace(go.Scatter(
        x=x, y=points["metric_share"] * 100, yaxis="y2", mode="lines", name=html.escape(t("pareto_cumulative")),
        line=dict(color="#333333", width=2), hovertemplate="%{x:.1f}% → %{y:.1f}%<extra></extra>",
    ))
    for cut in (rules.a_below, rules.b_below):
        fig.add_hline(y=cut * 100, yref="y2", line=dict(dash="dot", color="#888888", width=1),
                      annotation_text=pct(cut, 0), annotation_position="top left")
    fig.update_layout(
        bargap=0, legend=dict(orientation="h", y=-0.22),
        yaxis=dict(title=f"{metric_label(rules.metric)}（{unit}）" if lang() == "zh" else f"{metric_label(rules.metric)} ({unit})"),
        yaxis2=dict(title=t("pareto_cumulative"), overlaying="y", side="right", range=[0, 101], ticksuffix="%", showgrid=False),
    )
    fig.update_xaxes(title_text=t("pareto_x"), ticksuffix="%", range=[0, 100])
    return _layout(fig, t("pareto_title"))


def summary_table(tiers: pd.DataFrame) -> pd.DataFrame:
    summary = abc.tier_summary(tiers)
    services = abc.service_levels(tiers).set_index("tier")["service_level"]
    return pd.DataFrame({
        t("tier"): summary["tier"].map(lambda c: code_label("tier", c)),
        t("customers_count"): summary["customers_count"],
        t("customer_share"): summary["customer_share"].map(pct),
        t("net_revenue"): summary["net_revenue"].map(money),
        t("revenue_share"): summary["revenue_share"].map(pct),
        t("service_level"): summary["tier"].map(lambda c: code_label("service", services[c])),
    })


def _move_label(code: str) -> str:
    return t(f"tier_{code}") if code in ("new", "lost") else code_label("tier", code)


def migration_figure(matrix: pd.DataFrame) -> go.Figure:
    grid = matrix.pivot(index="from_tier", columns="to_tier", values="customers_count")
    grid = grid.reindex(index=list(abc.FROM_TIERS), columns=list(abc.TO_TIERS)).fillna(0).astype(int)
    rows = [html.escape(_move_label(c)) for c in grid.index]
    cols = [html.escape(_move_label(c)) for c in grid.columns]
    fig = go.Figure(go.Heatmap(
        z=grid.values, x=cols, y=rows, colorscale="Blues", showscale=False, text=grid.values,
        texttemplate="%{text:,}", textfont=dict(size=16),
        hovertemplate=html.escape(t("migration_from")) + " %{y} → %{x}: %{z:,}<extra></extra>",
    ))
    fig.update_yaxes(title_text=t("migration_from"), autorange="reversed")
    fig.update_xaxes(title_text=t("migration_to"), side="top")
    fig = _layout(fig, t("migration_title"))
    fig.update_layout(margin=dict(t=90))
    return fig


def coverage_figure(coverage: pd.DataFrame) -> go.Figure:
    owned = coverage[coverage["has_manager"]].sort_values("a_customers_count")
    fig = go.Figure(go.Bar(
        y=owned["account_manager"].astype(str).map(html.escape), x=owned["a_customers_count"], orientation="h",
        marker_color=TIER_COLORS["A"], text=owned["a_customers_count"], textposition="outside",
        customdata=owned["customers_count"],
        hovertemplate="%{y}: %{x} / %{customdata} " + html.escape(t("customers_unit")) + "<extra></extra>",
    ))
    fig.update_xaxes(title_text=t("coverage_x"))
    fig = _layout(fig, t("coverage_title"))
    fig.update_layout(height=max(320, 28 * len(owned) + 120))
    return fig


def full_table(tiers: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({
        t("rank"): tiers["rank"],
        t("customer"): tiers["customer_name"].fillna(tiers["customer"]),
        t("tier"): tiers["tier"].map(lambda c: code_label("tier", c)),
        t("net_revenue"): tiers["net_revenue"],
        t("metric_gross_profit"): tiers["gross_profit"],
        t("metric_order_count"): tiers["order_count"],
        t("cum_share"): tiers["cum_share"] * 100,
        t("owner"): tiers["account_manager"].fillna(t("no_manager")),
    })


def full_table_config() -> dict:
    return {
        t("net_revenue"): st.column_config.NumberColumn(format="¥%,.2f"),
        t("metric_gross_profit"): st.column_config.NumberColumn(format="¥%,.2f"),
        t("cum_share"): st.column_config.ProgressColumn(min_value=0, max_value=100, format="%.1f%%"),
    }
