"""Inputs read right (#10): two-digit years, dates before 1900, ambiguous day/month columns, units in
headers, the cell that makes a totals row, and control characters, each said in the ingest notes."""

from datetime import date
from decimal import Decimal

import pytest
from quoting import identifier

from core import ingest, store
from core.ingest.header import Mapping, propose_mapping
from core.ingest.header_units import header_unit


def _load(text: str, table: str = "orders", **kw):
    con = store.connect()
    report = ingest.load_file(con, text.encode("utf-8"), f"{table}.csv", table=table, plain=False, **kw)
    return con, report


def _column(con, column: str, table: str = "orders") -> list:
    return [
        r[0]
        for r in con.execute(f"select {identifier(column)} from {identifier(table)} order by source_row").fetchall()
    ]


def _said(report) -> str:
    return " ".join(en for _, en in report.notes)


# ---------------------------------------------------------------- two-digit years


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("1/5/24", date(2024, 1, 5)),  # month/day, the column has no day above 12
        ("1/5/24 13:00", date(2024, 1, 5)),
        ("12/31/99", date(2099, 12, 31)),  # 20xx always, no 1969 pivot
        ("24-1-5", date(2024, 1, 5)),  # two digits first, dashes: year-month-day
        ("24-01-05 08:30", date(2024, 1, 5)),
        ("5-1-24", date(2024, 5, 1)),  # one digit first: the year is last
        ("5-Jan-24", date(2024, 1, 5)),
        ("Jan 5, 24", date(2024, 1, 5)),
    ],
)
def test_a_two_digit_year_is_read_as_20xx(cell, expected):
    con, report = _load(f'客户,日期,金额\n甲,"{cell}",1\n')
    assert report.rows_loaded == 1
    assert _column(con, "order_date") == [expected]


def test_two_digit_years_are_said_with_the_column_the_count_and_the_rows():
    text = "客户,日期,金额\n甲,1/5/24,1\n乙,2024-01-06,2\n丙,24-1-7,3\n丁,2/3/24,4\n"
    con, report = _load(text)
    assert _column(con, "order_date") == [date(2024, 1, 5), date(2024, 1, 6), date(2024, 1, 7), date(2024, 2, 3)]
    zh, en = next(n for n in report.notes if "two-digit" in n[1])
    assert en == "3 dates in '日期' have a two-digit year, read as 20xx (1/5/24 as 2024-01-05; rows 2, 4, 5)."
    assert zh == "「日期」有 3 个日期的年份只写了两位，按 20xx 年读取（如 1/5/24 读作 2024-01-05；行 2, 4, 5）。"


def test_the_two_digit_year_note_lists_five_rows_then_an_ellipsis():
    lines = "".join(f"客户{i},1/{i}/24,1\n" for i in range(1, 8))
    _, report = _load("客户,日期,金额\n" + lines)
    assert "7 dates in '日期' have a two-digit year" in _said(report)
    assert "rows 2, 3, 4, 5, 6…)" in _said(report)


def test_four_digit_years_give_no_two_digit_note():
    _, report = _load("客户,日期,金额\n甲,1/5/2024,1\n乙,2024-01-06,2\n")
    assert "two-digit" not in _said(report)


# ---------------------------------------------------------------- years before 1900


@pytest.mark.parametrize(
    ("cell", "year"),
    [
        ("1899-12-31", "1899"),
        ("1/5/1899", "1899"),
        ("18991231", "1899"),
        ("1/5/0024", "24"),
        ("1066年10月14日", "1066"),
    ],
)
def test_a_date_before_1900_is_rejected_with_its_year_row_column_and_value(cell, year):
    con, report = _load(f"客户,日期,金额\n甲,{cell},1\n乙,2024-01-06,2\n")
    assert (report.rows_read, report.rows_loaded, report.rows_rejected) == (2, 1, 1)
    row, column, value, zh, en, _ = report.rejected_rows[0]
    assert (row, column, value) == (2, "日期", cell)
    assert en == f"year {year} is before 1900"
    assert zh == f"年份 {year} 早于 1900 年"
    assert _column(con, "customer") == ["乙"]


