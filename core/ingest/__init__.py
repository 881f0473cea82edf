"""Reading messy sales files into the canonical tables: read -> header mapping -> clean -> load."""

from __future__ import annotations

import os
from collections.abc import Callable

import duckdb

from core.ingest import guard
from core.ingest.header import Mapping, propose_mapping
from core.ingest.load import load_table
from core.ingest.progress import LoadProgress
from core.ingest.read import CSV_EXTENSIONS, RawTable, read_table, sheet_names
from core.ingest.report import IngestReport

__all__ = [
    "IngestReport",
    "LoadProgress",
    "Mapping",
    "RawTable",
    "load_file",
    "load_path",
    "load_table",
    "propose_mapping",
    "read_table",
    "sheet_names",
]


def load_file(
    con: duckdb.DuckDBPyConnection,
    data: bytes,
    name: str,
    *,
    table: str = "orders",
    sheet: str | None = None,
    mapping: dict | None = None,
    drop_duplicates: bool = False,
    plain: bool = True,
    progress: LoadProgress | None = None,
) -> IngestReport:
    """Read, map (automatically, or by a saved mapping) and load one file into `table`.

    A plain CSV orders file takes core.ingest.plain_csv's road (same result, faster); plain=False when
    the caller knows it is not plain. progress: told each step, for a screen on another thread to show.
    """
    guard.check_upload(len(data), name)
    with guard.parse_deadline(name):  # one deadline for reading and loading
        if plain and table == "orders" and not drop_duplicates and name.lower().endswith(CSV_EXTENSIONS):
            from core.ingest.plain_csv import load_plain_csv

            fast = load_plain_csv(con, data, name, mapping=mapping, progress=progress)
            if fast is not None:
                return fast
        if progress is not None:
            progress.begin("read")
        raw = read_table(data, name, sheet)
        chosen = (
            Mapping.from_json(table, mapping, raw.headers) if mapping else propose_mapping(table, raw.headers, raw.data)
        )
        if progress is not None:
            progress.begin("load", total_rows=raw.rows_read)
        return load_table(con, raw, chosen, drop_duplicates=drop_duplicates)


def load_path(
    con: duckdb.DuckDBPyConnection,
    path: str,
    *,
    table: str = "orders",
    sheet: str | None = None,
    mapping: dict | None = None,
    remembered: Callable[[list[str]], dict | None] | None = None,
    progress: Callable[[str, int, int], None] | None = None,
) -> IngestReport:
    """load_file for a file on disk (the CLI): DuckDB reads a plain CSV there itself, while Python checks
    its bytes. remembered(headers): a mapping saved for files with these headers, used when `mapping` is
    not given. progress(stage, done, total): a plain CSV's lines read, records parsed and rows loaded
    (core.ingest.plain_csv.Progress); other files load without it. Raises OSError when the file cannot be
    opened."""
    name = os.path.basename(path)
    guard.check_upload(os.path.getsize(path), name)  # before a byte of it is read

    def chosen(headers: list[str]) -> dict | None:
        return mapping or (remembered(headers) if remembered else None)

    with guard.parse_deadline(name):
        if table == "orders" and name.lower().endswith(CSV_EXTENSIONS):
            from core.ingest.plain_csv import load_plain_csv_file

            fast, data = load_plain_csv_file(con, path, name, mapping=chosen, progress=progress)
            if fast is not None:
                return fast
        else:
            with open(path, "rb") as fh:
                data = fh.read()
        raw = read_table(data, name, sheet)
        saved = chosen(raw.headers)
        return load_table(
            con,
            raw,
            Mapping.from_json(table, saved, raw.headers) if saved else propose_mapping(table, raw.headers, raw.data),
        )
