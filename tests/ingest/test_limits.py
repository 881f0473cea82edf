"""Limits before parsing (issue #10): every hostile file is refused with its own sentence, naming the file
and the limit, before the expensive step; the data loaded before stays as it was."""

from __future__ import annotations

import io
import zipfile

import duckdb
import pytest
from hostile_files import (
    HEADER,
    ROWS,
    billion_laughs_xlsx,
    cell,
    csv_text,
    good_csv_lines,
    late_wide_csv,
    lying_sheet_xlsx,
    many_parts_xlsx,
    odd_cells_xlsx,
    ods,
    ods_cell,
    ods_table,
    prefixed_xlsx,
    sheet_xml,
    stray_cell_xlsx,
    table_rows,
    wide_csv,
    xls,
    xls_far_column,
    xlsb,
    xlsb_rows,
    xlsx,
    zeros_member_xlsx,
)

from core import ingest, limits, store
from core.errors import InputError
from core.ingest import guard, read_table

EARLIER = "客户,日期,金额\n丙,2024-02-01,70.00\n丁,2024-02-02,30.00\n".encode()


@pytest.fixture
def con():
    """A store holding an earlier file's two orders (70 + 30)."""
    con = store.connect()
    ingest.load_file(con, EARLIER, "earlier.csv", plain=False)
    return con


def refused(con, data: bytes, name: str, **kw) -> InputError:
    """The file is refused with an InputError naming it, and the earlier orders are untouched."""
    with pytest.raises(InputError) as caught:
        ingest.load_file(con, data, name, **kw)
    assert name in caught.value.message("en") and name in caught.value.message("zh")
    assert con.execute("select count(*), sum(amount) from orders").fetchall() == [(2, 100)]
    return caught.value


# ---------------------------------------------------------------- sheets: the used range


def test_a_stray_cell_at_xfd1048576_is_refused_before_the_sheet_is_built(con):
    error = refused(con, stray_cell_xlsx("XFD1048576"), "stray.xlsx")
    assert (
        "The sheet's used range, A1:XFD1048576, runs to row 1,048,576 and column XFD (16,384 columns); "
        "the limit is 1,000 columns." in error.message("en")
    )
    assert "延伸到第 1,048,576 行、XFD 列（共 16,384 列）；列数上限为 1,000 列" in error.message("zh")
    assert error.where.sheet == "订单"


def test_a_dimension_that_understates_the_range_does_not_hide_a_stray_cell(con):
    # the sheet declares <dimension ref="A1:C3"/>; its cells say otherwise
    error = refused(con, stray_cell_xlsx("XFD1048576", dimension="A1:C3"), "lying_dimension.xlsx")
    assert "runs to row 1,048,576 and column XFD" in error.message("en")


def test_a_cell_whose_reference_is_not_its_first_attribute_still_counts(con):
    data = odd_cells_xlsx('<row r="9"><c t="n" r="XFD9"><v>1</v></c></row>')
    error = refused(con, data, "attribute_order.xlsx")
    assert "A1:XFD9, runs to row 9 and column XFD (16,384 columns)" in error.message("en")


def test_cells_without_a_reference_count_from_their_place_in_the_row(con):
    # row 4 holds 2,000 cells that state no reference: columns A..BXX
    data = odd_cells_xlsx("<row>" + "<c><v>1</v></c>" * 2000 + "</row>")
    error = refused(con, data, "no_references.xlsx")
    assert "runs to row 4 and column BXX (2,000 columns); the limit is 1,000 columns" in error.message("en")


def test_a_stray_cell_in_a_worksheet_with_prefixed_elements_is_refused(con):
    error = refused(con, prefixed_xlsx("XFD1048576"), "prefixed.xlsx")
    assert "runs to row 1,048,576 and column XFD" in error.message("en")


