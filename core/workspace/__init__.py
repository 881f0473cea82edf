"""The workspace: confirmed uploads kept as immutable datasets on disk, plus remembered mappings.

datasets.py saves, lists, opens, renames and deletes datasets; root.py finds and versions the folder and
writes its JSON files atomically; records.py turns an ingest report into JSON and back.
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
    remember_mapping,
    rename_dataset,
    resolve,
    save_dataset,
    saved_mapping,
)
from core.workspace.root import ENV_VAR, SCHEMA_VERSION, WorkspaceBusy, WorkspaceError, default_path

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
