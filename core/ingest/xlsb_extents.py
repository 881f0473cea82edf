"""An .xlsb workbook's sheets: their names from xl/workbook.bin, their used ranges from their BIFF12 records."""

from __future__ import annotations

import struct

from core.ingest import guard
from core.ingest.extent import Extent, Span, relationship_targets
from core.limits import MB


def xlsb_sheets(workbook: bytes, rels: bytes) -> dict[str, str]:
    """Sheet name -> its part, from xl/workbook.bin's BrtBundleSh records (MS-XLSB 2.4.302), resolved as
    calamine does."""
    targets = relationship_targets(rels)
    out = {}
    for typ, payload in _records(workbook):
        if typ != 0x9C or len(payload) < 12:
            continue
        rid, at = _wide_string(payload, 8)
        sheet, _ = _wide_string(payload, at)
        if sheet is not None and rid in targets:
            out[sheet] = "xl/" + targets[rid]
    return out


def _wide_string(buf: bytes, at: int) -> tuple[str | None, int]:
    (chars,) = struct.unpack_from("<I", buf, at)
    if chars == 0xFFFFFFFF or at + 4 + 2 * chars > len(buf):
        return None, at + 4
    return buf[at + 4 : at + 4 + 2 * chars].decode("utf-16-le", "replace"), at + 4 + 2 * chars


def _records(buf: bytes):
    """(type, payload) of each whole BIFF12 record in buf (MS-XLSB 2.1.4)."""
    pos, n = 0, len(buf)
    while True:
        found = _record_at(buf, pos, n)
        if found is None:
            return
        typ, begin, end = found
        yield typ, buf[begin:end]
        pos = end


def _record_at(buf, pos: int, n: int) -> tuple[int, int, int] | None:
    """(type, payload start, payload end) of the record at pos, or None when it is not all in buf."""
    if pos >= n:
        return None
    b = buf[pos]
    typ, pos = b & 0x7F, pos + 1
    if b & 0x80:
        if pos >= n:
            return None
        typ, pos = typ + ((buf[pos] & 0x7F) << 7), pos + 1
    size = 0
    for i in range(4):
        if pos >= n:
            return None
        b = buf[pos]
        size, pos = size + ((b & 0x7F) << (7 * i)), pos + 1
        if not b & 0x80:
            break
    return (typ, pos, pos + size) if pos + size <= n else None


class XlsbSheet:
    """A worksheet part of an .xlsb: BIFF12 records; a row header (type 0) sets the row, a cell record
    with a value (types 2-10, as calamine reads them) gives its column in its first four bytes."""

    _LONGEST = 16 * MB  # no record of a sheet runs this long

    def __init__(self, file: str, part: str) -> None:
        self.file, self.part = file, part
        self.buf, self.row, self.done = bytearray(), 0, False
        self.span, self.last_value_row = Span(), -1

    def extent(self) -> Extent | None:
        return self.span.extent()

    def feed(self, chunk: bytes) -> None:
        if self.done:
            return
        self.buf += chunk
        buf, pos, n = self.buf, 0, len(self.buf)
        while not self.done:
            found = _record_at(buf, pos, n)
            if found is None:
                break
            typ, begin, pos = found
            if typ == 0 and pos - begin >= 4:  # BrtRowHdr
                (self.row,) = struct.unpack_from("<I", buf, begin)
                self.done = self.row > 0x100000  # calamine stops at an impossible row
            elif 2 <= typ <= 10 and pos - begin >= 4:
                (column,) = struct.unpack_from("<I", buf, begin)
                self.span.add(self.row + 1, column + 1, self.row + 1, column + 1)
                if self.row != self.last_value_row:
                    self.span.value_rows, self.last_value_row = self.span.value_rows + 1, self.row
            elif typ == 0x92:  # BrtEndSheetData
                self.done = True
        del buf[:pos]
        if len(buf) > self._LONGEST:
            raise guard.malformed_part(self.file, self.part, "一条记录超过 16 MB", "a record longer than 16 MB")

    def close(self) -> None:
        pass
