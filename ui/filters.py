"""Global filters in the sidebar, the same on every page, kept in the URL so a shared link reopens them."""

from __future__ import annotations

from datetime import date, timedelta

import duckdb
import streamlit as st

from core.access import Scope
from core.analytics import window
from core.filters import DIMENSIONS, Filters, quote_identifier
from core.labels import FIELD_LABELS
from ui import cached, state
from ui.format import plain
from ui.session_user import current_user
from ui.text import lang, t

PERIODS = ("last_12m", "ytd", "last_quarter", "custom")
PERIOD_LABELS = {
    "last_12m": ("近12个月", "Last 12 months"),
    "ytd": ("今年以来", "Year to date"),
    "last_quarter": ("近一季度（90天）", "Last quarter (90 days)"),
    "custom": ("自定义", "Custom"),
}


def _label(pair: tuple[str, str]) -> str:
    return pair[0] if lang() == "zh" else pair[1]


# One scan for every dimension's distinct values within the user's scope (a manager scoped to 华东 is
# offered 华东 only); the identifiers come from DIMENSIONS, never from the user.
_DIMENSION_VALUES_SQL = (
    "select "
    + ", ".join(
        f"list_sort(list(distinct {quote_identifier(d)}) filter (where {quote_identifier(d)} is not null))"
        for d in DIMENSIONS
    )
    + " from "
    + window.FILTERED_ORDERS
)


def _dimension_values(con: duckdb.DuckDBPyConnection, scope: Scope) -> dict[str, list[str]]:
    """Distinct values of each filter dimension that has any; a dimension without data is not offered."""
    return _cached_dimension_values(con, state.data_version(), scope)


# A scan of every order line (0.5 s on 1M lines): once per data version and scope, not on every rerun of
# every session (issue #12: twenty sessions on one dataset).
@st.cache_data(show_spinner=False, max_entries=64)
def _cached_dimension_values(_con: duckdb.DuckDBPyConnection, version: str, scope: Scope) -> dict[str, list[str]]:
    row = _con.cursor().execute(_DIMENSION_VALUES_SQL, Filters(scope=scope).dimension_params()).fetchall()[0]
    return {dim: list(values) for dim, values in zip(DIMENSIONS, row) if values}


def _forget_on_new_data() -> None:
    """New data brings its own as_of and dimension values: the old choices would point at another file.

    The widgets get new keys (a generation suffix): the browser would otherwise send back the old
    widget values, as_of included, whatever the session state says.
    """
    version = state.data_version()
    previous = st.session_state.get("filters_data_version")
    st.session_state["filters_data_version"] = version
    if previous is None or previous == version:
        return
    st.session_state["filters_generation"] = st.session_state.get("filters_generation", 0) + 1
    for key in ("as_of", "start", "period", *DIMENSIONS):
        if key in st.query_params:
            del st.query_params[key]


def _generation() -> str:
    n = st.session_state.get("filters_generation", 0)
    return f"_{n}" if n else ""


def _relabel_on_language_change(*keys: str) -> None:
    """A select's browser side keeps the label it showed (近12个月), not the code: after a language switch
    it went on showing the old language's label. Writing the code back once makes Streamlit send the
    widget its value in the new language's label; the choice itself is kept (issue #11)."""
    changed = st.session_state.get("filters_lang") not in (None, lang())
    st.session_state["filters_lang"] = lang()
    if changed:
        for key in keys:
            if key in st.session_state:
                st.session_state[key] = st.session_state[key]


def _from_url(key: str) -> list[str]:
    return [v for v in st.query_params.get_all(key) if v]


def sidebar(con: duckdb.DuckDBPyConnection) -> Filters:
    """Draw the filters; return the Filters every analysis on the page takes, within the session's scope."""
    scope = current_user().scope
    _forget_on_new_data()
    latest = cached.get("latest_order_date", None)
    if latest is None:
        return Filters().scoped(scope)
    st.sidebar.subheader(t("filters"))
    url_period = st.query_params.get("period", "last_12m")
    period_key = "f_period" + _generation()
    if period_key not in st.session_state:  # a new session or new data: the period the URL names
        st.session_state[period_key] = url_period if url_period in PERIODS else PERIODS[0]
    _relabel_on_language_change(period_key)
    words = {p: _label(PERIOD_LABELS[p]) for p in PERIODS}  # this run's language, not the caller's later
    period = st.sidebar.selectbox(t("period"), PERIODS, format_func=words.get, key=period_key)
    try:
        url_as_of = date.fromisoformat(st.query_params.get("as_of", ""))
    except ValueError:
        url_as_of = latest
    if period == "custom":
        try:
            url_start = date.fromisoformat(st.query_params.get("start", ""))
        except ValueError:
            url_start = url_as_of - timedelta(days=364)
        picked = st.sidebar.date_input(t("date_range"), value=(url_start, url_as_of), key="f_range" + _generation())
        start, as_of = picked if isinstance(picked, tuple) and len(picked) == 2 else (url_start, url_as_of)
        window_days = max((as_of - start).days + 1, 1)
    else:
        as_of = st.sidebar.date_input(t("as_of"), value=url_as_of, key="f_as_of" + _generation(), help=t("as_of_help"))
        window_days = {"last_12m": 365, "last_quarter": 90, "ytd": (as_of - date(as_of.year, 1, 1)).days + 1}[period]
        start = as_of - timedelta(days=window_days - 1)
    chosen: dict[str, tuple[str, ...]] = {}
    for dim, values in _dimension_values(con, scope).items():
        default = [v for v in _from_url(dim) if v in values]
        picked = st.sidebar.multiselect(
            _label(FIELD_LABELS[dim]), values, default=default, key=f"f_{dim}" + _generation(), placeholder=t("all")
        )
        chosen[dim] = tuple(picked)
    _to_url(period, as_of, start, chosen, latest)
    # the scope last: whatever the widgets or a crafted link asked for, the user's rows only
    return Filters(as_of=as_of, window_days=window_days, **chosen).scoped(scope)


def _to_url(period: str, as_of: date, start: date, chosen: dict, latest: date) -> None:
    params = {"lang": lang()}
    if period != "last_12m":
        params["period"] = period
    if as_of != latest:
        params["as_of"] = as_of.isoformat()
    if period == "custom":
        params["start"] = start.isoformat()
    for dim, values in chosen.items():
        if values:
            params[dim] = list(values)
    for key in list(st.query_params):
        if key not in params and (key in DIMENSIONS or key in ("period", "as_of", "start")):
            del st.query_params[key]
    st.query_params.update(params)


def describe(filters: Filters) -> str:
    """One line saying which window and filters produced the figures on screen."""
    start = filters.as_of - timedelta(days=filters.window_days - 1)
    parts = [t("window_line", start=start.isoformat(), end=filters.as_of.isoformat(), days=filters.window_days)]
    for dim in DIMENSIONS:
        values = getattr(filters, dim)
        if values:
            shown = [plain(v) for v in values]  # region names are the user's text, shown in markdown
            parts.append(f"{_label(FIELD_LABELS[dim])}: {'、'.join(shown) if lang() == 'zh' else ', '.join(shown)}")
    return " · ".join(parts)
