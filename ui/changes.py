"""What changed between two saved datasets, on screen: the home page's panel, the pair picked and the full page.

change_tables.py draws each section's tables and bars; window_bridge.py the bridge on the session's data."""

from __future__ import annotations

import dataclasses
import html

import plotly.graph_objects as go
import streamlit as st

from core import workspace
from core.changes import dataset_changes, default_from, trend
from core.filters import Filters
from core.rules import Rules
from core.workspace import merges
from ui import bridge_view, change_tables, state, window_bridge
from ui import rules as ui_rules
from ui.charts import PRIMARY, _layout
from ui.format import plain
from ui.session_user import current_user
from ui.text import t, t_raw


@st.cache_data(show_spinner=False, max_entries=64)
def _changes(path: str, from_id: int, to_id: int, filters: Filters, rules: Rules, merges_version: int = 0) -> dict:
    # saved datasets never change, ids are never reused and customer merges only grow (each opened dataset
    # has them applied): (path, ids, filters, rules, merges version) is a safe key
    return dataset_changes(path, from_id, to_id, filters, rules)


def _merges_version() -> int:
    return merges.version(state.workspace_path())


@st.cache_data(show_spinner=False, max_entries=16)
def _trend(path: str, ids: tuple[int, ...], filters: Filters, rules: Rules, merges_version: int = 0) -> list[dict]:
    return trend(path, filters, rules)


def _own_as_of(filters: Filters | None) -> Filters:
    """The page's dimension filters; the date is each dataset's own as_of, never the sidebar's."""
    return dataclasses.replace(filters, as_of=None) if filters is not None else Filters().scoped(current_user().scope)


def latest_pair(datasets: list[dict]) -> tuple[dict | None, dict] | None:
    """(the latest dataset with an earlier as_of, or None, the latest); None with fewer than two datasets.
    Two uploads of the same week are never compared by default (issue #11): their change is all zeros."""
    if len(datasets) < 2:
        return None
    return default_from(datasets, datasets[-1]), datasets[-1]


def change_panel(filters: Filters | None = None) -> None:
    """The home page's "what changed since last week": counts, tier moves and new warnings, with a link."""
    if state.is_sample():
        return  # the sample is one snapshot of made-up customers: nothing to compare yet
    datasets = workspace.list_datasets(state.workspace_path())
    pair = latest_pair(datasets)
    st.subheader(t("chg_title"))
    if pair is None:
        st.caption(t("chg_need_two"))
        return
    names = workspace.dataset_names(datasets)
    if pair[0] is None:
        st.caption(t("chg_no_earlier", name=names[pair[1]["id"]], as_of=pair[1]["as_of"]))
        return
    result = _changes(
        str(state.workspace_path()),
        pair[0]["id"],
        pair[1]["id"],
        _own_as_of(filters),
        ui_rules.current(),
        _merges_version(),
    )
    between(pair[0], pair[1], names)
    change_tables.headline(result)
    left, right = st.columns(2, gap="medium")
    with left:
        st.markdown(f"**{t('chg_tier_moves')}**")
        change_tables.tier_moves(result, key="panel_moves")
    with right:
        st.markdown(f"**{t('chg_new_warnings')}**")
        change_tables.warnings(result["new_warnings"], empty=t("chg_no_new_warnings"), key="panel_warnings")
    st.page_link("views/changes.py", label=t("chg_full_page"), icon=":material/compare_arrows:")


def between(old: dict, new: dict, names: dict[int, str]) -> None:
    """ "old → new" by name (label, id when shared, as_of), and a warning when both are the same week."""
    st.caption(plain(f"{names[old['id']]} → {names[new['id']]}"))  # labels are the user's text
    if old["as_of"] == new["as_of"]:
        st.warning(t("chg_same_as_of", as_of=new["as_of"]), icon=":material/warning:")


def trend_charts(datasets: list[dict], filters: Filters | None) -> None:
    """A-tier share, revenue at risk and win rate, one point per saved dataset."""
    path, ids = str(state.workspace_path()), tuple(d["id"] for d in datasets)
    points = _trend(path, ids, _own_as_of(filters), ui_rules.current(), _merges_version())
    names = workspace.dataset_names(datasets)
    # a category axis merges equal labels: each point is named apart (same label -> "#id" added)
    labels = [html.escape(names.get(p["id"], p["label"])) for p in points]
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


