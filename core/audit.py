"""The audit log: who did what, when — one append-only JSON-lines file in the workspace (issue #12).

Each entry is one line written by a single O_APPEND write, so concurrent writers (sessions, the CLI, app
replicas on a shared filesystem with POSIX append) never interleave inside a line and nothing is rewritten.
Entries: {"time": ISO 8601 UTC, "user": name, "action": one of ACTIONS, "detail": {...}}.
No password or hash is ever passed in `detail` (callers pass names and ids only).
"""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from pathlib import Path

from core.access import User, require
from core.workspace.root import open_root

FILE_NAME = "audit.jsonl"
ACTIONS = (
    "sign_in",
    "sign_in_failed",
    "sign_out",
    "upload",
    "import",
    "rename",
    "delete",
    "user_add",
    "user_remove",
    "password_reset",
    "merge",
)


def record(path: str | os.PathLike | None, user: str, action: str, detail: dict | None = None) -> dict:
    """Append one entry to the workspace's audit log (creating the workspace if needed); returns the entry."""
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    entry = {
        "time": datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z"),
        "user": str(user),
        "action": action,
        "detail": detail or {},
    }
    line = (json.dumps(entry, ensure_ascii=False, default=str) + "\n").encode("utf-8")
    root = open_root(path, create=True)
    fd = os.open(root / FILE_NAME, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        size = os.fstat(fd).st_size
        if size and os.pread(fd, 1, size - 1) != b"\n":  # a writer died mid-line: start ours on a fresh one
            line = b"\n" + line
        os.write(fd, line)
        os.fsync(fd)
    finally:
        os.close(fd)
    return entry


def entries(path: str | os.PathLike | None) -> list[dict]:
    """Every entry, oldest first; a line cut short by a crash mid-write is skipped (it recorded nothing whole)."""
    root = open_root(path, create=False)
    if root is None or not (root / FILE_NAME).exists():
        return []
    found = []
    for raw in Path(root / FILE_NAME).read_bytes().splitlines():
        try:
            found.append(json.loads(raw))
        except ValueError:
            continue
    return found


def newest_first(
    path: str | os.PathLike | None, *, actor: User, user: str | None = None, action: str | None = None
) -> list[dict]:
    """The entries for the audit page, newest first, of one user and/or one action when given; admins only."""
    require(actor, "read_audit")
    found = [
        e
        for e in entries(path)
        if (user is None or e.get("user") == user) and (action is None or e.get("action") == action)
    ]
    return found[::-1]
