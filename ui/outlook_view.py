"""The outlook on screen (issue #14): the forecast on the profile, as columns of the churn list and the ABC table,
summed per tier and account manager on the home page. Figures from core.outlook_tables, as the brief's.

Where the model gives no number the screen says why in words, never a blank or "None": a whole book too small
to fit gets one sentence instead of every forecast figure.
"""

from __future__ import annotations

import duckdb
import pandas as pd
import streamlit as st

from core import outlook_tables
from core.analytics import abc
from core.filters import Filters
from core.labels import (
    CONTACT_PATTERN_LABELS,
    FORECAST_NOTE_LABELS,
    LOYALTY_LABELS,
    LOYALTY_REASON_LABELS,
    RELATIONSHIP_LABELS,
    TIER_LABELS,
    label,
)
from core.outlook import book_forecast
from core.outlook_tables import HORIZONS, NO_TIER, Outlook
from core.rules import Rules
from ui import cached, grid, state
from ui.format import money, pct
from ui.text import lang, t, t_raw

HORIZON_KEY = "horizon"  # ?horizon=180 on the profile: a pasted link keeps the horizon chosen
HORIZON_WIDGET = "profile_horizon"


@st.cache_data(show_spinner=False, max_entries=64)
def _outlook(_con: duckdb.DuckDBPyConnection, version: str, filters: Filters, rules: Rules, horizon: int) -> Outlook:
    # version is only part of the key: a new upload in this session misses every old entry
    return outlook_tables.customer_outlook_table(_con, filters, rules, horizon)


def outlook(filters: Filters, rules: Rules, horizon: int = 90) -> Outlook:
    """core.outlook_tables.customer_outlook_table for this session's data, cached per filters, rules, horizon."""
    return _outlook(state.connection(), state.data_version(), filters, rules, horizon)


@st.cache_data(show_spinner=False, max_entries=64)
def _expected(_con: duckdb.DuckDBPyConnection, version: str, filters: Filters, rules: Rules) -> Outlook:
    # the churn list and the tiers are the home page's own cached ones: a filter change computes them once
    return outlook_tables.expected_outlook(
        book_forecast(_con, filters),
        cached.get("churn_warnings", filters, rules.churn),
        cached.get("abc_tiers", filters, abc.usable_rules(_con, rules.abc)),
    )


def expected(filters: Filters, rules: Rules) -> Outlook:
    """core.outlook_tables.expected_outlook for this session's data (the next 90 days), cached per filters and
    rules: outlook()'s forecast columns without its loyalty, relationship and lifecycle work."""
    return _expected(state.connection(), state.data_version(), filters, rules)


def no_fit_words(book: Outlook) -> str:
    """Why the book has no forecast, in words (the forecast's status: too few repeat customers, no fit)."""
    return label(FORECAST_NOTE_LABELS, book.forecast.status, lang())


# ---- one customer's figures as text: a number, or a short word where the model gives none ---------------


def exact_money(cents) -> str:
    """¥12,345.67 from integer cents; a dash for none."""
    if cents is None or pd.isna(cents):
        return "—"
    return f"{'-' if cents < 0 else ''}¥{abs(int(cents)) / 100:,.2f}"


def p_alive_text(p_alive, note) -> str:
    """99.7%; never a rounded 100.0% or 0.0%, which would read as certain."""
    if p_alive is None or pd.isna(p_alive):
        return _short_note(note)
    p = float(p_alive)
    return ">99.9%" if p >= 0.9995 else "<0.1%" if p < 0.0005 else pct(p)


def orders_text(orders, note) -> str:
    return _short_note(note) if orders is None or pd.isna(orders) else f"{float(orders):,.2f}"


def revenue_text(cents, note) -> str:
    return _short_note(note) if cents is None or pd.isna(cents) else exact_money(cents)


_SHORT_NOTES = ("one_purchase_day", "no_purchase_day", "non_positive_order_value")


def _short_note(note) -> str:
    """A few words for a cell (the full sentence is in the column's help and on the profile)."""
    return t_raw(f"fc_short_{note}") if note in _SHORT_NOTES else "—"


