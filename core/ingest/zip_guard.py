"""A workbook's zip (xlsx, xlsm, xlsb, ods), unpacked and checked before any spreadsheet reader opens it.

calamine's zip reader trusts the sizes a zip declares, and an XML reader can be made to expand entities
without bound; so every part is first unpacked here, in chunks, counting: the central directory's sizes
and packing ratio are checked, then the real ones while streaming (headers can lie), and an XML part
that declares a DOCTYPE or ENTITY is refused. The chunks are handed to the sheet scanners
(sheet_extents.py) on the way, so the file is unpacked once for both.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from collections.abc import Callable, Iterator
from typing import Protocol

from core.ingest import guard
from core.limits import MB, Limits

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # a legacy .xls (or an encrypted xlsx): no zip
_EOCD = b"PK\x05\x06"
_ZIP64_LOCATOR = b"PK\x06\x07"
_OUT_CHUNK = 1 * MB  # unpacked bytes handed on at a time: memory stays flat whatever the part's size
_IN_CHUNK = 64 * 1024  # packed bytes fed at a time, so zlib's unconsumed tail stays small
_RATIO_AFTER = 16 * MB  # a small part may pack as well as it likes: only a big one can hurt
# An XML entity declaration; "!" is rare in sheet XML, so the search runs at memchr speed and only a
# hit is looked at closely. UTF-16 text is searched with its NUL bytes dropped.
_BANG = re.compile(rb"!(?i:doctype|entity)")
_XML_SUFFIXES = (".xml", ".rels", ".vml")


class Sink(Protocol):
    """What a part's unpacked bytes are handed to: each chunk in order, then close() at its end."""

    def feed(self, chunk: bytes) -> None: ...

    def close(self) -> None: ...


def is_zip(data: bytes) -> bool:
    """Whether calamine would open the bytes as a zip: not OLE (tried first), and an end-of-central-
    directory record near the end (a zip reader finds it there even after leading junk)."""
    return not data.startswith(OLE_MAGIC) and _eocd_at(data) >= 0


def _eocd_at(data: bytes) -> int:
    return data.rfind(_EOCD, max(0, len(data) - 65557))  # 22-byte record + a comment of up to 64 KB


def _declared_members(data: bytes, at: int) -> int:
    """The member count the end record declares (its zip64 record's when it says 0xFFFF)."""
    (count,) = struct.unpack_from("<H", data, at + 10)
    locator = at - 20
    if count == 0xFFFF and locator >= 0 and data[locator : locator + 4] == _ZIP64_LOCATOR:
        (record,) = struct.unpack_from("<Q", data, locator + 8)
        if data[record : record + 4] == b"PK\x06\x06":
            (count,) = struct.unpack_from("<Q", data, record + 32)
    return count


def listing(data: bytes, name: str, lim: Limits) -> list[zipfile.ZipInfo]:
    """The zip's parts from its central directory, refused when there are too many or when their
    declared sizes or packing ratios pass the limits."""
    at = _eocd_at(data)
    declared = _declared_members(data, at) if 0 <= at <= len(data) - 22 else 0
    if declared > lim.zip_members:
        raise guard.too_many_members(name, declared, lim)
    try:
        infos = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, struct.error):
        # a zip that Python cannot list must not reach a reader that might
        raise guard.unreadable(name) from None
    if len(infos) > lim.zip_members:
        raise guard.too_many_members(name, len(infos), lim)
    total = 0
    for info in infos:
        if info.file_size > lim.member_bytes:
            raise guard.member_too_large(name, info.filename, info.file_size, lim, declared=True)
        if info.file_size > _RATIO_AFTER and info.file_size > lim.inflate_ratio * max(info.compress_size, 1):
            raise guard.ratio_too_high(name, info.filename, info.file_size / max(info.compress_size, 1), lim)
        total += info.file_size
    if total > lim.workbook_bytes:
        raise guard.workbook_too_large(name, total, lim, declared=True)
    return infos


def read_part(data: bytes, name: str, info: zipfile.ZipInfo, lim: Limits, cap: int) -> bytes:
    """A small part (a workbook's list of sheets, its relationships) whole, with the same checks;
    more than `cap` bytes of it is no list of sheets."""
    parts: list[bytes] = []
    size = 0
    for chunk in _checked(data, name, info, lim):
        size += len(chunk)
        if size > cap:
            raise guard.malformed_part(
                name, info.filename, "作为工作表清单超过 16 MB", "over 16 MB for a list of sheets"
            )
        parts.append(chunk)
    return b"".join(parts)


