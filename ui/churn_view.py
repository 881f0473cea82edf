"""The churn warning page's widgets and figures: thresholds, summary by level, the call list."""

from __future__ import annotations

import html
from dataclasses import replace

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from core.analytics.churn import AT_RISK_LEVELS, LEVELS
from core.labels import LEVEL_LABELS, label, trend_words
from core.rules import ChurnRules
from ui import cached
from ui.charts import LEVEL_COLORS, _layout
from ui.format import money
from ui.text import lang, t

# The churn page writes its thresholds here so the profile page judges a customer the same way.
RULES_KEY = "churn_rules"
CALL_LEVELS = ("lost", "high", "medium")  # 'ok' is not a call to make


def current_rules() -> ChurnRules:
    rules = st.session_state.get(RULES_KEY)
    return rules if isinstance(rules, ChurnRules) else ChurnRules()


def rules_editor() -> ChurnRules:
    """Thresholds a manager may change (PRODUCT.md: all thresholds configurable); kept for the session."""
    rules = current_rules()
    with st.expander(t("churn_edit_rules"), icon=":material/tune:"):
        a, b, c = st.columns(3)
        cycle = a.number_input(
            t("churn_default_cycle"),
            7,
            730,
            rules.default_cycle_days,
            step=1,
            key="churn_cycle",
            help=t("churn_default_cycle_help"),
        )
        lost_after = a.number_input(
            t("churn_lost_after"), 30, 1095, rules.lost_after_days, step=30, key="churn_lost_after"
        )
        high_overdue = b.number_input(
            t("churn_high_overdue"), 1.0, 20.0, float(rules.high_overdue), step=0.5, key="churn_high_overdue"
        )
        medium_overdue = b.number_input(
            t("churn_medium_overdue"), 1.0, 20.0, float(rules.medium_overdue), step=0.5, key="churn_medium_overdue"
        )
        high_decline = c.number_input(
            t("churn_high_decline"), 1, 100, round(rules.high_decline * 100), step=5, key="churn_high_decline"
        )
        medium_decline = c.number_input(
            t("churn_medium_decline"), 1, 100, round(rules.medium_decline * 100), step=5, key="churn_medium_decline"
        )
        if medium_overdue > high_overdue or medium_decline > high_decline:
            st.warning(t("churn_rules_inverted"))
        if st.button(t("churn_reset_rules"), key="churn_reset"):
            for key in (
                "churn_cycle",
                "churn_lost_after",
                "churn_high_overdue",
                "churn_medium_overdue",
                "churn_high_decline",
                "churn_medium_decline",
            ):
                st.session_state.pop(key, None)
            st.session_state[RULES_KEY] = ChurnRules()
            st.rerun()
    rules = replace(
        rules,
        default_cycle_days=int(cycle),
        lost_after_days=int(lost_after),
        high_overdue=float(high_overdue),
        medium_overdue=float(medium_overdue),
        high_decline=high_decline / 100,
        medium_decline=medium_decline / 100,
    )
    st.session_state[RULES_KEY] = rules
    return rules


def rule_line(rules: ChurnRules) -> str:
    """The rule in plain words with the thresholds in force."""
    return t(
        "churn_rule_line",
        min_days=rules.min_purchase_days_for_cycle,
        cycle=rules.default_cycle_days,
        recent=rules.recent_days,
        prior=rules.baseline_days - rules.recent_days,
        lost=rules.lost_after_days,
        ho=f"{rules.high_overdue:g}",
        hd=f"{rules.high_decline:.0%}",
        mo=f"{rules.medium_overdue:g}",
        md=f"{rules.medium_decline:.0%}",
    )


def level_word(level: str) -> str:
    return label(LEVEL_LABELS, level, lang())


def list_filters(warnings: pd.DataFrame) -> tuple[list[str], list[str]]:
    """Levels and owners to list; no owner picked means every owner."""
    a, b = st.columns([2, 3])
    levels = a.multiselect(
        t("churn_levels"),
        list(LEVELS),
        default=list(CALL_LEVELS),
        format_func=level_word,
        key="churn_levels",
        placeholder=t("churn_pick_levels"),
    )
    if not cached.has_field("account_manager"):  # the file names no manager: nothing to pick
        return levels, []
    owners = sorted(warnings["account_manager"].dropna().unique())
    picked = b.multiselect(t("churn_owners"), owners, key="churn_owners", placeholder=t("all"))
    return levels, picked


def for_owners(warnings: pd.DataFrame, owners: list[str]) -> pd.DataFrame:
    return warnings[warnings["account_manager"].isin(owners)] if owners else warnings


