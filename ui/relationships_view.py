"""客户关系 page's widgets (issue #14): loyalty bands, Kotler's relationship levels with their contact pattern,
the customer list filtered by both (in the URL), and the whole book's lifecycle stages with the list behind
each. Every figure from core.outlook_tables, as the brief's."""

from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from core.analytics import lifecycle, loyalty
from core.labels import (
    CONTACT_PATTERN_LABELS,
    LIFECYCLE_LABELS,
    LOYALTY_REASON_LABELS,
    MARGIN_BAND_LABELS,
    RELATIONSHIP_LABELS,
    TIER_LABELS,
    label,
)
from core.outlook_tables import NO_TIER
from core.rules import LifecycleRules, LoyaltyRules
from ui import cached
from ui.charts import PRIMARY, _layout, category_axis, customer_labels
from ui.format import pct
from ui.text import lang, t, t_raw

# page filter -> (query parameter, widget key, codes in order)
FILTERS = {
    "bands": ("loyalty", "rel_bands", loyalty.LOYALTY_BANDS),
    "levels": ("relationship", "rel_levels", loyalty.RELATIONSHIP_LEVELS),
}
STAGE_PARAM, STAGE_WIDGET = "stage", "rel_stage"
_SHARE_COLORS = (PRIMARY, "#e3a21a")


def word(mapping: dict, code) -> str:
    return label(mapping, code, lang())


def band_word(code: str) -> str:
    """高忠诚度 / High loyalty: the band's short name, for a chart axis and a list (its rule is in the caption)."""
    return t_raw(f"rel_band_{code}")


def rule_lines() -> str:
    rules = LoyaltyRules()
    return t("rel_loyalty_rule", high=pct(rules.high_above, 0), low=pct(rules.low_below, 0)) + " " + t("rel_level_rule")


def survey_line() -> str:
    """What the bands weighed besides repeat purchases: only the survey columns the file fills ('' for none)."""
    rules = LoyaltyRules()
    lines = []
    if cached.has_field("satisfaction"):
        lines.append(
            t("rel_survey_satisfaction", high=pct(rules.satisfied_from, 0), low=pct(rules.dissatisfied_below, 0))
        )
    if cached.has_field("referrals"):
        lines.append(t("rel_survey_referrals"))
    return " ".join(lines)


def summary_table(summary: pd.DataFrame, code: str, mapping: dict, header: str, contact: bool = False) -> pd.DataFrame:
    """Customers and window net revenue per group (loyalty band, level or stage) with their shares."""
    table = pd.DataFrame({header: [word(mapping, c) for c in summary[code]]})
    if contact:
        table[t_raw("rel_col_contact")] = [word(CONTACT_PATTERN_LABELS, c) for c in summary["contact_pattern"]]
    table[t_raw("customers_count")] = summary["customers_count"].astype("int64")
    table[t_raw("customer_share")] = [pct(v) for v in summary["customer_share"]]
    table[t_raw("rel_window_revenue")] = summary["net_revenue_cents"].astype("int64") / 100
    table[t_raw("revenue_share")] = [pct(None if pd.isna(v) else float(v)) for v in summary["revenue_share"]]
    return table


def summary_config() -> dict:
    return {t_raw("rel_window_revenue"): st.column_config.NumberColumn(format="¥%,.2f")}


def shares_figure(summary: pd.DataFrame, code: str, mapping: dict, what: str) -> go.Figure:
    """Share of customers beside share of window net revenue, per group: where the customers are against
    where the money is."""
    names = [html.escape(band_word(c) if code == "loyalty_band" else word(mapping, c)) for c in summary[code]]
    fig = go.Figure()
    revenue_share = summary["revenue_share"].astype(float).fillna(0)
    for (series, values), color in zip(
        ((t_raw("customer_share"), summary["customer_share"].astype(float)), (t_raw("revenue_share"), revenue_share)),
        _SHARE_COLORS,
    ):
        fig.add_trace(
            go.Bar(
                x=names,
                y=values * 100,
                name=html.escape(series),
                marker_color=color,
                # no label on an empty bar: two "0.0%" side by side ran into one "0.0%0.0%" at 1366 px
                text=[pct(v) if round(v * 100, 1) != 0 else "" for v in values],
                textposition="outside",
                hovertemplate="%{x}: %{y:.1f}%<extra>" + html.escape(series) + "</extra>",
            )
        )
    category_axis(fig, "x", names)
    fig.update_yaxes(ticksuffix="%", rangemode="tozero")
    fig.update_layout(barmode="group", legend=dict(orientation="h", y=-0.18))
    fig = _layout(fig, t_raw("rel_customers_chart", what=what if lang() == "zh" else what.lower()))
    fig.update_layout(height=360)
    return fig


def url_multiselect(name: str, format_func) -> list[str]:
    """A page filter kept in the URL (?loyalty=high&loyalty=medium), so a pasted link reopens the same list."""
    param, key, codes = FILTERS[name]
    if key not in st.session_state:
        st.session_state[key] = [c for c in st.query_params.get_all(param) if c in codes]
    picked = st.multiselect(t("rel_pick_" + name), list(codes), key=key, format_func=format_func, placeholder=t("all"))
    if picked:
        st.query_params[param] = picked
    else:
        st.query_params.pop(param, None)
    return picked


