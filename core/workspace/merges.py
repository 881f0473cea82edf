"""Remembered decisions about duplicate customers (PRODUCT.md § Duplicate customers; issue #14).

An editor reviews the candidate groups (core.analytics.duplicates) and either merges a group into one
surviving customer or keeps it apart. Both decisions live in one workspace file, replaced atomically:

    <workspace>/merges.json  {"version": n,
                              "merges": [{"into", "into_name", "from": [keys], "from_names", "by", "at"}],
                              "kept_apart": [{"customers": [keys], "names", "by", "at"}]}

A merge is applied to every later load: after each load into a store (an upload, `python -m core import`,
`report --workspace`) and whenever a saved dataset is opened, so a dataset saved before the merge shows it
too (saved snapshots are never rewritten). Applying is one UPDATE per table with bound lists: every spelling
whose customer key (NFKC width folding, case, spaces: PRODUCT.md § Canonical data) is a merged key, or the
surviving key spelled differently, becomes the surviving key. Later decisions win: a customer merged into B
and later B into C ends in C. A kept-apart group is not offered again unless a new customer joins it.
"""

from __future__ import annotations

import os
import time
import unicodedata
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from core import access
from core.workspace.root import WorkspaceBusy, WorkspaceError, open_root, read_json, write_json

FILE_NAME = "merges.json"
TABLES = ("orders", "pipeline")
_LOCK_NAME = "merges.lock"
_LOCK_TRIES = 200  # x 25 ms: five seconds of another editor's write
_LOCK_STALE_SECONDS = 60  # a lock this old belongs to a process that died mid-write
EMPTY = {"version": 0, "merges": [], "kept_apart": []}


def customer_key(name: str) -> str:
    """The customer key of PRODUCT.md: width folded (NFKC), case folded, runs of spaces as one."""
    return " ".join(unicodedata.normalize("NFKC", str(name)).casefold().split())


def decisions(path: str | os.PathLike | None) -> dict:
    """Every remembered decision, oldest first (EMPTY when the workspace or the file does not exist)."""
    root = open_root(path, create=False)
    if root is None or not (root / FILE_NAME).exists():
        return {**EMPTY, "merges": [], "kept_apart": []}
    found = read_json(root / FILE_NAME)
    return {
        "version": found.get("version", 0),
        "merges": found.get("merges", []),
        "kept_apart": found.get("kept_apart", []),
    }


def decisions_seen_by(path: str | os.PathLike | None, user: access.User) -> dict:
    """The decisions a user may read: every one for an unscoped user; none for a scoped one, whose decisions
    name customers of every region (merging is for unscoped editors only: access.UNSCOPED_ONLY)."""
    if not user.scope.unrestricted:
        return {**EMPTY, "merges": [], "kept_apart": []}
    return decisions(path)


def version(path: str | os.PathLike | None) -> int:
    """Grows by one with every decision: part of a cache key for data the merges were applied to."""
    return decisions(path)["version"]


def merge_customers(
    path: str | os.PathLike | None,
    actor: access.User,
    into: str,
    customers: list[str],
    names: dict[str, str] | None = None,
) -> dict:
    """Remember that `customers` are one customer, `into` (one of them), and write it to the audit log.
    Refused (AccessDenied) below the editor role; returns the decision."""
    access.require(actor, "merge")
    merged = [c for c in dict.fromkeys(customers) if c != into]
    if into not in customers or not merged:
        raise ValueError("a merge needs the surviving customer and at least one other of the group")
    names = names or {}
    decision = {
        "into": into,
        "into_name": names.get(into, into),
        "from": merged,
        "from_names": [names.get(c, c) for c in merged],
        "by": actor.name,
        "at": _now(),
    }
    _add(path, "merges", decision)
    _audit(path, actor, {"into": into, "from": merged})
    return decision


def keep_apart(
    path: str | os.PathLike | None, actor: access.User, customers: list[str], names: dict[str, str] | None = None
) -> dict:
    """Remember that `customers` are different customers, so the group is not offered again; audited as a
    merge decision. Refused (AccessDenied) below the editor role."""
    access.require(actor, "merge")
    kept = list(dict.fromkeys(customers))
    if len(kept) < 2:
        raise ValueError("keeping apart needs two customers or more")
    names = names or {}
    decision = {"customers": kept, "names": [names.get(c, c) for c in kept], "by": actor.name, "at": _now()}
    _add(path, "kept_apart", decision)
    _audit(path, actor, {"kept_apart": kept})
    return decision


def targets(decided: dict) -> dict[str, tuple[str, str]]:
    """{customer key of a merged customer: (surviving customer, its name)}, later decisions winning: a chain
    A -> B, B -> C sends A to C; a survivor is never its own target."""
    found: dict[str, tuple[str, str]] = {}
    for m in decided["merges"]:
        survivor = (m["into"], m.get("into_name") or m["into"])
        merged = {customer_key(c) for c in m["from"]}
        for key, target in list(found.items()):
            if customer_key(target[0]) in merged:
                found[key] = survivor
        for key in merged:
            found[key] = survivor
        found.pop(customer_key(m["into"]), None)
    return found


