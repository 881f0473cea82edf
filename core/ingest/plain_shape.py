"""The byte checks of the plain-CSV road (plain_csv.py): whether a CSV file is plain, and its shape (delimiter,
header line, headers, lines), from its bytes in memory or from a file on disk read a chunk at a time."""

from __future__ import annotations

import codecs
import itertools
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from core.ingest import clean
from core.ingest.csv_cells import CONTROL_BYTES, WIDE_SPACES, sniff_delimiter
from core.ingest.read import HEADER_SEARCH_ROWS, find_header_row, unique_headers

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
class Shape:
    delimiter: str
    header_index: int  # the header's line, 0-based (no line above it is empty)
    headers: list[str]
    lines: int  # lines in the file, the last one with or without its newline
    # whether a line below the header holds an ASCII letter of TOTALS_KEYS (searching the bytes for the
    # Chinese ones costs more than DuckDB's test of the text columns)
    totals_letters: bool


def plain_shape(data: bytes) -> Shape | None:
    """The shape of a plain file, else None."""
    return _shape_of([data])


def file_shape(path: str, progress: Progress | None = None) -> Shape | None:
    """plain_shape of the file at `path`, read READ_BYTES at a time: Python never holds the whole file (a
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


def _shape_of(chunks: Iterable[bytes]) -> Shape | None:
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
    return Shape(delimiter, index, unique_headers(rows[index]), newlines + (0 if chunk.endswith(b"\n") else 1), letters)