def test_1900_itself_loads():
    con, report = _load("客户,日期,金额\n甲,1900-01-01,1\n")
    assert report.rows_loaded == 1
    assert _column(con, "order_date") == [date(1900, 1, 1)]


def test_an_optional_date_before_1900_is_left_empty_and_said():
    text = "商机编号,客户,阶段,创建日期\nO1,甲,线索,1899-05-01\nO2,乙,线索,2024-05-01\n"
    con, report = _load(text, table="pipeline")
    assert report.rows_loaded == 2
    assert _column(con, "created_date", "pipeline") == [None, date(2024, 5, 1)]
    assert "1 values in '创建日期' could not be read and were left empty (rows 2…)." in _said(report)


# ---------------------------------------------------------------- day/month order


def test_an_ambiguous_day_month_column_says_which_reading_was_chosen_and_why():
    con, report = _load("客户,日期,金额\n甲,03/04/2024,1\n乙,05/06/2024,2\n丙,2024-07-08,3\n")
    assert _column(con, "order_date") == [date(2024, 3, 4), date(2024, 5, 6), date(2024, 7, 8)]
    assert report.notes == [
        (
            "「日期」中的 2 个日期（如 03/04/2024）日和月都不大于 12，文件无法说明哪个在前：按 月/日/年 解读，"
            "03/04/2024 读作 2024-03-04。",
            "All 2 day/month dates in '日期' (as 03/04/2024) have both numbers 12 or less, so the file cannot "
            "say which comes first: read as month/day/year, 03/04/2024 as 2024-03-04.",
        )
    ]


def test_a_day_first_column_says_how_many_dates_decided_it():
    _, report = _load("客户,日期,金额\n甲,03/04/2024,1\n乙,25/04/2024,1\n丙,31/12/2024,1\n")
    assert report.notes == [
        (
            "「日期」中的日期按 日/月/年 解读：有 2 个日期的第一个数大于 12，只能是日（依据整列判断）。",
            "Dates in '日期' read as day/month/year: 2 dates have a first number above 12, which can only be a "
            "day (decided from the whole column).",
        )
    ]


def test_a_column_with_both_kinds_of_evidence_says_the_others_cannot_be_read():
    _con, report = _load("客户,日期,金额\n甲,13/01/2024,1\n乙,14/01/2024,1\n丙,01/15/2024,1\n")
    assert report.rows_loaded == 2
    assert report.rejected_rows[0][:2] == (4, "日期")
    assert _said(report) == (
        "Dates in '日期' read as day/month/year: 2 dates have a first number above 12, which can only be a day "
        "(decided from the whole column). 1 other date has a second number above 12 and cannot be read that way."
    )


def test_a_dash_date_read_year_first_is_no_evidence_of_day_first():
    # 24-01-05 starts with 24 (above 12) but is year-month-day: 03/04/2024 stays month-first
    con, _ = _load("客户,日期,金额\n甲,24-01-05,1\n乙,03/04/2024,1\n")
    assert _column(con, "order_date") == [date(2024, 1, 5), date(2024, 3, 4)]


def test_iso_dates_give_no_day_month_note():
    _, report = _load("客户,日期,金额\n甲,2024-03-04,1\n")
    assert report.notes == []


# ---------------------------------------------------------------- units in headers


@pytest.mark.parametrize(
    ("header", "factor", "word"),
    [
        ("金额(万元)", 10_000, "万元"),
        ("销售额（千元）", 1_000, "千元"),
        ("金额(百万)", 1_000_000, "百万"),
        ("金额（亿元）", 100_000_000, "亿元"),
        ("金额【万元】", 10_000, "万元"),
        ("金额(人民币万元)", 10_000, "人民币万元"),
        ("金额万元", 10_000, "万元"),
        ("销售额/千元", 1_000, "千元"),
        ("Sales (USD thousands)", 1_000, "USD thousands"),
        ("Revenue (RMB '000)", 1_000, "RMB '000"),
        ("Revenue ($M)", 1_000_000, "$M"),
    ],
)
def test_a_unit_in_a_header_names_its_scale(header, factor, word):
    assert header_unit(header) == (factor, word)