def apply_merges(con: duckdb.DuckDBPyConnection, path: str | os.PathLike | None) -> dict[str, list[dict]]:
    """Rewrite the merged customers of the workspace's decisions in the loaded tables: {table: [{from, into,
    rows}]}, each spelling found with the rows rewritten (nothing when no decision applies)."""
    return apply_decisions(con, decisions(path))


def apply_decisions(con: duckdb.DuckDBPyConnection, decided: dict) -> dict[str, list[dict]]:
    """apply_merges() for decisions already read."""
    found = targets(decided)
    result: dict[str, list[dict]] = {table: [] for table in TABLES}
    if not found:
        return result
    survivors = {customer_key(into): into for into, _ in found.values()}
    cur = con.cursor()
    for table in TABLES:
        # distinct spellings, not rows: the key is computed per name, the rows rewritten by one hash join
        spellings = cur.execute(f"select customer, count(*) from {table} group by customer").fetchall()
        renamed = []
        for spelling, rows in spellings:
            key = customer_key(spelling)
            if key in found and spelling != found[key][0]:
                renamed.append((spelling, *found[key], rows))
            elif key in survivors and spelling != survivors[key]:
                into = survivors[key]
                renamed.append((spelling, into, next(n for i, n in found.values() if i == into), rows))
        if not renamed:
            continue
        _rewrite(cur, table, renamed)
        result[table] = [{"from": f, "into": i, "rows": n} for f, i, _, n in sorted(renamed, key=lambda r: r[0])]
    return result


def _rewrite(cur, table: str, renamed: list[tuple[str, str, str, int]]) -> None:
    # table is one of TABLES, never a user value; the names are bound lists
    name_column = ", customer_name = case when customer_name is null then null else m.into_name end"
    cur.execute(
        f"update {table} set customer = m.into{name_column if table == 'orders' else ''} "
        "from (select unnest($from) as written, unnest($into) as into, unnest($into_name) as into_name) as m "
        f"where {table}.customer = m.written",
        {"from": [r[0] for r in renamed], "into": [r[1] for r in renamed], "into_name": [r[2] for r in renamed]},
    )


def merged_notes(merged: list[dict]) -> list[tuple[str, str]]:
    """The ingest report's note (zh, en) naming which customers were merged into which; [] for none."""
    if not merged:
        return []
    shown = merged[:8]
    more = "…" if len(merged) > len(shown) else ""
    rows = sum(m["rows"] for m in merged)
    return [
        (
            f"按工作区中已确认的客户合并，{len(merged)} 个客户名称并入其他客户（{rows} 行）："
            + "；".join(f"「{m['from']}」并入「{m['into']}」（{m['rows']} 行）" for m in shown)
            + more
            + "。",
            f"By the customer merges confirmed in the workspace, {len(merged)} customer "
            f"name{'s were' if len(merged) != 1 else ' was'} merged into another ({rows} rows): "
            + "; ".join(f"'{m['from']}' into '{m['into']}' ({m['rows']} rows)" for m in shown)
            + more
            + ".",
        )
    ]


def apply_after_load(con: duckdb.DuckDBPyConnection, path: str | os.PathLike | None, report) -> list[dict]:
    """apply_merges() right after `report`'s table was loaded: the report gains merged_customers and a note."""
    merged = apply_merges(con, path)[report.table]
    report.merged_customers = merged
    report.notes = [*report.notes, *merged_notes(merged)]
    return merged


def open_groups(groups: list[dict], decided: dict) -> list[dict]:
    """The candidate groups still to review: a group whose customers all lie within one kept-apart decision
    is left out (a new customer joining it brings it back)."""
    kept = [{customer_key(c) for c in k["customers"]} for k in decided["kept_apart"]]
    return [g for g in groups if not any({customer_key(c) for c in g["customers"]} <= k for k in kept)]


# ---- writing --------------------------------------------------------------------------------------


def _add(path: str | os.PathLike | None, kind: str, decision: dict) -> None:
    root = open_root(path, create=True)
    with _locked(root):
        decided = decisions(root)
        decided[kind].append(decision)
        decided["version"] += 1
        write_json(root / FILE_NAME, decided)


@contextmanager
def _locked(root: Path):
    """One writer of merges.json at a time (read, add, replace): two editors deciding at once both count."""
    lock = root / _LOCK_NAME
    for _ in range(_LOCK_TRIES):
        try:
            fd = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
            break
        except FileExistsError:
            try:
                if time.time() - lock.stat().st_mtime > _LOCK_STALE_SECONDS:
                    lock.unlink(missing_ok=True)
                    continue
            except FileNotFoundError:
                continue
            time.sleep(0.025)
    else:
        raise WorkspaceBusy(root)
    try:
        os.close(fd)
        yield
    except OSError as exc:
        raise WorkspaceError(
            root,
            zh=f"无法写入工作区，客户合并未保存：{exc.strerror or exc}",
            en=f"Cannot write to the workspace; the customer merge was not saved: {exc.strerror or exc}",
        ) from None
    finally:
        lock.unlink(missing_ok=True)


def _audit(path, actor: access.User, detail: dict) -> None:
    from core import audit  # late: core.audit imports this package's root

    audit.record(path, actor.name, "merge", detail)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