def forecast_columns(customers: pd.Series, book: Outlook) -> pd.DataFrame:
    """Three text columns for the given customers, in their order: P(alive), expected orders and expected
    revenue over the book's horizon (headers say the horizon). Empty (no columns) when the book has no fit."""
    if not book.is_fitted:
        return pd.DataFrame(index=range(len(customers)))
    rows = book.customers.set_index("customer").reindex(customers.astype(str).tolist())
    days = book.horizon_days
    return pd.DataFrame(
        {
            t_raw("fc_col_p_alive"): [p_alive_text(p, n) for p, n in zip(rows["p_alive"], rows["forecast_note"])],
            t_raw("fc_col_orders", days=days): [
                orders_text(o, n) for o, n in zip(rows["expected_orders"], rows["forecast_note"])
            ],
            t_raw("fc_col_revenue", days=days): [
                revenue_text(c, n) for c, n in zip(rows["expected_revenue_cents"], rows["forecast_note"])
            ],
        }
    )


def forecast_column_config(days: int) -> dict:
    return {
        t_raw("fc_col_p_alive"): st.column_config.TextColumn(help=t_raw("fc_col_p_alive_help")),
        t_raw("fc_col_orders", days=days): st.column_config.TextColumn(help=t_raw("fc_col_orders_help", days=days)),
        t_raw("fc_col_revenue", days=days): st.column_config.TextColumn(help=t_raw("fc_col_revenue_help", days=days)),
    }


def table_note(book: Outlook) -> str:
    """The caption under a table with forecast columns: the model and its horizon, or why there are none."""
    if not book.is_fitted:
        return t("fc_table_no_fit", reason=no_fit_words(book))
    return t("fc_table_rule", days=book.horizon_days)


# ---- the profile --------------------------------------------------------------------------------------


def horizon_picker() -> int:
    """30 / 90 / 180 / 365 days, kept in the URL (?horizon=); 90 by default."""
    wanted = st.query_params.get(HORIZON_KEY, "")
    if st.session_state.get(HORIZON_WIDGET) not in HORIZONS:
        st.session_state[HORIZON_WIDGET] = int(wanted) if wanted.isdigit() and int(wanted) in HORIZONS else 90
    days = st.radio(
        t("fc_horizon"),
        HORIZONS,
        key=HORIZON_WIDGET,
        horizontal=True,
        format_func=lambda d: t_raw("fc_horizon_days", days=d),
    )
    if days == 90:
        st.query_params.pop(HORIZON_KEY, None)
    else:
        st.query_params[HORIZON_KEY] = str(days)
    return days


def survey_words(row) -> str:
    """The customer's latest satisfaction score and referrals, and why its band is what it is; '' when the file
    has neither column (nothing is said about a column the file lacks)."""
    reason = row["loyalty_reason"]
    if not isinstance(reason, str):
        return ""
    parts = []
    if cached.has_field("satisfaction"):
        score = row["satisfaction"]
        parts.append(
            t("fc_satisfaction_line", score=t_raw("fc_not_surveyed") if pd.isna(score) else pct(float(score), 0))
        )
    if cached.has_field("referrals") and not pd.isna(row["referrals"]):
        parts.append(t("fc_referrals_line", n=int(row["referrals"])))
    parts.append(label(LOYALTY_REASON_LABELS, reason, lang()))
    return " · ".join(parts)


def profile_panel(customer: str, filters: Filters, rules: Rules) -> None:
    """P(alive) (or why there is none), expected orders and revenue over the chosen horizon, and the
    customer's loyalty band and relationship level."""
    st.markdown(f"**{t('fc_profile_title')}**")
    days = horizon_picker()
    book = outlook(filters, rules, days)
    rows = book.customers[book.customers["customer"] == customer]
    if rows.empty:
        return
    row = rows.iloc[0]
    # three cards and two: five in a row cut their labels on a laptop (1366 px with the sidebar). No model, no
    # forecast cards: the sentence saying why stands in their place, not a row of dashes under it
    if book.is_fitted:
        a, b, c = st.columns(3)
    else:
        st.caption(no_fit_words(book))
    d, e = st.columns(2)
    card = dict(delta_color="off", delta_arrow="off", border=True)
    d.metric(
        t("fc_loyalty"),
        t_raw(f"fc_band_{row['loyalty_band']}"),
        help=label(LOYALTY_LABELS, row["loyalty_band"], lang()),
        **card,
    )
    e.metric(
        t("fc_relationship"),
        label(RELATIONSHIP_LABELS, row["relationship_level"], lang()),
        help=label(CONTACT_PATTERN_LABELS, row["contact_pattern"], lang()),
        **card,
    )
    st.caption(t("fc_contact_line", pattern=label(CONTACT_PATTERN_LABELS, row["contact_pattern"], lang())))
    survey = survey_words(row)
    if survey:
        st.caption(survey)
    if not book.is_fitted:
        return
    note = row["forecast_note"] if isinstance(row["forecast_note"], str) else None
    a.metric(t("fc_col_p_alive"), p_alive_text(row["p_alive"], note), **card)
    b.metric(t("fc_col_orders", days=days), orders_text(row["expected_orders"], note), **card)
    cents = row["expected_revenue_cents"]
    # the card shows ¥278.2万 so it fits a laptop's fifth of a row; the exact cents are in its help
    shown, exact = (
        (money(int(cents) / 100), t_raw("fc_exact", amount=exact_money(cents)))
        if pd.notna(cents)
        else (
            revenue_text(cents, note),
            None,
        )
    )
    c.metric(t("fc_col_revenue", days=days), shown, help=exact, **card)
    if note:
        st.caption(label(FORECAST_NOTE_LABELS, note, lang()))
    st.caption(t("fc_table_rule", days=days))


