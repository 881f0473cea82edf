"""Excel bytes -> the chosen sheet's cells as text, read with python-calamine (merged cells filled).

Nothing reaches calamine before the limits say it may: a zip workbook (xlsx, xlsm, xlsb, ods) is first
unpacked and measured (sheet_extents.scan_workbook), a legacy .xls counted from its cell records
(xls_extents.scan_xls), and the sheet to read is chosen from that count, so only that one sheet is ever
built (an .ods or .xls file calamine builds whole, so all of it is measured). Only rows holding something
become Python objects.
"""

from __future__ import annotations

import datetime as dt
import io

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from python_calamine import CalamineError, CalamineWorkbook, PasswordError, ZipError

from core.errors import InputError, Where
from core.ingest import guard
from core.ingest.sheet_extents import WorkbookScan, scan_workbook
from core.ingest.xls_extents import scan_xls
from core.limits import Limits, current

_SCANS: dict[tuple, WorkbookScan | None] = {}  # the last workbooks scanned: the upload screen reads one 2-3 times


def _scan(data: bytes, name: str, lim: Limits) -> WorkbookScan | None:
    """Every sheet's used range before calamine opens the file: a zip workbook's from its parts, a legacy
    .xls's from its cell records; remembered for the same bytes (a bytes object keeps its hash)."""
    key = (hash(data), len(data), name, lim)
    if key not in _SCANS:
        deadline = guard.deadline(name)
        found = scan_workbook(data, name, lim, deadline)
        if found is None:
            sheets = scan_xls(data, name, deadline)
            found = None if sheets is None else WorkbookScan(whole=sheets, whole_kind=".xls")
        _SCANS.clear()  # one workbook at a time: the memory of a scan is small, but never hoard
        _SCANS[key] = found
    return _SCANS[key]


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
        raise guard.unreadable(name) from None


def _checked_workbook(data: bytes, name: str, lim: Limits) -> tuple[CalamineWorkbook, WorkbookScan | None]:
    """The workbook opened once it passed every limit: a zip's parts, and every sheet of an .ods or .xls
    file, which calamine builds all at once when it opens one."""
    scan = _scan(data, name, lim)
    if scan is not None and scan.whole:
        for sheet, extent in scan.whole.items():
            if extent is not None:
                guard.check_range(name, sheet, extent.last, lim)
        total = sum(e.cells for e in scan.whole.values() if e is not None)
        if total > lim.cells:  # every sheet within the limits, but not all of them together
            raise guard.workbook_cells(name, total, lim, scan.whole_kind)
    return _open_workbook(data, name), scan


def workbook_sheet_names(data: bytes, name: str) -> list[str]:
    return list(_checked_workbook(data, name, current())[0].sheet_names)


def read_excel_cells(data: bytes, name: str, sheet: str | None) -> tuple[pa.Table, str, list[str]]:
    """(cells c0..cN + source_row, the sheet read, all sheet names): the chosen sheet, or the one with most rows."""
    lim = current()
    deadline = guard.deadline(name)
    wb, scan = _checked_workbook(data, name, lim)
    names = list(wb.sheet_names)
    if not names:
        raise InputError(Where(name), zh="工作簿里没有工作表。", en="The workbook has no sheets.")
    if sheet is not None and sheet not in names:
        raise InputError(
            Where(name, sheet),
            zh=f"找不到这个工作表；可选：{'、'.join(names)}。",
            en=f"No such sheet; the workbook has: {', '.join(names)}.",
        )
    chosen = sheet or _most_rows(names, scan)
    extent = scan.extent(chosen) if scan is not None else None
    if extent is not None:  # refused before calamine builds the sheet
        guard.check_range(name, chosen, extent.last, lim)
    deadline.check()
    sh = _sheet(wb, chosen, name)
    start, end = sh.start, sh.end
    if start is None or end is None:
        raise InputError(Where(name, chosen), zh="工作表是空的。", en="The sheet is empty.")
    # calamine's own measure: the only one a legacy .xls has, and a second look at every other kind
    guard.check_range(name, chosen, (end[0] + 1, end[1] + 1), lim)
    table = _text_table(sh, start, end)
    del sh  # the sheet's block of cells is freed
    if table is None:
        raise InputError(Where(name, chosen), zh="工作表是空的。", en="The sheet is empty.")
    deadline.check()
    return table, chosen, names


def _sheet(wb: CalamineWorkbook, sheet: str, name: str):
    try:
        return wb.get_sheet_by_name(sheet)
    except (CalamineError, ValueError) as exc:
        raise InputError(
            Where(name, sheet), zh=f"工作表无法读取：{exc}", en=f"The sheet cannot be read: {exc}"
        ) from None


