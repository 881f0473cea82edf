"""Bytes of an uploaded file -> a raw text table under its real header row, with source row numbers."""

from __future__ import annotations

import codecs
import datetime as dt
import io
import os
import re
import tempfile
from dataclasses import dataclass, field

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from python_calamine import CalamineError, CalamineWorkbook, PasswordError, ZipError

from core.errors import InputError, Where
from core.ingest.header import is_known_header

CSV_EXTENSIONS = (".csv", ".tsv", ".txt")
EXCEL_EXTENSIONS = (".xlsx", ".xlsm", ".xls", ".xlsb", ".ods")
EXTENSIONS = CSV_EXTENSIONS + EXCEL_EXTENSIONS
HEADER_SEARCH_ROWS = 30  # title rows above the header rarely run longer than this


@dataclass
class RawTable:
    """Every cell as text (None when empty); `source_row` is the row number the user sees in the file."""

    file: str
    sheet: str | None
    header_row: int
    headers: list[str]
    data: pa.Table  # columns named by `headers`, plus source_row
    sheets: list[str] = field(default_factory=list)
    encoding: str | None = None
    delimiter: str | None = None
    # True when no cell can hold whitespace (checked on the file's bytes): then a cell is blank only
    # when empty, and ka_text(c) is nullif(c, ''), so the load skips the whitespace test of every cell
    plain_cells: bool = False

    @property
    def rows_read(self) -> int:
        return self.data.num_rows


def read_table(data: bytes, name: str, sheet: str | None = None) -> RawTable:
    """Read a CSV or Excel file's chosen sheet (default: the one with most data rows)."""
    ext = _extension(name)
    if _blank(data):
        raise InputError(Where(name), zh="文件是空的，没有任何数据。", en="The file is empty: it holds no data.")
    if ext in CSV_EXTENSIONS:
        return _read_csv(data, name)
    return _read_excel(data, name, sheet)


def _blank(data: bytes) -> bool:
    """not data.strip(), without copying a large file: its first bytes are nearly always enough."""
    return not data[:4096].strip() and not data.strip()


def _extension(name: str) -> str:
    ext = os.path.splitext(name.lower())[1]
    if ext not in EXTENSIONS:
        raise InputError(
            Where(name),
            zh=f"不支持的文件类型「{ext or '无扩展名'}」；请上传 .xlsx、.xls、.xlsm 或 .csv 文件。",
            en=f"Unsupported file type '{ext or 'no extension'}'; upload an .xlsx, .xls, .xlsm or .csv file.",
        )
    return ext


# ---------------------------------------------------------------- CSV