# ---- the home page: expected next 90 days, per tier and per account manager ---------------------------


def tier_word(code: str) -> str:
    return t_raw("fc_no_tier") if code == NO_TIER else label(TIER_LABELS, code, lang())


def expected_table(summary: pd.DataFrame, by: str, words) -> pd.DataFrame:
    """A sum per group as the screen shows it: the group in words, customers, expected orders and revenue."""
    return pd.DataFrame(
        {
            t_raw("fc_group_" + by): [words(v) for v in summary[by]],
            t_raw("customers_count"): summary["customers_count"].astype("int64"),
            t_raw("fc_sum_orders"): [f"{float(v):,.1f}" for v in summary["expected_orders"]],
            t_raw("fc_sum_revenue"): [exact_money(v) for v in summary["expected_revenue_cents"]],
        }
    )


def expected_block(filters: Filters | None, rules: Rules | None = None) -> None:
    """未来90天预计 / Expected next 90 days: per tier, and per account manager when the file names them."""
    if filters is None or filters.as_of is None:
        return
    from ui import rules as ui_rules

    rules = rules or ui_rules.current()
    book = expected(filters, rules)
    st.subheader(t("fc_home_title"))
    if book.customers.empty:
        st.info(t("no_customers_in_filter"))
        return
    if not book.is_fitted:
        st.info(no_fit_words(book), icon=":material/info:")
        return
    total = outlook_tables.expected_total(book.customers)
    st.caption(
        t(
            "fc_home_total",
            orders=f"{total['expected_orders']:,.1f}",
            amount=money(total["expected_revenue_cents"] / 100),
            n=f"{total['customers_count']:,}",
        )
    )
    per_tier = outlook_tables.expected_by(book.customers, "tier", outlook_tables.tiers_with_none(book.customers))
    has_manager = cached.has_field("account_manager")
    left, right = st.columns(2, gap="medium") if has_manager else (st.container(), None)
    with left:
        tiers_table = expected_table(per_tier, "tier", tier_word)
        room = grid.HOME_HALF if has_manager else grid.MAIN
        st.dataframe(
            tiers_table,
            hide_index=True,
            key="fc_home_tiers",
            **grid.fit(tiers_table, room, _widths(), wrap=[tiers_table.columns[0]]),
        )
    if right is not None:
        per_manager = outlook_tables.expected_by(book.customers, "account_manager")
        with right:
            managers_table = expected_table(
                per_manager, "account_manager", lambda m: m if isinstance(m, str) else t_raw("no_manager")
            )
            st.dataframe(
                managers_table,
                hide_index=True,
                key="fc_home_managers",
                **grid.fit(
                    managers_table,
                    grid.HOME_HALF,
                    _widths(),
                    wrap=[managers_table.columns[0]],
                    height=min(38 + 35 * len(per_manager), 38 + 35 * 20),  # a team's managers all shown, no scroll
                ),
            )
    st.caption(t("fc_table_rule", days=book.horizon_days))


def _widths() -> dict:
    # the amount is what the meeting reads: it keeps its room on a laptop, the counts are short
    return {
        t_raw("customers_count"): st.column_config.NumberColumn(width="small"),
        t_raw("fc_sum_orders"): st.column_config.TextColumn(width="medium"),  # "small" cut its header at 1366 px
        t_raw("fc_sum_revenue"): st.column_config.TextColumn(width="medium"),
    }
