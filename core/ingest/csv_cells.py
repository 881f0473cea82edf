"""CSV bytes -> every record as text: encoding detected, delimiter sniffed, DuckDB's parallel reader."""

from __future__ import annotations

import codecs
import io
import os
import re
import tempfile
from dataclasses import dataclass
from typing import TYPE_CHECKING

import duckdb

from core import limits
from core.errors import InputError, Where
from core.ingest import guard

if TYPE_CHECKING:  # numpy and pyarrow load with the first file that needs them, not with the CLI
    import numpy as np
    import pyarrow as pa


def decode(data: bytes, name: str) -> tuple[str, str]:
    """(text, encoding): UTF-8 (with or without BOM), UTF-16, GB18030/GBK, else Windows-1252/Latin-1."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16"), "utf-16"
    head = data[:4096]
    if head.count(b"\x00") > len(head) // 4:  # UTF-16 without a BOM: every other byte is NUL for ASCII
        # an ASCII character's NUL is its second byte in little-endian; the first character may be 客 (A2 5B)
        little = head[1::2].count(0) >= head[0::2].count(0)
        return data.decode("utf-16-le" if little else "utf-16-be", errors="replace"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
        if _looks_chinese(text):
            return text, "gb18030"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def _looks_chinese(text: str) -> bool:
    """GB18030 decodes almost any bytes; real Chinese text stays within the common GB2312 set.

    Latin-1 accents (0xC0-0xFF) followed by ASCII letters decode as rare GBK extension characters,
    which fail this test.
    """
    wide = [ch for ch in text[:20000] if ord(ch) > 0x7F]
    if not wide:
        return True
    common = sum(1 for ch in wide if _in_gb2312(ch))
    return common >= 0.9 * len(wide)


def _in_gb2312(ch: str) -> bool:
    try:
        ch.encode("gb2312")
        return True
    except UnicodeEncodeError:
        return False


def sniff_delimiter(text: str) -> str:
    """The delimiter with the most consistent non-zero count over the first lines (title rows aside)."""
    lines = [ln for ln in text[:65536].splitlines()[:60] if ln.strip()]
    best, best_score = ",", -1.0
    for delim in (",", ";", "\t", "|"):
        counts = sorted(ln.count(delim) for ln in lines)
        if not counts or counts[-1] == 0:
            continue
        median = counts[len(counts) // 2]
        score = median * sum(1 for c in counts if c == median) if median else 0.1
        if score > best_score:
            best, best_score = delim, score
    return best


@dataclass
class CsvCells:
    """Every record of a CSV file as text columns c0..cN plus source_row (its line in the file)."""

    table: pa.Table
    encoding: str
    delimiter: str
    plain_cells: bool  # no cell can hold whitespace or a control character (checked on the bytes)
    control_chars: bool  # some cell may hold a control character (clean.CONTROL; checked on the bytes)


def read_csv_cells(data: bytes, name: str) -> CsvCells:
    """Decode (detected encoding), sniff the delimiter, and read every record with DuckDB's reader."""
    import pyarrow as pa

    lim = limits.current()
    deadline = guard.deadline(name)
    text, encoding = decode(data, name)
    if encoding == "utf-8" and b"\r" not in data:
        utf8 = data  # already what the lines below would write (a BOM would have made it utf-8-sig)
    else:
        text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
        utf8 = text.encode("utf-8")
    delimiter = sniff_delimiter(text)
    width = check_head(text, utf8, delimiter, name, lim)
    deadline.check()
    with tempfile.TemporaryDirectory(prefix="ka-csv-") as tmp:
        path = os.path.join(tmp, "upload.csv")
        with open(path, "wb") as fh:
            fh.write(utf8)
        table = _duckdb_read_csv(path, delimiter, name, width, utf8, lim, deadline)
    line_numbers, one_line_records = _record_line_numbers(text, delimiter, table.num_rows, utf8)
    table = table.append_column("source_row", pa.array(line_numbers, pa.int32()))
    controls = has_control_chars(utf8)
    plain = one_line_records and not controls and not _has_whitespace(utf8)
    deadline.check()
    return CsvCells(table, encoding, delimiter, plain, controls)


