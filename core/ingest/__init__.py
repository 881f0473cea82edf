"""Reading messy sales files into the canonical tables: read -> header mapping -> clean -> load."""

from __future__ import annotations

import duckdb

from core.ingest.header import Mapping, propose_mapping
from core.ingest.load import IngestReport, load_table
from core.ingest.read import CSV_EXTENSIONS, RawTable, read_table, sheet_names

__all__ = ["IngestReport", "Mapping", "RawTable", "load_file", "load_table", "propose_mapping", "read_table", "sheet_names"]


def load_file(
    con: duckdb.DuckDBPyConnection,
    data: bytes,
    name: str,
    *,
    table: str = "orders",
    sheet: str | None = None,
    mapping: dict | None = None,
    drop_duplicates: bool = False,
    path: str | None = None,
) -> IngestReport:
    """Read, map (automatically, or by a saved mapping) and load one file into `table`.

    path: the file `data` was read from, if any (DuckDB then reads a plain CSV file there itself).
    """
    if table == "orders" and not drop_duplicates and name.lower().endswith(CSV_EXTENSIONS):
        from core.ingest.plain_csv import load_plain_csv

        fast = load_plain_csv(con, data, name, mapping=mapping, path=path)
        if fast is not None:
            return fast
    raw = read_table(data, name, sheet)
    chosen = (
        Mapping.from_json(table, mapping, raw.headers) if mapping else propose_mapping(table, raw.headers, raw.data)
    )
    return load_table(con, raw, chosen, drop_duplicates=drop_duplicates)
