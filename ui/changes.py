"""What changed between two saved datasets, on screen: the home page's panel and the full page's sections."""

from __future__ import annotations

import dataclasses
import html

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from core import workspace
from core.changes import dataset_changes, trend
from core.filters import Filters
from core.rules import Rules
from ui import rules as ui_rules
from ui import state
from ui.charts import PRIMARY, _layout
from ui.format import code_label, field_label, money, pct, plain
from ui.text import lang, t


@st.cache_data(show_spinner=False, max_entries=64)
def _changes(path: str, from_id: int, to_id: int, filters: Filters, rules: Rules) -> dict:
    # saved datasets never change and ids are never reused: (path, ids, filters, rules) is a safe key
    return dataset_changes(path, from_id, to_id, filters, rules)


@st.cache_data(show_spinner=False, max_entries=16)
def _trend(path: str, ids: tuple[int, ...], filters: Filters, rules: Rules) -> list[dict]:
    return trend(path, filters, rules)


def _own_as_of(filters: Filters | None) -> Filters:
    """The page's dimension filters; the date is each dataset's own as_of, never the sidebar's."""
    return dataclasses.replace(filters, as_of=None) if filters is not None else Filters()


def latest_pair(datasets: list[dict]) -> tuple[dict, dict] | None:
    """(the one before the latest, the latest), or None with fewer than two datasets."""
    return (datasets[-2], datasets[-1]) if len(datasets) >= 2 else None


def change_panel(filters: Filters | None = None) -> None:
    """The home page's "what changed since last week": counts, tier moves and new warnings, with a link."""
    if state.is_sample():
        return  # the sample is one snapshot of made-up customers: nothing to compare yet
    pair = latest_pair(workspace.list_datasets(state.workspace_path()))
    st.subheader(t("chg_title"))
    if pair is None:
        st.caption(t("chg_need_two"))
        return
    result = _changes(
        str(state.workspace_path()), pair[0]["id"], pair[1]["id"], _own_as_of(filters), ui_rules.current()
    )
    between(pair[0], pair[1])
    headline(result)
    left, right = st.columns(2, gap="medium")
    with left:
        st.markdown(f"**{t('chg_tier_moves')}**")
        tier_moves(result, key="panel_moves")
    with right:
        st.markdown(f"**{t('chg_new_warnings')}**")
        warnings(result["new_warnings"], empty=t("chg_no_new_warnings"), key="panel_warnings")
    st.page_link("views/changes.py", label=t("chg_full_page"), icon=":material/compare_arrows:")


def _name(dataset: dict) -> str:
    """#id · label · as_of, the as_of left out when it is the label (the default label)."""
    parts = [f"#{dataset['id']}", dataset["label"]] + (
        [dataset["as_of"]] if dataset["as_of"] != dataset["label"] else []
    )
    return " · ".join(str(p) for p in parts)


def between(old: dict, new: dict) -> None:
    if (old["label"], new["label"]) == (old["as_of"], new["as_of"]):
        st.caption(plain(f"{old['as_of']} → {new['as_of']}"))
        return
    st.caption(t("chg_between", old=old["label"], old_as_of=old["as_of"], new=new["label"], new_as_of=new["as_of"]))


def headline(result: dict) -> None:
    cols = st.columns(5)
    cols[0].metric(t("chg_tier_moves"), len(result["tier_moves"]))
    cols[1].metric(t("chg_new_a"), len(result["new_a_customers"]))
    cols[2].metric(t("chg_new_warnings"), len(result["new_warnings"]))
    cols[3].metric(t("chg_cleared_warnings"), len(result["cleared_warnings"]))
    total = result["revenue_change"]["total"]
    cols[4].metric(t("chg_revenue_change"), money(total["to_net_revenue"]), delta=money(total["change"]))


def _tier(code) -> str:
    return code_label("tier", code) if code else t("chg_not_present")


def tier_moves(result: dict, *, key: str, only_new_a: bool = False) -> None:
    moves = result["new_a_customers"] if only_new_a else result["tier_moves"]
    if not moves:
        st.caption(t("chg_no_moves") if not only_new_a else t("chg_none"))
        return
    frame = pd.DataFrame(
        {
            t("customer"): [m["customer"] for m in moves],
            t("customer_name"): [m["customer_name"] or "" for m in moves],
            t("chg_col_from_tier"): [_tier(m["from_tier"]) for m in moves],
            t("chg_col_to_tier"): [_tier(m["to_tier"]) for m in moves],
            t("chg_col_from_revenue"): [money(m["from_net_revenue"]) for m in moves],
            t("chg_col_to_revenue"): [money(m["to_net_revenue"]) for m in moves],
        }
    )
    st.dataframe(frame, hide_index=True, key=key)


