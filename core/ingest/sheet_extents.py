"""Where each sheet's cells are, found in a workbook's unpacked parts before any reader builds the sheet.

calamine builds a sheet as one block from its top-left to its bottom-right cell, 32 bytes a cell: one
stray cell at XFD1048576 is 17 billion cells. So the block is measured here first, from the cells the
sheet's XML (or xlsb records, or ods rows) really holds -- a declared <dimension> can lie -- while the
zip is unpacked once (zip_guard.unpack). Counted as calamine counts: for xlsx every cell element (Excel's
used range, which Ctrl+End shows), for xlsb the cells with a value, for ods the cells with a value with
their repeats. The scan also counts the rows holding a value, so the sheet with the data is chosen
without reading any sheet.
"""

from __future__ import annotations

import html
import re
import struct
from dataclasses import dataclass, field
from operator import itemgetter

from core.ingest import guard, zip_guard
from core.limits import MB, Limits

_SMALL_PART = 16 * MB  # a workbook's list of sheets or its relationships: kilobytes in practice
_MAX_RUN = 4 * MB  # sheet XML never runs this long without a '>' (a cell holds 32,767 characters at most)


@dataclass(frozen=True)
class Extent:
    first: tuple[int, int]  # (row, column), 1-based: the used range's top-left cell
    last: tuple[int, int]  # its bottom-right cell
    value_rows: int  # rows holding a value: the sheet with most is the one read by default

    @property
    def cells(self) -> int:
        """Cells from A1 to the last cell: the text table pads the columns left of the first one."""
        return self.last[0] * self.last[1]


@dataclass
class WorkbookScan:
    extents: dict[str, Extent | None] = field(default_factory=dict)  # by sheet name; None: no cell
    # the sheets calamine builds all at once when it opens the file (an .ods or .xls file), and the kind
    whole: dict[str, Extent | None] = field(default_factory=dict)
    whole_kind: str = ".ods"
    # every sheet part's cells together: the bound for a sheet calamine may find where this scan did not
    largest: Extent | None = None

    def extent(self, sheet: str) -> Extent | None:
        if sheet in self.extents:
            return self.extents[sheet]
        return self.whole.get(sheet, self.largest)


# calamine reads a sheet only from these folders (it checks the path's second part), finding the part
# by its name in any case
SHEET_FOLDERS = ("xl/worksheets/", "xl/chartsheets/", "xl/dialogsheets/")


def scan_workbook(data: bytes, name: str, lim: Limits, deadline: guard.Deadline) -> WorkbookScan | None:
    """Every sheet's used range, every zip limit checked; None when the bytes are no zip (a legacy .xls).

    calamine tries xlsx, then xlsb, then ods on any zip, so every part it could read as a sheet is
    measured whatever the file's name says: xlsx and xlsb sheet parts, and an ods file's content.xml."""
    if not zip_guard.is_zip(data):
        return None
    infos = zip_guard.listing(data, name, lim)
    by_lower = {}
    for info in infos:
        by_lower.setdefault(info.filename.lower(), []).append(info)

    def small(part: str) -> bytes:
        found = by_lower.get(part, [])
        return zip_guard.read_part(data, name, found[0], lim, _SMALL_PART) if found else b""

    paths = _xlsx_sheets(small("xl/workbook.xml"), small("xl/_rels/workbook.xml.rels"))
    paths_b = _xlsb_sheets(small("xl/workbook.bin"), small("xl/_rels/workbook.bin.rels"))
    count_values = len(paths) + len(paths_b) > 1
    scanners: dict[str, object] = {}
    for info in infos:
        lower = info.filename.lower()
        if lower.startswith(SHEET_FOLDERS) and lower.endswith(".bin"):
            scanners[info.filename] = _XlsbSheet(name, info.filename)
        elif lower.startswith(SHEET_FOLDERS):
            scanners[info.filename] = _XlsxSheet(name, info.filename, count_values=count_values)
        elif info.filename == "content.xml":
            scanners[info.filename] = _OdsContent(name, info.filename)
        elif lower == "xl/sharedstrings.xml":  # calamine holds every shared string from the moment it opens
            scanners[info.filename] = _SharedStrings(name, lim)
    zip_guard.unpack(data, name, infos, lim, deadline, scanners.get)

    def extent(parts: list) -> Extent | None:
        """The parts' cells together: several parts named alike in other cases could each be the one
        calamine finds first, so all of them count."""
        found = [e for e in (scanners[i.filename].extent() for i in parts if i.filename in scanners) if e]
        if not found:
            return None
        return Extent(
            (min(e.first[0] for e in found), min(e.first[1] for e in found)),
            (max(e.last[0] for e in found), max(e.last[1] for e in found)),
            max(e.value_rows for e in found),
        )

    # a sheet whose part is not in the zip as named: calamine may still find one (its rules for names
    # are its own), so every sheet part bounds it
    largest = extent([i for i in infos if isinstance(scanners.get(i.filename), (_XlsxSheet, _XlsbSheet))])

    def part_extent(path: str) -> Extent | None:
        parts = by_lower.get(path.lower())
        return extent(parts) if parts else largest

    extents = {sheet: part_extent(path) for sheet, path in paths_b.items()}
    extents.update({sheet: part_extent(path) for sheet, path in paths.items()})
    ods = scanners["content.xml"].extents if "content.xml" in scanners else {}
    return WorkbookScan(extents, ods, ".ods", largest)


