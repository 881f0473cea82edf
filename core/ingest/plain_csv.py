"""The fast road for a plain CSV orders file: DuckDB reads it once, straight into the `orders` table.

A plain file is what ERP and BI exports usually write: UTF-8, one record per line, no quote, no
whitespace in a cell below the header, no empty line, the same number of cells on every line. For such
a file much of the general road (read.read_table -> load.load_table) is known in advance: the header is
found in the first lines, the record after header line h is line h + 1 + its index, and no cell can hold
a decimal comma (the delimiter is the only comma). So DuckDB's parallel reader parses every record with
the general road's SQL straight into ka_plain, a table with the columns of `orders` (no Arrow copy of
every cell, no staged copy); the few rows a report must look at (a problem, a possible totals word, a
date that could say day-first, an unreadable optional value, a blank row) keep their raw cells and go
through the general staging SQL (staging.stage_sql); then the rejected rows are deleted and ka_plain is
renamed to `orders`. The result is the IngestReport and the table the general road makes, which
tests/ingest/test_plain_csv.py checks on every kind of CSV file.

Anything else -- another encoding, a quote, whitespace in a cell, an empty or ragged line, day-first
dates, a field found only by its values -- returns None, and the caller takes the general road.
"""

from __future__ import annotations

import codecs
import itertools
import os
import tempfile
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import duckdb

from core import limits, schema
from core.errors import InputError
from core.ingest import clean, guard
from core.ingest.csv_cells import CONTROL_BYTES, WIDE_SPACES, sniff_delimiter
from core.ingest.folding import fold_customers
from core.ingest.header import SYNONYMS, VALUE_HINTS, Mapping, propose_mapping
from core.ingest.notes import optional_warnings, two_digit_year_notes, unit_notes
from core.ingest.progress import LoadProgress
from core.ingest.read import CSV_EXTENSIONS, HEADER_SEARCH_ROWS, RawTable, find_header_row, read_table, unique_headers
from core.ingest.report import LOADED_SQL, IngestReport, rejected_entries
from core.ingest.staging import column_evidence, select_lists, stage_sql

HEAD_BYTES = 65536  # the header and the delimiter are found in the first lines, as on the general path
# Bytes that make a file not plain: a quote (a cell may hold a delimiter or a line break), a carriage
# return, NUL (UTF-16), a control character (the general path removes it and says where); below the
# header, every ASCII whitespace but the newline (ka_text would change the cell; the header and title
# lines may have spaces: "Order Date").
_NOT_PLAIN = b'"\r' + CONTROL_BYTES
_SPACES = b"\t\x0b\x0c\x1c\x1d\x1e\x1f "
# One pass over the bytes keeps these and drops the rest: the newlines (counted), the bytes above, the
# lead bytes of the multi-byte spaces (looked for only when one occurs) and the ASCII letters of the
# totals words' TOTALS_KEYS.
_WIDE_LEADS = bytes(sorted({seq[0] for seq in WIDE_SPACES}))
_ASCII_KEYS = bytes(sorted({ord(k) for k in clean.TOTALS_KEYS + clean.TOTALS_KEYS.upper() if ord(k) < 128}))
_KEPT = b"\n" + _NOT_PLAIN + _SPACES + _WIDE_LEADS + _ASCII_KEYS
_DROPPED = bytes(b for b in range(256) if b not in _KEPT)
_WIDEST = max(len(seq) for seq in WIDE_SPACES)
READ_BYTES = 8 * 1024 * 1024  # a file on disk is checked this many bytes at a time

# progress(stage, done, total): "read" (lines of the file, total estimated from its size until all are read),
# "parsed" (records DuckDB has parsed, from its query progress), "loaded" (rows loaded, total the records)
Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class _Shape:
    delimiter: str
    header_index: int  # the header's line, 0-based (no line above it is empty)
    headers: list[str]
    lines: int  # lines in the file, the last one with or without its newline
    # whether a line below the header holds an ASCII letter of TOTALS_KEYS (searching the bytes for the
    # Chinese ones costs more than DuckDB's test of the text columns)
    totals_letters: bool


