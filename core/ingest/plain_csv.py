"""The fast path for a plain CSV file: DuckDB reads it once, straight into the staged rows.

A plain file is what ERP and BI exports usually write: UTF-8, one record per line, no quotes, no
whitespace in any cell, no empty line, the same number of cells on every line. For such a file every
step of the general path (read.read_table -> load.load_table) is known in advance: the header is found
in the first lines, the record after header line h is line h + 1 + its index, blank rows cannot occur,
and no cell can hold a decimal comma (the delimiter is the only comma). So DuckDB's parallel reader feeds
the same parsing SQL (load.stage_sql) directly, without an Arrow copy of every cell, and the staged rows
keep the raw cells only for the few rows a report names. The result is the same IngestReport and the
same table as the general path's, which tests/ingest/test_plain_csv.py checks on every CSV variant.

Anything else -- another encoding, a quote, whitespace, a ragged line, a date column with day/month
dates, a field found only by its values -- returns None and the caller takes the general path.
"""

from __future__ import annotations

import codecs
import os
import tempfile

import duckdb

from core import schema
from core.ingest import clean
from core.ingest.csv_cells import _WIDE_SPACES, _sniff_delimiter
from core.ingest.header import _VALUE_HINTS, SYNONYMS, Mapping, propose_mapping
from core.ingest.load import (
    _LOADED_SQL,
    IngestReport,
    _evidence,
    _optional_warnings,
    _rejected,
    _select_lists,
    stage_sql,
)
from core.ingest.read import HEADER_SEARCH_ROWS, _unique_headers, find_header_row

HEAD_BYTES = 65536  # the header and the delimiter are found in the first lines, as on the general path
# Bytes that make a file not plain: a quote (a cell may hold a delimiter or a line break), a carriage
# return, NUL (UTF-16) and every ASCII whitespace but the newline (ka_text would change the cell).
_NOT_PLAIN = b'"\r\x00\t\x0b\x0c\x1c\x1d\x1e\x1f '
_PLAIN_BYTES = bytes(b for b in range(256) if b not in _NOT_PLAIN)
_DATE_SEPARATORS = "('/', '.', '-')"


def load_plain_csv(
    con: duckdb.DuckDBPyConnection, data: bytes, name: str, *, mapping: dict | None = None,
    path: str | None = None,
) -> IngestReport | None:
    """Load a plain CSV file into `orders` as load.load_table would, or None when the file is not plain.

    path: the file `data` was read from, so DuckDB reads it there; otherwise the bytes go to a temp file.
    """
    shape = _plain_shape(data)
    if shape is None:
        return None
    delimiter, header_index, headers = shape
    chosen = Mapping.from_json("orders", mapping, headers) if mapping else propose_mapping("orders", headers)
    if chosen.missing_required() or (not mapping and any(f not in chosen.columns for f in _VALUE_HINTS
                                                         if f in SYNONYMS["orders"])):
        return None  # the general path finds a field by its values, or says which one is missing
    if path is not None:
        return _load(con, path, data, name, delimiter, header_index, headers, chosen)
    with tempfile.TemporaryDirectory(prefix="ka-csv-") as tmp:
        path = os.path.join(tmp, "upload.csv")
        with open(path, "wb") as fh:
            fh.write(data)
        return _load(con, path, data, name, delimiter, header_index, headers, chosen)


def _plain_shape(data: bytes) -> tuple[str, int, list[str]] | None:
    """(delimiter, index of the header line, headers) of a plain file, else None."""
    if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None
    if data.translate(None, _PLAIN_BYTES):  # one pass: the bytes left are the ones that are not plain
        return None
    leads = {seq[:1] for seq in _WIDE_SPACES}
    if any(seq in data for seq in _WIDE_SPACES if seq[:1] in leads and seq[:1] in data):
        return None
    head = data[:HEAD_BYTES]
    if len(data) > HEAD_BYTES:
        head = head[: head.rfind(b"\n") + 1]  # whole lines only
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError:
        return None
    lines = text.split("\n")
    if "" in lines[:-1] or not lines[0]:
        return None  # an empty line among the first: the general path counts lines around it
    delimiter = _sniff_delimiter(text)
    if delimiter != "," and b"," in data:
        return None  # a comma inside a cell may be a decimal comma: the general path decides per column
    rows = [[cell or None for cell in line.split(delimiter)] for line in lines[:HEADER_SEARCH_ROWS] if line]
    index = find_header_row(rows)
    if index is None or not all(rows[index]) or index >= len(rows) - 1:
        return None  # no header, a header cell left empty, or no data row in the first lines
    return delimiter, index, _unique_headers(rows[index])


