"""Saving a dataset: its tables written as Parquet into a temporary folder that one rename makes visible, its
id reserved exclusively, its mappings remembered and the save audited."""

from __future__ import annotations

import os
import shutil
import time
import uuid
from collections.abc import Iterable
from collections.abc import Mapping as MappingType
from datetime import UTC, date, datetime
from pathlib import Path

import duckdb

from core import audit
from core.access import LOCAL_USER, User, require
from core.workspace.datasets import remove_folder
from core.workspace.mappings import remember_mapping
from core.workspace.records import report_record
from core.workspace.root import (
    SCHEMA_VERSION,
    WorkspaceBusy,
    WorkspaceError,
    existing_root,
    fsync_dir,
    fsync_file,
    not_found,
    open_root,
    read_json,
    write_json,
)

_RESERVE_ATTEMPTS = 1000
_STALE_SECONDS = 24 * 3600  # a .tmp- folder this old belongs to a process that died mid-save


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
        remove_folder(root, replaces)
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