def load_plain_csv(
    con: duckdb.DuckDBPyConnection,
    data: bytes,
    name: str,
    *,
    mapping: dict | None = None,
    progress: LoadProgress | None = None,
) -> IngestReport | None:
    """Load a plain CSV file into `orders` as load.load_table would, or None when the file is not plain.
    DuckDB reads the bytes from a temp file (load_plain_csv_file reads a file on disk where it is).
    progress: told each step (the records parsed by DuckDB, then the load), for a screen to show."""
    shape = _plain_shape(data)
    _check_shape(shape, name, lines=True)
    chosen = _mapping(shape, mapping)
    if shape is None or chosen is None:
        return None
    deadline = guard.deadline(name)
    with tempfile.TemporaryDirectory(prefix="ka-csv-") as tmp:
        path = os.path.join(tmp, "upload.csv")
        with open(path, "wb") as fh:
            fh.write(data)
        stager = _Stager(con, path, shape.headers, chosen)
        try:
            with deadline.interrupting(stager.cur):
                if progress is not None:
                    progress.begin("parse", stager.cur, total_rows=shape.lines - shape.header_index - 1)
                staged = stager.stage(shape)
            if progress is not None:
                progress.begin("load", stager.cur)
            return stager.finish(name, shape) if staged else None
        finally:
            stager.drop()


PREVIEW_ROWS = 1000  # more than the 500 values header.propose_mapping looks at: the same proposal as the whole file's


def plain_preview(data: bytes, name: str) -> tuple[RawTable, int] | None:
    """For a plain CSV file: its header and first PREVIEW_ROWS records read as read.read_table reads the
    whole file (what the mapping screen proposes from and shows), and its number of records; else None.

    The mapping screen needs no more of a large file before the load; load_file then reads it once. A line of
    only delimiters counts here as a record; the load, which skips it as blank, says the exact count."""
    guard.check_upload(len(data), name)
    if not name.lower().endswith(CSV_EXTENSIONS):
        return None
    shape = _plain_shape(data)
    if shape is None:
        return None
    _check_shape(shape, name, lines=True)
    end = -1
    for _ in range(shape.header_index + 1 + PREVIEW_ROWS):
        end = data.find(b"\n", end + 1)
        if end < 0:
            break
    head = read_table(data if end < 0 else data[: end + 1], name)
    if head.header_row != shape.header_index + 1 or head.headers != shape.headers:
        return None  # the general reader sees the file another way: let it read all of it
    return head, shape.lines - shape.header_index - 1


def load_plain_csv_file(
    con: duckdb.DuckDBPyConnection,
    path: str,
    name: str,
    *,
    mapping: Callable[[list[str]], dict | None],
    progress: Progress | None = None,
) -> tuple[IngestReport | None, bytes | None]:
    """load_plain_csv for a file on disk (the CLI), and the file's bytes for the general path when it
    declines (None when it loads). DuckDB starts reading the file as soon as its first lines look plain,
    while Python reads and checks all the bytes, a chunk at a time (DuckDB's CSV reader keeps the second
    core only half busy); what the whole file says then decides, and a file that is not plain after all
    gets the general path. mapping(headers): the saved mapping for these headers, or None to propose one.
    progress: called with the lines read, the records parsed and the rows loaded (Progress)."""
    with open(path, "rb") as fh:
        head = fh.read(HEAD_BYTES + 1)
    guess = _plain_shape(head)
    _check_shape(guess, name, lines=False)
    chosen = _mapping(guess, mapping(guess.headers) if guess else None)
    if guess is None or chosen is None:
        return None, _read(path)
    stager = _Stager(con, path, guess.headers, chosen)
    if progress is not None:
        stager.cur.execute("set enable_progress_bar = true")  # DuckDB tracks the query's progress ...
        stager.cur.execute("set enable_progress_bar_print = false")  # ... without printing it
    worker = threading.Thread(target=stager.stage, args=(guess,))
    try:
        with guard.deadline(name).interrupting(stager.cur):
            worker.start()
            try:
                shape = _file_shape(path, progress)
                if progress is not None and shape is not None:
                    _watch(worker, stager.cur, shape.lines - shape.header_index - 1, progress)
            finally:
                worker.join()
        _check_shape(shape, name, lines=True)
    except InputError:
        stager.drop()
        raise
    try:
        same = shape is not None and (shape.delimiter, shape.header_index, shape.headers) == (
            guess.delimiter,
            guess.header_index,
            guess.headers,
        )
        if not same or not stager.staged:
            return None, _read(path)
        if shape.totals_letters and not guess.totals_letters and not stager.stage(shape):
            return None, _read(path)  # a totals letter further down: staged again, looking for totals words
        report = stager.finish(name, shape)
        if report is None:
            return None, _read(path)
        if progress is not None:
            progress("parsed", report.rows_read, report.rows_read)
            progress("loaded", report.rows_loaded, report.rows_read)
        return report, None
    finally:
        stager.drop()


