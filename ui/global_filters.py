"""The global filters a page works under: the ones app.py drew this run, else drawn here."""

from __future__ import annotations

import duckdb
import streamlit as st

from core.filters import Filters
from ui import filters as ui_filters
from ui.session_user import current_user


def current(con: duckdb.DuckDBPyConnection) -> Filters:
    """app.py may draw the sidebar filters once for every page and keep them in session_state['filters']."""
    drawn = st.session_state.get("filters")
    if isinstance(drawn, Filters):
        return drawn.scoped(current_user().scope)  # the session's scope, whoever stored the filters
    return ui_filters.sidebar(con)
