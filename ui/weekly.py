"""The weekly review (周会看板): its figures in one cached bundle, the KPI strip and the four views."""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import timedelta

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from core.analytics import abc, long_tail
from core.analytics.churn import AT_RISK_LEVELS
from core.filters import Filters
from core.labels import customer_funnel_label
from core.rules import Rules
from ui import abc_view, cached, churn_view, comparison, funnel_view, grid, long_tail_view, presentation, state
from ui import rules as ui_rules
from ui.charts import LEVEL_COLORS, PRIMARY, _layout, category_axis, customer_labels
from ui.format import code_label, delta_style, money, money_scale, pct
from ui.text import lang, t, t_raw

TOP_WARNINGS = 10


@dataclass
class Weekly:
    filters: Filters
    rules: Rules  # the session's one set of rules (ui.rules): the same the brief gets
    tiers: pd.DataFrame
    migration: abc.TierMigration
    warnings: pd.DataFrame
    lorenz: pd.DataFrame
    funnel: pd.DataFrame
    funnel_source: str  # "pipeline" or "orders"
    win_rate: float | None
    active: int  # core.analytics.active, the brief's and the report JSON's count
    active_before: int  # the same count in the previous window


def load(filters: Filters | None) -> Weekly | None:
    """Everything the home page draws, from the cached analyses; None without orders."""
    if filters is None or filters.as_of is None:
        return None
    rules = ui_rules.current()
    has_pipeline = cached.get("has_pipeline", filters)
    if has_pipeline:
        funnel = cached.get("pipeline_funnel", filters)
        rate = cached.get("win_rate", filters)["win_rate"].iloc[0]
        win_rate = None if pd.isna(rate) else float(rate)
    else:
        funnel, win_rate = cached.get("customer_funnel", filters, rules.funnel, rules.abc), None
    previous = filters.with_as_of(filters.as_of - timedelta(days=filters.window_days))
    return Weekly(
        filters,
        rules,
        tiers=cached.get("abc_tiers", filters, rules.abc),
        migration=cached.get("tier_migration", filters, rules.abc),
        warnings=cached.get("churn_warnings", filters, rules.churn),
        lorenz=cached.get("lorenz_points", filters),
        funnel=funnel,
        funnel_source="pipeline" if has_pipeline and not funnel.empty else "orders",
        win_rate=win_rate,
        active=cached.get("active_customers", filters),
        active_before=cached.get("active_customers", previous),
    )


def previous_words(w: Weekly) -> tuple[bool, str, str]:
    """(comparable, the short note for a KPI's delta when it is not, the sentence for its help)."""
    covered = w.migration.previous
    if covered is None:
        return False, "", ""
    return covered.comparable, "" if covered.comparable else comparison.short(covered), comparison.sentence(covered)


def kpi_strip(w: Weekly) -> None:
    moves = w.migration.customers
    now_cents, before_cents = int(moves["net_revenue_cents"].sum()), int(moves["previous_net_revenue_cents"].sum())
    change = (now_cents - before_cents) / abs(before_cents) if before_cents else None
    summary = abc.tier_summary(w.tiers).set_index("tier")
    at_risk = w.warnings[w.warnings["level"].isin(AT_RISK_LEVELS)]
    versus = t("kpi_vs_previous")
    comparable, short, previous = previous_words(w)
    # like with like only (issue #11): against a window the data barely covers, say so instead of a change
    off = delta_style(None)
    shown_change = None if change is None else round(change, 3)  # +0.0% shown is no change
    cols = st.columns(5)
    cols[0].metric(
        t("kpi_net_revenue"),
        money(now_cents / 100),
        border=True,
        help=t("kpi_net_revenue_help")
        + " "
        + t("kpi_net_revenue_exact", amount=f"¥{now_cents / 100:,.2f}")
        + " "
        + previous,
        delta=(None if change is None else f"{change:+.1%} {versus}") if comparable else short or None,
        **(delta_style(shown_change) if comparable else off),
    )
    cols[1].metric(
        t("kpi_active_customers"),
        f"{w.active:,}",
        border=True,
        help=t("kpi_active_help") + " " + previous,
        delta=f"{w.active - w.active_before:+,} {versus}" if comparable else short or None,
        **(delta_style(w.active - w.active_before) if comparable else off),
    )
    cols[2].metric(
        t("kpi_a_share"),
        pct(summary.loc["A", "revenue_share"]),
        border=True,
        help=t("kpi_a_share_help", a=pct(w.rules.abc.a_below, 0)),
        delta=t("kpi_a_customers", n=int(summary.loc["A", "customers_count"])),
        delta_color="off",
        delta_arrow="off",
    )
    cols[3].metric(
        t("kpi_at_risk"),
        money(at_risk["revenue_at_risk"].sum()),
        border=True,
        help=t("kpi_at_risk_help_lost", lost=w.rules.churn.lost_after_days),
        delta=t("kpi_at_risk_customers", n=len(at_risk)),
        delta_color="off",
        delta_arrow="off",
    )
    # no rate says why on the card, for the room reading the projector, not only in the tooltip; in the
    # card's grey note (the words in the figure's place were cut to 'No pipe…' in a fifth of 1366 px)
    has_pipeline = w.win_rate is not None or cached.get("has_pipeline", w.filters)
    why = None if w.win_rate is not None else t("kpi_win_rate_no_closed" if has_pipeline else "kpi_no_pipeline")
    cols[4].metric(
        t("kpi_win_rate"),
        "—" if w.win_rate is None else pct(w.win_rate),
        border=True,
        help=t("kpi_win_rate_help") if has_pipeline else t("kpi_win_rate_none"),
        delta=why,
        delta_color="off",
        delta_arrow="off",
    )


