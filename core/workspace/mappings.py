"""Mapping memory: the mapping confirmed for a file layout (its set of headers), offered again for a file
laid out the same way."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable

from core.access import LOCAL_USER, User, require
from core.workspace.datasets import TABLES
from core.workspace.root import open_root, read_json, write_json


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
