"""Where each sheet's cells are in a legacy .xls (BIFF8), found before calamine opens the file.

calamine builds every sheet of an .xls when it opens it, each as one block from its first to its last
cell, 32 bytes a cell; a cell record's column is a 16-bit number, so one record can ask for 65,536 x
65,536 cells, and a 10 KB file of a dozen sheets with a far cell each for tens of gigabytes. So the
Workbook stream is read here (olefile) and every cell record's row and column counted first.
"""

from __future__ import annotations

import struct

from core.ingest import guard
from core.ingest.extent import Extent
from core.ingest.zip_guard import OLE_MAGIC

_BOF, _EOF, _BOUNDSHEET = 0x0809, 0x000A, 0x0085
_WORKSHEET = 0x0010  # a BOF's substream type: a worksheet (globals 0x0005, chart 0x0020, macros 0x0040)
# cell records: row and first column in the first four bytes (MS-XLS 2.4)
_CELLS = {0x0006, 0x00FD, 0x0201, 0x0203, 0x0204, 0x0205, 0x027E, 0x00D6}
_SPANS = {0x00BD, 0x00BE}  # MULRK, MULBLANK: row, first column, ..., last column in the last two bytes
_BLANKS = {0x0201, 0x00BE}


def scan_xls(data: bytes, name: str, deadline: guard.Deadline) -> dict[str, Extent | None] | None:
    """Sheet name -> its used range, for an OLE file holding a Workbook stream; None for other bytes, or an
    OLE file without one (an encrypted xlsx: calamine says it is password-protected)."""
    if not data.startswith(OLE_MAGIC):
        return None
    import olefile

    try:
        ole = olefile.OleFileIO(data)
        stream = next((s for s in ("Workbook", "Book") if ole.exists(s)), None)
        book = ole.openstream(stream).read() if stream else None
    except Exception:  # olefile's errors are many; an OLE file it cannot read must not reach calamine either
        raise guard.unreadable(name) from None
    return None if book is None else _sheets(book, deadline)


def _sheets(book: bytes, deadline: guard.Deadline) -> dict[str, Extent | None]:
    """Walk the stream's records once (a loop per record, kept to plain local arithmetic: ~0.6 us each)."""
    names: dict[int, str] = {}  # a worksheet's BOF offset in the stream -> its name (BOUNDSHEET)
    extents: dict[str, Extent | None] = {}
    unpack = struct.unpack_from
    sheet = None  # the worksheet being walked (None: globals, a chart, macros)
    top = left = bottom = right = value_rows = 0
    last_row, pos, n, count = -1, 0, len(book), 0
    while pos + 4 <= n:
        typ, size = unpack("<HH", book, pos)
        body = pos + 4
        pos = body + size
        if sheet is not None and size >= 4 and (typ in _CELLS or typ in _SPANS):
            row, first = unpack("<HH", book, body)
            last = unpack("<H", book, pos - 2)[0] if typ in _SPANS and size >= 6 else first
            if not bottom:
                top, left = row, first
            top, left, bottom = min(top, row), min(left, first), max(bottom, row + 1)
            right = max(right, first, last)
            if row != last_row and typ not in _BLANKS:
                value_rows, last_row = value_rows + 1, row
        elif typ == _BOF and size >= 4 and unpack("<H", book, body + 2)[0] == _WORKSHEET:
            sheet = names.get(body - 4, f"#{len(extents) + 1}")
            top = left = bottom = right = value_rows = 0
            last_row = -1
        elif typ == _EOF and sheet is not None:
            extents[sheet] = Extent((top + 1, left + 1), (bottom, right + 1), value_rows) if bottom else None
            sheet = None
        elif typ == _BOUNDSHEET and size >= 8:
            names[unpack("<I", book, body)[0]] = _short_string(book, body + 6, pos)
        count += 1
        if not count % 500_000:
            deadline.check()
    if sheet is not None:  # a sheet without its EOF: calamine reads what there is
        extents[sheet] = Extent((top + 1, left + 1), (bottom, right + 1), value_rows) if bottom else None
    return extents


def _short_string(book: bytes, at: int, end: int) -> str:
    """A ShortXLUnicodeString: its character count, a flag (1: UTF-16, else Latin-1 bytes), the characters."""
    if at + 2 > end:
        return ""
    count, wide = book[at], book[at + 1] & 1
    raw = book[at + 2 : min(end, at + 2 + count * (2 if wide else 1))]
    return raw.decode("utf-16-le" if wide else "latin-1", "replace")