def _watch(worker: threading.Thread, cur, records: int, progress: Progress, every: float = 0.25) -> None:
    """progress("parsed", ...) from DuckDB's progress of the staging query, until the worker is done."""
    while worker.is_alive():
        worker.join(every)
        share = cur.query_progress()
        if share >= 0:
            progress("parsed", min(records, round(records * share / 100)), records)


def _has_survey(mapping: Mapping) -> bool:
    """A satisfaction or referral column takes the general road: its scale is read from the whole column
    first (survey_cells.score_scales), and its unreadable cells are listed (survey_cells.rejected_cells)."""
    return bool({"satisfaction", "referrals"} & mapping.columns.keys())


def _check_shape(shape: _Shape | None, name: str, *, lines: bool) -> None:
    """A plain file's columns (its header's) and, once all of it is read, its lines against the limits,
    before the header is mapped or DuckDB reads a record."""
    if shape is None:
        return
    lim = limits.current()
    if len(shape.headers) > lim.columns:
        raise guard.too_many_columns(name, len(shape.headers), shape.header_index + 1, lim)
    if lines:
        guard.check_csv_shape(name, shape.lines, len(shape.headers), lim)


def _read(path: str) -> bytes:
    with open(path, "rb") as fh:
        return fh.read()


def _mapping(shape: _Shape | None, saved: dict | None) -> Mapping | None:
    """The mapping the general path would use, when it needs no value of the file to decide it."""
    if shape is None:
        return None
    chosen = Mapping.from_json("orders", saved, shape.headers) if saved else propose_mapping("orders", shape.headers)
    if (
        chosen.missing_required()
        or _has_survey(chosen)
        or (not saved and any(f not in chosen.columns for f in VALUE_HINTS if f in SYNONYMS["orders"]))
    ):
        return None  # the general path finds a field by its values, or says which one is missing
    return chosen


def _plain_shape(data: bytes) -> _Shape | None:
    """The shape of a plain file, else None."""
    return _shape_of([data])


def _file_shape(path: str, progress: Progress | None = None) -> _Shape | None:
    """_plain_shape of the file at `path`, read READ_BYTES at a time: Python never holds the whole file (a
    10,000,000-line file is 1 GB) while DuckDB reads it. progress("read", lines so far, lines expected)."""
    size = os.path.getsize(path)

    def chunks():
        done = lines = 0
        with open(path, "rb") as fh:
            chunk = fh.read(HEAD_BYTES + 1)  # the header is found in the first chunk
            while chunk:
                yield chunk
                done += len(chunk)
                if progress is not None:
                    lines += chunk.count(b"\n")
                    progress("read", lines, lines if done >= size else round(lines * size / done))
                chunk = fh.read(READ_BYTES)

    return _shape_of(chunks())