def decode(data: bytes, name: str) -> tuple[str, str]:
    """(text, encoding): UTF-8 (with or without BOM), UTF-16, GB18030/GBK, else Windows-1252/Latin-1."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16"), "utf-16"
    head = data[:4096]
    if head.count(b"\x00") > len(head) // 4:  # UTF-16 without a BOM: every other byte is NUL for ASCII
        return data.decode("utf-16-le" if head[1:2] == b"\x00" else "utf-16-be", errors="replace"), "utf-16"
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


def _sniff_delimiter(text: str) -> str:
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


def _read_csv(data: bytes, name: str) -> RawTable:
    text, encoding = decode(data, name)
    if encoding == "utf-8" and b"\r" not in data:
        utf8 = data  # already what the lines below would write (a BOM would have made it utf-8-sig)
    else:
        text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
        utf8 = text.encode("utf-8")
    delimiter = _sniff_delimiter(text)
    with tempfile.TemporaryDirectory(prefix="ka-csv-") as tmp:
        path = os.path.join(tmp, "upload.csv")
        with open(path, "wb") as fh:
            fh.write(utf8)
        table = _duckdb_read_csv(path, delimiter, name)
    line_numbers, one_line_records = _record_line_numbers(text, delimiter, table.num_rows, utf8)
    table = table.append_column("source_row", pa.array(line_numbers, pa.int32()))
    plain = one_line_records and not _has_whitespace(utf8)
    return _under_header(table, name, None, [], encoding=encoding, delimiter=delimiter, plain_cells=plain)


# Every character that is whitespace to pyarrow's utf8_trim_whitespace (the blank-row test), to RE2's \s
# or to clean.WS (ka_text), as UTF-8: the ASCII ones but the newline, then the multi-byte ones by lead byte.
_ASCII_SPACES = b"\t\x0b\x0c\r\x1c\x1d\x1e\x1f "
_WIDE_SPACES = [ch.encode("utf-8") for ch in "\x85\xa0\u1680\u180e\u2028\u2029\u202f\u205f\u3000\ufeff"]
_WIDE_SPACES += [chr(c).encode("utf-8") for c in range(0x2000, 0x200C)]


def _has_whitespace(utf8: bytes) -> bool:
    """Whether any whitespace but the line breaks occurs in the bytes; one memchr-speed scan per byte
    tested, and a substring search only for a lead byte that occurs (CJK punctuation starts with E3)."""
    if any(bytes((b,)) in utf8 for b in _ASCII_SPACES):
        return True
    leads = {seq[:1] for seq in _WIDE_SPACES}
    present = {lead for lead in leads if lead in utf8}
    return any(seq in utf8 for seq in _WIDE_SPACES if seq[:1] in present)


def _duckdb_read_csv(path: str, delimiter: str, name: str) -> pa.Table:
    """Every record as text, as many columns as the widest record has."""
    con = duckdb.connect()
    base = (
        "select * from read_csv($path, delim=$delim, header=false, all_varchar=true, null_padding=true, "
        "quote='\"', escape='\"', strict_mode=false, auto_detect=false, columns=$columns, parallel=$parallel)"
    )
    # Two spare columns past the widest early line: a later, wider row fills them instead of losing
    # its extra cells (strict_mode=false would drop them silently); when the last spare is used, widen.
    width = _width(path, delimiter) + 2
    try:
        while True:
            table = _read_width(con, base, path, delimiter, width)
            if table.column(width - 1).null_count == table.num_rows:
                return table
            width *= 2
    except duckdb.Error as exc:
        line = re.search(r"Line: (\d+)", str(exc))
        raise InputError(
            Where(name, row=int(line.group(1)) if line else None),
            zh="无法按 CSV 读取此行（引号不成对或列数异常），请在 Excel 中打开后另存为 CSV 或 .xlsx 再上传。",
            en="This line cannot be read as CSV (unbalanced quotes or odd columns); open the file in Excel, "
            "save it again as CSV or .xlsx and upload that.",
        ) from None


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


def _width(path: str, delimiter: str) -> int:
    """The widest record in the first lines: a title row above the header may be narrower."""
    import csv

    with open(path, encoding="utf-8", newline="") as fh:
        rows = [r for _, r in zip(range(200), csv.reader(fh, delimiter=delimiter))]
    return max((len(r) for r in rows), default=1) or 1


def _record_line_numbers(text: str, delimiter: str, records: int, utf8: bytes | None = None) -> tuple[np.ndarray, bool]:
    """Line number of each record DuckDB returned, and whether every record is one line (no cell holds a
    line break). DuckDB skips empty lines, so count them back in. utf8: text.encode("utf-8") when the
    caller has it."""
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


# ---------------------------------------------------------------- Excel


def _open_workbook(data: bytes, name: str) -> CalamineWorkbook:
    try:
        return CalamineWorkbook.from_filelike(io.BytesIO(data))
    except PasswordError:
        raise InputError(
            Where(name),
            zh="文件有密码保护，请另存无密码副本后上传。",
            en="The file is password-protected; upload a copy saved without a password.",
        ) from None
    except (ZipError, CalamineError, OSError, ValueError) as exc:
        # an encrypted OOXML file is an OLE container whose stream names are UTF-16
        if "EncryptedPackage".encode("utf-16-le") in data or "password" in str(exc).lower():
            raise InputError(
                Where(name),
                zh="文件有密码保护，请另存无密码副本后上传。",
                en="The file is password-protected; upload a copy saved without a password.",
            ) from None
        raise InputError(
            Where(name),
            zh="无法作为 Excel 文件读取（文件损坏，或并非 Excel 格式）。请在 Excel/WPS 中打开并另存为 .xlsx 后重试。",
            en="This is not a readable Excel file (damaged, or not Excel at all). "
            "Open it in Excel/WPS, save it as .xlsx and try again.",
        ) from None


def sheet_names(data: bytes, name: str) -> list[str]:
    if _extension(name) in CSV_EXTENSIONS or _blank(data):
        return []
    return list(_open_workbook(data, name).sheet_names)


def _read_excel(data: bytes, name: str, sheet: str | None) -> RawTable:
    wb = _open_workbook(data, name)
    names = list(wb.sheet_names)
    if not names:
        raise InputError(Where(name), zh="工作簿里没有工作表。", en="The workbook has no sheets.")
    if sheet is not None and sheet not in names:
        raise InputError(
            Where(name, sheet),
            zh=f"找不到这个工作表；可选：{'、'.join(names)}。",
            en=f"No such sheet; the workbook has: {', '.join(names)}.",
        )
    grids = {}
    for candidate in [sheet] if sheet else names:
        try:
            sh = wb.get_sheet_by_name(candidate)
            grids[candidate] = (sh.to_python(skip_empty_area=False), sh.merged_cell_ranges or [])
        except (CalamineError, ValueError) as exc:
            if sheet:
                raise InputError(Where(name, sheet), zh=f"工作表无法读取：{exc}", en=f"The sheet cannot be read: {exc}") from None
    if not grids:
        raise InputError(Where(name), zh="工作簿里没有可读取的工作表。", en="No sheet in the workbook can be read.")
    # The sheet with most non-blank rows holds the data; a cover or notes sheet loses.
    chosen = sheet or max(grids, key=lambda s: sum(1 for r in grids[s][0] if any(v != "" for v in r)))
    rows, merged = grids[chosen]
    if not any(any(v != "" for v in r) for r in rows):
        raise InputError(Where(name, chosen), zh="工作表是空的。", en="The sheet is empty.")
    width = max(len(r) for r in rows)
    columns = [[_cell_text(r[i]) if i < len(r) else None for r in rows] for i in range(width)]
    _fill_merged(columns, merged)
    table = pa.table({f"c{i}": pa.array(col, pa.string()) for i, col in enumerate(columns)})
    table = table.append_column("source_row", pa.array(np.arange(1, len(rows) + 1, dtype=np.int32)))
    return _under_header(table, name, chosen, names)


def _cell_text(value) -> str | None:
    """calamine gives '' for an empty cell, floats for every number, date objects for dates."""
    if value == "" or value is None:
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        # an id Excel stored as a float (17850.0) keeps its text form 17850
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        return value.isoformat()
    return str(value)


def _fill_merged(columns: list[list], merged) -> None:
    """A merged cell's value sits in its top-left cell only; copy it to the whole range (merged customer cells)."""
    for (r1, c1), (r2, c2) in merged:
        if c1 >= len(columns) or r1 >= len(columns[c1]):
            continue
        value = columns[c1][r1]
        for c in range(c1, min(c2, len(columns) - 1) + 1):
            for r in range(r1, min(r2, len(columns[c]) - 1) + 1):
                columns[c][r] = value


