"""ABC 分层: the thresholds control, Pareto chart, tier summary, migration heatmap, manager coverage."""

from __future__ import annotations

import html
import re

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from core.analytics import abc
from core.outlook_tables import Outlook
from core.rules import AbcRules
from ui import cached, comparison, downsample
from ui import rules as ui_rules
from ui.charts import TIER_COLORS, _layout, category_axis
from ui.format import code_label, money, pct
from ui.outlook_view import forecast_columns
from ui.text import t, t_raw


def metric_label(metric: str) -> str:
    return t(f"metric_{metric}")


def available_metrics() -> list[str]:
    """Net revenue and order count always; gross profit only when profit or cost was mapped."""
    found = ["net_revenue"]
    if cached.get("has_profit", None):
        found.append("gross_profit")
    return found + ["order_count"]


def controls() -> AbcRules:
    """Metric and the two cuts, from and into the session's rules (ui.rules): the home page, the profile,
    the long tail, the brief and a link all use what is set here."""
    rules = ui_rules.current().abc
    metrics = available_metrics()
    a_range, b_range = ui_rules.setting("abc_a"), ui_rules.setting("abc_b")
    left, mid, right = st.columns([1, 2, 2])
    metric = left.selectbox(
        t("abc_metric"),
        metrics,
        format_func=metric_label,
        key="abc_metric",
        index=metrics.index(rules.metric) if rules.metric in metrics else 0,
        on_change=_changed,
    )
    a = mid.slider(
        t("abc_a_cut"),
        a_range.low,
        a_range.high,
        rules.a_below,
        0.01,
        key="abc_a",
        help=t("abc_a_cut_help"),
        format="%.2f",
        on_change=_changed,
    )
    b = right.slider(
        t("abc_b_cut"),
        b_range.low,
        b_range.high,
        max(rules.b_below, a + 0.01),
        0.01,
        key="abc_b",
        help=t("abc_b_cut_help"),
        format="%.2f",
        on_change=_changed,
    )
    if b <= a:
        st.warning(t("abc_b_below_a"))
    return ui_rules.update(abc=AbcRules(a_below=round(a, 2), b_below=round(b, 2), metric=metric)).abc


def _changed() -> None:
    """A widget moved: the session's rules change before the rerun, so the page links carry the new cuts."""
    rules, state = ui_rules.current().abc, st.session_state
    ui_rules.update(
        abc=AbcRules(
            a_below=round(state.get("abc_a", rules.a_below), 2),
            b_below=round(state.get("abc_b", rules.b_below), 2),
            metric=state.get("abc_metric", rules.metric),
        )
    )


def rule_line(rules: AbcRules) -> str:
    return t("abc_rule", metric=metric_label(rules.metric), a=pct(rules.a_below, 0), b=pct(rules.b_below, 0))


