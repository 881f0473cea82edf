"""Hostile files, generated small: what a broken export or an attacker uploads (issue #10).

Each maker returns the file's bytes. Workbooks are written part by part with zipfile, so a stray cell at
XFD1048576 costs a few hundred bytes, not the gigabytes a spreadsheet library would allocate for it.
Used by tests/ingest/test_limits.py, tests/bad_input/cases_limits.py and bench/hostile.py.
"""

from __future__ import annotations

import io
import struct
import zipfile

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    "</Types>"
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
_MAIN = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
_R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'

HEADER = ("客户", "日期", "金额")
ROWS = (("甲", "2024-01-05", 100), ("乙", "2024-01-06", 50))  # the good rows every workbook below holds


def column_letters(n: int) -> str:
    letters = ""
    while n > 0:
        n, r = divmod(n - 1, 26)
        letters = chr(65 + r) + letters
    return letters


def cell(ref: str, value) -> str:
    if isinstance(value, str):
        return f'<c r="{ref}" t="inlineStr"><is><t>{value}</t></is></c>'
    return f'<c r="{ref}"><v>{value}</v></c>'


def table_rows(rows=(HEADER, *ROWS)) -> str:
    """<row> elements for the rows from A1, every cell with its reference first."""
    return "".join(
        f'<row r="{i}">' + "".join(cell(f"{column_letters(j)}{i}", v) for j, v in enumerate(row, start=1)) + "</row>"
        for i, row in enumerate(rows, start=1)
    )


def sheet_xml(rows: str, *, dimension: str = "A1:C3", before: str = "") -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{before}<worksheet {_MAIN}>'
        f'<dimension ref="{dimension}"/><sheetData>{rows}</sheetData></worksheet>'
    )


def xlsx(sheets: dict[str, str], extra: dict[str, bytes] | None = None) -> bytes:
    """A workbook with these sheets (name -> worksheet XML), written part by part."""
    listed = "".join(f'<sheet name="{n}" sheetId="{i}" r:id="rId{i}"/>' for i, n in enumerate(sheets, start=1))
    rels = "".join(
        f'<Relationship Id="rId{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        f'worksheet" Target="worksheets/sheet{i}.xml"/>'
        for i in range(1, len(sheets) + 1)
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", _CONTENT_TYPES)
        z.writestr("_rels/.rels", _RELS)
        z.writestr("xl/workbook.xml", f"<workbook {_MAIN} {_R}><sheets>{listed}</sheets></workbook>")
        z.writestr(
            "xl/_rels/workbook.xml.rels",
            f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>',
        )
        for i, xml in enumerate(sheets.values(), start=1):
            z.writestr(f"xl/worksheets/sheet{i}.xml", xml)
        for part, data in (extra or {}).items():
            z.writestr(part, data)
    return buf.getvalue()


def stray_cell_xlsx(ref: str = "XFD1048576", *, dimension: str = "A1:C3") -> bytes:
    """The good rows and one stray cell far away: Excel's used range runs to it."""
    return xlsx(
        {
            "订单": sheet_xml(
                table_rows() + f'<row r="{ref.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")}">{cell(ref, 1)}</row>',
                dimension=dimension,
            )
        }
    )


def odd_cells_xlsx(rows: str) -> bytes:
    """The good rows, then `rows` written as the test needs (no reference, attributes in another order)."""
    return xlsx({"订单": sheet_xml(table_rows() + rows)})


def prefixed_xlsx(ref: str = "XFD1048576") -> bytes:
    """A worksheet whose elements carry a namespace prefix (<x:c>), as some .NET writers produce."""
    body = table_rows() + f'<row r="{ref.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")}">{cell(ref, 1)}</row>'
    body = (
        body.replace("<row", "<x:row").replace("</row>", "</x:row>").replace("<c ", "<x:c ").replace("</c>", "</x:c>")
    )
    for tag in ("is", "t", "v"):
        body = body.replace(f"<{tag}>", f"<x:{tag}>").replace(f"</{tag}>", f"</x:{tag}>")
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/'
        f'spreadsheetml/2006/main"><x:sheetData>{body}</x:sheetData></x:worksheet>'
    )
    return xlsx({"订单": xml})


def billion_laughs_xlsx() -> bytes:
    """An XML entity that expands to 10^9 'lol's if a reader expands it."""
    entities = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10)
    )
    rows = table_rows() + '<row r="4"><c r="A4" t="inlineStr"><is><t>&lol9;</t></is></c></row>'
    return xlsx({"订单": sheet_xml(rows, before=f"<!DOCTYPE lolz [{entities}]>")})