def summary(warnings: pd.DataFrame) -> pd.DataFrame:
    """One row per level in LEVELS order, zeros included: level, customers_count, revenue_at_risk."""
    return (
        warnings.groupby("level")
        .agg(customers_count=("customer", "size"), revenue_at_risk=("revenue_at_risk", "sum"))
        .reindex(list(LEVELS), fill_value=0)
        .rename_axis("level")
        .reset_index()
    )


def summary_panel(by_level: pd.DataFrame) -> None:
    """Customers and revenue at risk per level: cards on the left, the bar chart in level colours on the right."""
    cards, chart = st.columns([3, 2])
    grid = cards.columns(2)
    for i, row in enumerate(by_level.itertuples(index=False)):
        at_risk = row.level in AT_RISK_LEVELS  # lost and ok customers have no revenue at risk
        grid[i % 2].metric(
            level_word(row.level),
            t("churn_customers_n", n=f"{int(row.customers_count):,}"),
            t("churn_at_risk_n", amount=money(row.revenue_at_risk)) if at_risk else t("churn_not_at_risk"),
            delta_color="off",
            delta_arrow="off",
            border=True,
        )
    chart.plotly_chart(summary_figure(by_level), key="churn_levels_chart")


def summary_figure(by_level: pd.DataFrame) -> go.Figure:
    words = [html.escape(level_word(level)) for level in by_level["level"]]
    fig = go.Figure(
        go.Bar(
            x=by_level["customers_count"],
            y=words,
            orientation="h",
            marker_color=[LEVEL_COLORS[level] for level in by_level["level"]],
            customdata=[
                html.escape(
                    t("revenue_at_risk") + ": " + money(amount) if level in AT_RISK_LEVELS else t("churn_not_at_risk")
                )
                for level, amount in zip(by_level["level"], by_level["revenue_at_risk"])
            ],
            text=by_level["customers_count"],
            textposition="auto",
            hovertemplate="%{y}<br>" + html.escape(t("churn_customers")) + ": %{x:,}<br>%{customdata}<extra></extra>",
        )
    )
    fig.update_yaxes(autorange="reversed", type="category")
    fig.update_xaxes(title_text=t("churn_customers"))
    fig = _layout(fig, t("churn_by_level"))
    fig.update_layout(height=250, showlegend=False, margin=dict(l=10, r=10, t=40, b=10))
    return fig


def call_list(warnings: pd.DataFrame) -> pd.DataFrame:
    """The call list as shown and exported: headers and reasons in the UI language, numbers kept numeric."""
    frame = pd.DataFrame({t("customer"): warnings["customer"]})
    if warnings["customer_name"].notna().any():
        frame[t("customer_name")] = warnings["customer_name"]
    reason = "reason_zh" if lang() == "zh" else "reason_en"
    frame[t("churn_col_level")] = warnings["level"].map(level_word)
    frame[t("churn_col_reason")] = warnings[reason]
    frame[t("churn_col_revenue_at_risk")] = warnings["revenue_at_risk"]
    if cached.has_field("account_manager"):  # a file without the column gets no column of blanks
        frame[t("churn_col_owner")] = warnings["account_manager"].fillna(t("no_manager"))
    # a customer with only returns has no purchase date and no overdue: said in words, never "None"
    frame[t("churn_col_last_purchase")] = warnings["last_purchase_date"].dt.strftime("%Y-%m-%d").fillna("—")
    frame[t("churn_col_cycle_days")] = warnings["cycle_days"]
    frame[t("churn_col_overdue")] = warnings["overdue"].map(lambda v: "—" if pd.isna(v) else f"{v:.1f}×")
    frame[t("churn_col_decline")] = [
        trend_words(trend, pct, capped, lang())
        for trend, pct, capped in zip(warnings["trend"], warnings["trend_pct"], warnings["trend_capped"])
    ]
    return frame.reset_index(drop=True)


def column_config() -> dict:
    return {
        t("churn_col_revenue_at_risk"): st.column_config.NumberColumn(format="accounting"),
        t("churn_col_cycle_days"): st.column_config.NumberColumn(format="%.1f"),
        t("churn_col_overdue"): st.column_config.TextColumn(help=t("churn_col_overdue_help")),
        t("churn_col_decline"): st.column_config.TextColumn(help=t("churn_col_decline_help")),
        t("churn_col_reason"): st.column_config.TextColumn(width=280),
    }


def excel_formats() -> dict[str, str]:
    return {
        t("churn_col_revenue_at_risk"): "#,##0.00",
        t("churn_col_cycle_days"): "0.0",
    }