def pareto_figure(tiers: pd.DataFrame, rules: AbcRules) -> go.Figure:
    """The cumulative share of the metric against the share of customers, largest first, filled per tier."""
    points = abc.pareto_points(tiers).reset_index(drop=True)
    summary = abc.tier_summary(tiers).set_index("tier")
    # above a few thousand customers a sample of the curve is drawn; each tier's first and last point stay
    # (where the fill changes colour and the A and B labels point)
    edges = [i for tier in abc.TIERS for i in _first_last(points.index[points["tier"].eq(tier)])]
    points = points.iloc[downsample.curve_rows(points["metric_share"], keep=edges)]
    drawn = tiers.reset_index(drop=True).loc[points.index]
    names = drawn["customer_name"].fillna(drawn["customer"]).astype(str).map(html.escape)
    shown = points["metric"].map(money if rules.metric != "order_count" else "{:,.0f}".format)
    x, y = points["customer_share"] * 100, points["metric_share"] * 100
    # built without plotly's validation of every property (issue #13): it walked each of the ~2,000 points'
    # labels, two thirds of the figure's cost on a filter change; the values are plain lists and numbers
    fig = go.Figure(_validate=False)
    start = None  # each tier's area starts where the previous one ended, so the curve has no gap
    ends = {tier: points.index[points["tier"].eq(tier)].max() for tier in ("A", "B")}
    label_y = _pareto_label_heights({tier: y[end] for tier, end in ends.items() if pd.notna(end)})
    for tier in abc.TIERS:
        rows = points.index[points["tier"].eq(tier)]
        if rows.empty:
            continue
        keep = ([start] if start is not None else []) + list(rows)
        s = summary.loc[tier]
        name = t_raw(
            "pareto_legend", tier=code_label("tier", tier), n=int(s["customers_count"]), share=pct(s["revenue_share"])
        )
        fig.add_trace(
            go.Scatter(
                _validate=False,
                x=[0, *x[keep]] if start is None else x[keep].to_numpy(),
                y=[0, *y[keep]] if start is None else y[keep].to_numpy(),
                mode="lines",
                fill="tozeroy",
                name=html.escape(name),
                line=dict(color=TIER_COLORS[tier], width=2),
                fillcolor=TIER_COLORS[tier],
                customdata=([["", ""]] if start is None else [])
                + [list(pair) for pair in zip(names[keep], shown[keep])],
                hovertemplate="%{customdata[0]} · %{customdata[1]}<br>"
                + html.escape(t("pareto_hover"))
                + "<extra></extra>",
            )
        )
        start = rows[-1]
        if tier != "C":  # where A and B end: "14.5% of customers hold 80.0%"
            end = rows[-1]
            words = t_raw(
                "pareto_point",
                tier=tier,
                customers=pct(points.loc[end, "customer_share"]),
                share=pct(points.loc[end, "metric_share"]),
            )
            # the label sits at the right edge just below its point, in two short lines, with an arrow to it: at
            # any chart width it stays inside the plot, off the y-axis labels, and no arrow crosses a label
            fig.add_annotation(
                x=x[end],
                y=y[end],
                showarrow=True,
                arrowhead=2,
                axref="x",
                ayref="y",
                ax=98,
                ay=label_y[tier],
                xanchor="right",
                align="right",
                font=dict(size=12),
                bgcolor="rgba(255,255,255,0.85)",
                text="<br>".join(html.escape(part) for part in re.split(r"(?<=[:：])\s*", words, maxsplit=1)),
            )
    for cut in (rules.a_below, rules.b_below):
        fig.add_hline(y=cut * 100, line=dict(dash="dot", color="#555555", width=1))
    fig.update_layout(legend=dict(orientation="h", y=-0.22))
    fig.update_xaxes(title_text=t("pareto_x"), ticksuffix="%", range=[0, 100])
    fig.update_yaxes(
        title_text=t_raw("pareto_y", metric=metric_label(rules.metric)),
        range=[0, 102],
        tickvals=[0, 20, 40, 60, 80, 100],
        ticktext=["0%", "20%", "40%", "60%", "80%", "100%"],
    )
    return _layout(fig, t("pareto_title"))


def _first_last(rows: pd.Index) -> list[int]:
    return [rows[0], rows[-1]] if len(rows) else []


def _pareto_label_heights(ends: dict[str, float]) -> dict[str, float]:
    """Where the A and B labels sit (% on the y axis): 12 points below their tier's end, A at least 26 points
    below B so the two-line labels never overlap, on the home page's short charts at a laptop's width too."""
    heights = {tier: y - 12 for tier, y in ends.items()}
    if "A" in heights and "B" in heights:
        heights["A"] = min(heights["A"], heights["B"] - 26)
    return heights


def summary_table(tiers: pd.DataFrame) -> pd.DataFrame:
    summary = abc.tier_summary(tiers)
    services = abc.service_levels(tiers).set_index("tier")["service_level"]
    return pd.DataFrame(
        {
            t("tier"): summary["tier"].map(lambda c: code_label("tier", c)),
            t("customers_count"): summary["customers_count"],
            t("customer_share"): summary["customer_share"].map(pct),
            t("net_revenue"): summary["net_revenue"].map(money),
            t("revenue_share"): summary["revenue_share"].map(pct),
            t("service_level"): summary["tier"].map(lambda c: code_label("service", services[c])),
        }
    )


def _move_label(code: str) -> str:
    return t(f"tier_{code}") if code in ("new", "lost") else code_label("tier", code)


def migration_panel(migration: abc.TierMigration, window_days: int) -> None:
    """The migration heatmap with its rule; against a previous window the data barely covers, the sentence
    that says so instead (issue #11: 'new' customers there are the missing file, not new business)."""
    covered = migration.previous
    if covered is not None and not covered.comparable:
        st.subheader(t("migration_title"))
        st.info(comparison.sentence(covered), icon=":material/info:")
        return
    st.plotly_chart(migration_figure(migration.matrix), key="abc_migration")
    st.caption(t("migration_rule", days=window_days))