def warnings(rows: list[dict], *, empty: str, key: str, cleared: bool = False) -> None:
    """A warning list; a cleared warning carries its former level and reason, and is now ok."""
    if not rows:
        st.caption(empty)
        return
    reason = "reason_zh" if lang() == "zh" else "reason_en"
    frame = pd.DataFrame(
        {
            t("customer"): [w["customer"] for w in rows],
            t("chg_col_level"): [code_label("level", "ok" if cleared else w["level"]) for w in rows],
            t("chg_col_from_level"): [
                code_label("level", w["from_level"]) if w["from_level"] else t("chg_not_present") for w in rows
            ],
            t("chg_col_reason"): [w[reason] for w in rows],
            t("chg_col_at_risk"): [money(w["revenue_at_risk"]) for w in rows],
            t("chg_col_manager"): [w["account_manager"] or "" for w in rows],
        }
    )
    st.dataframe(frame, hide_index=True, key=key)


def revenue(rows: list[dict], column: str, *, key: str) -> None:
    """A table and a bar of the change per tier / region / manager."""
    names = [(code_label("tier", r[column]) if column == "tier" else r[column]) or t("chg_not_present") for r in rows]
    frame = pd.DataFrame(
        {
            (t("tier") if column == "tier" else field_label(column)): names,
            t("chg_col_customers_before"): [r["from_customers_count"] for r in rows],
            t("chg_col_customers_now"): [r["to_customers_count"] for r in rows],
            t("chg_col_from_revenue"): [money(r["from_net_revenue"]) for r in rows],
            t("chg_col_to_revenue"): [money(r["to_net_revenue"]) for r in rows],
            t("chg_col_change"): [money(r["change"]) for r in rows],
        }
    )
    left, right = st.columns([3, 2], gap="medium")
    left.dataframe(frame, hide_index=True, key=f"{key}_table")
    changes = [r["change"] for r in rows]
    fig = go.Figure(
        go.Bar(
            x=[html.escape(str(n)) for n in names],
            y=changes,
            marker_color=["#2e7d32" if c >= 0 else "#c62828" for c in changes],
            hovertemplate="%{x}: ¥%{y:,.2f}<extra></extra>",
        )
    )
    fig.update_xaxes(type="category")
    right.plotly_chart(_layout(fig, t("chg_revenue_change")), key=f"{key}_chart")


def customers(rows: list[dict], title: str, *, key: str) -> None:
    st.markdown(f"**{title}** ({len(rows)})")
    if rows:
        st.dataframe(
            pd.DataFrame(
                {
                    t("customer"): [c["customer"] for c in rows],
                    t("customer_name"): [c["customer_name"] or "" for c in rows],
                }
            ),
            hide_index=True,
            key=key,
        )


def funnel(result: dict) -> None:
    moved = result["funnel"]
    if moved is None:
        st.caption(t("chg_no_pipeline"))
        return
    rate = moved["win_rate"]
    st.metric(
        t("chg_win_rate"), pct(rate["to"]), delta=None if rate["change"] is None else f"{rate['change'] * 100:+.1f} pp"
    )
    st.dataframe(
        pd.DataFrame(
            {
                t("chg_col_stage"): [s["stage"] for s in moved["stages"]],
                t("chg_col_reached_before"): [s["from_reached"] for s in moved["stages"]],
                t("chg_col_reached_now"): [s["to_reached"] for s in moved["stages"]],
                t("chg_col_change"): [s["change"] for s in moved["stages"]],
            }
        ),
        hide_index=True,
        key="chg_funnel_stages",
    )
    if moved["stage_moves"]:
        st.markdown(f"**{t('chg_stage_moves')}**")
        st.dataframe(
            pd.DataFrame(
                {
                    t("chg_col_opportunity"): [m["opportunity_id"] for m in moved["stage_moves"]],
                    t("customer"): [m["customer"] for m in moved["stage_moves"]],
                    t("chg_col_from_stage"): [m["from_stage"] for m in moved["stage_moves"]],
                    t("chg_col_to_stage"): [m["to_stage"] for m in moved["stage_moves"]],
                }
            ),
            hide_index=True,
            key="chg_stage_moves",
        )