@pytest.mark.parametrize("header", ["金额(元)", "Amount (RMB)", "Sales (USD)", "金额", "单价(元/件)", "金额（¥）"])
def test_a_currency_in_a_header_is_no_scale(header):
    assert header_unit(header) is None


def test_wan_yuan_amounts_are_scaled_exactly_to_the_cent():
    # 1.23456 万元 = 12,345.60 元 exactly (one rounding, after scaling); 0.000005 万元 = 0.05 元;
    # 0.0000005 万元 = 0.005 元 rounds half away from zero to 0.01, and -0.0000005 to -0.01
    text = "客户,日期,金额(万元)\n甲,2024-01-05,1.23456\n乙,2024-01-05,0.000005\n丙,2024-01-05,0.0000005\n丁,2024-01-05,-0.0000005\n"
    con, report = _load(text)
    assert _column(con, "amount") == [Decimal("12345.60"), Decimal("0.05"), Decimal("0.01"), Decimal("-0.01")]
    assert report.notes[0] == (
        "「金额(万元)」的单位是「万元」：每个值已乘以 10,000。",
        "'金额(万元)' is in 万元: every value was multiplied by 10,000.",
    )


@pytest.mark.parametrize(
    ("header", "cell", "expected"),
    [
        ("销售额（千元）", "1.5", "1500.00"),
        ("金额(百万)", "0.25", "250000.00"),
        ("金额（亿元）", "0.0000012345", "123.45"),
        ("金额(万元)", '"1,234.5"', "12345000.00"),
        ("金额(万元)", "¥2", "20000.00"),
        ("金额(万元)", "(3)", "-30000.00"),
        ("金额(万元)", "１．５", "15000.00"),
        ("金额(元)", "1.5", "1.50"),
    ],
)
def test_every_unit_scales_its_column(header, cell, expected):
    con, _ = _load(f"客户,日期,{header}\n甲,2024-01-05,{cell}\n")
    assert _column(con, "amount") == [Decimal(expected)]


def test_a_scaled_value_too_large_for_the_table_is_unreadable_not_a_failed_load():
    # 9,999,999.99 亿元 is 10^15: fits; 100,000,000 亿元 is 10^16: DECIMAL(18,2) cannot hold it
    _, report = _load("客户,日期,金额（亿元）\n甲,2024-01-05,9999999.99\n乙,2024-01-05,100000000\n")
    assert report.rows_loaded == 1
    assert report.rejected_rows[0][2:5] == ("100000000", "金额无法识别", "amount cannot be read")


def test_a_scaled_column_with_decimal_commas_is_scaled():
    con, _ = _load('客户;日期;金额(千元)\nA;2024-01-05;"1,5"\nB;2024-01-05;"1.234,5"\n')
    assert _column(con, "amount") == [Decimal("1500.00"), Decimal("1234500.00")]


def test_unit_price_cost_and_profit_are_scaled_and_quantity_is_not():
    text = "客户,日期,数量(千),单价(万元),成本(千元),毛利(千元)\n甲,2024-01-05,3,0.5,12.5,2.5\n"
    con, report = _load(text)
    rows = con.execute("select quantity, unit_price, amount, cost, profit from orders").fetchall()
    # amount = 3 x 5,000 = 15,000 (no amount column)
    assert rows == [(Decimal("3"), Decimal("5000"), Decimal("15000.00"), Decimal("12500.00"), Decimal("2500.00"))]
    assert [en.split(":")[0] for _, en in report.notes] == [
        "'单价(万元)' is in 万元",
        "'成本(千元)' is in 千元",
        "'毛利(千元)' is in 千元",
    ]