def test_a_sheet_past_the_rows_limit_is_refused_with_that_limit(con, monkeypatch):
    monkeypatch.setenv("KA_LIMIT_ROWS", "100")
    error = refused(con, stray_cell_xlsx("A150"), "long.xlsx")
    assert "A1:C150, runs to row 150 and column C (3 columns); the limit is 100 rows." in error.message("en")
    assert "行数上限为 100 行" in error.message("zh")


def test_a_sheet_past_the_cells_limit_is_refused_with_rows_times_columns(con, monkeypatch):
    monkeypatch.setenv("KA_LIMIT_CELLS", "1000")
    error = refused(con, stray_cell_xlsx("J101"), "cells.xlsx")
    # A1:J101 is 101 rows x 10 columns
    assert "101 rows × 10 columns are 1,010 cells; the limit is 1,000 cells" in error.message("en")
    assert "101 行 × 10 列共 1,010 个单元格，上限为 1,000 个" in error.message("zh")


def test_a_sheet_with_one_stray_cell_inside_the_limits_loads_every_row():
    con = store.connect()
    report = ingest.load_file(con, stray_cell_xlsx("Z5000"), "stray_inside.xlsx")
    # the two orders load; the stray cell's row has no customer, date or amount and is rejected by number
    assert (report.rows_read, report.rows_loaded, report.rows_rejected) == (3, 2, 1)
    assert report.rejected_rows[0][0] == 5000
    assert con.execute("select customer, amount from orders order by customer").fetchall() == [
        ("乙", 50),
        ("甲", 100),
    ]


def test_the_sheet_with_the_data_is_read_and_a_stray_cell_on_another_sheet_is_never_built():
    notes = sheet_xml(
        '<row r="1">' + cell("A1", "说明") + "</row>" + '<row r="1048576">' + cell("XFD1048576", "x") + "</row>"
    )
    data = xlsx({"说明": notes, "明细": sheet_xml(table_rows())})
    raw = read_table(data, "two_sheets.xlsx")
    assert raw.sheet == "明细" and raw.rows_read == 2
    with pytest.raises(InputError) as caught:
        read_table(data, "two_sheets.xlsx", sheet="说明")
    assert "runs to row 1,048,576 and column XFD" in caught.value.message("en")


def test_a_sheet_whose_part_the_scan_cannot_place_is_bounded_by_every_sheet_part(con):
    # the relationship points at a part the zip does not hold; the stray cell's part still bounds the sheet
    parts = {}
    with zipfile.ZipFile(io.BytesIO(stray_cell_xlsx("XFD1048576"))) as z:
        for info in z.infolist():
            parts[info.filename.replace("sheet1.xml", "other.xml")] = z.read(info).replace(b"sheet1.xml", b"sheet9.xml")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for part, data in parts.items():
            z.writestr(part, data)
    error = refused(con, buf.getvalue(), "unplaced.xlsx")
    assert "runs to row 1,048,576 and column XFD" in error.message("en")


# ---------------------------------------------------------------- the zip: sizes, ratio, entities


def test_a_part_declaring_more_than_the_part_limit_is_refused_from_the_central_directory(con, monkeypatch):
    monkeypatch.setenv("KA_LIMIT_MEMBER_BYTES", str(1024 * 1024))
    error = refused(con, zeros_member_xlsx(3 * 1024 * 1024), "big_part.xlsx")
    assert (
        "Part 'xl/media/zeros.bin' of the workbook unpacks, according to its header, to 3 MB; "
        "the limit is 1 MB per part" in error.message("en")
    )
    assert "工作簿部件「xl/media/zeros.bin」按文件头记录，解压后3 MB，单个部件的上限为 1 MB" in error.message("zh")


def test_a_zip_bomb_is_refused_by_its_packing_ratio(con):
    # 40 MB of zeros pack to about 40 KB: 1,000 times; a sheet packs 5-20 times
    error = refused(con, zeros_member_xlsx(40 * 1024 * 1024), "bomb.xlsx")
    assert "Part 'xl/media/zeros.bin' of the workbook unpacks to 1," in error.message("en")
    assert "times its packed size; the limit is 100 times" in error.message("en")


