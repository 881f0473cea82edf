"""The session's data: a DuckDB connection per browser session, opened on the sample data."""

from __future__ import annotations

import uuid
from pathlib import Path

import duckdb
import streamlit as st

from core import store
from core.ingest import IngestReport, load_table, propose_mapping, read_table
from core.ingest.read import RawTable

SAMPLE_DIR = Path(__file__).resolve().parent.parent / "sample_data"
SAMPLE_FILES = {"orders": SAMPLE_DIR / "orders.xlsx", "pipeline": SAMPLE_DIR / "pipeline.xlsx"}


@st.cache_resource(show_spinner=False)
def _sample_raw() -> dict[str, RawTable]:
    """The sample files, read once per server."""
    return {kind: read_table(path.read_bytes(), path.name) for kind, path in SAMPLE_FILES.items() if path.exists()}


def connection() -> duckdb.DuckDBPyConnection:
    """This session's store; a new session starts on the bundled sample data."""
    if "con" not in st.session_state:
        con = store.connect()
        reports = {}
        for kind, raw in _sample_raw().items():
            reports[kind] = load_table(con, raw, propose_mapping(kind, raw.headers, raw.data))
        st.session_state.con = con
        st.session_state.reports = reports
        st.session_state.is_sample = True
        # every session on the sample shares cached figures; a load gives the session its own version
        st.session_state.data_version = "sample"
    return st.session_state.con


def data_version() -> str:
    """Changes whenever this session's data does: the key st.cache_data uses beside the filters."""
    connection()
    return st.session_state.get("data_version", "sample")


def reports() -> dict[str, IngestReport]:
    connection()
    return st.session_state.reports


def is_sample() -> bool:
    connection()
    return st.session_state.is_sample


def record_load(report: IngestReport) -> None:
    st.session_state.reports = {**st.session_state.reports, report.table: report}
    st.session_state.data_version = uuid.uuid4().hex
    if report.table == "orders":
        st.session_state.is_sample = False
        if "pipeline" in st.session_state.reports and st.session_state.reports["pipeline"].file == SAMPLE_FILES["pipeline"].name:
            # the sample pipeline belongs to the sample customers: drop it with them
            st.session_state.con.cursor().execute("delete from pipeline")
            st.session_state.reports = {k: v for k, v in st.session_state.reports.items() if k != "pipeline"}