def customer_table(customers: pd.DataFrame) -> pd.DataFrame:
    """The customers as listed: loyalty, its chance and source, tier, margin band, level, contact, stage."""
    table = pd.DataFrame(
        {
            t_raw("customer"): customer_labels(customers).to_numpy(),
            t_raw("tier"): [t_raw("fc_no_tier") if c == NO_TIER else word(TIER_LABELS, c) for c in customers["tier"]],
            t_raw("rel_window_revenue"): (customers["net_revenue_cents"].astype("int64") / 100).to_numpy(),
            t_raw("rel_col_band"): [band_word(c) for c in customers["loyalty_band"]],
            t_raw("rel_col_p_repeat"): (customers["p_any_purchase"].astype(float) * 100).to_numpy(),
            t_raw("rel_col_source"): [t_raw(f"rel_source_{c}") for c in customers["loyalty_source"]],
            t_raw("rel_col_margin"): [word(MARGIN_BAND_LABELS, c) for c in customers["margin_band"]],
            t_raw("rel_col_level"): [word(RELATIONSHIP_LABELS, c) for c in customers["relationship_level"]],
            t_raw("rel_col_stage"): [word(LIFECYCLE_LABELS, c) for c in customers["lifecycle_stage"]],
            t_raw("rel_col_contact"): [word(CONTACT_PATTERN_LABELS, c) for c in customers["contact_pattern"]],
        }
    )
    if cached.has_field("account_manager"):
        table[t_raw("owner")] = customers["account_manager"].fillna(t_raw("no_manager")).to_numpy()
    return _with_survey(table, customers)


def _with_survey(table: pd.DataFrame, customers: pd.DataFrame) -> pd.DataFrame:
    """The survey columns the file fills (score, referrals), the band from purchases and why, beside the band
    they moved; the table as it was without them."""
    at = table.columns.get_loc(t_raw("rel_col_band")) + 1
    survey = []
    if cached.has_field("satisfaction"):
        scores = [t_raw("fc_not_surveyed") if pd.isna(v) else pct(float(v), 0) for v in customers["satisfaction"]]
        survey.append((t_raw("rel_col_satisfaction"), scores))
    if cached.has_field("referrals"):
        survey.append(
            (t_raw("rel_col_referrals"), ["—" if pd.isna(n) else str(int(n)) for n in customers["referrals"]])
        )
    if survey:
        behavioural = [band_word(c) for c in customers["loyalty_band_behavioural"]]
        reasons = [word(LOYALTY_REASON_LABELS, c) for c in customers["loyalty_reason"]]
        survey += [(t_raw("rel_col_behavioural"), behavioural), (t_raw("rel_col_reason"), reasons)]
    for offset, (name, values) in enumerate(survey):
        table.insert(at + offset, name, values)
    return table


def customer_config() -> dict:
    return {
        t_raw("rel_col_p_repeat"): st.column_config.ProgressColumn(min_value=0, max_value=100, format="%.1f%%"),
        t_raw("rel_window_revenue"): st.column_config.NumberColumn(format="¥%,.2f"),
        t_raw("rel_col_source"): st.column_config.TextColumn(help=t_raw("rel_col_source_help")),
        t_raw("rel_col_satisfaction"): st.column_config.TextColumn(help=t_raw("rel_col_satisfaction_help")),
    }


def lifecycle_rule() -> str:
    rules = LifecycleRules()
    return t(
        "rel_lifecycle_rule",
        new=rules.new_within_days,
        period=rules.period_days,
        down=pct(rules.declining_ratio, 0),
        up=pct(rules.growing_ratio, 0),
    )


def stage_picker() -> str:
    """One stage at a time, in the URL (?stage=declining): the list behind it."""
    stages = list(lifecycle.STAGES)
    if st.session_state.get(STAGE_WIDGET) not in stages:
        wanted = st.query_params.get(STAGE_PARAM)
        st.session_state[STAGE_WIDGET] = wanted if wanted in stages else "declining"
    stage = st.selectbox(t("rel_stage_pick"), stages, key=STAGE_WIDGET, format_func=lambda c: word(LIFECYCLE_LABELS, c))
    st.query_params[STAGE_PARAM] = stage
    return stage


def stage_table(customers: pd.DataFrame) -> pd.DataFrame:
    """The customers of one stage with the evidence for it: first and last purchase, the two half years."""
    days = LifecycleRules().period_days
    table = pd.DataFrame(
        {
            t_raw("customer"): customer_labels(customers).to_numpy(),
            t_raw("rel_col_first"): _dates(customers["first_purchase_date"]),
            t_raw("rel_col_last"): _dates(customers["last_purchase_date"]),
            t_raw("rel_col_current", days=days): customers["current_period_revenue"].astype(float).to_numpy(),
            t_raw("rel_col_previous", days=days): customers["previous_period_revenue"].astype(float).to_numpy(),
            t_raw("rel_window_revenue"): (customers["net_revenue_cents"].astype("int64") / 100).to_numpy(),
            t_raw("rel_col_level"): [word(RELATIONSHIP_LABELS, c) for c in customers["relationship_level"]],
        }
    )
    if cached.has_field("account_manager"):
        table[t_raw("owner")] = customers["account_manager"].fillna(t_raw("no_manager")).to_numpy()
    return table


def stage_config() -> dict:
    days = LifecycleRules().period_days
    money = st.column_config.NumberColumn(format="¥%,.2f")
    return {
        t_raw("rel_col_current", days=days): money,
        t_raw("rel_col_previous", days=days): money,
        t_raw("rel_window_revenue"): money,
    }


def _dates(values: pd.Series) -> list[str]:
    # a customer with only returns has no purchase date: a dash, never NaT
    return [pd.Timestamp(v).date().isoformat() if pd.notna(v) else "—" for v in values]