def four_views(w: Weekly, present: bool) -> pd.DataFrame:
    """ABC, funnel, churn warnings and the long tail in a 2×2 grid; returns the churn top list it drew."""
    top = st.columns(2, gap="medium")
    pareto = abc_view.pareto_figure(w.tiers, w.rules.abc).update_yaxes(title_text=t_raw("home_cum_share"))
    top[0].plotly_chart(presentation.for_projector(pareto, present), key="home_pareto")
    top[1].plotly_chart(presentation.for_projector(funnel_figure(w), present), key="home_funnel")
    bottom = st.columns(2, gap="medium")
    warnings = top_warnings(w.warnings)
    if warnings.empty:
        bottom[0].info(t("no_warnings"))
    else:
        bottom[0].plotly_chart(presentation.for_projector(warnings_figure(warnings), present), key="home_warnings")
    tail = tail_figure(w).update_yaxes(title_text=t_raw("home_cum_share"))  # the long titles overran the plot
    bottom[1].plotly_chart(presentation.for_projector(tail, present), key="home_tail")
    return warnings


def rule_lines(w: Weekly) -> None:
    """Each view's rule in words, laid out as the grid above it."""
    st.markdown(f"**{t('home_rules')}**")
    left, right = st.columns(2, gap="medium")
    left.caption(abc_view.rule_line(w.rules.abc) + ui_rules.where_set("abc", w.rules))
    right.caption(funnel_rule(w))
    left.caption(churn_rule(w))
    right.caption(tail_rule(w))


# the weekly review's full width at 1366 px: its two columns and the gap between them (its page has a smaller
# side gap than the others, whose tables fit grid.MAIN)
HOME_MAIN = 2 * grid.HOME_HALF + 16


def call_list(top: pd.DataFrame) -> None:
    """The churn top list as a table: the reason and owner a caller reads out."""
    if top.empty:
        return
    st.subheader(t("home_call_list", n=len(top)))
    table = warnings_table(top)
    # widths from the content, the reason wrapping when the laptop's box is too narrow: fixed widths cut the
    # English "Account manager" header at the grid's edge at 1366 px (issue #11)
    st.dataframe(table, hide_index=True, **grid.fit(table, HOME_MAIN, wrap=[t("reason")]))


def brief_button(filters: Filters, rules: Rules) -> None:
    """One click: the workbook is built when the button is pressed, not on every rerun, by the rules on
    screen (every group of them, so the handed-out workbook and the projector agree)."""
    from core import brief  # openpyxl loads when a page offers the brief, not with the sidebar

    con, reports, language = state.connection(), state.reports(), lang()

    def build() -> bytes:
        return brief.workbook_bytes(con, filters, reports["orders"], reports.get("pipeline"), language, rules)

    st.download_button(
        t("brief_download"),
        data=build,
        file_name=t_raw("brief_file", as_of=filters.as_of.isoformat()),
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        icon=":material/download:",
        type="primary",
        key="brief",
        help=t("brief_help"),
        on_click="ignore",
    )


