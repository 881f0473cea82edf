"""What changed between two saved datasets, on screen: the home page's panel and the full page's sections."""

from __future__ import annotations

import dataclasses
import html
from datetime import timedelta

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from core import workspace
from core.analytics import bridge, coverage, window
from core.changes import dataset_changes, default_from, trend
from core.filters import Filters
from core.rules import Rules
from core.workspace import merges
from ui import bridge_view, cached, comparison, state
from ui import rules as ui_rules
from ui.charts import PRIMARY, _layout
from ui.format import code_label, delta_style, field_label, money, pct, plain
from ui.session_user import current_user
from ui.text import lang, t, t_raw


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
    headline(result)
    left, right = st.columns(2, gap="medium")
    with left:
        st.markdown(f"**{t('chg_tier_moves')}**")
        tier_moves(result, key="panel_moves")
    with right:
        st.markdown(f"**{t('chg_new_warnings')}**")
        warnings(result["new_warnings"], empty=t("chg_no_new_warnings"), key="panel_warnings")
    st.page_link("views/changes.py", label=t("chg_full_page"), icon=":material/compare_arrows:")


def between(old: dict, new: dict, names: dict[int, str]) -> None:
    """ "old → new" by name (label, id when shared, as_of), and a warning when both are the same week."""
    st.caption(plain(f"{names[old['id']]} → {names[new['id']]}"))  # labels are the user's text
    if old["as_of"] == new["as_of"]:
        st.warning(t("chg_same_as_of", as_of=new["as_of"]), icon=":material/warning:")


def headline(result: dict) -> None:
    cols = st.columns(5)
    cols[0].metric(t("chg_tier_moves"), len(result["tier_moves"]))
    cols[1].metric(t("chg_new_a"), len(result["new_a_customers"]))
    cols[2].metric(t("chg_new_warnings"), len(result["new_warnings"]))
    cols[3].metric(t("chg_cleared_warnings"), len(result["cleared_warnings"]))
    total = result["revenue_change"]["total"]
    cols[4].metric(
        t("chg_revenue_change"),
        money(total["to_net_revenue"]),
        delta=money(total["change"]),
        **delta_style(round(total["change"])),  # ¥0 is no change: no arrow, no green
    )


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
            marker_color=["#2e7d32" if c > 0 else "#c62828" if c < 0 else "#9e9e9e" for c in changes],
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


def _count(n) -> str:
    return "—" if n is None else f"{n:,}"


