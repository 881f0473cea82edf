"""The workspace folder itself: where it is, its schema version and migrations, errors, atomic JSON files.

core/workspace.py builds datasets on top; this module knows nothing about tables.
"""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Callable
from pathlib import Path

from core.errors import InputError, Where

ENV_VAR = "KA_WORKSPACE"
DEFAULT_PATH = Path("data") / "workspace"
SCHEMA_VERSION = 1
# version n -> a function that upgrades a workspace folder from n to n + 1. Each must be safe to run twice
# (two processes may open an old workspace at once). Columns added to core/schema.py need no entry:
# open_dataset inserts by name, so an older snapshot simply has nulls in a newer column.
MIGRATIONS: dict[int, Callable[[Path], None]] = {}


class WorkspaceError(InputError):
    """A workspace problem the user can fix: unknown dataset, unreadable folder, newer version."""

    def __init__(self, path: Path | str, *, zh: str, en: str) -> None:
        super().__init__(Where(str(path)), zh=zh, en=en)


class WorkspaceBusy(WorkspaceError):
    """Another writer kept the workspace busy; nothing was saved and trying again is safe."""

    def __init__(self, path: Path | str) -> None:
        super().__init__(
            path,
            zh="工作区正忙（其他导入正在进行），未保存任何内容，请稍后重试。",
            en="The workspace is busy (another import is running); nothing was saved, retry in a moment.",
        )


def default_path(explicit: str | os.PathLike | None = None) -> Path:
    """The workspace folder: the explicit path, else $KA_WORKSPACE, else ./data/workspace."""
    return Path(explicit or os.environ.get(ENV_VAR) or DEFAULT_PATH)


def open_root(path: str | os.PathLike | None, *, create: bool) -> Path | None:
    """The workspace folder, migrated to SCHEMA_VERSION; None when it does not exist and create is False."""
    root = default_path(path)
    if root.exists() and not root.is_dir():
        raise WorkspaceError(
            root,
            zh="工作区路径是一个文件，不是文件夹。请指定一个文件夹。",
            en="The workspace path is a file, not a folder; point it at a folder.",
        )
    version_file = root / "workspace.json"
    if not version_file.exists():
        if not create:
            return None
        try:
            for sub in ("ids", "datasets", "mappings"):
                (root / sub).mkdir(parents=True, exist_ok=True)
            if not version_file.exists():
                write_json(version_file, {"schema_version": SCHEMA_VERSION})
        except OSError as exc:
            raise WorkspaceError(
                root, zh=f"无法创建工作区：{exc.strerror}", en=f"Cannot create the workspace: {exc.strerror}"
            ) from None
        return root
    found = int(read_json(version_file).get("schema_version", 0))
    if found > SCHEMA_VERSION:
        raise WorkspaceError(
            root,
            zh=f"工作区由更新的版本创建（版本 {found}），请升级本程序。",
            en=f"The workspace was written by a newer version (schema {found}); upgrade this program.",
        )
    if found < SCHEMA_VERSION:
        _migrate(root, found)
    return root


def existing_root(path: str | os.PathLike | None) -> Path:
    root = open_root(path, create=False)
    if root is None:
        raise WorkspaceError(default_path(path), zh="工作区还没有任何数据集。", en="The workspace has no datasets yet.")
    return root


def _migrate(root: Path, found: int) -> None:
    for version in range(found, SCHEMA_VERSION):
        MIGRATIONS[version](root)
        write_json(root / "workspace.json", {"schema_version": version + 1})


def not_found(root: Path, ref) -> WorkspaceError:
    return WorkspaceError(root, zh=f"找不到数据集「{ref}」（编号或名称）。", en=f"No dataset '{ref}' (id or label).")


def read_json(file: Path) -> dict:
    with open(file, encoding="utf-8") as fh:
        return json.load(fh)


def write_json(file: Path, data: dict) -> None:
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
    fsync_dir(file.parent)


def fsync_file(file: Path) -> None:
    fd = os.open(file, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_dir(folder: Path) -> None:
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