def unpack(
    data: bytes,
    name: str,
    infos: list[zipfile.ZipInfo],
    lim: Limits,
    deadline: guard.Deadline,
    sink_for: Callable[[str], Sink | None],
) -> None:
    """Unpack every part, counting the bytes of each and of all, and hand the chunks of a part to
    sink_for(part) when that gives a sink; raises InputError at the first limit passed."""
    total = 0
    for info in infos:
        sink = sink_for(info.filename)
        for chunk in _checked(data, name, info, lim):
            total += len(chunk)
            if total > lim.workbook_bytes:
                raise guard.workbook_too_large(name, lim.workbook_bytes, lim, declared=False)
            if sink is not None:
                sink.feed(chunk)
            deadline.check()
        if sink is not None:
            sink.close()


def _checked(data: bytes, name: str, info: zipfile.ZipInfo, lim: Limits) -> Iterator[bytes]:
    """The part's chunks, refused past the member limit or ratio, or when it declares XML entities, or
    when it does not unpack to the size its header states."""
    is_xml = info.filename.lower().endswith(_XML_SUFFIXES)
    utf16 = False
    tail = b""
    size = 0
    for chunk in _chunks(memoryview(data), info, name):
        if not size:
            utf16 = chunk[:2] in (b"\xff\xfe", b"\xfe\xff", b"<\x00", b"\x00<")
        size += len(chunk)
        if size > lim.member_bytes:
            raise guard.member_too_large(name, info.filename, lim.member_bytes, lim, declared=False)
        if size > _RATIO_AFTER and size > lim.inflate_ratio * max(info.compress_size, 1):
            raise guard.ratio_too_high(name, info.filename, size / max(info.compress_size, 1), lim)
        if is_xml:
            text = (tail + chunk).replace(b"\x00", b"") if utf16 else tail + chunk[:64]
            if _declares_entities(text) or (not utf16 and _declares_entities(chunk)):
                raise guard.xml_entities(name, info.filename)
            tail = chunk[-64:]
        yield chunk
    if size != info.file_size:
        raise guard.damaged_member(name, info.filename)


def _declares_entities(text: bytes) -> bool:
    return any(m.start() and text[m.start() - 1] == 0x3C for m in _BANG.finditer(text))  # "<!DOCTYPE"


def _chunks(view: memoryview, info: zipfile.ZipInfo, name: str):
    """The part's unpacked bytes, a chunk of at most _OUT_CHUNK at a time, whatever its header says."""
    start = info.header_offset
    if bytes(view[start : start + 4]) != b"PK\x03\x04" or info.flag_bits & 0x1:  # no local header / encrypted
        raise guard.damaged_member(name, info.filename)
    name_len, extra_len = struct.unpack_from("<HH", view, start + 26)
    begin = start + 30 + name_len + extra_len
    packed = view[begin : begin + info.compress_size]
    if len(packed) != info.compress_size:
        raise guard.damaged_member(name, info.filename)
    if info.compress_type == zipfile.ZIP_STORED:
        for i in range(0, len(packed), _OUT_CHUNK):
            yield bytes(packed[i : i + _OUT_CHUNK])
        return
    if info.compress_type != zipfile.ZIP_DEFLATED:
        raise guard.damaged_member(name, info.filename)
    inflater = zlib.decompressobj(-15)
    try:
        for i in range(0, len(packed), _IN_CHUNK):
            piece = packed[i : i + _IN_CHUNK]
            while piece:
                out = inflater.decompress(piece, _OUT_CHUNK)
                piece = inflater.unconsumed_tail
                if out:
                    yield out
                if inflater.eof:
                    return
        while not inflater.eof:  # output zlib held back for want of room
            out = inflater.decompress(inflater.unconsumed_tail, _OUT_CHUNK)
            if not out:
                break
            yield out
    except zlib.error:
        raise guard.damaged_member(name, info.filename) from None
    if not inflater.eof:
        raise guard.damaged_member(name, info.filename)