def test_a_part_whose_header_understates_its_size_is_stopped_at_the_part_limit(con, monkeypatch):
    # the sheet unpacks to 3 MB while both its headers declare 1,000 bytes
    monkeypatch.setenv("KA_LIMIT_MEMBER_BYTES", str(1024 * 1024))
    error = refused(con, lying_sheet_xlsx(3 * 1024 * 1024, declared=1000), "lying_header.xlsx")
    assert (
        "Part 'xl/worksheets/sheet1.xml' of the workbook unpacks to more than 1 MB; the limit is 1 MB per part"
        in error.message("en")
    )


def test_a_part_that_unpacks_to_another_size_than_its_header_states_is_damaged(con):
    error = refused(con, lying_sheet_xlsx(200_000, declared=1000), "lying_small.xlsx")
    assert "The file is damaged: part 'xl/worksheets/sheet1.xml' of the workbook does not unpack" in error.message("en")


def test_a_sheet_part_running_4_mb_without_a_tag_is_refused(con):
    # 5 MB of spaces inside the sheet, its size stated truly: no limit passed, but no sheet looks like this
    error = refused(con, lying_sheet_xlsx(5 * 1024 * 1024, declared=5 * 1024 * 1024), "spaces.xlsx")
    assert (
        "Part 'xl/worksheets/sheet1.xml' of the workbook is not what a spreadsheet program writes (4 MB without an XML tag)"
        in error.message("en")
    )


def test_a_workbook_unpacking_past_the_workbook_limit_is_refused(con, monkeypatch):
    monkeypatch.setenv("KA_LIMIT_WORKBOOK_BYTES", str(2 * 1024 * 1024))
    error = refused(con, zeros_member_xlsx(3 * 1024 * 1024), "big_workbook.xlsx")
    assert "The workbook unpacks, according to its headers, to 3 MB in all; the limit is 2 MB" in error.message("en")


def test_more_shared_strings_than_the_cells_limit_are_refused_before_calamine_holds_them(con, monkeypatch):
    monkeypatch.setenv("KA_LIMIT_CELLS", "100")
    strings = b"<sst>" + b"<si><t>x</t></si>" * 101 + b"</sst>"
    error = refused(con, xlsx({"订单": sheet_xml(table_rows())}, {"xl/sharedStrings.xml": strings}), "strings.xlsx")
    assert "shared-strings table holds at least 101 strings, more than the cells limit of 100" in error.message("en")


def test_xml_entity_declarations_are_refused(con):
    error = refused(con, billion_laughs_xlsx(), "laughs.xlsx")
    assert "Part 'xl/worksheets/sheet1.xml' of the workbook declares XML entities" in error.message("en")
    assert "声明了 XML 实体" in error.message("zh")


def test_a_workbook_of_too_many_parts_is_refused_before_they_are_listed(con, monkeypatch):
    monkeypatch.setenv("KA_LIMIT_ZIP_MEMBERS", "50")
    error = refused(con, many_parts_xlsx(60), "parts.xlsx")  # 5 parts of a workbook + 60
    assert "The workbook's zip holds 65 parts; the limit is 50." in error.message("en")


# ---------------------------------------------------------------- other spreadsheet kinds


def test_an_ods_cell_repeated_across_a_million_columns_is_refused_before_it_is_opened(con):
    row = "<table:table-row>" + ods_cell(1, 1_000_000) + "</table:table-row>"
    error = refused(con, ods(ods_table(extra_rows=row)), "repeated.ods")
    assert "column BDWGN (1,000,000 columns); the limit is 1,000 columns" in error.message("en")