# ---------------------------------------------------------------- header


def _under_header(table: pa.Table, name: str, sheet: str | None, sheets: list[str], **extra) -> RawTable:
    cells = [c for c in table.column_names if c != "source_row"]
    head = table.slice(0, HEADER_SEARCH_ROWS).to_pydict()
    head_rows = [[head[c][i] for c in cells] for i in range(min(HEADER_SEARCH_ROWS, table.num_rows))]
    index = find_header_row(head_rows)
    if index is None:
        raise InputError(
            Where(name, sheet),
            zh="找不到表头行（前 30 行里没有一行像列名）。请确认第一张数据表有「客户」「日期」「金额」等列名。",
            en="No header row found in the first 30 rows. Make sure the data has column names such as "
            "Customer, Date and Amount.",
        )
    headers = _unique_headers(head_rows[index])
    header_row = int(table.column("source_row")[index].as_py())
    body = table.slice(index + 1)
    body = body.rename_columns(headers + ["source_row"])
    # Blank rows are skipped and not counted (whitespace-only cells are blank too).
    non_blank = None
    for col in headers:
        cells = body.column(col) if extra.get("plain_cells") else pc.utf8_trim_whitespace(body.column(col))
        filled = pc.fill_null(pc.not_equal(cells, ""), False)
        non_blank = filled if non_blank is None else pc.or_(non_blank, filled)
    if non_blank is not None and pc.all(non_blank).as_py() is False:  # a copy of every column only if needed
        body = body.filter(non_blank)
    if body.num_rows == 0:
        raise InputError(
            Where(name, sheet, header_row),
            zh="只有表头，表头下没有数据行。请确认导出时包含了明细数据。",
            en="The file has a header but no data rows below it. Check that the export included the detail lines.",
        )
    # Columns with neither a header nor any value are artefacts of padding: drop them.
    keep = [h for h, raw in zip(headers, head_rows[index]) if (raw or "").strip() or pc.count(body.column(h)).as_py()]
    body = body.select(keep + ["source_row"])
    return RawTable(name, sheet, header_row, keep, body, sheets, **extra)


def _looks_like_value(text: str) -> bool:
    return bool(re.fullmatch(r"[-+¥￥$(]?[\d,./:年月日 -]+\)?%?", text.strip()))


def find_header_row(rows: list[list[str | None]]) -> int | None:
    """Index of the header: the row with the most text labels (known column names count triple)."""
    best, best_score = None, 0.0
    for i, row in enumerate(rows):
        cells = [str(v).strip() for v in row if v is not None and str(v).strip()]
        labels = [c for c in cells if not _looks_like_value(c)]
        if len(labels) < 2 or len(labels) < 0.6 * len(cells):
            continue
        score = len(labels) + 3 * sum(1 for c in labels if is_known_header(c))
        if score > best_score:
            best, best_score = i, score
    return best


def _unique_headers(row: list[str | None]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for i, v in enumerate(row):
        h = str(v).strip() if v is not None and str(v).strip() else f"列{_column_letter(i)}"
        if h in seen:
            seen[h] += 1
            h = f"{h} ({seen[h]})"
        else:
            seen[h] = 1
        out.append(h)
    return out


def _column_letter(i: int) -> str:
    letters = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        letters = chr(65 + r) + letters
    return letters
