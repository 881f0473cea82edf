"""Bytes of an uploaded file -> a raw text table under its real header row, with source row numbers."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from core.errors import InputError, Where
from core.ingest import guard
from core.ingest.csv_cells import decode
from core.ingest.synonyms import is_known_header

if TYPE_CHECKING:  # pyarrow, numpy and calamine load with the first file read this way, not with the CLI
    import pyarrow as pa

__all__ = ["RawTable", "decode", "find_header_row", "read_table", "sheet_names"]

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
    # False when no cell can hold a control character (checked on a CSV file's bytes): the load then skips
    # looking for the ones it removes
    control_chars: bool = True

    @property
    def rows_read(self) -> int:
        return self.data.num_rows


def read_table(data: bytes, name: str, sheet: str | None = None) -> RawTable:
    """Read a CSV or Excel file's chosen sheet (default: the one with most data rows)."""
    from core.ingest.csv_cells import read_csv_cells
    from core.ingest.excel_cells import read_excel_cells

    ext = _extension(name)
    guard.check_upload(len(data), name)
    if _blank(data):
        raise InputError(Where(name), zh="文件是空的，没有任何数据。", en="The file is empty: it holds no data.")
    with guard.parse_deadline(name) as deadline:
        if ext in CSV_EXTENSIONS:
            cells = read_csv_cells(data, name)
            raw = _under_header(
                cells.table,
                name,
                None,
                [],
                encoding=cells.encoding,
                delimiter=cells.delimiter,
                plain_cells=cells.plain_cells,
                control_chars=cells.control_chars,
            )
        else:
            table, chosen, names = read_excel_cells(data, name, sheet)
            raw = _under_header(table, name, chosen, names)
        deadline.check()
        return raw


def sheet_names(data: bytes, name: str) -> list[str]:
    if _extension(name) in CSV_EXTENSIONS or _blank(data):
        return []
    from core.ingest.excel_cells import workbook_sheet_names

    guard.check_upload(len(data), name)
    with guard.parse_deadline(name):
        return workbook_sheet_names(data, name)


# Excel saves an empty sheet as "CSV UTF-8" as its byte-order mark alone; UTF-16 pads spaces with NUL bytes
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
_BLANK_BYTES = b" \t\n\r\x0b\x0c\x00"


def _blank(data: bytes) -> bool:
    """Nothing but whitespace after any byte-order mark, without copying a large file: its first bytes
    are nearly always enough."""
    start = next((len(bom) for bom in _BOMS if data.startswith(bom)), 0)
    return not data[start : start + 4096].strip(_BLANK_BYTES) and not data[start:].strip(_BLANK_BYTES)


def _extension(name: str) -> str:
    ext = os.path.splitext(name.lower())[1]
    if ext not in EXTENSIONS:
        raise InputError(
            Where(name),
            zh=f"不支持的文件类型「{ext or '无扩展名'}」；请上传 .xlsx、.xls、.xlsm 或 .csv 文件。",
            en=f"Unsupported file type '{ext or 'no extension'}'; upload an .xlsx, .xls, .xlsm or .csv file.",
        )
    return ext


# ---------------------------------------------------------------- header


def _under_header(table: pa.Table, name: str, sheet: str | None, sheets: list[str], **extra) -> RawTable:
    import pyarrow.compute as pc

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
    headers = unique_headers(head_rows[index])
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


_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # clean.CONTROL


def unique_headers(row: list[str | None]) -> list[str]:
    """The header cells as column names: control characters removed, trimmed, each one unique."""
    seen: dict[str, int] = {}
    out = []
    for i, v in enumerate(row):
        text = _CONTROL.sub("", str(v)).strip() if v is not None else ""
        h = text or f"列{_column_letter(i)}"
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