def migration_figure(matrix: pd.DataFrame) -> go.Figure:
    grid = matrix.pivot(index="from_tier", columns="to_tier", values="customers_count")
    grid = grid.reindex(index=list(abc.FROM_TIERS), columns=list(abc.TO_TIERS)).fillna(0).astype(int)
    rows = [html.escape(_move_label(c)) for c in grid.index]
    cols = [html.escape(_move_label(c)) for c in grid.columns]
    fig = go.Figure(
        go.Heatmap(
            z=grid.values,
            x=cols,
            y=rows,
            colorscale="Blues",
            showscale=False,
            hovertemplate=html.escape(t("migration_from")) + " %{y} → %{x}: %{z:,}<extra></extra>",
        )
    )
    # Each count as an annotation in a colour that reads on its cell: plotly's automatic text colour put dark
    # digits on the darkest cell (and white ones on a light cell under Streamlit's theme); at most 4×4 cells.
    top = max(int(grid.values.max()), 1)
    for i, row in enumerate(rows):
        for j, col in enumerate(cols):
            count = int(grid.values[i, j])
            fig.add_annotation(
                x=col,
                y=row,
                text=f"{count:,}",
                showarrow=False,
                font=dict(size=16, color="white" if count / top > 0.45 else "#1f2937"),
            )
    category_axis(fig, "y", rows)
    category_axis(fig, "x", cols)
    fig.update_yaxes(title_text=t("migration_from"))
    fig.update_xaxes(title_text=t("migration_to"))
    return _layout(fig, t("migration_title"))


def coverage_figure(coverage: pd.DataFrame) -> go.Figure:
    owned = coverage[coverage["has_manager"]].sort_values("a_customers_count")
    fig = go.Figure(
        go.Bar(
            y=owned["account_manager"].astype(str).map(html.escape),
            x=owned["a_customers_count"],
            orientation="h",
            marker_color=TIER_COLORS["A"],
            text=owned["a_customers_count"],
            textposition="outside",
            customdata=owned["customers_count"],
            hovertemplate="%{y}: %{x} / %{customdata} " + html.escape(t("customers_unit")) + "<extra></extra>",
        )
    )
    fig.update_xaxes(title_text=t("coverage_x"))
    category_axis(fig, "y")  # a manager's staff number (1023) is a name, not a value
    fig = _layout(fig, t("coverage_title"))
    fig.update_layout(height=max(320, 28 * len(owned) + 120))
    return fig


def full_table(tiers: pd.DataFrame, book: Outlook | None = None) -> pd.DataFrame:
    """Every customer by rank; gross profit and owner only when the file has a cost/profit and a manager column
    (without them the columns would read ¥0.00 and "(no account manager)" for every customer); with book, the
    forecast's P(alive), expected orders and revenue."""
    table = pd.DataFrame(
        {
            t("rank"): tiers["rank"],
            t("customer"): tiers["customer_name"].fillna(tiers["customer"]),
            t("tier"): tiers["tier"].map(lambda c: code_label("tier", c)),
            t("net_revenue"): tiers["net_revenue"],
            t("metric_gross_profit"): tiers["gross_profit"],
            t("metric_order_count"): tiers["order_count"],
            t("cum_share"): tiers["cum_share"] * 100,
            t("owner"): tiers["account_manager"].fillna(t("no_manager")),
        }
    )
    if not cached.has_field("profit"):  # profit is filled from amount - cost when only cost was mapped
        table = table.drop(columns=t("metric_gross_profit"))
    if not cached.has_field("account_manager"):
        table = table.drop(columns=t("owner"))
    table = table.reset_index(drop=True)
    if book is not None:
        table = pd.concat([table, forecast_columns(tiers["customer"], book)], axis=1)
    return table


def full_table_config() -> dict:
    return {
        t("net_revenue"): st.column_config.NumberColumn(format="¥%,.2f"),
        t("metric_gross_profit"): st.column_config.NumberColumn(format="¥%,.2f"),
        t("cum_share"): st.column_config.ProgressColumn(min_value=0, max_value=100, format="%.1f%%"),
    }