def _shape_of(chunks: Iterable[bytes]) -> _Shape | None:
    """The shape of the plain file the `chunks` make up, in order, else None. The first chunk holds the first
    HEAD_BYTES + 1 bytes, or the whole file."""
    it = iter(chunks)
    first = next(it, b"")
    if first.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None
    head = first[:HEAD_BYTES]
    if len(first) > HEAD_BYTES:
        head = head[: head.rfind(b"\n") + 1]  # whole lines only
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError:
        return None
    lines = text.split("\n")
    if "" in lines[:-1] or not lines[0]:
        return None  # an empty line among the first: the general path counts lines around it
    delimiter = sniff_delimiter(text)
    rows = [[cell or None for cell in line.split(delimiter)] for line in lines[:HEADER_SEARCH_ROWS] if line]
    index = find_header_row(rows)
    if index is None or not all(c and c.strip() for c in rows[index]) or index >= len(rows) - 1:
        return None  # no header, a header cell left empty, or no data row in the first lines
    body = sum(len(line.encode()) + 1 for line in lines[: index + 1])  # where the records start
    parts: list[bytes] = []  # the _KEPT bytes of each chunk, in order: mostly newlines
    start = 0  # the chunk's place in the file
    tail = b""  # the previous chunk's last bytes: a wide space may begin there
    chunk = first
    for chunk in itertools.chain([first], it):
        if delimiter != "," and b"," in chunk:
            return None  # a comma inside a cell may be a decimal comma: the general path decides per column
        marks = chunk.translate(None, _DROPPED)
        if any(b in marks for b in _NOT_PLAIN):
            return None
        if any(lead in marks or lead in tail for lead in _WIDE_LEADS):
            window = tail + chunk
            after = max(0, body - (start - len(tail)))  # below the header only
            if any(window.find(seq, after) >= 0 for seq in WIDE_SPACES):
                return None
        parts.append(marks)
        start += len(chunk)
        tail = (tail + chunk)[-(_WIDEST - 1) :]
    marks = b"".join(parts)
    body_marks = marks.split(b"\n", index + 1)[-1]
    if any(b in body_marks for b in _SPACES):
        return None
    newlines = marks.count(b"\n")
    letters = any(k in body_marks for k in _ASCII_KEYS)
    return _Shape(
        delimiter, index, unique_headers(rows[index]), newlines + (0 if chunk.endswith(b"\n") else 1), letters
    )


