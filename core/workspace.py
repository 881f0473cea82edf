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
from collections.abc import Callable, Iterable, Mapping as MappingType
from datetime import date, datetime, timezone
from pathlib import Path

import duckdb
import pyarrow.parquet as pq

from core import store
from core.errors import InputError, Where

ENV_VAR = "KA_WORKSPACE"
DEFAULT_PATH = Path("data") / "workspace"
SCHEMA_VERSION = 1
TABLES = ("orders", "pipeline")
# version n -> a function that upgrades a workspace folder from n to n + 1. Each must be safe to run twice
# (two processes may open an old workspace at once). Columns added to core/schema.py need no entry:
# open_dataset inserts by name, so an older snapshot simply has nulls in a newer column.
MIGRATIONS: dict[int, Callable[[Path], None]] = {}
_RESERVE_ATTEMPTS = 1000
_STALE_SECONDS = 24 * 3600  # a .tmp- folder this old belongs to a process that died mid-save


class WorkspaceError(InputError):
    """A workspace problem the user can fix: unknown dataset, unreadable folder, newer version."""

    def __init__(self, path: Path | str, *, zh: str, en: str) -> None:
        super().__init__(Where(str(path)), zh=zh, en=en)


class WorkspaceBusy(WorkspaceError):
    """Another writer kept the workspace busy; nothing was saved and trying again is safe."""

    def __init__(self, path: Path | str) -> None:
        super().__init__(path, zh="工作区正忙（其他导入正在进行），未保存任何内容，请稍后重试。",
                         en="The workspace is busy (another import is running); nothing was saved, retry in a moment.")


def default_path(explicit: str | os.PathLike | None = None) -> Path:
    """The workspace folder: the explicit path, else $KA_WORKSPACE, else ./data/workspace."""
    return Path(explicit or os.environ.get(ENV_VAR) or DEFAULT_PATH)


# ---- saving ---------------------------------------------------------------------------------------

