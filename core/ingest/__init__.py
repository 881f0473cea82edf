"""Reading messy sales files into the canonical tables: read -> header mapping -> clean -> load."""

from __future__ import annotations

import duckdb

from core.ingest.header import Mapping, propose_mapping
from core.ingest.load import IngestReport, load_table
from core.ingest.read import RawTable, read_table, sheet_names

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
) -> IngestReport:
    """Read, map (automatically, or by a saved mapping) and load one file into `table`."""
    raw = read_table(data, name, sheet)
    chosen = (
        Mapping.from_json(table, mapping, raw.headers) if mapping else propose_mapping(table, raw.headers, raw.data)
    )
    return load_table(con, raw, chosen, drop_duplicates=drop_duplicates)
