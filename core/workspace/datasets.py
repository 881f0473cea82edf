"""Saved datasets: list, name, find, open, rename and delete them (core/workspace/__init__.py: the layout)."""

from __future__ import annotations

import os
import shutil
import uuid
from pathlib import Path

import duckdb

from core import audit, store
from core.access import LOCAL_USER, User, require
from core.workspace.records import report_from_record
from core.workspace.root import (
    WorkspaceError,
    default_path,
    existing_root,
    fsync_dir,
    not_found,
    open_root,
    read_json,
    write_json,
)

TABLES = ("orders", "pipeline")

# ---- reading --------------------------------------------------------------------------------------


def list_datasets(path: str | os.PathLike, seen_by: User = LOCAL_USER) -> list[dict]:
    """Every dataset, oldest first by (as_of, id): id, label, source, sheet, uploaded_at, as_of,
    rows_loaded (orders), pipeline_source, pipeline_rows_loaded, has_pipeline, mapping.

    For a scoped user (`seen_by`) both row counts are None: they count every region's lines (issue #12), and
    counting theirs would mean opening every dataset."""
    root = open_root(path, create=False)
    if root is None:
        return []
    found = []
    for folder in (root / "datasets").iterdir():
        if not folder.name.isdigit():
            continue
        try:
            meta = read_json(folder / "meta.json")
        except FileNotFoundError:
            continue  # deleted between listing and reading
        found.append(_summary(int(folder.name), meta))
    if not seen_by.scope.unrestricted:
        found = [{**d, "rows_loaded": None, "pipeline_rows_loaded": None} for d in found]
    return sorted(found, key=lambda d: (d["as_of"] or "", d["id"]))


def _summary(dataset_id: int, meta: dict) -> dict:
    tables = meta["tables"]
    orders, pipeline = tables.get("orders", {}), tables.get("pipeline")
    return {
        "id": dataset_id,
        "label": meta["label"],
        "source": orders.get("file"),
        "sheet": orders.get("sheet"),
        "uploaded_at": meta["uploaded_at"],
        "as_of": meta["as_of"],
        "rows_loaded": orders.get("rows_loaded", 0),
        "pipeline_source": pipeline["file"] if pipeline else None,
        "pipeline_rows_loaded": pipeline["rows_loaded"] if pipeline else 0,
        "has_pipeline": bool(pipeline),
        "mapping": {table: t["mapping"] for table, t in tables.items()},
    }


def dataset_names(datasets: list[dict]) -> dict[int, str]:
    """{id: the name to show}: the label, with its as_of when that is not the label; a label several datasets
    share also gets the id, so two uploads named alike are told apart: "week-32 (#4, 2024-08-11)"."""
    counts: dict[str, int] = {}
    for d in datasets:
        counts[d["label"]] = counts.get(d["label"], 0) + 1
    names = {}
    for d in datasets:
        extra = ([f"#{d['id']}"] if counts[d["label"]] > 1 else []) + (
            [d["as_of"]] if d["as_of"] and d["as_of"] != d["label"] else []
        )
        names[d["id"]] = f"{d['label']} ({', '.join(extra)})" if extra else d["label"]
    return names


def get_dataset(path: str | os.PathLike, dataset_id: int) -> dict:
    """One dataset's summary (as in list_datasets); WorkspaceError when there is none with that id."""
    root = existing_root(path)
    try:
        return _summary(int(dataset_id), read_json(root / "datasets" / str(int(dataset_id)) / "meta.json"))
    except (FileNotFoundError, ValueError):
        raise not_found(root, dataset_id) from None


def dataset_reports(path: str | os.PathLike, dataset_id: int) -> dict:
    """The ingest report JSON saved with a dataset, by table."""
    root = existing_root(path)
    try:
        return read_json(root / "datasets" / str(int(dataset_id)) / "reports.json")
    except FileNotFoundError:
        raise not_found(root, dataset_id) from None


def dataset_ingest_reports(path: str | os.PathLike, dataset_id: int) -> dict:
    """The IngestReport of each table of a dataset, rebuilt from what was saved."""
    return {table: report_from_record(record) for table, record in dataset_reports(path, dataset_id).items()}


