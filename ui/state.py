"""The session's data: the saved dataset (or the sample) it shows, or its own upload.

One copy per server (issue #12): a saved dataset and the sample are each loaded once per process
(st.cache_resource) and shared by every session that shows them; sessions only read them, each query
through its own cursor (store.run_query and the analyses call con.cursor()), and nothing creates a table,
view or macro in them after they are opened. An upload is the only per-session copy: it loads into a
private store (upload_connection), never into the shared one.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
import streamlit as st

from core import store, workspace
from core.errors import InputError
from core.ingest import IngestReport, load_table, propose_mapping, read_table
from core.ingest.read import RawTable
from core.workspace import merges

SAMPLE_DIR = Path(__file__).resolve().parent.parent / "sample_data"
SAMPLE_FILES = {"orders": SAMPLE_DIR / "orders.xlsx", "pipeline": SAMPLE_DIR / "pipeline.xlsx"}


@st.cache_resource(show_spinner=False)
def _sample_raw() -> dict[str, RawTable]:
    """The sample files, read once per server."""
    return {kind: read_table(path.read_bytes(), path.name) for kind, path in SAMPLE_FILES.items() if path.exists()}


@st.cache_resource(show_spinner=False, max_entries=2)
def _shared_sample(root: str, merges_version: int) -> tuple[duckdb.DuckDBPyConnection, dict[str, IngestReport]]:
    """The sample data loaded once per server (and per version of the workspace's customer merges), shared
    (read only) by every session that shows it."""
    con = store.connect()
    reports = {}
    for kind, raw in _sample_raw().items():
        reports[kind] = load_table(con, raw, propose_mapping(kind, raw.headers, raw.data))
    if merges_version >= 0:
        for report in reports.values():
            merges.apply_after_load(con, root, report)
    return con, reports


# A few datasets at once: the latest is what nearly every session shows. A session keeps the connection it
# opened, so an entry dropped here stays usable by the sessions holding it.
@st.cache_resource(show_spinner=False, max_entries=4)
def _shared_dataset(root: str, dataset_id: int, merges_version: int) -> tuple[duckdb.DuckDBPyConnection, dict]:
    """A saved dataset opened once per server and shared (read only) by every session that shows it: a
    dataset never changes, its id is never reused and merges only grow, so (workspace, id, merges version)
    names its data for good. Returns the connection and what the merges rewrote: {table: [{from, into, rows}]}.
    A dataset this process has just saved from an upload is that upload's store, handed over (_hand_over):
    not read back from its Parquet files."""
    handed = _HANDED_OVER.pop((root, dataset_id, merges_version), None)
    if handed is not None:
        return handed
    return workspace.open_dataset_merged(root, dataset_id)


# (workspace, dataset id, merges version) -> (connection, merges rewritten): a saved upload's own store, waiting
# for _shared_dataset to take it as that dataset's shared copy.
_HANDED_OVER: dict[tuple[str, int, int], tuple[duckdb.DuckDBPyConnection, dict]] = {}


def _hand_over(con: duckdb.DuckDBPyConnection, root: str, dataset_id: int, merges_version: int) -> None:
    """The upload's store becomes the saved dataset's shared copy (issue #13): it holds the same rows the
    dataset's files do (saved from it, the workspace's merges at merges_version already applied), so reading
    them back would cost the time of a second load and, for a moment, the memory of a second copy. From
    here the uploading session only reads it, like every other session."""
    _HANDED_OVER[(root, dataset_id, merges_version)] = (con, {table: [] for table in workspace.TABLES})


def _merges_version(path: Path) -> int:
    """The workspace's merges version; -1 when the workspace cannot be read (the data stays as loaded)."""
    try:
        return merges.version(path)
    except InputError:
        return -1


def connection() -> duckdb.DuckDBPyConnection:
    """This session's store; a new session opens the latest saved dataset, else the bundled sample data."""
    if "con" not in st.session_state and not _open_latest_dataset():
        path = workspace_path()
        version = _merges_version(path)
        con, reports = _shared_sample(str(path.resolve()), version)
        st.session_state.con = con
        st.session_state.reports = reports
        st.session_state.is_sample = True
        st.session_state.is_private = False
        # every session on the sample shares cached figures; a load gives the session its own version
        st.session_state.data_version = f"sample:merges{version}"
    return st.session_state.con


def upload_connection(table: str) -> duckdb.DuckDBPyConnection:
    """The store an upload of `table` loads into: this session's own. A session still on shared data gets a
    private copy of its other tables (an orders upload keeps the pipeline beside it, and the reverse), so an
    upload never touches what other sessions read. record_load makes it the session's store."""
    connection()
    if st.session_state.get("is_private"):
        return st.session_state.con
    return store.private_copy(st.session_state.con, tuple(t for t in workspace.TABLES if t != table))


# DuckDB's memory while an upload loads and saves (issue #13): at most this many times the file's size, at
# least LOAD_MEMORY_FLOOR_MB; past it DuckDB spills to its temp_directory. Under DuckDB's usual limit (half
# the RAM) the save's sort of a 1M-line upload kept ~150 MB more than it needed, on top of a server already
# holding Streamlit, the other sessions' data and the upload's bytes. At 3x the file the load spilled so much
# it took three times as long on a busy box; at 6x it barely spills. KA_APP_LOAD_MEMORY_LIMIT sets a size
# of its own (8GB, 512MB, 40%); a KA_DUCKDB_MEMORY_LIMIT set by the operator stands as it is.
LOAD_MEMORY_ENV = "KA_APP_LOAD_MEMORY_LIMIT"
LOAD_MEMORY_FACTOR = 6
LOAD_MEMORY_FLOOR_MB = 256


def load_memory_limit(upload_bytes: int) -> str | None:
    """DuckDB's memory_limit for loading an upload of this size; None: the connection's own stands."""
    if os.environ.get(LOAD_MEMORY_ENV, "").strip():
        return os.environ[LOAD_MEMORY_ENV].strip()
    if os.environ.get(store.MEMORY_LIMIT_ENV, "").strip():
        return None
    return f"{max(LOAD_MEMORY_FLOOR_MB, -(-LOAD_MEMORY_FACTOR * upload_bytes // (1024 * 1024)))}MiB"


@contextmanager
def load_memory(con: duckdb.DuckDBPyConnection, upload_bytes: int) -> Iterator[None]:
    """The upload's store (private to this session until it is saved) inside load_memory_limit() while the
    load and the save run; afterwards back to every connection's limit (store.duckdb_config())."""
    limit = load_memory_limit(upload_bytes)
    if limit is None:
        yield
        return
    con.execute("set memory_limit = ?", [limit])
    try:
        yield
    finally:
        con.execute("set memory_limit = ?", [store.duckdb_config()["memory_limit"]])


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


def record_load(report: IngestReport, con: duckdb.DuckDBPyConnection | None = None) -> None:
    """The upload in `con` (upload_connection's store) is now this session's data; saved when the user may."""
    if con is not None and con is not st.session_state.con:
        st.session_state.con = con
        st.session_state.is_private = True
    merged_version = _apply_merges([report])
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
    _save_upload(report, merged_version)


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


def open_dataset(dataset_id: int) -> None:
    """Make a saved dataset this session's data: the server's one copy of it (read into memory once, so the
    workspace stays free for writers), shared with every other session showing it."""
    path = workspace_path()
    version = _merges_version(path)
    con, merged = _shared_dataset(str(path.resolve()), int(dataset_id), version)
    reports = workspace.dataset_ingest_reports(path, dataset_id)
    for table, report in reports.items():  # merges decided after the dataset was saved, said on its report
        report.notes = [*report.notes, *merges.merged_notes(merged.get(table, []))]
        report.merged_customers = [*report.merged_customers, *merged.get(table, [])]
    st.session_state.reports = reports
    st.session_state.con = con
    st.session_state.is_private = False
    st.session_state.is_sample = False
    st.session_state.dataset_id = dataset_id
    # datasets never change, merges only grow: (path, id, merges version) is a cache key every session shares
    st.session_state.data_version = f"dataset:{path.resolve()}:{dataset_id}:merges{version}"


def _apply_merges(reports) -> int:
    """The workspace's remembered customer merges applied to this session's private store after a load (each
    report gains merged_customers and a note); returns the merges version applied. A workspace that cannot
    be read leaves the data as loaded."""
    path = workspace_path()
    try:
        version = merges.version(path)
        for report in reports:
            merges.apply_after_load(st.session_state.con, path, report)
    except InputError:
        return -1
    return version


def apply_new_merges() -> None:
    """After a merge decided in this session: a shared copy (sample or saved dataset) is reopened at the new
    merges version, never rewritten under other sessions; a private upload is rewritten in place."""
    path = workspace_path()
    connection()
    if st.session_state.get("is_private"):
        merges.apply_merges(st.session_state.con, path)
        base = st.session_state.data_version.split(":merges")[0]
        st.session_state.data_version = f"{base}:merges{merges.version(path)}"
    elif st.session_state.get("dataset_id") is not None:
        open_dataset(st.session_state.dataset_id)
    else:  # the shared sample
        for key in ("con", "reports"):
            st.session_state.pop(key, None)
        connection()


def forget_dataset(dataset_id: int) -> None:
    """A deleted dataset's shared copy is dropped from the server's cache (sessions holding it keep it)."""
    root = workspace_path()
    _shared_dataset.clear(str(root.resolve()), int(dataset_id), _merges_version(root))


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


def may_save_uploads() -> bool:
    """An editor's confirmed upload becomes a dataset; a viewer's stays in their own session (issue #12)."""
    from ui.session_user import current_user  # session_user imports this module

    return current_user().may("upload")


def _save_upload(report: IngestReport, merged_version: int = -1) -> None:
    """Save the session's data as a dataset after a confirmed upload; a pipeline added right after its
    orders replaces the dataset those orders made, so one week stays one dataset. A viewer's upload is
    explored in their session only: not saved, no mapping remembered, seen by nobody else."""
    from ui.session_user import current_user  # session_user imports this module

    path, actor = workspace_path(), current_user()
    st.session_state.pop("save_notice", None)
    if not may_save_uploads():
        st.session_state.dataset_id = None
        st.session_state.save_notice = ("private", None)
        return
    try:
        workspace.remember_mapping(path, report.headers, report.table, report.mapping.to_json(), actor=actor)
        if st.session_state.is_sample:
            return  # a pipeline beside the sample orders is not a dataset of the user's
        replaced = st.session_state.get("saved_dataset_id")
        if report.table != "pipeline" or replaced != st.session_state.get("dataset_id"):
            replaced = None
        label = workspace.get_dataset(path, replaced)["label"] if replaced else None
        new_id = workspace.save_dataset(
            path, st.session_state.con, st.session_state.reports, label, actor=actor, replaces=replaced
        )
        if replaced:
            forget_dataset(replaced)
    except InputError as error:
        st.session_state.dataset_id = None
        st.session_state.save_notice = ("error", error.message(_lang()))
        return
    st.session_state.dataset_id = st.session_state.saved_dataset_id = new_id
    st.session_state.save_notice = ("saved", new_id)
    # saved: show the server's shared copy, like every other session on it; the private store is that copy
    # when no merge was decided since the load (merged_version: the merges it holds), else it is read anew
    version = _merges_version(path)
    root = str(path.resolve())
    if version >= 0 and version == merged_version:
        _hand_over(st.session_state.con, root, new_id, version)
    st.session_state.con = _shared_dataset(root, new_id, version)[0]
    st.session_state.is_private = False
    st.session_state.data_version = f"dataset:{path.resolve()}:{new_id}:merges{version}"


def _lang() -> str:
    from ui.text import lang  # ui.text imports nothing from here; late import keeps state importable alone

    return lang()
