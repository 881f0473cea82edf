"""The workspace: confirmed uploads kept as immutable datasets on disk, plus remembered mappings.

saving.py saves a dataset; datasets.py lists, opens, renames and deletes them; mappings.py remembers the
mapping confirmed for a file layout; merges.py the customer merges; root.py finds and versions the folder
and writes its JSON files atomically; records.py turns an ingest report into JSON and back.

Layout (a folder; docs/workspace.md says why this and not one .duckdb file):

    <workspace>/workspace.json          {"schema_version": N}
    <workspace>/ids/<id>                an empty file per id ever issued: O_EXCL makes the id ours, never reused
    <workspace>/datasets/<id>/          meta.json, reports.json, orders.parquet[, pipeline.parquet]
    <workspace>/datasets/.tmp-<uuid>/   a dataset being written; readers never look at dot-names
    <workspace>/mappings/<key>.json     the mapping confirmed for one file layout (its headers)

A dataset appears by one os.rename of a complete folder, and every JSON file is replaced by
os.replace of a complete temporary file, so a reader sees a dataset whole or not at all, a save that
fails half-way leaves nothing, and no process ever holds a file open or locked between calls.
"""

from core.workspace.datasets import (
    TABLES,
    dataset_ingest_reports,
    dataset_names,
    dataset_reports,
    delete_dataset,
    get_dataset,
    latest_dataset_id,
    list_datasets,
    open_dataset,
    open_dataset_merged,
    rename_dataset,
    resolve,
)
from core.workspace.mappings import remember_mapping, saved_mapping
from core.workspace.root import ENV_VAR, SCHEMA_VERSION, WorkspaceBusy, WorkspaceError, default_path
from core.workspace.saving import save_dataset

__all__ = [
    "ENV_VAR",
    "SCHEMA_VERSION",
    "TABLES",
    "WorkspaceBusy",
    "WorkspaceError",
    "dataset_ingest_reports",
    "dataset_names",
    "dataset_reports",
    "default_path",
    "delete_dataset",
    "get_dataset",
    "latest_dataset_id",
    "list_datasets",
    "open_dataset",
    "open_dataset_merged",
    "remember_mapping",
    "rename_dataset",
    "resolve",
    "save_dataset",
    "saved_mapping",
]