# ---------------------------------------------------------------- which part is which sheet

_ATTR = re.compile(rb'([\w.:-]+)\s*=\s*(?:"([^"]*)"|\'([^\']*)\')')
_SHEET_TAG = re.compile(rb"<(?:[\w.-]+:)?sheet\b([^>]*)>")
_RELATIONSHIP = re.compile(rb"<(?:[\w.-]+:)?Relationship\b([^>]*)>")


def _attrs(text: bytes) -> dict[str, str]:
    return {
        m[1].decode("utf-8", "replace"): html.unescape((m[2] or m[3]).decode("utf-8", "replace"))
        for m in _ATTR.finditer(text)
    }


def _targets(rels: bytes) -> dict[str, str]:
    """Relationship id -> its target, as written."""
    out = {}
    for m in _RELATIONSHIP.finditer(rels):
        a = _attrs(m[1])
        if "Id" in a and "Target" in a:
            out[a["Id"]] = a["Target"]
    return out


def _xlsx_sheets(workbook: bytes, rels: bytes) -> dict[str, str]:
    """Sheet name -> its part, from xl/workbook.xml and its relationships, resolved as calamine does."""
    targets = _targets(rels)
    out = {}
    for m in _SHEET_TAG.finditer(workbook):
        a = _attrs(m[1])
        target = targets.get(a.get("r:id", a.get("relationships:id", "")))
        if "name" in a and target is not None:
            out[a["name"]] = (
                target[1:] if target.startswith("/xl/") else target if target.startswith("xl/") else "xl/" + target
            )
    return out


def _xlsb_sheets(workbook: bytes, rels: bytes) -> dict[str, str]:
    """Sheet name -> its part, from xl/workbook.bin's BrtBundleSh records (MS-XLSB 2.4.302), resolved as
    calamine does."""
    targets = _targets(rels)
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


# ---------------------------------------------------------------- the used range of one sheet


class _Span:
    """The smallest block holding every cell seen so far, 1-based, and the rows holding a value."""

    def __init__(self) -> None:
        self.top = self.left = 1 << 62
        self.bottom = self.right = 0
        self.value_rows = 0

    def add(self, top: int, left: int, bottom: int, right: int) -> None:
        self.top, self.left = min(self.top, top), min(self.left, left)
        self.bottom, self.right = max(self.bottom, bottom), max(self.right, right)

    def extent(self) -> Extent | None:
        if not self.bottom:
            return None
        return Extent((self.top, self.left), (self.bottom, self.right), self.value_rows)


def _column_number(letters: bytes) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + ch - 64
    return n


class _Pieces:
    """Hands a part's text on in pieces that end just after a '>', so no tag is ever split."""

    def __init__(self, file: str, part: str) -> None:
        self.file, self.part, self.carry = file, part, b""

    def feed(self, chunk: bytes) -> None:
        first = chunk.find(b">")
        if len(self.carry) + (first if first >= 0 else len(chunk)) > _MAX_RUN:
            raise guard.malformed_part(self.file, self.part, "超过 4 MB 没有一个 XML 标记", "4 MB without an XML tag")
        text = self.carry + chunk if self.carry else chunk
        cut = text.rfind(b">") + 1
        self.carry = text[cut:]
        if cut:
            self.scan(text[:cut])

    def close(self) -> None:
        if self.carry.strip():
            self.scan(self.carry)

    def scan(self, text: bytes) -> None:
        raise NotImplementedError


