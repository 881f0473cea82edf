"""Excel bytes -> the chosen sheet's cells as text, read with python-calamine (merged cells filled)."""

from __future__ import annotations

import datetime as dt
import io

import numpy as np
import pyarrow as pa
from python_calamine import CalamineError, CalamineWorkbook, PasswordError, ZipError

from core.errors import InputError, Where


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


def workbook_sheet_names(data: bytes, name: str) -> list[str]:
    return list(_open_workbook(data, name).sheet_names)


def read_excel_cells(data: bytes, name: str, sheet: str | None) -> tuple[pa.Table, str, list[str]]:
    """(cells c0..cN + source_row, the sheet read, all sheet names): the chosen sheet, or the one with most rows."""
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
                raise InputError(
                    Where(name, sheet), zh=f"工作表无法读取：{exc}", en=f"The sheet cannot be read: {exc}"
                ) from None
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
    return table, chosen, names


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