def test_a_pipeline_amount_in_wan_yuan_is_scaled():
    con, _ = _load("商机编号,客户,阶段,预计金额(万元)\nO1,甲,线索,12.5\n", table="pipeline")
    assert _column(con, "amount", "pipeline") == [Decimal("125000.00")]


def test_the_unit_is_part_of_the_mapping_and_follows_the_header():
    mapping = propose_mapping("orders", ["客户", "日期", "销售额（千元）", "数量(千)"])
    assert mapping.columns["amount"] == "销售额（千元）"
    assert mapping.units == {"amount": (1_000, "千元")}
    assert mapping.unit("quantity") is None  # a count is never scaled


def test_a_mapping_saved_before_units_brings_its_unit_back():
    saved = {"customer": "客户", "order_date": "日期", "amount": "金额(万元)"}  # Mapping.to_json() as stored
    mapping = Mapping.from_json("orders", saved, ["客户", "日期", "金额(万元)"])
    assert mapping.to_json() == saved
    assert mapping.units == {"amount": (10_000, "万元")}
    con = store.connect()
    data = "客户,日期,金额(万元)\n甲,2024-01-05,2\n".encode()
    ingest.load_file(con, data, "o.csv", mapping=saved)
    assert _column(con, "amount") == [Decimal("20000.00")]


# ---------------------------------------------------------------- totals rows


def test_a_totals_row_names_the_column_and_value_that_made_it_one():
    text = "订单号,客户,日期,金额\nA1,甲,2024-01-05,1\n合计,,,1\n"
    _, report = _load(text)
    assert report.rejected_rows == [(3, "订单号", "合计", "合计/总计行，已排除", "totals row, excluded", "合计 | 1")]


def test_a_totals_row_with_several_words_names_the_first():
    _, report = _load("订单号,客户,日期,金额\nA1,甲,2024-01-05,1\n,Grand Total,小计,1\n")
    assert report.rejected_rows[0][1:3] == ("客户", "Grand Total")


# ---------------------------------------------------------------- control characters


def test_control_characters_are_removed_from_cells_and_said_with_the_rows():
    text = "客户,日期,金额,产品\n甲\x01公司,2024-01-05,1,A\x7f\n乙,2024-01-06,2,B\n丙\x0b\x1f,2024-01-07,3,C\n"
    con, report = _load(text)
    assert _column(con, "customer") == ["甲公司", "乙", "丙"]
    assert _column(con, "product") == ["A", "B", "C"]
    assert report.notes == [
        (
            "「客户」有 2 个单元格含不可见的控制字符，已删除这些字符、保留其余内容（行 2, 4）。",
            "2 cells in '客户' held invisible control characters: they were removed and the rest of each value "
            "kept (rows 2, 4).",
        ),
        (
            "「产品」有 1 个单元格含不可见的控制字符，已删除这些字符、保留其余内容（行 2）。",
            "1 cell in '产品' held invisible control characters: they were removed and the rest of the value "
            "kept (rows 2).",
        ),
    ]