class _XlsxSheet(_Pieces):
    """A worksheet part: the block from its first to its last cell element (<c>). Nearly every writer puts
    the reference first (<c r="B7" ...>), which one regular expression reads; a piece where any cell is
    written otherwise (attributes in another order, no reference at all) is read tag by tag."""

    def __init__(self, file: str, part: str, *, count_values: bool) -> None:
        super().__init__(file, part)
        self.span, self.count_values = _Span(), count_values
        self.row = self.column = 0  # the last cell's place, for a cell that states none
        self.patterns: tuple | None = None
        self.prefixed = False

    def extent(self) -> Extent | None:
        return self.span.extent()

    def _compile(self, text: bytes) -> tuple:
        root = re.search(rb"<([\w.-]+:)?worksheet[\s>]", text)
        self.prefixed = bool(root and root.group(1))  # cells like <x:c>: read tag by tag (rare writers)
        return (
            # every cell element, its reference when that comes first in the standard form, else ("", "")
            re.compile(rb'<c(?=[\s/>])(?: r="([A-Z]{1,3})([0-9]{1,7})")?'),
            re.compile(rb'<c r="[A-Z]{1,3}([0-9]{1,7})"[^>]*(?<!/)>'),  # a cell that is no empty <c/>
            re.compile(rb"<(?:[\w.-]+:)?(row|c)(?=[\s/>])([^>]*)>"),
            re.compile(rb":c[\s/>]"),  # a cell element with a namespace prefix (or text that looks like one)
        )

    def scan(self, text: bytes) -> None:
        if self.patterns is None:
            self.patterns = self._compile(text)
        cells, valued, _, prefixed = self.patterns
        found = cells.findall(text)
        if self.prefixed or found.count((b"", b"")) or prefixed.search(text):
            self._tag_by_tag(text)
            return
        if not found:
            return
        rows = [int(r) for r in set(map(itemgetter(1), found))]
        columns = [_column_number(c) for c in set(map(itemgetter(0), found))]
        self.span.add(min(rows), min(columns), max(rows), max(columns))
        self.row, self.column = int(found[-1][1]), _column_number(found[-1][0])
        if self.count_values:
            self.span.value_rows += len(set(valued.findall(text)))

    def _tag_by_tag(self, text: bytes) -> None:
        valued_rows = set()
        for m in self.patterns[2].finditer(text):
            ref = _attrs(m[2]).get("r", "")
            if m[1] == b"row":
                self.row, self.column = (int(ref) if ref.isdigit() else self.row + 1), 0
                continue
            cell = re.fullmatch(r"([A-Za-z]+)([0-9]+)", ref)
            if cell:
                self.row, self.column = int(cell[2]), _column_number(cell[1].encode())
            else:
                self.row, self.column = max(self.row, 1), self.column + 1
            self.span.add(self.row, self.column, self.row, self.column)
            if not m[2].rstrip().endswith(b"/"):
                valued_rows.add(self.row)
        self.span.value_rows += len(valued_rows)


class _XlsbSheet:
    """A worksheet part of an .xlsb: BIFF12 records; a row header (type 0) sets the row, a cell record
    with a value (types 2-10, as calamine reads them) gives its column in its first four bytes."""

    _LONGEST = 16 * MB  # no record of a sheet runs this long

    def __init__(self, file: str, part: str) -> None:
        self.file, self.part = file, part
        self.buf, self.row, self.done = bytearray(), 0, False
        self.span, self.last_value_row = _Span(), -1

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


class _SharedStrings:
    """xl/sharedStrings.xml: more strings (<si>) than the cells limit is more than any sheet can use."""

    def __init__(self, file: str, lim: Limits) -> None:
        self.file, self.lim, self.count = file, lim, 0

    def feed(self, chunk: bytes) -> None:
        self.count += chunk.count(b"<si>") + chunk.count(b"<si ")
        if self.count > self.lim.cells:
            raise guard.too_many_strings(self.file, self.count, self.lim)

    def close(self) -> None:
        pass


_ODS_TAG = re.compile(rb"<(/?)table:(table-row|table-cell|covered-table-cell|table)(?=[\s/>])([^>]*)>")
_ROWS_REPEATED = re.compile(rb"table:number-rows-repeated\s*=\s*[\"'](\d+)")
_COLUMNS_REPEATED = re.compile(rb"table:number-columns-repeated\s*=\s*[\"'](\d+)")


class _OdsContent(_Pieces):
    """An .ods file's content.xml, every sheet (table:table) in it, as calamine builds them: a cell with a
    value (or a formula) counts with its repeats, empty cells count only before one that has a value,
    a row with a value counts with its repeats, and empty rows only between rows with values."""

    def __init__(self, file: str, part: str) -> None:
        super().__init__(file, part)
        self.extents: dict[str, Extent | None] = {}
        self.sheet: str | None = None
        self.span = _Span()
        self.row = 0  # rows before the current one, repeats counted
        self.repeat = 1
        self.column = 0  # cells before the current one in the row, repeats counted
        self.first_value = self.end_value = 0  # columns of the row's first value and after its last

    def scan(self, text: bytes) -> None:
        for closing, kind, attrs in _ODS_TAG.findall(text):
            if kind == b"table":
                if closing:
                    self.extents[self.sheet or ""] = self.span.extent()
                    self.sheet = None
                elif self.sheet is None:  # a table inside a cell belongs to its sheet
                    self.sheet = _attrs(attrs).get("table:name", "")
                    self.span, self.row = _Span(), 0
            elif kind == b"table-row":
                if not closing:
                    found = _ROWS_REPEATED.search(attrs)
                    self.repeat, self.column, self.first_value, self.end_value = int(found[1]) if found else 1, 0, 0, 0
                if closing or attrs.rstrip().endswith(b"/"):
                    self._end_row()
            elif not closing:
                found = _COLUMNS_REPEATED.search(attrs)
                repeat = int(found[1]) if found else 1
                if b"office:" in attrs or b"table:formula" in attrs:
                    if not self.end_value:
                        self.first_value = self.column + 1
                    self.end_value = self.column + repeat
                self.column += repeat

    def _end_row(self) -> None:
        if self.end_value:
            self.span.add(self.row + 1, self.first_value, self.row + self.repeat, self.end_value)
            self.span.value_rows += self.repeat
        self.row += self.repeat