HEAD_RECORDS = 200  # the records whose width sets the columns read (a title row above the header is narrower)
HEAD_CHARS = 1 << 20  # ... within the first megabyte, so a file of one endless line is measured in milliseconds


def head_width(text: str, delimiter: str) -> tuple[int, int, bool]:
    """(the most fields in one of the first records, the line it ends on, whether the first megabyte
    ended inside it, so that it holds at least that many)."""
    import csv

    reader = csv.reader(io.StringIO(text[:HEAD_CHARS]), delimiter=delimiter)
    widest, line, last, at = 0, 1, 0, -1
    try:
        for i, record in zip(range(HEAD_RECORDS), reader):
            last = i
            if len(record) > widest:
                widest, line, at = len(record), reader.line_num, i
    except csv.Error:  # a NUL byte or a field past csv's size limit: the records before it tell enough
        pass
    return widest or 1, line, len(text) > HEAD_CHARS and widest > 0 and at == last


def check_head(text: str, utf8: bytes, delimiter: str, name: str, lim: limits.Limits) -> int:
    """The width of the first records, once the columns, lines and cells are within the limits."""
    width, line, at_least = head_width(text, delimiter)
    if width > lim.columns:
        raise guard.too_many_columns(name, width, line, lim, at_least=at_least)
    lines = utf8.count(b"\n") + (0 if utf8.endswith(b"\n") else 1)
    guard.check_csv_shape(name, lines, width, lim)
    _check_long_lines(utf8, delimiter, name, lim)
    return width


def _check_long_lines(utf8: bytes, delimiter: str, name: str, lim: limits.Limits) -> None:
    """Refuse a line below the first ones holding more fields than the columns limit, before DuckDB reads
    the file: only a line at least that many bytes long can, so only those are counted (and read with
    their quotes when the count passes)."""
    import csv

    import numpy as np

    raw = np.frombuffer(utf8, dtype=np.uint8)
    starts = np.concatenate(([0], np.flatnonzero(raw == ord("\n")) + 1))
    stops = np.append(starts[1:] - 1, len(raw))
    mark = delimiter.encode()
    for number in np.flatnonzero(stops - starts >= lim.columns):
        begin, end = int(starts[number]), int(stops[number])
        if utf8.count(mark, begin, end) + 1 > lim.columns:
            record = next(csv.reader([utf8[begin:end].decode("utf-8", "replace")], delimiter=delimiter), [])
            if len(record) > lim.columns:
                raise guard.too_many_columns(name, len(record), int(number) + 1, lim)


# Every character that is whitespace to pyarrow's utf8_trim_whitespace (the blank-row test), to RE2's \s
# or to clean.WS (ka_text), as UTF-8: the ASCII ones but the newline, then the multi-byte ones by lead byte.
_ASCII_SPACES = b"\t\x0b\x0c\r\x1c\x1d\x1e\x1f "
WIDE_SPACES = [ch.encode("utf-8") for ch in "\x85\xa0\u1680\u180e\u2028\u2029\u202f\u205f\u3000\ufeff"]
WIDE_SPACES += [chr(c).encode("utf-8") for c in range(0x2000, 0x200C)]


# clean.CONTROL as bytes: in UTF-8 they never occur inside a multi-byte character
CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])
_NOT_CONTROL = bytes(b for b in range(256) if b not in CONTROL_BYTES)


def has_control_chars(utf8: bytes) -> bool:
    """Whether a control character the load removes (clean.CONTROL) occurs in the bytes; one pass."""
    return bool(utf8.translate(None, _NOT_CONTROL))


def _has_whitespace(utf8: bytes) -> bool:
    """Whether any whitespace but the line breaks occurs in the bytes; one memchr-speed scan per byte
    tested, and a substring search only for a lead byte that occurs (CJK punctuation starts with E3)."""
    if any(bytes((b,)) in utf8 for b in _ASCII_SPACES):
        return True
    leads = {seq[:1] for seq in WIDE_SPACES}
    present = {lead for lead in leads if lead in utf8}
    return any(seq in utf8 for seq in WIDE_SPACES if seq[:1] in present)


