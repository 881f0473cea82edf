"""The churn warning page's widgets and figures: thresholds, summary by level, the call list."""

from __future__ import annotations

import html
from dataclasses import replace

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from core.analytics.churn import AT_RISK_LEVELS, LEVELS
from core.labels import LEVEL_LABELS, label, trend_words
from core.outlook_tables import Outlook
from core.rules import ChurnRules
from ui import cached
from ui import rules as ui_rules
from ui.charts import LEVEL_COLORS, _layout
from ui.format import money
from ui.outlook_view import forecast_columns
from ui.text import lang, t

CALL_LEVELS = ("lost", "high", "medium")  # 'ok' is not a call to make
# widget key -> (setting in core.rules.SETTINGS, column, label key, step, help key); declines as whole percents
_WIDGETS = {
    "churn_cycle": ("churn_cycle", 0, "churn_default_cycle", 1, "churn_default_cycle_help"),
    "churn_lost_after": ("churn_lost", 0, "churn_lost_after", 30, None),
    "churn_high_overdue": ("churn_high_overdue", 1, "churn_high_overdue", 0.5, None),
    "churn_medium_overdue": ("churn_medium_overdue", 1, "churn_medium_overdue", 0.5, None),
    "churn_high_decline": ("churn_high_decline", 2, "churn_high_decline", 5, None),
    "churn_medium_decline": ("churn_medium_decline", 2, "churn_medium_decline", 5, None),
}
_PERCENT = ("churn_high_decline", "churn_medium_decline")


def rules_editor() -> ChurnRules:
    """Thresholds a manager may change (PRODUCT.md: all thresholds configurable), from and into the
    session's rules (ui.rules): the home page, the profile, the brief and a link use what is set here."""
    shown = _shown(ui_rules.current().churn)
    with st.expander(t("churn_edit_rules"), icon=":material/tune:"):
        columns = st.columns(3)
        values = {key: _number(columns[spec[1]], key, shown[key]) for key, spec in _WIDGETS.items()}
        if (
            values["churn_medium_overdue"] > values["churn_high_overdue"]
            or values["churn_medium_decline"] > values["churn_high_decline"]
        ):
            st.warning(t("churn_rules_inverted"))
        if st.button(t("churn_reset_rules"), key="churn_reset"):
            for key in _WIDGETS:
                st.session_state.pop(key, None)
            ui_rules.update(churn=ChurnRules())
            st.rerun()
    return ui_rules.update(churn=_rules_from(values)).churn


def _shown(rules: ChurnRules) -> dict[str, int | float]:
    """widget key -> the threshold as its input shows it."""
    return {
        "churn_cycle": rules.default_cycle_days,
        "churn_lost_after": rules.lost_after_days,
        "churn_high_overdue": float(rules.high_overdue),
        "churn_medium_overdue": float(rules.medium_overdue),
        "churn_high_decline": round(rules.high_decline * 100),
        "churn_medium_decline": round(rules.medium_decline * 100),
    }


def _rules_from(values: dict) -> ChurnRules:
    """The session's ChurnRules with the inputs' values (declines typed as whole percents)."""
    return replace(
        ui_rules.current().churn,
        default_cycle_days=int(values["churn_cycle"]),
        lost_after_days=int(values["churn_lost_after"]),
        high_overdue=float(values["churn_high_overdue"]),
        medium_overdue=float(values["churn_medium_overdue"]),
        high_decline=values["churn_high_decline"] / 100,
        medium_decline=values["churn_medium_decline"] / 100,
    )


def _number(column, key: str, value: int | float) -> int | float:
    """One threshold's input over the range a link may carry (core.rules.SETTINGS)."""
    name, _, label_key, step, help_key = _WIDGETS[key]
    setting = ui_rules.setting(name)
    if key in _PERCENT:
        low, high = round(setting.low * 100), round(setting.high * 100)
    elif setting.decimals == 0:
        low, high = int(setting.low), int(setting.high)
    else:
        low, high = float(setting.low), float(setting.high)
    return column.number_input(
        t(label_key), low, high, value, step=step, key=key, help=t(help_key) if help_key else None, on_change=_changed
    )


def _changed() -> None:
    """A threshold changed: the session's rules change before the rerun, so the page links carry it."""
    shown = _shown(ui_rules.current().churn)
    ui_rules.update(churn=_rules_from({key: st.session_state.get(key, shown[key]) for key in _WIDGETS}))


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


def short_rule_line(rules: ChurnRules) -> str:
    """The rule in one sentence, for a page that shows warnings beside other views (the home page)."""
    return t(
        "churn_rule_short",
        min_days=rules.min_purchase_days_for_cycle,
        cycle=rules.default_cycle_days,
        recent=rules.recent_days,
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
    # the cards get two thirds: at 1366 px with the sidebar a narrower card cut "276 customers" to "…"
    cards, chart = st.columns([2, 1])
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


def call_list(warnings: pd.DataFrame, book: Outlook | None = None) -> pd.DataFrame:
    """The call list as shown and exported: headers and reasons in the UI language, numbers kept numeric;
    with book, the forecast's P(alive), expected orders and revenue (as text: a word where there is none)."""
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
    frame = frame.reset_index(drop=True)
    if book is not None:
        frame = pd.concat([frame, forecast_columns(warnings["customer"], book)], axis=1)
    return frame


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