def latest_dataset_id(path: str | os.PathLike) -> int | None:
    """The id of the dataset with the latest as_of (the latest upload among equals); None when empty."""
    datasets = list_datasets(path)
    return datasets[-1]["id"] if datasets else None


def resolve(path: str | os.PathLike, ref: str | int) -> dict:
    """A dataset by id, else by label (a label several datasets share means the latest of them)."""
    datasets = list_datasets(path)
    text = str(ref).strip()
    if text.isdigit():
        for d in datasets:
            if d["id"] == int(text):
                return d
    labelled = [d for d in datasets if d["label"] == text]
    if labelled:
        return labelled[-1]
    raise not_found(default_path(path), ref)


def open_dataset(path: str | os.PathLike, dataset_id: int) -> duckdb.DuckDBPyConnection:
    """An in-memory connection with the dataset's tables loaded, the workspace's customer merges applied
    (core/workspace/merges.py: a dataset saved before a merge shows it too) and the filter macros ready.

    The Parquet files are read once and closed, so the workspace stays free for other writers.
    """
    return open_dataset_merged(path, dataset_id)[0]


def open_dataset_merged(path: str | os.PathLike, dataset_id: int) -> tuple[duckdb.DuckDBPyConnection, dict]:
    """open_dataset() and what the merges rewrote there: {table: [{from, into, rows}]}."""
    from core.workspace import merges

    root = existing_root(path)
    folder = root / "datasets" / str(int(dataset_id))
    con = store.connect()
    try:
        for table in TABLES:
            file = folder / f"{table}.parquet"
            if file.exists():
                # by name: a snapshot written before a column was added loads with nulls there
                con.execute(f"insert into {table} by name select * from read_parquet(?)", [str(file)])
    except duckdb.IOException:
        con.close()
        raise not_found(root, dataset_id) from None
    if not (folder / "meta.json").exists():
        con.close()
        raise not_found(root, dataset_id)
    return con, merges.apply_merges(con, root)


# ---- changing -------------------------------------------------------------------------------------


def rename_dataset(path: str | os.PathLike, dataset_id: int, label: str, *, actor: User = LOCAL_USER) -> None:
    """Give a dataset a new label (its data never changes); the editor role, audited as rename."""
    require(actor, "rename")
    root = existing_root(path)
    label = label.strip()
    if not label:
        raise WorkspaceError(root, zh="名称不能为空。", en="The label cannot be empty.")
    file = root / "datasets" / str(int(dataset_id)) / "meta.json"
    try:
        meta = read_json(file)
    except FileNotFoundError:
        raise not_found(root, dataset_id) from None
    write_json(file, {**meta, "label": label})
    audit.record(root, actor.name, "rename", {"dataset": int(dataset_id), "from": meta["label"], "label": label})


def delete_dataset(path: str | os.PathLike, dataset_id: int, *, actor: User = LOCAL_USER) -> None:
    """Remove a dataset: it disappears at once (one rename), then its files are deleted. Its id is not reused.

    The admin role, audited as delete with the label the dataset had.
    """
    require(actor, "delete")
    root = existing_root(path)
    try:
        label = read_json(root / "datasets" / str(int(dataset_id)) / "meta.json")["label"]
    except FileNotFoundError:
        raise not_found(root, dataset_id) from None
    remove_folder(root, dataset_id)
    audit.record(root, actor.name, "delete", {"dataset": int(dataset_id), "label": label})


def remove_folder(root: Path, dataset_id: int) -> None:
    """Take a dataset away in one rename (readers stop seeing it at once), then delete its files."""
    datasets = root / "datasets"
    trash = datasets / f".trash-{int(dataset_id)}-{uuid.uuid4().hex}"
    try:
        os.rename(datasets / str(int(dataset_id)), trash)
    except FileNotFoundError:
        raise not_found(root, dataset_id) from None
    fsync_dir(datasets)
    shutil.rmtree(trash, ignore_errors=True)
