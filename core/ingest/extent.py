"""The used range of a sheet as the spreadsheet reader would build it, and the pieces every scanner shares.

calamine builds a sheet as one block of 32-byte cells from its top-left to its bottom-right cell, so that
block is what the scanners measure (sheet_extents for xlsx, xlsb_extents, ods_extents, xls_extents).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from core.ingest import guard
from core.limits import MB

MAX_RUN = 4 * MB  # sheet XML never runs this long without a '>' (a cell holds 32,767 characters at most)
_ATTR = re.compile(rb'([\w.:-]+)\s*=\s*(?:"([^"]*)"|\'([^\']*)\')')
_RELATIONSHIP = re.compile(rb"<(?:[\w.-]+:)?Relationship\b([^>]*)>")


@dataclass(frozen=True)
class Extent:
    first: tuple[int, int]  # (row, column), 1-based: the used range's top-left cell
    last: tuple[int, int]  # its bottom-right cell
    value_rows: int  # rows holding a value: the sheet with most is the one read by default

    @property
    def cells(self) -> int:
        """Cells from A1 to the last cell: the text table pads the columns left of the first one."""
        return self.last[0] * self.last[1]


class Span:
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


class TagPieces:
    """Hands a part's text on in pieces that end just after a '>', so no tag is ever split."""

    def __init__(self, file: str, part: str) -> None:
        self.file, self.part, self.carry = file, part, b""

    def feed(self, chunk: bytes) -> None:
        first = chunk.find(b">")
        if len(self.carry) + (first if first >= 0 else len(chunk)) > MAX_RUN:
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


def xml_attrs(text: bytes) -> dict[str, str]:
    return {
        m[1].decode("utf-8", "replace"): html.unescape((m[2] or m[3]).decode("utf-8", "replace"))
        for m in _ATTR.finditer(text)
    }


def relationship_targets(rels: bytes) -> dict[str, str]:
    """Relationship id -> its target, as written."""
    out = {}
    for m in _RELATIONSHIP.finditer(rels):
        a = xml_attrs(m[1])
        if "Id" in a and "Target" in a:
            out[a["Id"]] = a["Target"]
    return out