def test_an_ods_file_whose_sheets_together_pass_the_cells_limit_is_refused(con, monkeypatch):
    monkeypatch.setenv("KA_LIMIT_CELLS", "15")  # two sheets of 3 x 3 cells each: 18
    error = refused(con, ods(ods_table("一") + ods_table("二")), "two.ods")
    assert "its sheets together hold 18 cells; the limit is 15 cells" in error.message("en")


def test_an_ods_file_within_the_limits_loads():
    report = ingest.load_file(store.connect(), ods(ods_table()), "orders.ods")
    assert report.rows_loaded == 2


def test_an_xlsb_cell_at_column_four_billion_is_refused(con):
    error = refused(con, xlsb(xlsb_rows([(5, 4_000_000_000, 1)])), "far.xlsb")
    assert "runs to row 6 and column LXQEASW (4,000,000,001 columns)" in error.message("en")


def test_an_xlsb_file_within_the_limits_loads():
    con = store.connect()
    report = ingest.load_file(con, xlsb(xlsb_rows()), "orders.xlsb")
    assert report.rows_loaded == 2
    assert con.execute("select sum(amount) from orders").fetchone()[0] == 150


def test_a_legacy_xls_past_the_cells_limit_is_refused_before_its_cells_are_read(con, monkeypatch):
    monkeypatch.setenv("KA_LIMIT_CELLS", "100")
    cells = [(r, c, v) for r, row in enumerate((HEADER, *ROWS)) for c, v in enumerate(row)] + [(199, 2, 1)]
    error = refused(con, xls(cells), "old.xls")
    # A1:C200: 200 rows x 3 columns
    assert "200 rows × 3 columns are 600 cells; the limit is 100 cells" in error.message("en")


def test_an_xls_cell_at_column_65536_is_refused_before_calamine_opens_the_file(con):
    error = refused(con, xls_far_column(row=65535, column=0xFFFF), "far.xls")
    assert "A1:CRXP65536, runs to row 65,536 and column CRXP (65,536 columns)" in error.message("en")


def test_an_xls_whose_sheets_together_pass_the_cells_limit_is_refused(con, monkeypatch):
    # calamine builds every sheet of an .xls when it opens it: three sheets of A1:C3 are 27 cells
    monkeypatch.setenv("KA_LIMIT_CELLS", "20")
    cells = [(r, c, v) for r, row in enumerate((HEADER, *ROWS)) for c, v in enumerate(row)]
    error = refused(con, xls(cells, sheets=3), "three.xls")
    assert "An .xls file is read whole when opened, and its sheets together hold 27 cells; the limit is 20" in (
        error.message("en")
    )


def test_the_xls_sheet_with_the_data_is_read_by_default():
    import xlwt

    wb = xlwt.Workbook()
    wb.add_sheet("说明").write(0, 0, "本表由系统导出")
    data_sheet = wb.add_sheet("明细")
    for r, row in enumerate((HEADER, *ROWS)):
        for c, v in enumerate(row):
            data_sheet.write(r, c, v)
    buf = io.BytesIO()
    wb.save(buf)
    raw = read_table(buf.getvalue(), "two.xls")
    assert (raw.sheet, raw.rows_read) == ("明细", 2)


# ---------------------------------------------------------------- CSV


@pytest.mark.parametrize("plain", [True, False])
def test_a_csv_of_20000_columns_is_refused_before_it_is_parsed(con, plain):
    error = refused(con, wide_csv(20_000), "wide.csv", plain=plain)
    assert "row 1: This line holds 20,000 columns; the limit is 1,000 columns." in error.message("en")
    assert "第 1 行: 这一行有 20,000 列，上限为 1,000 列" in error.message("zh")


def test_a_wide_line_far_below_the_header_is_refused_with_its_line_number(con):
    error = refused(con, late_wide_csv(20_000, at_line=500), "late_wide.csv")
    assert "row 500: This line holds 20,000 columns" in error.message("en")