def save_dataset(
    path: str | os.PathLike,
    con: duckdb.DuckDBPyConnection,
    reports: MappingType | Iterable,
    label: str | None = None,
    *,
    as_of: date | None = None,
    uploaded_at: datetime | None = None,
) -> int:
    """Save the loaded orders (and pipeline) tables of `con` as a new dataset; returns its id.

    `reports` holds the IngestReport of each loaded table (a dict by table or a list). as_of defaults to
    the latest order date; the label to the as_of date. Nothing is visible until the final rename.
    """
    root = _open_root(path, create=True)
    by_table = dict(reports) if isinstance(reports, MappingType) else {r.table: r for r in reports}
    orders = by_table.get("orders")
    if orders is None or orders.rows_loaded == 0:
        raise WorkspaceError(root, zh="没有可保存的订单行：数据集至少需要一个已导入的订单文件。",
                             en="No order rows to save: a dataset needs a loaded orders file.")
    as_of = as_of or orders.latest_date
    # the wall-clock time of the upload is a fact about the upload, not an analysis date
    uploaded_at = uploaded_at or datetime.now(timezone.utc).replace(microsecond=0)
    meta = {
        "schema_version": SCHEMA_VERSION,
        "label": label or (as_of.isoformat() if as_of else orders.file),
        "uploaded_at": uploaded_at.isoformat(),
        "as_of": as_of.isoformat() if as_of else None,
        "tables": {
            table: {"file": r.file, "sheet": r.sheet, "mapping": r.mapping.to_json(), "headers": list(r.headers),
                    "rows_read": r.rows_read, "rows_loaded": r.rows_loaded, "rows_rejected": r.rows_rejected}
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
        _write_json(tmp / "reports.json", {table: r.to_json("en") for table, r in by_table.items()})
        _write_json(tmp / "meta.json", meta)
        dataset_id = _reserve_id(root)
        os.rename(tmp, datasets / str(dataset_id))  # the commit point: the dataset appears whole
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    _fsync_dir(datasets)
    for r in by_table.values():
        remember_mapping(root, r.headers, r.table, r.mapping.to_json())
    return dataset_id


def _write_table(con: duckdb.DuckDBPyConnection, table: str, target: Path) -> None:
    # table is one of TABLES, never a user value
    arrow = con.cursor().sql(f"select * from {table} order by source_row").to_arrow_table()
    pq.write_table(arrow, target)
    _fsync_file(target)


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

def list_datasets(path: str | os.PathLike) -> list[dict]:
    """Every dataset, oldest first by (as_of, id): id, label, source, sheet, uploaded_at, as_of,
    rows_loaded (orders), pipeline_source, pipeline_rows_loaded, has_pipeline, mapping."""
    root = _open_root(path, create=False)
    if root is None:
        return []
    found = []
    for folder in (root / "datasets").iterdir():
        if not folder.name.isdigit():
            continue
        try:
            meta = _read_json(folder / "meta.json")
        except FileNotFoundError:
            continue  # deleted between listing and reading
        found.append(_summary(int(folder.name), meta))
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


def get_dataset(path: str | os.PathLike, dataset_id: int) -> dict:
    """One dataset's summary (as in list_datasets); WorkspaceError when there is none with that id."""
    root = _existing_root(path)
    try:
        return _summary(int(dataset_id), _read_json(root / "datasets" / str(int(dataset_id)) / "meta.json"))
    except (FileNotFoundError, ValueError):
        raise _not_found(root, dataset_id) from None


def dataset_reports(path: str | os.PathLike, dataset_id: int) -> dict:
    """The ingest report JSON saved with a dataset, by table."""
    root = _existing_root(path)
    try:
        return _read_json(root / "datasets" / str(int(dataset_id)) / "reports.json")
    except FileNotFoundError:
        raise _not_found(root, dataset_id) from None


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
    raise _not_found(default_path(path), ref)


def open_dataset(path: str | os.PathLike, dataset_id: int) -> duckdb.DuckDBPyConnection:
    """An in-memory connection with the dataset's tables loaded and the filter macros ready.

    The Parquet files are read once and closed, so the workspace stays free for other writers.
    """
    root = _existing_root(path)
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
        raise _not_found(root, dataset_id) from None
    if not (folder / "meta.json").exists():
        con.close()
        raise _not_found(root, dataset_id)
    return con


# ---- changing -------------------------------------------------------------------------------------

def rename_dataset(path: str | os.PathLike, dataset_id: int, label: str) -> None:
    """Give a dataset a new label (its data never changes)."""
    root = _existing_root(path)
    label = label.strip()
    if not label:
        raise WorkspaceError(root, zh="名称不能为空。", en="The label cannot be empty.")
    file = root / "datasets" / str(int(dataset_id)) / "meta.json"
    try:
        meta = _read_json(file)
    except FileNotFoundError:
        raise _not_found(root, dataset_id) from None
    _write_json(file, {**meta, "label": label})


def delete_dataset(path: str | os.PathLike, dataset_id: int) -> None:
    """Remove a dataset: it disappears at once (one rename), then its files are deleted. Its id is not reused."""
    root = _existing_root(path)
    datasets = root / "datasets"
    trash = datasets / f".trash-{int(dataset_id)}-{uuid.uuid4().hex}"
    try:
        os.rename(datasets / str(int(dataset_id)), trash)
    except FileNotFoundError:
        raise _not_found(root, dataset_id) from None
    _fsync_dir(datasets)
    shutil.rmtree(trash, ignore_errors=True)


# ---- mapping memory -------------------------------------------------------------------------------

def _layout_key(headers: Iterable[str]) -> str:
    # the same set of headers is the same layout, whatever the column order
    return hashlib.sha1(json.dumps(sorted(str(h) for h in headers), ensure_ascii=False).encode()).hexdigest()[:20]


def saved_mapping(path: str | os.PathLike, headers: Iterable[str], table: str | None = None) -> dict | None:
    """{table, columns} remembered for a file with exactly these headers (of `table`, when given), else None."""
    root = _open_root(path, create=False)
    if root is None:
        return None
    try:
        record = _read_json(root / "mappings" / f"{_layout_key(headers)}.json")
    except FileNotFoundError:
        return None
    if table is not None and record.get("table") != table:
        return None
    return {"table": record["table"], "columns": dict(record["columns"])}


def remember_mapping(path: str | os.PathLike, headers: Iterable[str], table: str, mapping: dict) -> None:
    """Keep the confirmed mapping {field: header} for this layout; the latest confirmation wins."""
    if table not in TABLES:
        raise ValueError(f"not a table: {table!r}")
    root = _open_root(path, create=True)
    headers = list(headers)
    columns = mapping.to_json() if hasattr(mapping, "to_json") else dict(mapping)
    _write_json(root / "mappings" / f"{_layout_key(headers)}.json",
                {"table": table, "headers": headers, "columns": columns})


# ---- the folder, versions and atomic files ---------------------------------------------------------

def _open_root(path: str | os.PathLike | None, *, create: bool) -> Path | None:
    """The workspace folder, migrated to SCHEMA_VERSION; None when it does not exist and create is False."""
    root = default_path(path)
    if root.exists() and not root.is_dir():
        raise WorkspaceError(root, zh="工作区路径是一个文件，不是文件夹。请指定一个文件夹。",
                             en="The workspace path is a file, not a folder; point it at a folder.")
    version_file = root / "workspace.json"
    if not version_file.exists():
        if not create:
            return None
        try:
            for sub in ("ids", "datasets", "mappings"):
                (root / sub).mkdir(parents=True, exist_ok=True)
            if not version_file.exists():
                _write_json(version_file, {"schema_version": SCHEMA_VERSION})
        except OSError as exc:
            raise WorkspaceError(root, zh=f"无法创建工作区：{exc.strerror}",
                                 en=f"Cannot create the workspace: {exc.strerror}") from None
        return root
    found = int(_read_json(version_file).get("schema_version", 0))
    if found > SCHEMA_VERSION:
        raise WorkspaceError(root, zh=f"工作区由更新的版本创建（版本 {found}），请升级本程序。",
                             en=f"The workspace was written by a newer version (schema {found}); upgrade this program.")
    if found < SCHEMA_VERSION:
        _migrate(root, found)
    return root


def _existing_root(path: str | os.PathLike | None) -> Path:
    root = _open_root(path, create=False)
    if root is None:
        raise WorkspaceError(default_path(path), zh="工作区还没有任何数据集。", en="The workspace has no datasets yet.")
    return root


def _migrate(root: Path, found: int) -> None:
    for version in range(found, SCHEMA_VERSION):
        MIGRATIONS[version](root)
        _write_json(root / "workspace.json", {"schema_version": version + 1})


def _not_found(root: Path, ref) -> WorkspaceError:
    return WorkspaceError(root, zh=f"找不到数据集「{ref}」（编号或名称）。", en=f"No dataset '{ref}' (id or label).")


def _read_json(file: Path) -> dict:
    with open(file, encoding="utf-8") as fh:
        return json.load(fh)


def _write_json(file: Path, data: dict) -> None:
    """Write to a temporary name in the same folder, flush to disk, then os.replace: readers see old or new."""
    tmp = file.with_name(f".{file.name}.{uuid.uuid4().hex}.tmp")
    try:
        with open(tmp, "w", encoding="utf-8") as fh:
            json.dump(data, fh, ensure_ascii=False, indent=1)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, file)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _fsync_dir(file.parent)


def _fsync_file(file: Path) -> None:
    fd = os.open(file, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_dir(folder: Path) -> None:
    # a rename is durable once its folder is synced; some systems (Windows) cannot open a folder
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