class _Stager:
    """ka_plain from the file at `path`, then `orders` from ka_plain, on a cursor of its own."""

    def __init__(self, con, path: str, headers: list[str], mapping: Mapping) -> None:
        self.cur = con.cursor()
        for macro in clean.MACROS:
            self.cur.execute(macro)
        self.path, self.mapping = path, mapping
        self.cols = {h: f"c{i}" for i, h in enumerate(headers)}
        self.src = {field: self.cols[header] for field, header in mapping.columns.items()}
        kinds = clean.field_kinds("orders")
        # Day/month order and the decimal mark are decided from the whole column (staging.column_evidence). Parse
        # as if no cell gave evidence; the rows whose cells could (a date column's cell with a separator in
        # its 2nd or 3rd place, a superset of evidence._DAY_MONTH's cells) keep their cells, the evidence
        # is counted on them afterwards, and if it changes the parsing SQL the general path loads the file.
        assumed = {c: clean.Evidence() for f, c in self.src.items() if kinds[f] in ("date", "money", "number")}
        self.select, self.problems = select_lists(mapping, self.src, assumed, [])
        self.staged = False

    def stage(self, shape: _Shape) -> bool:
        """Parse every record into ka_plain; False when DuckDB cannot (invalid UTF-8, a ragged line)."""
        self.staged = False
        params = {
            "path": self.path,
            "delim": shape.delimiter,
            "skip": shape.header_index + 1,
            "columns": {c: "varchar" for c in self.cols.values()},
        }
        sql = _stage_in_place_sql(list(self.cols.values()), self.src, self.select, shape.totals_letters)
        try:
            self.cur.execute(sql, params)
        except duckdb.Error:
            # the general path reads what it can and says where
            return False
        self.staged = True
        return True

    def finish(self, name: str, shape: _Shape) -> IngestReport | None:
        """Look at the rows that kept their cells, find the duplicates, make ka_plain `orders`; None when
        the file holds what the general path must decide (an empty or blank line, day-first dates)."""
        cur, mapping, src, headers = self.cur, self.mapping, self.src, shape.headers
        header_row = shape.header_index + 1  # no empty line: the line number is the line's place
        rows_read, kept, blank = cur.execute(
            "select count(*), count(cells), count(*) filter (where list_count(cells) = 0) from ka_plain"
        ).fetchall()[0]
        # DuckDB skips empty lines; there are none when the lines after the header are exactly the records
        if blank or shape.lines != header_row + rows_read or rows_read == 0:
            return None
        # source_row: the record's line (ka_plain keeps the file's order: rowid is the record's index)
        offset = header_row + 1
        raw_cols = list(self.cols.values())
        sql, names = stage_sql(
            "ka_staged",
            "ka_raw",
            "orders",
            raw_cols,
            list(dict.fromkeys(src.values())),
            self.select,
            self.problems,
            plain=True,
        )
        notes = unit_notes(mapping)  # a plain file holds no control character: no control_notes
        rejected: list[tuple] = []
        if kept:
            cells = ", ".join(f"cells[{i + 1}] as {c}" for i, c in enumerate(raw_cols))
            cur.execute(
                f"create or replace temp table ka_raw as select (rowid + {offset})::integer as source_row, "
                f"{cells} from ka_plain where cells is not null"
            )
            # every cell the evidence counts is a date cell with a separator 2nd or 3rd: its row was kept
            evidence = column_evidence(cur, mapping, src)
            if select_lists(mapping, src, evidence, notes)[0] != self.select:
                return None  # day-first dates: parsed again the general way
            # the rows that keep their cells go through the general staging: problems, totals, exactly as there
            cur.execute(sql, {"totals": clean.TOTALS_WORDS})
            rejected = rejected_entries(cur, headers)
            notes += two_digit_year_notes(cur, mapping, src, evidence)
            notes += optional_warnings(cur, mapping, self.cols, plain_cells=True)
        else:  # no row to look at (planning the staging SQL alone takes ~50 ms)
            cur.execute(
                "create or replace temp table ka_staged (source_row integer, is_totals boolean, "
                "problems struct(code varchar, col varchar, arg varchar)[])"
            )
        duplicates = _duplicates(cur, names, offset)
        _keep_loaded(cur, offset)
        notes += fold_customers(cur, "ka_plain", "true")
        _replace(cur)
        loaded, latest = cur.execute(LOADED_SQL["orders"]).fetchall()[0]
        return IngestReport(
            table="orders",
            file=name,
            sheet=None,
            header_row=header_row,
            mapping=mapping,
            headers=headers,
            rows_read=rows_read,
            rows_loaded=loaded,
            rejected_rows=rejected,
            duplicate_pairs=duplicates,
            duplicates_dropped=False,
            notes=notes,
            encoding="utf-8",
            delimiter=shape.delimiter,
            latest_date=latest,
        )

    def drop(self) -> None:
        for table in ("ka_plain", "ka_raw", "ka_staged"):
            self.cur.execute(f"drop table if exists {table}")


