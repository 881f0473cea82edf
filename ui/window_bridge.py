"""The bridge between the analysis window and the window of equal length before it, on the session's data:
what the changes page shows when there is no earlier dataset to compare with."""

from __future__ import annotations

from datetime import timedelta

import streamlit as st

from core.analytics import bridge, coverage, window
from core.filters import Filters
from core.rules import Rules
from ui import bridge_view, cached, comparison, state
from ui import rules as ui_rules
from ui.text import t, t_raw


@st.cache_data(show_spinner=False, max_entries=32)
def _window_bridge(_con, version: str, filters: Filters, rules: Rules) -> dict:
    # version is only part of the key: a new load misses every old entry
    return bridge.window_bridge(_con, filters, rules.abc)


def section(filters: Filters | None) -> None:
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
