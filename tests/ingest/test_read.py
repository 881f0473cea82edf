"""Finding the data: encodings, delimiters, the header row under title rows, sheets, row numbers."""

import codecs
import io

import openpyxl
import pytest

from core.errors import InputError
from core.ingest import read_table
from core.ingest.read import decode, find_header_row


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("客户,金额\n".encode(), "utf-8"),
        ("客户,金额\n".encode("utf-8-sig"), "utf-8-sig"),
        ("客户,金额\n甲乙丙丁,华东精密机械\n".encode("gbk"), "gb18030"),
        ("客户,金额\n".encode("utf-16"), "utf-16"),
        ("Café Müller,1\n".encode("cp1252"), "cp1252"),
    ],
)
def test_encoding_is_detected_without_asking(data, expected):
    assert decode(data, "f.csv")[1] == expected


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("text", ["客户,日期,金额\n甲,2024-01-05,1\n", "Customer,Date,Amount\nA,2024-01-05,1\n"])
def test_utf16_without_a_bom_is_read_in_its_byte_order_whatever_the_first_character(codec, text):
    # 客 is A2 5B in little-endian: the first character's bytes once decided the order, and read it big-endian
    assert decode(text.encode(codec), "f.csv") == (text, "utf-16")


@pytest.mark.parametrize(
    "data",
    [codecs.BOM_UTF8, codecs.BOM_UTF8 + b"\r\n\r\n", codecs.BOM_UTF16_LE + " \n".encode("utf-16-le"), b"\x00" * 64],
    ids=["utf8_bom", "utf8_bom_and_line_ends", "utf16_bom_and_a_space", "nul_bytes"],
)
def test_a_byte_order_mark_with_nothing_after_it_is_an_empty_file(data):
    # Excel saves an empty sheet as "CSV UTF-8" as the BOM alone: it was refused as having no header row
    with pytest.raises(InputError) as raised:
        read_table(data, "empty.csv")
    assert "The file is empty" in raised.value.message("en")


def test_header_is_found_under_title_rows_and_blank_rows():
    rows = [
        ["2024年销售明细", None, None],
        [None, None, None],
        ["导出日期：2024-03-01", None, None],
        ["客户名称", "订单日期", "金额"],
        ["甲", "2024-01-05", "1"],
    ]
    assert find_header_row(rows) == 3


def test_a_row_of_numbers_is_never_the_header():
    rows = [["1", "2", "3"], ["客户", "日期", "金额"], ["甲", "2024-01-05", "1"]]
    assert find_header_row(rows) == 1


def test_row_numbers_are_the_ones_seen_in_the_file_despite_blank_lines():
    raw = read_table("销售明细\n\n客户,日期,金额\n甲,2024-01-05,1\n\n乙,2024-01-06,2\n".encode(), "o.csv")
    assert raw.header_row == 3
    assert raw.data.column("source_row").to_pylist() == [4, 6]


def _workbook(sheets: dict[str, list[list]]) -> bytes:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for r in rows:
            ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


SHEETS = {
    "说明": [["说明"], ["本表由系统导出"]],
    "明细": [["客户", "日期", "金额"]] + [["甲", "2024-01-05", i] for i in range(5)],
    "汇总": [["客户", "金额"], ["甲", 10]],
}


def test_the_sheet_with_most_data_rows_is_read_by_default():
    raw = read_table(_workbook(SHEETS), "o.xlsx")
    assert raw.sheet == "明细" and raw.rows_read == 5
    assert raw.sheets == ["说明", "明细", "汇总"]


def test_any_sheet_can_be_chosen():
    raw = read_table(_workbook(SHEETS), "o.xlsx", sheet="汇总")
    assert raw.headers == ["客户", "金额"] and raw.rows_read == 1


def test_an_unknown_sheet_lists_the_sheets_there_are():
    with pytest.raises(InputError) as caught:
        read_table(_workbook(SHEETS), "o.xlsx", sheet="Sheet9")
    assert "说明、明细、汇总" in caught.value.message("zh")


def test_excel_row_numbers_count_title_rows():
    raw = read_table(_workbook({"s": [["2024 销售"], [], ["客户", "日期", "金额"], ["甲", "2024-01-05", 1]]}), "o.xlsx")
    assert raw.header_row == 3
    assert raw.data.column("source_row").to_pylist() == [4]


def test_duplicate_and_empty_headers_get_distinct_names():
    raw = read_table("客户,金额,金额,\n甲,1,2,x\n".encode(), "o.csv")
    assert raw.headers == ["客户", "金额", "金额 (2)", "列D"]


def test_a_late_row_wider_than_the_header_keeps_its_extra_cells():
    text = "客户,日期,金额\n" + "甲,2024-01-05,1\n" * 300 + "乙,2024-01-06,2,备注甲,备注乙,备注丙\n"
    raw = read_table(text.encode(), "o.csv")
    assert raw.headers == ["客户", "日期", "金额", "列D", "列E", "列F"]
    last = raw.data.slice(raw.rows_read - 1).to_pylist()[0]
    assert (last["列D"], last["列E"], last["列F"]) == ("备注甲", "备注乙", "备注丙")