def zeros_member_xlsx(size: int) -> bytes:
    """A good workbook plus a part of `size` zero bytes, its true size declared (it packs ~1000:1)."""
    good = xlsx({"订单": sheet_xml(table_rows())})
    buf = io.BytesIO(good)
    with zipfile.ZipFile(buf, "a", zipfile.ZIP_DEFLATED) as z, z.open("xl/media/zeros.bin", "w", force_zip64=True) as f:
        block = bytes(1 << 20)
        for start in range(0, size, len(block)):
            f.write(block[: min(len(block), size - start)])
    return buf.getvalue()


def lying_sheet_xlsx(size: int, declared: int = 1000) -> bytes:
    """The sheet part packs `size` bytes (a valid sheet padded with spaces, written in chunks, so a 2 GB
    one costs no 2 GB of memory; under 2 GiB, so its sizes fit the classic 4-byte fields) but its
    headers, local and central, declare `declared`: a reader that trusts them unpacks far more."""
    head, tail = sheet_xml(table_rows()).encode().split(b"<sheetData>")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", _CONTENT_TYPES)
        z.writestr("_rels/.rels", _RELS)
        z.writestr(
            "xl/workbook.xml",
            f'<workbook {_MAIN} {_R}><sheets><sheet name="订单" sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        z.writestr(
            "xl/_rels/workbook.xml.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship '
            'Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
            'Target="worksheets/sheet1.xml"/></Relationships>',
        )
        with z.open("xl/worksheets/sheet1.xml", "w") as f:
            f.write(head)
            pad, block = size - len(head) - len(tail) - len(b"<sheetData>"), b" " * (1 << 20)
            for start in range(0, pad, len(block)):
                f.write(block[: min(len(block), pad - start)])
            f.write(b"<sheetData>" + tail)
    return declare_size(buf.getvalue(), "xl/worksheets/sheet1.xml", declared)


def declare_size(data: bytes, part: str, declared: int) -> bytes:
    out = bytearray(data)
    name = part.encode()
    local = out.find(b"PK\x03\x04")  # the first local header; walk to the part's own
    while local >= 0:
        (n,) = struct.unpack_from("<H", out, local + 26)
        if out[local + 30 : local + 30 + n] == name:
            struct.pack_into("<I", out, local + 22, declared)
            break
        local = out.find(b"PK\x03\x04", local + 4)
    central = out.find(b"PK\x01\x02")
    while central >= 0:
        (n,) = struct.unpack_from("<H", out, central + 28)
        if out[central + 46 : central + 46 + n] == name:
            struct.pack_into("<I", out, central + 24, declared)
            break
        central = out.find(b"PK\x01\x02", central + 4)
    return bytes(out)


def many_parts_xlsx(parts: int) -> bytes:
    """A good workbook plus `parts` tiny parts."""
    return xlsx({"订单": sheet_xml(table_rows())}, {f"xl/custom/p{i}.xml": b"<a/>" for i in range(parts)})


def ods(content_body: str) -> bytes:
    """An .ods file whose spreadsheet body (table:table elements) is given."""
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        f"<office:body><office:spreadsheet>{content_body}</office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
        'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>'
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet", compress_type=zipfile.ZIP_STORED)
        z.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
        z.writestr("META-INF/manifest.xml", manifest, compress_type=zipfile.ZIP_DEFLATED)
    return buf.getvalue()


def ods_cell(value, repeat: int = 1) -> str:
    repeated = f' table:number-columns-repeated="{repeat}"' if repeat > 1 else ""
    if isinstance(value, str):
        return f'<table:table-cell office:value-type="string"{repeated}><text:p>{value}</text:p></table:table-cell>'
    return f'<table:table-cell office:value-type="float" office:value="{value}"{repeated}/>'


def ods_table(name: str = "订单", extra_rows: str = "") -> str:
    rows = "".join(
        "<table:table-row>" + "".join(ods_cell(v) for v in row) + "</table:table-row>" for row in (HEADER, *ROWS)
    )
    return f'<table:table table:name="{name}">{rows}{extra_rows}</table:table>'


def _record(typ: int, payload: bytes = b"") -> bytes:
    """One BIFF12 record of an .xlsb part: type and size as 7-bit varints, then the payload."""
    out = bytearray()
    out += bytes([typ]) if typ < 0x80 else bytes([(typ & 0x7F) | 0x80, typ >> 7])
    size = len(payload)
    while True:
        out.append((size & 0x7F) | (0x80 if size > 0x7F else 0))
        size >>= 7
        if not size:
            break
    return bytes(out) + payload