def trend_charts(datasets: list[dict], filters: Filters | None) -> None:
    """A-tier share, revenue at risk and win rate, one point per saved dataset."""
    path, ids = str(state.workspace_path()), tuple(d["id"] for d in datasets)
    points = _trend(path, ids, _own_as_of(filters), ui_rules.current())
    labels = [html.escape(p["label"] if p["label"] == p["as_of"] else f"{p['label']} ({p['as_of']})") for p in points]
    cols = st.columns(3, gap="medium")
    for col, field, title, percent in (
        (cols[0], "a_revenue_share", "chg_trend_a_share", True),
        (cols[1], "revenue_at_risk", "chg_trend_at_risk", False),
        (cols[2], "win_rate", "chg_trend_win_rate", True),
    ):
        values = [p[field] for p in points]
        if all(v is None for v in values):
            col.caption(f"{t(title)}: {t('chg_no_pipeline')}")
            continue
        fig = go.Figure(go.Scatter(x=labels, y=values, mode="lines+markers", line=dict(color=PRIMARY)))
        fig.update_xaxes(type="category")
        fig.update_yaxes(
            tickformat=".0%" if percent else ",.0f", rangemode="tozero", range=[0, 1.05] if percent else None
        )
        col.plotly_chart(_layout(fig, t(title)), key=f"trend_{field}")


def full_page(filters: Filters | None) -> None:
    """Every section of the changes page, for a pair the user picks (default: the two latest)."""
    datasets = workspace.list_datasets(state.workspace_path())
    if len(datasets) < 2:
        st.info(t("chg_need_two"))
        return
    by_id = {d["id"]: d for d in datasets}
    ids = [d["id"] for d in datasets]
    fmt = lambda i: _name(by_id[i])  # noqa: E731
    left, right = st.columns(2)
    from_id = left.selectbox(t("chg_from"), ids, index=len(ids) - 2, format_func=fmt, key="chg_from")
    to_id = right.selectbox(t("chg_to"), ids, index=len(ids) - 1, format_func=fmt, key="chg_to")
    result = _changes(str(state.workspace_path()), from_id, to_id, _own_as_of(filters), ui_rules.current())
    between(by_id[from_id], by_id[to_id])
    headline(result)
    st.subheader(t("chg_tier_moves"))
    tier_moves(result, key="page_moves")
    st.subheader(t("chg_new_a"))
    tier_moves(result, key="page_new_a", only_new_a=True)
    st.subheader(t("chg_new_warnings"))
    warnings(result["new_warnings"], empty=t("chg_no_new_warnings"), key="page_new_warnings")
    if result["escalated_warnings"]:
        st.subheader(t("chg_escalated_warnings"))
        warnings(result["escalated_warnings"], empty="", key="page_escalated")
    st.subheader(t("chg_cleared_warnings"))
    warnings(result["cleared_warnings"], empty=t("chg_none"), key="page_cleared", cleared=True)
    st.subheader(t("chg_revenue_change"))
    for tab, (field, column) in zip(
        st.tabs([t("chg_by_tier"), t("chg_by_region"), t("chg_by_manager")]),
        [("by_tier", "tier"), ("by_region", "region"), ("by_account_manager", "account_manager")],
    ):
        with tab:
            revenue(result["revenue_change"][field], column, key=f"rev_{field}")
    left, right = st.columns(2, gap="medium")
    with left:
        customers(result["new_customers"], t("chg_new_customers"), key="chg_new_customers")
    with right:
        customers(result["lost_customers"], t("chg_lost_customers"), key="chg_lost_customers")
    st.subheader(t("chg_funnel"))
    funnel(result)
    st.subheader(t("chg_trend"))
    trend_charts(datasets, filters)
    st.caption(t("chg_rule"))
    st.caption(rules_line())


def rules_line() -> str:
    """The cuts and thresholds both datasets were judged by: the session's, named with where they are set."""
    from ui import abc_view, churn_view  # late: the charts of those pages are not needed to list changes

    rules = ui_rules.current()
    abc_words = abc_view.rule_line(rules.abc) + ui_rules.where_set("abc", rules)
    return abc_words + " " + churn_view.short_rule_line(rules.churn) + ui_rules.where_set("churn", rules)
