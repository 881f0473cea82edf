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
tests/ingest/test_plain_csv.py checks on every kind of CSV file. plain_shape.py holds the byte checks and
plain_stager.py DuckDB's read; this module decides the road and reads the mapping screen's preview.

Anything else -- another encoding, a quote, whitespace in a cell, an empty or ragged line, day-first
dates, a field found only by its values -- returns None, and the caller takes the general road.
"""

from __future__ import annotations

import os
import tempfile
import threading
from collections.abc import Callable

import duckdb

from core import limits
from core.errors import InputError
from core.ingest import guard
from core.ingest.header import VALUE_HINTS, Mapping, propose_mapping
from core.ingest.plain_shape import HEAD_BYTES, Progress, Shape, file_shape, plain_shape
from core.ingest.plain_stager import Stager
from core.ingest.progress import LoadProgress
from core.ingest.read import CSV_EXTENSIONS, RawTable, read_table
from core.ingest.report import IngestReport
from core.ingest.synonyms import SYNONYMS


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
    shape = plain_shape(data)
    _check_shape(shape, name, lines=True)
    chosen = _mapping(shape, mapping)
    if shape is None or chosen is None:
        return None
    deadline = guard.deadline(name)
    with tempfile.TemporaryDirectory(prefix="ka-csv-") as tmp:
        path = os.path.join(tmp, "upload.csv")
        with open(path, "wb") as fh:
            fh.write(data)
        stager = Stager(con, path, shape.headers, chosen)
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
    shape = plain_shape(data)
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
    guess = plain_shape(head)
    _check_shape(guess, name, lines=False)
    chosen = _mapping(guess, mapping(guess.headers) if guess else None)
    if guess is None or chosen is None:
        return None, _read(path)
    stager = Stager(con, path, guess.headers, chosen)
    if progress is not None:
        stager.cur.execute("set enable_progress_bar = true")  # DuckDB tracks the query's progress ...
        stager.cur.execute("set enable_progress_bar_print = false")  # ... without printing it
    worker = threading.Thread(target=stager.stage, args=(guess,))
    try:
        with guard.deadline(name).interrupting(stager.cur):
            worker.start()
            try:
                shape = file_shape(path, progress)
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


def _check_shape(shape: Shape | None, name: str, *, lines: bool) -> None:
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


def _mapping(shape: Shape | None, saved: dict | None) -> Mapping | None:
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