def _stage_in_place_sql(raw_cols: list[str], src: dict[str, str], select: list[str], totals_letters: bool) -> str:
    """ka_plain: every record parsed into the columns of `orders`, in its order, plus row_hash (the hash
    of its raw cells, for duplicates) and `cells`, the raw cells of the few rows the general staging must
    look at: a required field empty or unreadable, a possible totals word, a date that could say day-first,
    an optional value that cannot be read, a blank row. The other rows can have no problem."""
    kinds = clean.field_kinds("orders")
    texts = list(dict.fromkeys(src.values()))
    cells = ", ".join(raw_cols)
    look = [f"{f.name} is null" for f in schema.ORDER_FIELDS if f.required]
    # a required date read before 1900 rejects its row (staging.select_lists)
    look += [f"{f.name} < date '{clean.EARLIEST_DATE}'" for f in schema.ORDER_FIELDS if f.required and f.kind == "date"]
    if "amount" not in src:
        look += ["quantity is null", "unit_price is null"]
    look += [
        " or ".join(f"{c}_t like '{'_' * n}{sep}%'" for n in (1, 2) for sep in "/.-")
        for c in dict.fromkeys(c for f, c in src.items() if kinds[f] == "date")
    ]
    look += [f"({f} is null and {c}_t is not null)" for f, c in src.items() if kinds[f] in ("date", "money", "number")]
    # A totals word in a date or number column leaves the field empty (kept above); in a text column or an
    # unmapped one it is found by staging.stage_sql's cheap test: a TOTALS_KEYS character in the row's text.
    # Its ASCII letters were looked for in the bytes already (totals_letters=False: none below the header).
    text_cols = [c for c in raw_cols if c not in {src[f] for f in src if kinds[f] in ("date", "money", "number")}]
    joined = "concat(" + ", ".join(text_cols) + ")"
    keys = [k for k in clean.TOTALS_KEYS + clean.TOTALS_KEYS.upper() if totals_letters or ord(k) >= 128]
    if text_cols:  # a CASE, not AND: DuckDB may run the operands of an AND in either order (145 vs 61 ms)
        look.append(
            "(case when "
            + " or ".join(f"contains({joined}, '{k}')" for k in dict.fromkeys(keys))
            + " then "
            + " or ".join(f"ka_total_candidate({c})" for c in text_cols)
            + " else false end)"
        )
    parsed = ", ".join(item for item in select if not item.startswith("null::"))
    names = {item.rsplit(" as ", 1)[1] for item in select if not item.startswith("null::")}
    outputs = ", ".join(
        f.name if f.name in names else f"null::{schema.SQL_TYPES[f.kind]} as {f.name}" for f in schema.ORDER_FIELDS
    )
    return f"""
        create or replace table ka_plain as
        with texts as (
            select {cells}{"".join(f", nullif({c}, '') as {c}_t" for c in texts)}
            from read_csv($path, delim=$delim, header=false, skip=$skip, all_varchar=true, quote='', escape='',
                auto_detect=false, columns=$columns, parallel=true, strict_mode=true, null_padding=false)
        ),
        parsed as (
            select {cells}{"".join(f", {c}_t" for c in texts)}, {parsed}
            from texts
        )
        select {outputs}, hash({cells}) as row_hash,
            case when {" or ".join(look)} then [{cells}] end as cells
        from parsed
    """


def _duplicates(cur, names: list[str], offset: int) -> list[tuple[int, int]]:
    """Rows identical in every cell to an earlier row, totals rows aside: (row, duplicate_of), in row order.

    Rows with identical cells have the same hash of the cells and the same parsed fields; ka_plain keeps
    no cells, so rows agreeing on both count as identical. Two different rows agree on both only if
    64-bit hashes of different cells collide between rows that parse alike (odds about 1e-19).
    """
    fields = ", ".join(["row_hash", *names])
    return cur.execute(
        f"""
        with repeated as (
            select row_hash from ka_plain group by row_hash having count(*) > 1
        ),
        candidates as (
            -- a totals row is no duplicate; two rows with equal cells are both totals rows or neither
            select (rowid + {offset})::integer as source_row, * from ka_plain semi join repeated using (row_hash)
            where source_row not in (select source_row from ka_staged where is_totals)
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


def _keep_loaded(cur, offset: int) -> None:
    """ka_plain made ready to become `orders`: the rows with a problem go, the others get their
    source_row, the helper columns go and the required ones are NOT NULL, as in schema.create_table_sql."""
    cur.execute("alter table ka_plain add column source_row integer")
    cur.execute(f"update ka_plain set source_row = (rowid + {offset})::integer")
    cur.execute("delete from ka_plain where source_row in (select source_row from ka_staged where len(problems) > 0)")
    for column in ("row_hash", "cells"):
        cur.execute(f"alter table ka_plain drop column {column}")
    for f in schema.ORDER_FIELDS:
        if f.required:
            cur.execute(f"alter table ka_plain alter column {f.name} set not null")
    cur.execute("alter table ka_plain alter column source_row set not null")


def _replace(cur) -> None:
    """ka_plain (made ready by _keep_loaded) becomes `orders` in one transaction. Nothing is copied; a
    failure keeps the old `orders`."""
    cur.execute("begin transaction")
    try:
        cur.execute("drop table orders")
        cur.execute("alter table ka_plain rename to orders")
        cur.execute("commit")
    except Exception:
        cur.execute("rollback")
        raise
