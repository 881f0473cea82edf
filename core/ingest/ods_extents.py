"""An .ods file's sheets, every table:table of its content.xml, measured as calamine builds them."""

from __future__ import annotations

import re

from core.ingest import extent
from core.ingest.extent import Extent, Span, TagPieces

_ODS_TAG = re.compile(rb"<(/?)table:(table-row|table-cell|covered-table-cell|table)(?=[\s/>])([^>]*)>")
_ROWS_REPEATED = re.compile(rb"table:number-rows-repeated\s*=\s*[\"'](\d+)")
_COLUMNS_REPEATED = re.compile(rb"table:number-columns-repeated\s*=\s*[\"'](\d+)")


class OdsContent(TagPieces):
    """An .ods file's content.xml, every sheet (table:table) in it, as calamine builds them: a cell with a
    value (or a formula) counts with its repeats, empty cells count only before one that has a value,
    a row with a value counts with its repeats, and empty rows only between rows with values."""

    def __init__(self, file: str, part: str) -> None:
        super().__init__(file, part)
        self.extents: dict[str, Extent | None] = {}
        self.sheet: str | None = None
        self.span = Span()
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
                    self.sheet = extent.xml_attrs(attrs).get("table:name", "")
                    self.span, self.row = Span(), 0
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