@pytest.mark.parametrize("char", [chr(c) for c in [*range(0x01, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F]])
def test_every_c0_control_character_is_removed(char):
    con, _ = _load(f"客户,日期,金额\n华{char}为,2024-01-05,1{char}\n")
    assert con.execute("select customer, amount from orders").fetchall() == [("华为", Decimal("1.00"))]


def test_a_nul_in_a_cell_is_removed():
    con, report = _load("客户,日期,金额\n华\x00为,2024-01-05,1\n")
    assert _column(con, "customer") == ["华为"]
    assert "held invisible control characters" in _said(report)


def test_tabs_and_line_breaks_stay_whitespace():
    con, report = _load('客户,日期,金额\n"华\t为\n技术",2024-01-05,1\n')
    assert _column(con, "customer") == ["华 为 技术"]
    assert report.notes == []


def test_a_cell_of_control_characters_only_is_empty():
    _, report = _load("客户,日期,金额\n\x01\x02,2024-01-05,1\n乙,2024-01-05,1\n")
    assert report.rejected_rows[0][:2] == (2, "客户") and report.rejected_rows[0][4] == "customer is empty"


def test_rejected_rows_carry_no_control_character():
    _, report = _load("客户,日期,金额,备注\n甲,someday,1,x\x01y\n")
    row = report.rejected_rows[0]
    assert row[5] == "甲 | someday | 1 | xy"
    assert not any(ch in "".join(map(str, row)) for ch in "\x01")


def test_control_characters_in_a_header_are_removed():
    _con, report = _load("客户\x01,日期,金额\n甲,2024-01-05,1\n")
    assert report.headers == ["客户", "日期", "金额"]
    assert report.rows_loaded == 1


def test_control_characters_in_an_xlsx_cell_are_removed_and_said():
    import io

    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["客户", "日期", "金额"])
    sheet.append(["甲_x0001_公司", "2024-01-05", 1])  # how a workbook stores a control character
    buffer = io.BytesIO()
    book.save(buffer)
    con = store.connect()
    report = ingest.load_file(con, buffer.getvalue(), "o.xlsx")
    assert _column(con, "customer") == ["甲公司"]
    assert "1 cell in '客户' held invisible control characters" in _said(report)


# ---------------------------------------------------------------- the customer key


def test_customers_differing_in_width_are_one_shown_by_the_most_frequent_spelling():
    text = (
        "客户,日期,金额\n"
        "华为技术（深圳）,2024-01-05,100\n"
        "华为技术(深圳),2024-01-06,200\n"
        "华为技术(深圳),2024-01-07,300\n"
        "腾讯,2024-01-08,5\n"
    )
    con, report = _load(text)
    assert con.execute("select customer, sum(amount) from orders group by 1 order by 1").fetchall() == [
        ("华为技术(深圳)", Decimal("600.00")),
        ("腾讯", Decimal("5.00")),
    ]
    assert report.notes == [
        (
            "1 个客户名称与另一写法仅全半角、英文大小写或空格不同，视为同一客户，按最常见的写法显示："
            "「华为技术（深圳）」按「华为技术(深圳)」。",
            "1 customer name differs from another spelling only in width, case or spacing: one customer each, "
            "shown by the most frequent spelling: '华为技术（深圳）' as '华为技术(深圳)'.",
        )
    ]


def test_latin_case_and_spaces_fold_and_a_tie_keeps_the_first_spelling():
    text = "客户,日期,金额\nAcme  Corp,2024-01-05,1\nACME CORP,2024-01-06,2\nＡｃｍｅ　Ｃｏｒｐ,2024-01-07,3\n"
    con, _ = _load(text)
    # one each: the first spelling (row 2), its double space collapsed, names all three rows
    assert _column(con, "customer") == ["Acme Corp", "Acme Corp", "Acme Corp"]


def test_names_that_differ_otherwise_stay_apart():
    con, report = _load("客户,日期,金额\n华为技术,2024-01-05,1\n华为科技,2024-01-06,2\n")
    assert _column(con, "customer") == ["华为技术", "华为科技"]
    assert report.notes == []


def test_a_rejected_row_does_not_vote_for_a_spelling():
    text = "客户,日期,金额\nACME,2024-01-05,1\nacme,2024-01-06,2\nacme,someday,3\n"
    con, _ = _load(text)
    assert _column(con, "customer") == ["ACME", "ACME"]  # one each among loaded rows: the first wins


def test_pipeline_customers_fold_too():
    con, _ = _load("商机编号,客户,阶段\nO1,ＡＢＣ,线索\nO2,abc,线索\nO3,abc,赢单\n", table="pipeline")
    assert _column(con, "customer", "pipeline") == ["abc", "abc", "abc"]
