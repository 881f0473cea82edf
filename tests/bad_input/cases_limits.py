"""Hostile files the ingest limits refuse before parsing (issue #10), at the default limits, each with the
words its sentence must hold; and files that brush a limit but load."""

from __future__ import annotations

from tests.bad_input.case import Case
from tests.hostile_files import (
    billion_laughs_xlsx,
    declare_size,
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

XFD = (
    "延伸到第 1,048,576 行、XFD 列",
    "runs to row 1,048,576 and column XFD (16,384 columns); the limit is 1,000 columns",
)


def _entity_in_shared_strings() -> bytes:
    return xlsx(
        {"订单": sheet_xml(table_rows())},
        {"xl/sharedStrings.xml": b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]><sst><si><t>&a;</t></si></sst>'},
    )


def _one_line_of_a_million_fields() -> bytes:
    return ("客户,日期,金额," + ",".join(["x"] * 1_000_000) + "\n甲,2024-01-05,100\n").encode()


CASES = [
    Case("xlsx_stray_cell_at_xfd1048576", "stray.xlsx", lambda: stray_cell_xlsx("XFD1048576"), refused=XFD),
    Case(
        "xlsx_stray_cell_behind_a_dimension_of_a1_c3",
        "dimension.xlsx",
        lambda: stray_cell_xlsx("XFD1048576", dimension="A1:C3"),
        refused=XFD,
    ),
    Case(
        "xlsx_stray_cell_whose_reference_is_not_its_first_attribute",
        "order.xlsx",
        lambda: odd_cells_xlsx('<row r="1048576"><c s="0" t="n" r="XFD1048576"><v>1</v></c></row>'),
        refused=XFD,
    ),
    Case(
        "xlsx_2000_cells_without_references",
        "no_refs.xlsx",
        lambda: odd_cells_xlsx("<row>" + "<c><v>1</v></c>" * 2000 + "</row>"),
        refused=("共 2,000 列", "column BXX (2,000 columns); the limit is 1,000 columns"),
    ),
    Case("xlsx_stray_cell_in_prefixed_elements", "prefixed.xlsx", lambda: prefixed_xlsx("XFD1048576"), refused=XFD),
    Case(
        "xlsx_zip_bomb_of_40_mb_of_zeros",
        "bomb.xlsx",
        lambda: zeros_member_xlsx(40 * 1024 * 1024),
        refused=("压缩炸弹", "times its packed size; the limit is 100 times"),
    ),
    Case(
        "xlsx_part_declaring_4_gb",
        "declared.xlsx",
        lambda: declare_size(xlsx({"订单": sheet_xml(table_rows())}), "xl/worksheets/sheet1.xml", 0xFFFFFFF0),
        refused=("按文件头记录", "unpacks, according to its header, to 4,096 MB; the limit is 1,024 MB per part"),
    ),
    Case(
        "xlsx_sheet_whose_headers_understate_its_size",
        "understated.xlsx",
        lambda: lying_sheet_xlsx(200_000, declared=1000),
        refused=("文件已损坏", "does not unpack as its header states"),
    ),
    Case(
        "xlsx_billion_laughs",
        "laughs.xlsx",
        billion_laughs_xlsx,
        refused=("声明了 XML 实体", "declares XML entities"),
    ),
    Case(
        "xlsx_entity_in_shared_strings",
        "strings.xlsx",
        _entity_in_shared_strings,
        refused=("xl/sharedStrings.xml", "Part 'xl/sharedStrings.xml' of the workbook declares XML entities"),
    ),
    Case(
        "xlsx_of_10006_parts",
        "parts.xlsx",
        lambda: many_parts_xlsx(10_001),
        refused=("10,006 个部件", "holds 10,006 parts; the limit is 10,000"),
    ),
    Case(
        "ods_value_repeated_across_a_million_columns",
        "repeated.ods",
        lambda: ods(ods_table(extra_rows="<table:table-row>" + ods_cell(1, 1_000_000) + "</table:table-row>")),
        refused=("共 1,000,000 列", "(1,000,000 columns); the limit is 1,000 columns"),
    ),
    Case(
        "ods_row_of_values_repeated_three_million_times",
        "rows.ods",
        lambda: ods(
            ods_table(
                extra_rows='<table:table-row table:number-rows-repeated="3000000">'
                + ods_cell("甲")
                + "</table:table-row>"
            )
        ),
        refused=(
            "行数上限为 2,000,000 行",
            "runs to row 3,000,003 and column C (3 columns); the limit is 2,000,000 rows",
        ),
    ),
    Case(
        "xlsb_cell_at_column_four_billion",
        "far.xlsb",
        lambda: xlsb(xlsb_rows([(5, 4_000_000_000, 1)])),
        refused=("共 4,000,000,001 列", "(4,000,000,001 columns); the limit is 1,000 columns"),
    ),
    Case(
        "csv_of_20000_columns",
        "wide.csv",
        wide_csv,
        refused=("这一行有 20,000 列", "This line holds 20,000 columns; the limit is 1,000 columns"),
    ),
    Case(
        "csv_line_500_of_20000_columns",
        "late_wide.csv",
        lambda: late_wide_csv(20_000, at_line=500),
        refused=("第 500 行", "row 500: This line holds 20,000 columns"),
    ),
    Case(
        "csv_header_line_of_a_million_fields",
        "endless.csv",
        _one_line_of_a_million_fields,
        refused=("至少", "This line holds at least"),
    ),
    Case(
        "xls_cell_at_column_65536",
        "far.xls",
        lambda: xls_far_column(row=65535, column=0xFFFF),
        refused=("共 65,536 列", "runs to row 65,536 and column CRXP (65,536 columns)"),
    ),
    Case(
        "xls_of_twelve_sheets_each_with_a_cell_at_iv65536",
        "twelve.xls",
        lambda: xls([(0, 0, "客户"), (65535, 255, 1)], sheets=12),
        refused=("共有 201,326,592 个单元格", "its sheets together hold 201,326,592 cells; the limit is 20,000,000"),
    ),
    Case("xlsx_stray_cell_inside_the_limits", "stray_ok.xlsx", lambda: stray_cell_xlsx("Z5000"), loaded=2, rejected=1),
    Case("ods_within_the_limits", "orders.ods", lambda: ods(ods_table()), loaded=2, rejected=0),
    Case("xlsb_within_the_limits", "orders.xlsb", lambda: xlsb(xlsb_rows()), loaded=2, rejected=0),
]
