"""The duplicate review on screen (issue #14): each candidate group with what each name bought, merge or keep apart."""

from __future__ import annotations

import duckdb
import pandas as pd
import streamlit as st

from core import access
from core.analytics import duplicates, window
from core.errors import InputError
from core.filters import Filters
from core.workspace import merges
from ui import state
from ui.format import money, plain
from ui.text import lang, t, t_raw

SHOWN_GROUPS = 30  # a page of groups: each decision reruns the page, the next ones move up


def actor() -> access.User:
    """The user acting in this session (sign-in, when on, puts its user there)."""
    return st.session_state.get("user", access.LOCAL_USER)


@st.cache_data(show_spinner=False, max_entries=32)
def _groups(_con: duckdb.DuckDBPyConnection, version: str, filters: Filters, merges_version: int) -> list[dict]:
    # version and merges_version are only part of the key: a load or a decision misses every old entry
    decided = merges.decisions(state.workspace_path())
    return duplicates.review_groups(_con.cursor(), window.params(_con, filters), decided)


def review_groups(filters: Filters) -> list[dict]:
    path = state.workspace_path()
    return _groups(state.connection(), state.data_version(), filters, merges.version(path))


def decisions() -> dict:
    try:
        return merges.decisions_seen_by(state.workspace_path(), actor())
    except InputError:
        return dict(merges.EMPTY)


def counts(groups: list[dict], decided: dict) -> None:
    a, b, c = st.columns(3)
    a.metric(t("dup_open_groups"), f"{len(groups):,}")
    b.metric(t("dup_merged_count"), f"{len(decided['merges']):,}")
    c.metric(t("dup_kept_count"), f"{len(decided['kept_apart']):,}")


def members_frame(group: dict) -> pd.DataFrame:
    """One row per name of the group: name (and id when the file has ids), revenue, orders, first and last."""
    rows = group["members"]
    frame = {t_raw("dup_col_name"): [m["customer_name"] for m in rows]}
    if any(m["customer"] != m["customer_name"] for m in rows):
        frame[t_raw("dup_col_customer")] = [m["customer"] for m in rows]
    frame[t_raw("dup_col_revenue")] = [money(m["net_revenue"]) for m in rows]
    frame[t_raw("dup_col_orders")] = [m["orders_count"] for m in rows]
    frame[t_raw("dup_col_first")] = [m["first_order_date"].isoformat() for m in rows]
    frame[t_raw("dup_col_last")] = [m["last_order_date"].isoformat() for m in rows]
    return pd.DataFrame(frame)


def group_card(number: int, group: dict, may_merge: bool) -> None:
    """One group: why it is a candidate, its names' figures, the surviving name and the two decisions."""
    members = group["members"]
    keys = [m["customer"] for m in members]
    names = {m["customer"]: m["customer_name"] for m in members}
    signature = "|".join(sorted(keys))
    with st.container(border=True):
        reason = t_raw(f"dup_reason_{group['reason']}")
        if group["reason"] == "same_name" and len({m["customer_name"] for m in members}) == 1:
            reason = t_raw("dup_reason_identical_name")  # one name under several codes: nothing was removed
        if group["reason"] == "similar_name":  # a similarity only means something for names alike
            reason += t_raw("dup_similarity", score=f"{group['score']:.0%}")
        st.markdown(t("dup_group_head", n=number, reason=reason))
        st.dataframe(members_frame(group), hide_index=True, key=f"dup_table_{signature}")
        left, middle, right = st.columns([3, 1, 1], vertical_alignment="bottom")
        into = left.selectbox(
            t("dup_survivor"),
            keys,
            index=0,  # the most revenue: members come largest first
            format_func=lambda k: names[k] if names[k] == k else f"{names[k]} ({k})",
            key=f"dup_into_{signature}",
            disabled=not may_merge,
        )
        if middle.button(t("dup_merge"), type="primary", key=f"dup_merge_{signature}", disabled=not may_merge):
            _decide(
                lambda: merges.merge_customers(state.workspace_path(), actor(), into, keys, names),
                t_raw(
                    "dup_merged_done",
                    names=t_raw("dup_sep").join(names[k] for k in keys if k != into),
                    into=names[into],
                ),
            )
        if right.button(t("dup_keep"), key=f"dup_keep_{signature}", disabled=not may_merge):
            _decide(
                lambda: merges.keep_apart(state.workspace_path(), actor(), keys, names),
                t_raw("dup_kept_done", names=t_raw("dup_sep").join(names[k] for k in keys)),
            )


def _decide(action, done: str) -> None:
    """Remember the decision, apply it to this session's data at once, say so after the rerun."""
    try:
        action()
        state.apply_new_merges()
    except InputError as error:  # a viewer, a workspace that cannot be written
        st.session_state.dup_error = error.message(lang())
    else:
        st.session_state.dup_done = done
    st.rerun()


def notices() -> None:
    if st.session_state.get("dup_done"):
        st.success(plain(st.session_state.pop("dup_done")))
    if st.session_state.get("dup_error"):
        st.error(plain(st.session_state.pop("dup_error")))


def history(decided: dict) -> None:
    """Every decision so far, newest first: merges (which names into which) and groups kept apart."""
    if not decided["merges"] and not decided["kept_apart"]:
        return
    with st.expander(t("dup_history", n=len(decided["merges"]) + len(decided["kept_apart"]))):
        rows = [
            {
                t_raw("dup_col_decision"): t_raw("dup_decision_merge"),
                t_raw("dup_col_names"): t_raw("dup_sep").join(m["from_names"]),
                t_raw("dup_col_into"): m["into_name"],
                t_raw("dup_col_by"): m["by"],
                t_raw("dup_col_at"): m["at"].replace("T", " ").rstrip("Z"),
            }
            for m in decided["merges"]
        ] + [
            {
                t_raw("dup_col_decision"): t_raw("dup_decision_keep"),
                t_raw("dup_col_names"): t_raw("dup_sep").join(k["names"]),
                t_raw("dup_col_into"): "",
                t_raw("dup_col_by"): k["by"],
                t_raw("dup_col_at"): k["at"].replace("T", " ").rstrip("Z"),
            }
            for k in decided["kept_apart"]
        ]
        frame = pd.DataFrame(rows).sort_values(t_raw("dup_col_at"), ascending=False, kind="stable")
        st.dataframe(frame, hide_index=True, key="dup_history_table")