def _load(con, path: str, data: bytes, name: str, delimiter: str, header_index: int, headers: list[str],
          mapping: Mapping) -> IngestReport | None:
    cols = {h: f"c{i}" for i, h in enumerate(headers)}
    src = {field: cols[header] for field, header in mapping.columns.items()}
    texts = list(dict.fromkeys(src.values()))
    kinds = clean.field_kinds("orders")
    # Day/month order and the decimal mark are decided from the whole column (load._evidence). Parse as
    # if no cell gave evidence; the rows whose cells could (a date column's cell with a separator in its
    # 2nd or 3rd place, a superset of evidence._DAY_MONTH's cells) keep their cells, the evidence is
    # counted on them afterwards, and if it changes the parsing SQL the general path loads the file.
    assumed = {c: (0, 0, 0, 0) for f, c in src.items() if kinds[f] in ("date", "money", "number")}
    select, problems = _select_lists(mapping, src, assumed, [])
    date_cols = list(dict.fromkeys(c for f, c in src.items() if kinds[f] == "date"))
    keep = [f"(substr({c}_t, 2, 1) in {_DATE_SEPARATORS} or substr({c}_t, 3, 1) in {_DATE_SEPARATORS})"
            for c in date_cols]
    # an optional value that cannot be read is left empty and named in a note (load._optional_warnings)
    keep += [f"({f} is null and {c}_t is not null)" for f, c in src.items() if kinds[f] in ("date", "money", "number")]
    # a row of empty cells is blank: the general path skips it uncounted; here it keeps its cells to be found
    keep.append("(" + " and ".join(f"{c} is null" for c in cols.values()) + ")")
    body = data[data.find(b"\n", _line_start(data, header_index)) + 1:]
    totals = any(k.encode() in body for k in dict.fromkeys(clean.TOTALS_KEYS + clean.TOTALS_KEYS.upper()))
    source = (
        "read_csv($path, delim=$delim, header=false, skip=$skip, all_varchar=true, quote='', escape='', "
        "auto_detect=false, columns=$columns, parallel=true, strict_mode=true, null_padding=false)"
    )
    sql, names = stage_sql("ka_fast", source, "orders", list(cols.values()), texts, select, problems,
                           plain=True, totals=totals, keep_cells=keep)
    cur = con.cursor()
    for macro in clean.MACROS:
        cur.execute(macro)
    params = {"path": path, "delim": delimiter, "skip": header_index + 1,
              "columns": {c: "varchar" for c in cols.values()}}
    if totals:
        params["totals"] = clean.TOTALS_WORDS
    try:
        cur.execute(sql, params)
    except duckdb.Error:
        # invalid UTF-8, a line with more or fewer cells: the general path reads what it can and says where
        cur.execute("drop table if exists ka_fast")
        return None
    try:
        return _finish(cur, data, name, delimiter, header_index, headers, mapping, src, names, select)
    finally:
        for view in ("ka_raw", "ka_staged"):
            cur.execute(f"drop view if exists {view}")
        cur.execute("drop table if exists ka_fast")


def _finish(cur, data: bytes, name: str, delimiter: str, header_index: int, headers: list[str], mapping: Mapping,
            src: dict[str, str], names: list[str], select: list[str]) -> IngestReport | None:
    header_row = header_index + 1  # no empty line: the line number is the line's place
    rows_read, blank = cur.execute(
        "select count(*), count(*) filter (where cells is not null and list_count(cells) = 0) from ka_fast"
    ).fetchall()[0]
    # DuckDB skips empty lines; there are none when the lines after the header are exactly the records
    lines = data.count(b"\n") + (0 if data.endswith(b"\n") else 1)
    if blank or lines != header_row + rows_read or rows_read == 0:
        return None
    # source_row: the record's line (the staged table keeps the file's order: rowid is the record's index)
    offset = header_row + 1
    cells = ", ".join(f"cells[{i + 1}] as c{i}" for i in range(len(headers)))
    cur.execute(f"create or replace temp view ka_staged as select (rowid + {offset})::integer as source_row, * from ka_fast")
    cur.execute(f"create or replace temp view ka_raw as select source_row, {cells} from ka_staged where cells is not null")
    notes: list[tuple[str, str]] = []
    if _select_lists(mapping, src, _evidence(cur, mapping, src), notes)[0] != select:
        return None  # day-first dates: parsed again the general way
    duplicates = _duplicates(cur, names)
    rejected = _rejected(cur, headers)
    notes += _optional_warnings(cur, mapping, {h: f"c{i}" for i, h in enumerate(headers)}, plain_cells=True)
    _replace(cur, names, offset)
    loaded, latest = cur.execute(_LOADED_SQL["orders"]).fetchall()[0]
    return IngestReport(
        table="orders", file=name, sheet=None, header_row=header_row, mapping=mapping, headers=headers,
        rows_read=rows_read, rows_loaded=loaded, rejected_rows=rejected, duplicate_pairs=duplicates,
        duplicates_dropped=False, notes=notes, encoding="utf-8", delimiter=delimiter, latest_date=latest,
    )


def _line_start(data: bytes, index: int) -> int:
    """Byte offset of line `index` (0-based) among the first lines."""
    start = 0
    for _ in range(index):
        start = data.index(b"\n", start) + 1
    return start


def _duplicates(cur, names: list[str]) -> list[tuple[int, int]]:
    """Rows identical in every cell to an earlier row: (row, duplicate_of), in row order.

    Rows with identical cells have the same hash of the cells and the same parsed fields; the staged
    rows keep no cells, so rows agreeing on both count as identical. Two different rows agree on both
    only if 64-bit hashes of different cells collide between rows that parse alike (odds about 1e-19).
    """
    fields = ", ".join(["row_hash", *names])
    return cur.execute(
        f"""
        with candidates as (
            select * from ka_staged
            where not is_totals and row_hash in (
                select row_hash from ka_staged where not is_totals group by row_hash having count(*) > 1)
        ),
        groups as (
            select list(source_row order by source_row) as rows
            from candidates
            group by {fields}
            having count(*) > 1
        )
        select unnest(rows[2:])::bigint as row, rows[1]::bigint as duplicate_of from groups order by row
        """
    ).fetchall()


def _replace(cur, names: list[str], offset: int) -> None:
    """Swap the rows of `orders` for the staged good rows in one transaction (load._replace)."""
    fields = ", ".join(names)
    cur.execute("begin transaction")
    try:
        cur.execute("delete from orders")
        cur.execute(f"insert into orders ({fields}, source_row) select {fields}, (rowid + {offset})::integer "
                    "from ka_fast where len(problems) = 0")
        cur.execute("commit")
    except Exception:
        cur.execute("rollback")
        raise