def _most_rows(names: list[str], scan: WorkbookScan | None) -> str:
    """The sheet with most rows holding a value, as the scan counted them: a cover or notes sheet loses."""
    extents = {**scan.whole, **scan.extents} if scan is not None else {}
    return max(names, key=lambda s: extents[s].value_rows if extents.get(s) else 0)


def _text_table(sh, start: tuple[int, int], end: tuple[int, int]) -> pa.Table | None:
    """The sheet's cells as text columns c0..cN (column A is c0) and source_row, keeping only the rows
    that hold a value or lie in a merged range; None when no row does."""
    top, left = start
    height = end[0] - top + 1
    merged = []
    in_merge = np.zeros(height, dtype=bool)
    for (r1, c1), (r2, c2) in sh.merged_cell_ranges or []:
        if top <= r1 <= end[0] and left <= c1 <= end[1]:
            merged.append((r1 - top, c1 - left, r2 - top, c2 - left))
            in_merge[r1 - top : r2 - top + 1] = True
    block = sh.to_python()  # the range's rows from `top`, its columns from `left` (at most lim.cells of them)
    kept = [i for i, row in enumerate(block) if row.count("") != len(row) or in_merge[i]]
    if not kept:
        return None
    columns = list(zip(*(block[i] for i in kept)))
    del block
    texts = [_column_text(col) for col in columns]
    kept_at = np.array(kept, dtype=np.int64)
    for r1, c1, r2, c2 in merged:  # a merged cell's value sits in its top-left cell: copy it to the range
        lo, hi = np.searchsorted(kept_at, r1), np.searchsorted(kept_at, r2, side="right")
        if lo >= len(kept) or kept[lo] != r1:
            continue
        value = texts[c1][lo].as_py() if isinstance(texts[c1], pa.Array) else texts[c1][lo]
        for c in range(c1, min(c2, len(texts) - 1) + 1):
            if isinstance(texts[c], pa.Array):
                texts[c] = texts[c].to_pylist()
            texts[c][lo:hi] = [value] * (hi - lo)
    arrays = {f"c{i}": pa.nulls(len(kept), pa.string()) for i in range(left)}  # the columns left of the range
    arrays.update(
        {f"c{left + i}": t if isinstance(t, pa.Array) else pa.array(t, pa.string()) for i, t in enumerate(texts)}
    )
    return pa.table(arrays).append_column("source_row", pa.array(kept_at.astype(np.int32) + top + 1))


def _column_text(values: tuple) -> pa.Array:
    """One column's cells as text, as _cell_text gives them: the texts, numbers and dates each converted
    by Arrow at once (a header above numbers is no reason to go cell by cell), any other kind cell by cell."""
    empty = values.count("")
    if empty == len(values):
        return pa.nulls(len(values), pa.string())
    kinds = set(map(type, values))
    if not kinds <= {str, float, int, dt.date}:  # booleans, date-times, times: rare, and cell by cell
        return pa.array([_cell_text(v) for v in values], pa.string())
    parts = []
    try:
        if str in kinds:
            text = pa.array(values if kinds == {str} else [v if type(v) is str else None for v in values], pa.string())
            parts.append(pc.if_else(pc.equal(text, ""), _NO_TEXT, text) if empty else text)
        if float in kinds or int in kinds:
            numbers = [v if type(v) is float or type(v) is int else None for v in values]
            parts.append(_number_text(pa.array(numbers, pa.float64()), values))
        if dt.date in kinds:
            dates = [v if type(v) is dt.date else None for v in values]
            parts.append(pc.cast(pa.array(dates, pa.date32()), pa.string()))
    except (pa.ArrowInvalid, pa.ArrowTypeError):  # an integer too big for a double
        return pa.array([_cell_text(v) for v in values], pa.string())
    return parts[0] if len(parts) == 1 else pc.coalesce(*parts)


_NO_TEXT = pa.scalar(None, pa.string())


def _number_text(numbers: pa.Array, values: tuple) -> pa.Array:
    """Whole numbers as integers (17850.0 -> 17850), others as Python's repr, which Arrow's shortest
    form matches from 1e-4 up to 1e10 (checked on random numbers of every magnitude); the few outside
    that range are formatted by Python."""
    x = numbers.to_numpy(zero_copy_only=False)  # NaN where blank
    with np.errstate(invalid="ignore"):
        size = np.abs(x)
        whole = (size < 1e15) & (x == np.floor(x))
        odd = ~whole & ~((size >= 1e-4) & (size < 1e10)) & ~np.isnan(x)
    is_whole = pa.array(whole)
    integers = pc.cast(pc.cast(pc.if_else(is_whole, numbers, 0.0), pa.int64()), pa.string())
    text = pc.if_else(is_whole, integers, pc.cast(numbers, pa.string()))
    if odd.any():
        shown = text.to_pylist()
        for i in np.flatnonzero(odd):
            shown[i] = _cell_text(values[i])
        text = pa.array(shown, pa.string())
    return text


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
