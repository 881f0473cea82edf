"""The workspace: every confirmed upload kept as an immutable dataset on disk, plus remembered mappings.

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

from __future__ import annotations

import hashlib
import json
import os
import shutil
import time
import uuid
from collections.abc import Iterable
from collections.abc import Mapping as MappingType
from datetime import UTC, date, datetime
from pathlib import Path

import duckdb

from core import audit, store
from core.access import LOCAL_USER, User, require
from core.workspace.records import report_from_record, report_record
from core.workspace.root import (
    SCHEMA_VERSION,
    WorkspaceBusy,
    WorkspaceError,
    default_path,
    existing_root,
    fsync_dir,
    fsync_file,
    not_found,
    open_root,
    read_json,
    write_json,
)

TABLES = ("orders", "pipeline")
_RESERVE_ATTEMPTS = 1000
_STALE_SECONDS = 24 * 3600  # a .tmp- folder this old belongs to a process that died mid-save

# ---- saving ---------------------------------------------------------------------------------------


def save_dataset(
    path: str | os.PathLike,
    con: duckdb.DuckDBPyConnection,
    reports: MappingType | Iterable,
    label: str | None = None,
    *,
    as_of: date | None = None,
    uploaded_at: datetime | None = None,
    actor: User = LOCAL_USER,
    action: str = "upload",
    replaces: int | None = None,
) -> int:
    """Save the loaded orders (and pipeline) tables of `con` as a new dataset; returns its id.

    `reports` holds the IngestReport of each loaded table (a dict by table or a list). as_of defaults to
    the latest order date; the label to the as_of date. Nothing is visible until the final rename.
    The actor needs the editor role; `action` ("upload" from a page, "import" from the CLI) names the audit
    entry. `replaces`: a dataset the actor saved a moment ago (its orders, now with their pipeline) that the
    new one takes the place of; deleting someone else's dataset needs the admin role.
    """
    if action not in ("upload", "import"):
        raise ValueError(f"not a saving action: {action!r}")
    require(actor, action)
    if replaces is not None:
        _check_may_replace(path, replaces, actor)
    root = open_root(path, create=True)
    by_table = dict(reports) if isinstance(reports, MappingType) else {r.table: r for r in reports}
    orders = by_table.get("orders")
    if orders is None or orders.rows_loaded == 0:
        raise WorkspaceError(
            root,
            zh="没有可保存的订单行：数据集至少需要一个已导入的订单文件。",
            en="No order rows to save: a dataset needs a loaded orders file.",
        )
    as_of = as_of or orders.latest_date
    # the wall-clock time of the upload is a fact about the upload, not an analysis date
    uploaded_at = uploaded_at or datetime.now(UTC).replace(microsecond=0)
    meta = {
        "schema_version": SCHEMA_VERSION,
        "label": label or (as_of.isoformat() if as_of else orders.file),
        "uploaded_at": uploaded_at.isoformat(),
        "uploaded_by": actor.name,
        "as_of": as_of.isoformat() if as_of else None,
        "tables": {
            table: {
                "file": r.file,
                "sheet": r.sheet,
                "mapping": r.mapping.to_json(),
                "headers": list(r.headers),
                "rows_read": r.rows_read,
                "rows_loaded": r.rows_loaded,
                "rows_rejected": r.rows_rejected,
            }
            for table, r in by_table.items()
        },
    }
    datasets = root / "datasets"
    _sweep_stale(datasets)
    tmp = datasets / f".tmp-{uuid.uuid4().hex}"
    tmp.mkdir()
    try:
        for table in by_table:
            _write_table(con, table, tmp / f"{table}.parquet")
        write_json(tmp / "reports.json", {table: report_record(r) for table, r in by_table.items()})
        write_json(tmp / "meta.json", meta)
        dataset_id = _reserve_id(root)
        os.rename(tmp, datasets / str(dataset_id))  # the commit point: the dataset appears whole
    except BaseException as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        if isinstance(exc, OSError):  # disk full, no permission: the user's to fix, and nothing was saved
            raise WorkspaceError(
                root,
                zh=f"无法写入工作区，未保存任何内容：{exc.strerror or exc}",
                en=f"Cannot write to the workspace; nothing was saved: {exc.strerror or exc}",
            ) from None
        raise
    fsync_dir(datasets)
    for r in by_table.values():
        remember_mapping(root, r.headers, r.table, r.mapping.to_json(), actor=actor)
    detail = {
        "dataset": dataset_id,
        "label": meta["label"],
        "as_of": meta["as_of"],
        **{f"{table}_file": r.file for table, r in by_table.items()},
        **{f"{table}_rows_loaded": r.rows_loaded for table, r in by_table.items()},
    }
    if replaces is not None:
        _remove(root, replaces)
        detail["replaces"] = int(replaces)
    audit.record(root, actor.name, action, detail)
    return dataset_id


def _check_may_replace(path, dataset_id: int, actor: User) -> None:
    """An editor may replace only a dataset they uploaded themselves; anything else is a delete (admin)."""
    if actor.may("delete"):
        return
    root = existing_root(path)
    try:
        owner = read_json(root / "datasets" / str(int(dataset_id)) / "meta.json").get("uploaded_by")
    except FileNotFoundError:
        raise not_found(root, dataset_id) from None
    if owner != actor.name:
        require(actor, "delete")


def _write_table(con: duckdb.DuckDBPyConnection, table: str, target: Path) -> None:
    # table is one of TABLES, never a user value. DuckDB writes the file itself, inside the connection's
    # memory limit: no whole copy of the table in Python on the way (issue #13: ~100 MB less at 1M lines).
    # The rows go by source_row; a table already stored in that order (a load inserts its rows so) is written
    # as stored, without the sort that held a second copy of it (~150 MB at 1M lines).
    cur = con.cursor()
    in_order = cur.execute(
        f"select coalesce(bool_and(source_row > before), true) from "
        f"(select source_row, lag(source_row) over (order by rowid) as before from {table})"
    ).fetchall()[0][0]
    rows = f"select * from {table}" + ("" if in_order else " order by source_row")
    cur.execute(f"copy ({rows}) to ? (format parquet)", [str(target)])
    fsync_file(target)


def _reserve_id(root: Path) -> int:
    """The next id, made ours by creating ids/<id> exclusively: concurrent savers get different ids."""
    ids = root / "ids"
    candidate = max((int(p.name) for p in ids.iterdir() if p.name.isdigit()), default=0) + 1
    for _ in range(_RESERVE_ATTEMPTS):
        try:
            os.close(os.open(ids / str(candidate), os.O_CREAT | os.O_EXCL | os.O_WRONLY))
            return candidate
        except FileExistsError:
            candidate += 1
    raise WorkspaceBusy(root)


def _sweep_stale(datasets: Path) -> None:
    now = time.time()
    for p in datasets.iterdir():
        if p.name.startswith((".tmp-", ".trash-")):
            try:
                if now - p.stat().st_mtime > _STALE_SECONDS:
                    shutil.rmtree(p, ignore_errors=True)
            except FileNotFoundError:
                pass  # its owner finished or removed it meanwhile


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
    _remove(root, dataset_id)
    audit.record(root, actor.name, "delete", {"dataset": int(dataset_id), "label": label})


def _remove(root: Path, dataset_id: int) -> None:
    datasets = root / "datasets"
    trash = datasets / f".trash-{int(dataset_id)}-{uuid.uuid4().hex}"
    try:
        os.rename(datasets / str(int(dataset_id)), trash)
    except FileNotFoundError:
        raise not_found(root, dataset_id) from None
    fsync_dir(datasets)
    shutil.rmtree(trash, ignore_errors=True)


# ---- mapping memory -------------------------------------------------------------------------------


def _layout_key(headers: Iterable[str]) -> str:
    # the same set of headers is the same layout, whatever the column order
    return hashlib.sha1(json.dumps(sorted(str(h) for h in headers), ensure_ascii=False).encode()).hexdigest()[:20]


def saved_mapping(path: str | os.PathLike, headers: Iterable[str], table: str | None = None) -> dict | None:
    """{table, columns} remembered for a file with exactly these headers (of `table`, when given), else None."""
    root = open_root(path, create=False)
    if root is None:
        return None
    try:
        record = read_json(root / "mappings" / f"{_layout_key(headers)}.json")
    except FileNotFoundError:
        return None
    if table is not None and record.get("table") != table:
        return None
    return {"table": record["table"], "columns": dict(record["columns"])}


def remember_mapping(
    path: str | os.PathLike, headers: Iterable[str], table: str, mapping: dict, *, actor: User = LOCAL_USER
) -> None:
    """Keep the confirmed mapping {field: header} for this layout; the latest confirmation wins (editor role)."""
    require(actor, "confirm_mapping")
    if table not in TABLES:
        raise ValueError(f"not a table: {table!r}")
    root = open_root(path, create=True)
    headers = list(headers)
    columns = mapping.to_json() if hasattr(mapping, "to_json") else dict(mapping)
    write_json(
        root / "mappings" / f"{_layout_key(headers)}.json", {"table": table, "headers": headers, "columns": columns}
    )