def funnel_figure(w: Weekly) -> go.Figure:
    f = w.funnel
    if w.funnel_source == "pipeline":
        stages = [html.escape(str(s)) for s in f["stage"]]
        title = t("funnel_pipeline_title")
    else:
        repeat = w.rules.funnel.repeat_orders
        stages = [html.escape(customer_funnel_label(s, lang(), repeat)) for s in f["stage"]]
        title = t("funnel_customer_title")
    fig = go.Figure(
        go.Funnel(
            y=stages,
            x=f["reached"],
            marker=dict(color=PRIMARY),
            **funnel_view.bar_texts([f"{int(r):,}" for r in f["reached"]], f["conversion"]),
            connector=dict(line=dict(color="#c9d3de")),
            customdata=[pct(c) for c in f["conversion"]],
            hovertemplate="%{y}<br>"
            + html.escape(t("funnel_reached"))
            + ": %{x:,}<br>"
            + html.escape(t("funnel_conversion"))
            + ": %{customdata}<extra></extra>",
        )
    )
    category_axis(fig, "y")  # a stage named "1" or "2" is a stage, not a number
    return funnel_view.room_beside_bars(_layout(fig, title), fig.data[0].text)


def warnings_figure(top: pd.DataFrame) -> go.Figure:
    names = customer_labels(top).map(html.escape)
    if cached.has_field("account_manager"):
        owners = " · " + top["account_manager"].fillna(t("no_manager")).astype(str).map(html.escape)
    else:  # the file has no manager column: say nothing about one
        owners = pd.Series("", index=top.index)
    reasons = top["reason_zh" if lang() == "zh" else "reason_en"].fillna("").astype(str).map(html.escape)
    divisor, unit = money_scale(float(top["revenue_at_risk"].max() or 0))
    fig = go.Figure()
    for level in ("high", "medium"):
        rows = top["level"].eq(level)
        if not rows.any():
            continue
        fig.add_trace(
            go.Bar(
                y=names[rows],
                x=top.loc[rows, "revenue_at_risk"] / divisor,
                orientation="h",
                name=html.escape(code_label("level", level)),
                marker_color=LEVEL_COLORS[level],
                customdata=list(zip(owners[rows], reasons[rows], top.loc[rows, "revenue_at_risk"].map(money))),
                hovertemplate="%{y}<br>%{customdata[2]}%{customdata[0]}<br>%{customdata[1]}<extra></extra>",
            )
        )
    category_axis(fig, "y", list(names))  # ids like 12415 are names here, largest risk on top
    fig.update_xaxes(
        title_text=f"{t('revenue_at_risk')}（{unit}）" if lang() == "zh" else f"{t('revenue_at_risk')} ({unit})",
        tickformat=",.2~f",
    )
    fig.update_layout(legend=dict(orientation="h", y=-0.15), barmode="stack")
    return _layout(fig, t_raw("warnings_title", n=len(top)))


def top_warnings(warnings: pd.DataFrame) -> pd.DataFrame:
    at_risk = warnings[warnings["level"].isin(AT_RISK_LEVELS) & (warnings["revenue_at_risk"] > 0)]
    return at_risk.head(TOP_WARNINGS).reset_index(drop=True)


def warnings_table(top: pd.DataFrame) -> pd.DataFrame:
    table = pd.DataFrame(
        {
            t("customer"): customer_labels(top),
            t("level"): top["level"].map(lambda c: code_label("level", c)),
            # the amount before the long reason, so a laptop-width table still shows it
            t("revenue_at_risk"): top["revenue_at_risk"].map(money),
            t("reason"): top["reason_zh" if lang() == "zh" else "reason_en"].fillna(""),
        }
    )
    if cached.has_field("account_manager"):  # no column for a field the file does not have
        table[t("owner")] = top["account_manager"].fillna(t("no_manager"))
    return table


def tail_figure(w: Weekly) -> go.Figure:
    shares = long_tail.tail_shares(w.tiers, w.rules.long_tail).iloc[0]
    return long_tail_view.lorenz_figure(
        w.lorenz, long_tail.gini(w.lorenz), shares["customer_share"], shares["revenue_share"]
    )


def describe_rules(w: Weekly) -> str:
    abc_rules = w.rules.abc
    abc_words = t(
        "weekly_rules",
        a=pct(abc_rules.a_below, 0),
        b=pct(abc_rules.b_below, 0),
        metric=abc_view.metric_label(abc_rules.metric),
    )
    return abc_words + " · " + t("active_rule")


def funnel_rule(w: Weekly) -> str:
    if w.funnel_source == "pipeline":
        note = funnel_view.amount_note(cached.get("win_rate", w.filters), short=True)  # issue #11
        return t("funnel_pipeline_rule") + (" " + note if note else "")
    return t("funnel_customer_hint_repeat", repeat=w.rules.funnel.repeat_orders) + ui_rules.where_set("funnel", w.rules)


def churn_rule(w: Weekly) -> str:
    return churn_view.short_rule_line(w.rules.churn) + ui_rules.where_set("churn", w.rules)


def tail_rule(w: Weekly) -> str:
    return t("tail_rule", tail=long_tail_view.tail_words(w.rules.long_tail)) + ui_rules.where_set("long_tail", w.rules)