def _wide(text: str) -> bytes:
    return struct.pack("<I", len(text)) + text.encode("utf-16-le")


def xlsb(cells: list[tuple[int, int, object]]) -> bytes:
    """An .xlsb workbook of one sheet holding these cells: (row, column, value), 0-based."""
    book = _record(0x83) + _record(0x8F)  # BrtBeginBook, BrtBeginBundleShs
    book += _record(0x9C, struct.pack("<II", 0, 1) + _wide("rId1") + _wide("订单"))  # BrtBundleSh
    book += _record(0x90) + _record(0x9D, bytes(12)) + _record(0x84)  # BrtEndBundleShs, BrtCalcProp, BrtEndBook
    sheet = _record(0x81) + _record(0x94, struct.pack("<IIII", 0, 0, 0, 0)) + _record(0x91)  # begin, dim, data
    by_row: dict[int, list] = {}
    for row, col, value in cells:
        by_row.setdefault(row, []).append((col, value))
    for row in sorted(by_row):
        sheet += _record(0x00, struct.pack("<IIHBBB", row, 0, 0x0120, 0, 0, 0) + bytes(8))  # BrtRowHdr
        for col, value in by_row[row]:
            head = struct.pack("<II", col, 0)  # column, style
            if isinstance(value, str):
                sheet += _record(0x06, head + _wide(value))  # BrtCellSt
            else:
                sheet += _record(0x05, head + struct.pack("<d", float(value)))  # BrtCellReal
    sheet += _record(0x92) + _record(0x82)  # BrtEndSheetData, BrtEndSheet
    rels = (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
        '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/worksheet" Target="worksheets/sheet1.bin"/></Relationships>'
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", _CONTENT_TYPES)
        z.writestr("_rels/.rels", _RELS.replace("workbook.xml", "workbook.bin"))
        z.writestr("xl/workbook.bin", book)
        z.writestr("xl/_rels/workbook.bin.rels", rels)
        z.writestr("xl/worksheets/sheet1.bin", sheet)
    return buf.getvalue()


def xlsb_rows(extra: list[tuple[int, int, object]] = ()) -> list[tuple[int, int, object]]:
    return [(r, c, v) for r, row in enumerate((HEADER, *ROWS)) for c, v in enumerate(row)] + list(extra)


def xls(cells: list[tuple[int, int, object]], sheets: int = 1) -> bytes:
    """A legacy .xls (BIFF8) of `sheets` sheets, each with these cells, (row, column, value) 0-based."""
    import xlwt

    wb = xlwt.Workbook()
    for i in range(sheets):
        ws = wb.add_sheet("订单" if i == 0 else f"订单{i + 1}")
        for row, col, value in cells:
            ws.write(row, col, value)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def xls_far_column(row: int = 65535, column: int = 0xFFFF) -> bytes:
    """An .xls whose one NUMBER record names a column no writer can (BIFF8 stops at 256, the field holds
    65,536): xlwt writes the cell at column 200, then the record's column field is overwritten."""
    data = bytearray(xls(xlsb_rows([(row, 200, 1.2345678901234)])))  # no RK record can hold this number
    record = struct.pack("<HHHH", 0x0203, 14, row, 200)  # NUMBER: type, size, row, column
    at = data.find(record)
    assert at >= 0, "xlwt wrote no NUMBER record"
    struct.pack_into("<H", data, at + 6, column)
    return bytes(data)


def csv_text(lines: list[str]) -> bytes:
    return ("\n".join(lines) + "\n").encode()


def good_csv_lines() -> list[str]:
    return [",".join(HEADER)] + [",".join(str(v) for v in row) for row in ROWS]


def wide_csv(columns: int = 20_000) -> bytes:
    """A header of `columns` names and two rows as wide."""
    header = ",".join(["客户", "日期", "金额"] + [f"c{i}" for i in range(3, columns)])
    rows = [",".join(["甲", "2024-01-05", "100"] + ["x"] * (columns - 3)) for _ in range(2)]
    return csv_text([header, *rows])


def late_wide_csv(columns: int = 20_000, at_line: int = 500) -> bytes:
    """A good CSV whose line `at_line` alone holds `columns` fields."""
    lines = good_csv_lines()[:1] + ["甲,2024-01-05,100"] * (at_line - 2)
    lines.append("乙,2024-01-06,50," + ",".join(["x"] * (columns - 3)))
    return csv_text(lines)
