"""The session's data: a DuckDB connection per browser session, opened on the sample data."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import duckdb
import streamlit as st

from core import store, workspace
from core.errors import InputError
from core.ingest import IngestReport, load_table, propose_mapping, read_table
from core.ingest.read import RawTable

SAMPLE_DIR = Path(__file__).resolve().parent.parent / "sample_data"
SAMPLE_FILES = {"orders": SAMPLE_DIR / "orders.xlsx", "pipeline": SAMPLE_DIR / "pipeline.xlsx"}


@st.cache_resource(show_spinner=False)
def _sample_raw() -> dict[str, RawTable]:
    """The sample files, read once per server."""
    return {kind: read_table(path.read_bytes(), path.name) for kind, path in SAMPLE_FILES.items() if path.exists()}


def connection() -> duckdb.DuckDBPyConnection:
    """This session's store; a new session opens the latest saved dataset, else the bundled sample data."""
    if "con" not in st.session_state and not _open_latest_dataset():
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


def writable_connection() -> duckdb.DuckDBPyConnection:
    """This session's store for a load: the shared copy of a saved dataset is never written to, so a session
    showing one gets a copy of its own first (the dataset read again, as each session did before #13)."""
    connection()
    if st.session_state.get("con_is_shared"):
        st.session_state.con = workspace.open_dataset(workspace_path(), st.session_state.dataset_id)
        st.session_state.con_is_shared = False
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
        if (
            "pipeline" in st.session_state.reports
            and st.session_state.reports["pipeline"].file == SAMPLE_FILES["pipeline"].name
        ):
            # the sample pipeline belongs to the sample customers: drop it with them
            st.session_state.con.cursor().execute("delete from pipeline")
            st.session_state.reports = {k: v for k, v in st.session_state.reports.items() if k != "pipeline"}
    _save_upload(report)


# ---- the workspace (issue #6): uploads saved as datasets, the app reopens on the latest ------------------


def workspace_path() -> Path:
    """$KA_WORKSPACE, else `workspace` in .streamlit/secrets.toml, else ./data/workspace."""
    if os.environ.get(workspace.ENV_VAR):
        return workspace.default_path()
    try:
        configured = st.secrets.get("workspace")
    except FileNotFoundError:  # no secrets.toml: the default place
        configured = None
    return workspace.default_path(configured)


def _open_latest_dataset() -> bool:
    """Open the latest saved dataset for a new session; False (the sample) when there is none."""
    try:
        latest = workspace.latest_dataset_id(workspace_path())
        if latest is None:
            return False
        open_dataset(latest)
    except InputError as error:  # an unreadable workspace must not keep the app from opening
        st.session_state.workspace_error = error.message(_lang())
        return False
    return True


@st.cache_resource(show_spinner=False, max_entries=4)
def _dataset_database(path: str, dataset_id: int) -> duckdb.DuckDBPyConnection:
    """A saved dataset read into memory once per server (issue #13): datasets never change, so every session
    showing it queries this one copy through cursors of its own, and memory stays flat with more sessions."""
    return workspace.open_dataset(path, dataset_id)


def open_dataset(dataset_id: int) -> None:
    """Make a saved dataset this session's data (read into memory: the workspace stays free for writers)."""
    path = workspace_path()
    con = _dataset_database(str(path.resolve()), dataset_id).cursor()
    st.session_state.reports = workspace.dataset_ingest_reports(path, dataset_id)
    st.session_state.con = con
    st.session_state.con_is_shared = True  # never loaded into: writable_connection() copies it first
    st.session_state.is_sample = False
    st.session_state.dataset_id = dataset_id
    st.session_state.data_version = f"dataset:{path.resolve()}:{dataset_id}"  # datasets never change: shared cache


def dataset_id() -> int | None:
    """The saved dataset this session shows; None for the sample or an upload that could not be saved."""
    connection()
    return st.session_state.get("dataset_id")


def remembered_mapping(headers: list[str], table: str) -> dict | None:
    """{field: header} confirmed before for a file with these headers, else None."""
    try:
        found = workspace.saved_mapping(workspace_path(), headers, table)
    except InputError:
        return None
    return found["columns"] if found else None


def _save_upload(report: IngestReport) -> None:
    """Save the session's data as a dataset after a confirmed upload; a pipeline added right after its
    orders replaces the dataset those orders made, so one week stays one dataset."""
    path = workspace_path()
    st.session_state.pop("save_notice", None)
    try:
        workspace.remember_mapping(path, report.headers, report.table, report.mapping.to_json())
        if st.session_state.is_sample:
            return  # a pipeline beside the sample orders is not a dataset of the user's
        replaced = st.session_state.get("saved_dataset_id")
        if report.table != "pipeline" or replaced != st.session_state.get("dataset_id"):
            replaced = None
        label = workspace.get_dataset(path, replaced)["label"] if replaced else None
        new_id = workspace.save_dataset(path, st.session_state.con, st.session_state.reports, label)
        if replaced:
            workspace.delete_dataset(path, replaced)
    except InputError as error:
        st.session_state.dataset_id = None
        st.session_state.save_notice = ("error", error.message(_lang()))
        return
    st.session_state.dataset_id = st.session_state.saved_dataset_id = new_id
    st.session_state.data_version = f"dataset:{path.resolve()}:{new_id}"
    st.session_state.save_notice = ("saved", new_id)


def _lang() -> str:
    from ui.text import lang  # ui.text imports nothing from here; late import keeps state importable alone

    return lang()