def _url_id(name: str, ids: list[int]) -> int | None:
    """A dataset id from the link (?from=3&to=5); None when absent, not a number or not a dataset now."""
    try:
        value = int(st.query_params.get(name, ""))
    except ValueError:
        return None
    return value if value in ids else None


def pick_pair(datasets: list[dict]) -> tuple[int | None, int]:
    """The pair to compare: from the link, else the latest dataset against the latest with an earlier as_of;
    the chosen pair goes back into the link, so a pasted link reopens it (issue #11)."""
    by_id = {d["id"]: d for d in datasets}
    ids = [d["id"] for d in datasets]
    names = workspace.dataset_names(datasets)
    fmt = names.__getitem__
    left, right = st.columns(2)
    to_default = _url_id("to", ids) or ids[-1]
    to_id = right.selectbox(t("chg_to"), ids, index=ids.index(to_default), format_func=fmt, key="chg_to")
    earlier = default_from(datasets, by_id[to_id])
    from_default = _url_id("from", ids) or (earlier["id"] if earlier else None)
    from_id = left.selectbox(
        t("chg_from"),
        ids,
        index=None if from_default is None else ids.index(from_default),
        format_func=fmt,
        key="chg_from",
        placeholder=t("chg_pick_from"),
    )
    st.query_params["to"] = str(to_id)
    if from_id is None:
        st.query_params.pop("from", None)
    else:
        st.query_params["from"] = str(from_id)
    return from_id, to_id


def full_page(filters: Filters | None) -> None:
    """Every section of the changes page, for the pair picked (pick_pair); with fewer than two datasets (or no
    earlier one), the bridge between the analysis window and the one before it."""
    datasets = workspace.list_datasets(state.workspace_path())
    if len(datasets) < 2:
        st.info(t("chg_need_two"))
        window_bridge.section(filters)
        return
    by_id = {d["id"]: d for d in datasets}
    names = workspace.dataset_names(datasets)
    from_id, to_id = pick_pair(datasets)
    if from_id is None:
        st.info(t("chg_no_earlier", name=names[to_id], as_of=by_id[to_id]["as_of"]))
        window_bridge.section(filters)
        return
    if from_id == to_id:
        st.info(t("chg_same_dataset"))
        return
    result = _changes(
        str(state.workspace_path()), from_id, to_id, _own_as_of(filters), ui_rules.current(), _merges_version()
    )
    between(by_id[from_id], by_id[to_id], names)
    change_tables.headline(result)
    st.subheader(t("chg_tier_moves"))
    change_tables.tier_moves(result, key="page_moves")
    st.subheader(t("chg_new_a"))
    change_tables.tier_moves(result, key="page_new_a", only_new_a=True)
    st.subheader(t("chg_new_warnings"))
    change_tables.warnings(result["new_warnings"], empty=t("chg_no_new_warnings"), key="page_new_warnings")
    if result["escalated_warnings"]:
        st.subheader(t("chg_escalated_warnings"))
        change_tables.warnings(result["escalated_warnings"], empty="", key="page_escalated")
    st.subheader(t("chg_cleared_warnings"))
    change_tables.warnings(result["cleared_warnings"], empty=t("chg_none"), key="page_cleared", cleared=True)
    st.subheader(t("chg_revenue_change"))
    change_tables.revenue_tabs(result["revenue_change"])
    st.subheader(t("brg_title"))
    bridge_view.section(
        result["bridge"],
        t_raw("brg_total_of", name=names[from_id]),
        t_raw("brg_total_of", name=names[to_id]),
        f"{names[from_id]} → {names[to_id]}",
        key="brg_datasets",
    )
    left, right = st.columns(2, gap="medium")
    with left:
        change_tables.customers(result["new_customers"], t("chg_new_customers"), key="chg_new_customers")
    with right:
        change_tables.customers(result["lost_customers"], t("chg_lost_customers"), key="chg_lost_customers")
    st.subheader(t("chg_funnel"))
    change_tables.funnel(result, (by_id[from_id], by_id[to_id]), names)
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