def funnel(result: dict, sides: tuple[dict, dict] = (), names: dict[int, str] | None = None) -> None:
    """Reached per stage before and now, the win rate and the deals that moved. With a pipeline on one side
    only, the change is not shown: a missing file is not lost deals."""
    moved = result["funnel"]
    if moved is None:
        st.caption(t("chg_no_pipeline"))
        return
    without = [d for d in sides if not d["has_pipeline"]]
    for d in without:
        st.caption(t("chg_one_side_no_pipeline", name=(names or {}).get(d["id"], d["label"])))
    rate = moved["win_rate"]
    change = None if rate["change"] is None else round(rate["change"] * 100, 1)
    st.metric(
        t("chg_win_rate"),
        pct(rate["to"]),
        delta=None if change is None else f"{change:+.1f} pp",
        **({} if change is None else delta_style(change)),
    )
    st.dataframe(
        pd.DataFrame(
            {
                t("chg_col_stage"): [s["stage"] for s in moved["stages"]],
                t("chg_col_reached_before"): [_count(s["from_reached"]) for s in moved["stages"]],
                t("chg_col_reached_now"): [_count(s["to_reached"]) for s in moved["stages"]],
                t("chg_col_change"): [
                    "—" if without else f"{s['change']:+,}" if s["change"] else "0" for s in moved["stages"]
                ],
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
        window_bridge_section(filters)
        return
    by_id = {d["id"]: d for d in datasets}
    names = workspace.dataset_names(datasets)
    from_id, to_id = pick_pair(datasets)
    if from_id is None:
        st.info(t("chg_no_earlier", name=names[to_id], as_of=by_id[to_id]["as_of"]))
        window_bridge_section(filters)
        return
    if from_id == to_id:
        st.info(t("chg_same_dataset"))
        return
    result = _changes(
        str(state.workspace_path()), from_id, to_id, _own_as_of(filters), ui_rules.current(), _merges_version()
    )
    between(by_id[from_id], by_id[to_id], names)
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
    revenue_tabs(result["revenue_change"])
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
        customers(result["new_customers"], t("chg_new_customers"), key="chg_new_customers")
    with right:
        customers(result["lost_customers"], t("chg_lost_customers"), key="chg_lost_customers")
    st.subheader(t("chg_funnel"))
    funnel(result, (by_id[from_id], by_id[to_id]), names)
    st.subheader(t("chg_trend"))
    trend_charts(datasets, filters)
    st.caption(t("chg_rule"))
    st.caption(rules_line())


REVENUE_TABS = (("by_tier", "tier", "chg_by_tier"), ("by_region", "region", "chg_by_region"))
REVENUE_TABS += (("by_account_manager", "account_manager", "chg_by_manager"),)


def revenue_tabs(change: dict) -> None:
    """The change per tier, region and manager; a region or manager tab only when the data has that column
    (a tab of one "none" bar said nothing), the missing columns named once."""
    shown = [tab for tab in REVENUE_TABS if tab[1] == "tier" or any(r[tab[1]] is not None for r in change[tab[0]])]
    for tab, (field, column, _) in zip(st.tabs([t(title) for *_, title in shown]), shown):
        with tab:
            revenue(change[field], column, key=f"rev_{field}")
    missing = [column for _, column, _ in REVENUE_TABS if all(column != c for _, c, _ in shown)]
    if missing:
        st.caption(
            t("chg_missing_columns", columns=("、" if lang() == "zh" else ", ").join(field_label(m) for m in missing))
        )


@st.cache_data(show_spinner=False, max_entries=32)
def _window_bridge(_con, version: str, filters: Filters, rules: Rules) -> dict:
    # version is only part of the key: a new load misses every old entry
    return bridge.window_bridge(_con, filters, rules.abc)


def window_bridge_section(filters: Filters | None) -> None:
    """The bridge between the analysis window and the window of equal length before it, on this session's
    data; when the earlier window is mostly outside the data, the sentence that says so instead."""
    filters = filters or Filters()
    con = state.connection()
    st.subheader(t("brg_window_title"))
    covered = coverage.previous_window(con, filters)
    if covered is None:
        st.info(t("coh_empty"))
        return
    if not covered.comparable:
        st.info(comparison.sentence(covered), icon=":material/info:")
        return
    result = _window_bridge(con, state.data_version(), filters, ui_rules.current())
    as_of = window.resolve_as_of(con, filters)
    later_start = as_of - timedelta(days=filters.window_days - 1)
    bridge_view.section(
        result,
        t_raw("brg_window_before", start=covered.start.isoformat(), end=covered.end.isoformat()),
        t_raw("brg_window_now", start=later_start.isoformat(), end=as_of.isoformat()),
        t_raw("brg_window_chart", days=filters.window_days),
        key="brg_window",
        # the weekly review's active-customer count of the same two windows (issue #11: one line relates them)
        active=(
            cached.get("active_customers", filters.with_as_of(as_of)),
            cached.get("active_customers", filters.with_as_of(as_of - timedelta(days=filters.window_days))),
        ),
    )


def rules_line() -> str:
    """The cuts and thresholds both datasets were judged by: the session's, named with where they are set."""
    from ui import abc_view, churn_view  # late: the charts of those pages are not needed to list changes

    rules = ui_rules.current()
    abc_words = abc_view.rule_line(rules.abc) + ui_rules.where_set("abc", rules)
    return abc_words + " " + churn_view.short_rule_line(rules.churn) + ui_rules.where_set("churn", rules)
