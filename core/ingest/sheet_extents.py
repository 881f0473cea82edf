"""Where each sheet's cells are, found in a zip workbook's unpacked parts before any reader builds a sheet.

calamine builds a sheet as one block from its top-left to its bottom-right cell, 32 bytes a cell: one
stray cell at XFD1048576 is 17 billion cells. So the block is measured here first, from the cells the
sheet's XML really holds -- a declared <dimension> can lie -- while the zip is unpacked once
(zip_guard.unpack): for xlsx every cell element (Excel's used range, which Ctrl+End shows), for xlsb
(xlsb_extents) the cells with a value, for ods (ods_extents) the cells with a value with their repeats.
The scan also counts the rows holding a value, so the sheet with the data is chosen without reading any.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from operator import itemgetter

from core.ingest import guard, zip_guard
from core.ingest.extent import Extent, Span, TagPieces, relationship_targets, xml_attrs
from core.ingest.ods_extents import OdsContent
from core.ingest.xlsb_extents import XlsbSheet, xlsb_sheets
from core.limits import MB, Limits

_SMALL_PART = 16 * MB  # a workbook's list of sheets or its relationships: kilobytes in practice


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
    paths_b = xlsb_sheets(small("xl/workbook.bin"), small("xl/_rels/workbook.bin.rels"))
    count_values = len(paths) + len(paths_b) > 1
    scanners: dict[str, object] = {}
    for info in infos:
        lower = info.filename.lower()
        if lower.startswith(SHEET_FOLDERS) and lower.endswith(".bin"):
            scanners[info.filename] = XlsbSheet(name, info.filename)
        elif lower.startswith(SHEET_FOLDERS):
            scanners[info.filename] = _XlsxSheet(name, info.filename, count_values=count_values)
        elif info.filename == "content.xml":
            scanners[info.filename] = OdsContent(name, info.filename)
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
    largest = extent([i for i in infos if isinstance(scanners.get(i.filename), (_XlsxSheet, XlsbSheet))])

    def part_extent(path: str) -> Extent | None:
        parts = by_lower.get(path.lower())
        return extent(parts) if parts else largest

    extents = {sheet: part_extent(path) for sheet, path in paths_b.items()}
    extents.update({sheet: part_extent(path) for sheet, path in paths.items()})
    ods = scanners["content.xml"].extents if "content.xml" in scanners else {}
    return WorkbookScan(extents, ods, ".ods", largest)


# ---------------------------------------------------------------- which part is which sheet


_SHEET_TAG = re.compile(rb"<(?:[\w.-]+:)?sheet\b([^>]*)>")


def _xlsx_sheets(workbook: bytes, rels: bytes) -> dict[str, str]:
    """Sheet name -> its part, from xl/workbook.xml and its relationships, resolved as calamine does."""
    targets = relationship_targets(rels)
    out = {}
    for m in _SHEET_TAG.finditer(workbook):
        a = xml_attrs(m[1])
        target = targets.get(a.get("r:id", a.get("relationships:id", "")))
        if "name" in a and target is not None:
            out[a["name"]] = (
                target[1:] if target.startswith("/xl/") else target if target.startswith("xl/") else "xl/" + target
            )
    return out


# ---------------------------------------------------------------- the used range of one sheet


def _column_number(letters: bytes) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + ch - 64
    return n


class _XlsxSheet(TagPieces):
    """A worksheet part: the block from its first to its last cell element (<c>). Nearly every writer puts
    the reference first (<c r="B7" ...>), which one regular expression reads; a piece where any cell is
    written otherwise (attributes in another order, no reference at all) is read tag by tag."""

    def __init__(self, file: str, part: str, *, count_values: bool) -> None:
        super().__init__(file, part)
        self.span, self.count_values = Span(), count_values
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
            ref = xml_attrs(m[2]).get("r", "")
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