@pytest.mark.parametrize("plain", [True, False])
def test_a_csv_with_more_lines_than_the_rows_limit_is_refused(con, monkeypatch, plain):
    monkeypatch.setenv("KA_LIMIT_ROWS", "10")
    lines = good_csv_lines()[:1] + [f"甲,2024-01-{d:02d},{d}" for d in range(1, 21)]  # 21 lines
    error = refused(con, csv_text(lines), "long.csv", plain=plain)
    assert "The file has 21 lines; the limit is 10 rows." in error.message("en")
    assert "文件有 21 行，上限为 10 行" in error.message("zh")


def test_a_csv_past_the_cells_limit_is_refused_with_lines_times_columns(con, monkeypatch):
    monkeypatch.setenv("KA_LIMIT_CELLS", "30")
    lines = good_csv_lines()[:1] + [f"甲,2024-01-{d:02d},{d}" for d in range(1, 11)]  # 11 lines x 3
    error = refused(con, csv_text(lines), "cells.csv")
    assert "The file has 11 lines × 3 columns, 33 cells; the limit is 30 cells." in error.message("en")


# ---------------------------------------------------------------- upload size and time


@pytest.mark.parametrize("name", ["big.csv", "big.xlsx"])
def test_a_file_over_the_upload_limit_is_refused_first(con, monkeypatch, name):
    monkeypatch.setenv("KA_LIMIT_UPLOAD_BYTES", "1024")
    error = refused(con, b"x" * 2048, name)  # not even a workbook: the size is checked before anything
    assert "The file is 2 KB; the limit is 1 KB per file." in error.message("en")
    assert "文件大小为 2 KB，超过单个文件 1 KB 的上限" in error.message("zh")


def test_a_file_on_disk_over_the_upload_limit_is_refused_before_it_is_read(monkeypatch, tmp_path):
    path = tmp_path / "orders.csv"
    path.write_bytes(EARLIER + b"\n" * (6144 - len(EARLIER)))  # 6 KB
    monkeypatch.setenv("KA_LIMIT_UPLOAD_BYTES", "1024")
    with pytest.raises(InputError) as caught:
        ingest.load_path(store.connect(), str(path))
    assert caught.value.message("en") == (
        "orders.csv: The file is 6 KB; the limit is 1 KB per file. Split it (by year or region, say) and upload "
        "the parts, or ask whoever runs the dashboard to raise the limit."
    )


def test_a_file_still_being_read_at_the_deadline_is_refused(con, monkeypatch):
    monkeypatch.setenv("KA_LIMIT_PARSE_SECONDS", "0.000001")
    error = refused(con, csv_text(good_csv_lines()), "slow.csv")
    assert "Reading the file took longer than the limit of 1e-06 s and was stopped." in error.message("en")
    assert "读取此文件超过了 1e-06 秒的时间上限" in error.message("zh")


def test_a_duckdb_statement_running_at_the_deadline_is_interrupted():
    cur = duckdb.connect().cursor()
    deadline = guard.Deadline("slow.csv", 0.2)
    with pytest.raises(InputError) as caught, deadline.interrupting(cur):
        cur.execute("select count(*) from range(1000000000000) where range % 7 = 3").fetchall()
    assert "took longer than the limit of 0.2 s" in caught.value.message("en")


# ---------------------------------------------------------------- the settings


def test_limits_are_overridden_by_ka_limit_environment_variables(monkeypatch):
    monkeypatch.setenv("KA_LIMIT_COLUMNS", "250")
    monkeypatch.setenv("KA_LIMIT_PARSE_SECONDS", "12.5")
    result = limits.current()
    assert (result.columns, result.parse_seconds, result.rows) == (250, 12.5, limits.Limits().rows)


def test_a_limit_that_is_not_a_positive_number_is_a_configuration_error(monkeypatch):
    monkeypatch.setenv("KA_LIMIT_ROWS", "lots")
    with pytest.raises(ValueError, match="KA_LIMIT_ROWS must be a number"):
        limits.current()