def _duckdb_read_csv(
    path: str, delimiter: str, name: str, width: int, utf8: bytes, lim: limits.Limits, deadline: guard.Deadline
) -> pa.Table:
    """Every record as text, as many columns as the widest record has (the first records have `width`)."""
    con = duckdb.connect()
    base = (
        "select * from read_csv($path, delim=$delim, header=false, all_varchar=true, null_padding=true, "
        "quote='\"', escape='\"', strict_mode=false, auto_detect=false, columns=$columns, parallel=$parallel)"
    )
    # Two spare columns past the widest early line: a later, wider row fills them instead of losing
    # its extra cells (strict_mode=false would drop them silently); when the last spare is used, widen.
    width += 2
    try:
        with deadline.interrupting(con):
            while True:
                table = _read_width(con, base, path, delimiter, width)
                if table.column(width - 1).null_count == table.num_rows:
                    return table
                if width > lim.columns:  # a record spanning lines is wider than the limit
                    raise guard.too_many_columns(name, width - 1, None, lim, at_least=True)
                width = min(max(width * 2, _widest_line(utf8, delimiter) + 2), lim.columns + 2)
    except duckdb.Error as exc:
        line = re.search(r"Line: (\d+)", str(exc))
        raise InputError(
            Where(name, row=int(line.group(1)) if line else None),
            zh="无法按 CSV 读取此行（引号不成对或列数异常），请在 Excel 中打开后另存为 CSV 或 .xlsx 再上传。",
            en="This line cannot be read as CSV (unbalanced quotes or odd columns); open the file in Excel, "
            "save it again as CSV or .xlsx and upload that.",
        ) from None


def _widest_line(utf8: bytes, delimiter: str) -> int:
    """The most fields a line of the file can hold: its delimiters + 1, quotes aside."""
    import numpy as np

    raw = np.frombuffer(utf8, dtype=np.uint8)
    marks = np.flatnonzero(raw == ord(delimiter))
    ends = np.append(np.flatnonzero(raw == ord("\n")), len(raw))
    return int(np.diff(np.searchsorted(marks, ends), prepend=0).max()) + 1


def _read_width(con, base: str, path: str, delimiter: str, width: int) -> pa.Table:
    """The parallel reader; the serial one only when a quoted field spans lines."""
    columns = {f"c{i}": "varchar" for i in range(width)}
    for parallel in (True, False):
        try:
            params = {"path": path, "delim": delimiter, "columns": columns, "parallel": parallel}
            return con.sql(base, params=params).to_arrow_table()
        except duckdb.Error as exc:
            if parallel and "parallel" in str(exc):
                continue
            raise
    raise AssertionError("unreachable")


def _record_line_numbers(text: str, delimiter: str, records: int, utf8: bytes | None = None) -> tuple[np.ndarray, bool]:
    """Line number of each record DuckDB returned, and whether every record is one line (no cell holds a
    line break). DuckDB skips empty lines, so count them back in. utf8: text.encode("utf-8") when the
    caller has it."""
    import numpy as np

    raw = np.frombuffer(text.encode("utf-8") if utf8 is None else utf8, dtype=np.uint8)
    ends = np.flatnonzero(raw == ord("\n"))
    starts = np.concatenate(([0], ends + 1))
    stops = np.concatenate((ends, [len(raw)]))
    non_empty = np.flatnonzero(stops > starts) + 1  # 1-based line numbers of lines with any character
    if len(non_empty) == records:
        return non_empty.astype(np.int32), True
    # A quoted field spans lines: the tolerant path parses records to learn where each one starts.
    import csv

    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    starts_at, line = [], 1
    for record in reader:
        if record:  # csv gives [] for an empty line, which DuckDB skips
            starts_at.append(line)
        line = reader.line_num + 1
    numbers = np.array(starts_at, dtype=np.int32)
    return (numbers[:records] if len(numbers) >= records else np.arange(1, records + 1, dtype=np.int32)), False
