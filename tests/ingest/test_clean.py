"""Value parsing rules: numbers, dates, ids, names, totals rows, rejections and duplicates."""

from datetime import date
from decimal import Decimal

import pytest
from quoting import identifier

from core import ingest, store


def _load(text: str, **kw):
    con = store.connect()
    report = ingest.load_file(con, text.encode("utf-8"), "orders.csv", **kw)
    return con, report


def _one(con, column):
    return con.execute(f"select {identifier(column)} from orders order by source_row").fetchall()[0][0]


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("1234.5", "1234.50"),
        ('"1,234.50"', "1234.50"),
        ('"¥1,234"', "1234.00"),
        ("￥88", "88.00"),
        ("(123)", "-123.00"),
        ("-¥30.00", "-30.00"),
        ("¥-30.00", "-30.00"),
        ("１２３．４", "123.40"),
        ("1.2万", "12000.00"),
        ("3.5 元", "3.50"),
        ("RMB 7", "7.00"),
        ("0.125", "0.13"),  # rounded to the cent
    ],
)
def test_amount_written_as_text_is_read_exactly(cell, expected):
    con, report = _load(f"客户,日期,金额\n甲,2024-01-05,{cell}\n")
    assert report.rows_loaded == 1
    assert _one(con, "amount") == Decimal(expected)


def test_european_decimal_comma_column_is_recognised():
    con, _report = _load(
        'Customer;Date;Amount\nA;2024-01-05;"1.234,50"\nB;2024-01-06;"12,30"\n'.replace(",", ",").replace(";", ";")
    )
    result = [r[0] for r in con.execute("select amount from orders order by source_row").fetchall()]
    assert result == [Decimal("1234.50"), Decimal("12.30")]


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("2024-01-05", date(2024, 1, 5)),
        ("2024/1/5", date(2024, 1, 5)),
        ("2024.1.5", date(2024, 1, 5)),
        ("2024年1月5日", date(2024, 1, 5)),
        ("20240105", date(2024, 1, 5)),
        ("45296", date(2024, 1, 5)),  # Excel serial
        ("45296.75", date(2024, 1, 5)),  # serial with a time of day
        ("2024-01-05 23:59:59", date(2024, 1, 5)),
        ("2024-01-05T08:30:00", date(2024, 1, 5)),
        ("2024年1月5日 10:30", date(2024, 1, 5)),
        ("05-Jan-2024", date(2024, 1, 5)),
    ],
)
def test_date_forms_are_read(cell, expected):
    con, report = _load(f"客户,日期,金额\n甲,{cell},1\n")
    assert report.rows_loaded == 1
    assert _one(con, "order_date") == expected


def test_slash_date_order_is_decided_by_the_whole_column_day_first():
    # 03/04 alone is ambiguous; 25/04 in the same column proves day-first for every row
    con, report = _load("客户,日期,金额\n甲,03/04/2024,1\n乙,25/04/2024,1\n")
    result = [r[0] for r in con.execute("select order_date from orders order by source_row").fetchall()]
    assert result == [date(2024, 4, 3), date(2024, 4, 25)]
    assert any("day/month/year" in en for _, en in report.notes)


def test_slash_date_order_is_decided_by_the_whole_column_month_first():
    con, _ = _load("客户,日期,金额\n甲,03/04/2024,1\n乙,04/25/2024,1\n")
    result = [r[0] for r in con.execute("select order_date from orders order by source_row").fetchall()]
    assert result == [date(2024, 3, 4), date(2024, 4, 25)]


@pytest.mark.parametrize(
    ("cell", "expected"),
    [("00123", "00123"), ("17850.0", "17850"), ('"=""00123"""', "00123"), ("C-001", "C-001")],
)
def test_customer_ids_keep_their_text_form(cell, expected):
    con, _ = _load(f"客户编号,日期,金额\n{cell},2024-01-05,1\n")
    assert _one(con, "customer") == expected


def test_text_starting_with_equals_is_a_name_not_a_formula():
    con, report = _load("客户,日期,金额\n=SUM(A1),2024-01-05,1\n")
    assert report.rows_loaded == 1
    assert _one(con, "customer") == "=SUM(A1)"


def test_names_are_trimmed_including_full_width_spaces():
    con, _ = _load("客户,日期,金额\n\u3000 华东机械 \u3000,2024-01-05,1\n")
    assert _one(con, "customer") == "华东机械"


def test_amount_is_quantity_times_unit_price_when_no_amount_column():
    con, report = _load("客户,日期,数量,单价\n甲,2024-01-05,3,19.99\n乙,2024-01-05,x,1\n")
    assert _one(con, "amount") == Decimal("59.97")
    assert report.rows_rejected == 1
    assert "quantity cannot be read" in report.rejected.iloc[0]["reason_en"]


def test_gross_profit_is_amount_minus_cost_when_only_cost_is_mapped():
    con, _ = _load("客户,日期,金额,成本\n甲,2024-01-05,100.10,60.05\n")
    assert _one(con, "profit") == Decimal("40.05")


@pytest.mark.parametrize("word", ["合计", "总计", "小计", "合 计", "Total", "GRAND TOTAL", "Subtotal:"])
def test_totals_rows_are_excluded_with_their_row_number(word):
    _con, report = _load(f"客户,日期,金额\n甲,2024-01-05,1\n{word},,1\n")
    assert report.rows_read == 2 and report.rows_loaded == 1 and report.rows_rejected == 1
    rejected = report.rejected.iloc[0]
    assert rejected["row"] == 3
    assert rejected["reason_en"] == "totals row, excluded"


def test_a_row_with_several_problems_names_them_all():
    _, report = _load("客户,日期,金额\n,someday,abc\n甲,2024-01-05,1\n")
    rejected = report.rejected.iloc[0]
    assert rejected["row"] == 2
    assert rejected["reason_en"] == "customer is empty; date cannot be read; amount cannot be read"
    assert rejected["column"] == "客户; 日期; 金额"
    assert rejected["value"] == "someday; abc"


def test_rows_read_equals_loaded_plus_rejected_and_blank_rows_do_not_count():
    text = "客户,日期,金额\n甲,2024-01-05,1\n\n ,,\n乙,,2\n丙,2024-01-06,\n合计,,3\n丁,2024-01-07,4\n"
    _, report = _load(text)
    assert report.rows_read == 5  # the empty line and the whitespace-only row are blank
    assert report.rows_loaded == 2
    assert report.rows_rejected == 3
    assert list(report.rejected["row"]) == [5, 6, 7]
    assert list(report.rejected["reason_en"]) == ["date is empty", "amount is empty", "totals row, excluded"]


def test_exact_duplicate_rows_are_reported_and_kept_by_default():
    text = "客户,日期,金额\n甲,2024-01-05,1\n甲,2024-01-05,1\n乙,2024-01-05,1\n甲,2024-01-05,1\n"
    _con, report = _load(text)
    assert report.rows_loaded == 4
    assert list(report.duplicates["row"]) == [3, 5]
    assert list(report.duplicates["duplicate_of"]) == [2, 2]


def test_dropping_duplicates_rejects_the_repeats_with_a_reason():
    text = "客户,日期,金额\n甲,2024-01-05,1\n甲,2024-01-05,1\n乙,2024-01-05,1\n"
    _con, report = _load(text, drop_duplicates=True)
    assert report.rows_read == 3 and report.rows_loaded == 2 and report.rows_rejected == 1
    assert report.rejected.iloc[0]["row"] == 3
    assert "duplicate" in report.rejected.iloc[0]["reason_en"]


def test_unreadable_optional_value_is_left_empty_and_said():
    con, report = _load("客户,日期,金额,成本\n甲,2024-01-05,10,n/a\n")
    assert report.rows_loaded == 1
    assert _one(con, "cost") is None
    assert any("could not be read" in en and "rows 2" in en for _, en in report.notes)


def test_an_unreadable_pipeline_amount_is_left_empty_and_said():
    """A pipeline's amount is optional: its row loads, and a note names the column and the row (it once
    went empty without a word, as if it were an orders amount that rejects its row)."""
    con = store.connect()
    report = ingest.load_file(con, "客户,阶段,预计金额\n甲,线索,abc\n乙,赢单,100\n".encode(), "p.csv", table="pipeline")
    assert report.rows_loaded == 2 and report.rows_rejected == 0
    assert con.execute("select amount from pipeline order by source_row").fetchall() == [(None,), (Decimal("100.00"),)]
    assert any("'预计金额'" in en and "rows 2" in en for _, en in report.notes)


def test_customer_id_and_name_columns_both_load():
    con, report = _load("客户编号,客户名称,日期,金额\n0012,华东机械,2024-01-05,1\n")
    assert report.mapping.columns["customer"] == "客户编号"
    assert con.execute("select customer, customer_name from orders").fetchall() == [("0012", "华东机械")]


def test_pipeline_without_an_id_uses_the_row_number():
    con = store.connect()
    report = ingest.load_file(con, "客户,阶段,预计金额\n甲,线索,100\n乙,赢单,\n".encode(), "p.csv", table="pipeline")
    assert report.rows_loaded == 2
    rows = con.execute("select opportunity_id, customer, stage, amount from pipeline order by source_row").fetchall()
    assert rows == [("2", "甲", "线索", Decimal("100.00")), ("3", "乙", "赢单", None)]


@pytest.mark.parametrize("cell", ["2024-02-30", "2024/2/30", "2024年2月30日", "2024-13-01", "30/02/2024"])
def test_impossible_dates_are_rejected_not_rolled_over(cell):
    _, report = _load(f"客户,日期,金额\n甲,{cell},1\n乙,2024-01-05,1\n")
    assert report.rows_loaded == 1
    assert report.rejected.iloc[0]["reason_en"] == "date cannot be read"


def test_a_time_zone_offset_keeps_the_local_date_and_never_leaks_into_other_rows():
    text = "客户,日期,金额\n甲,2024-01-05 10:00:00+08,1\n乙,2024-01-05 09:00:00,1\n丙,2024-01-06T23:30:00Z,1\n丁,2024-01-07,1\n"
    con, _ = _load(text)
    result = [r[0] for r in con.execute("select order_date from orders order by source_row").fetchall()]
    assert result == [date(2024, 1, 5), date(2024, 1, 5), date(2024, 1, 6), date(2024, 1, 7)]


def test_an_amount_too_large_for_the_table_is_rejected_not_a_failed_load():
    _, report = _load("客户,日期,金额\n甲,2024-01-05,99999999999999万\n乙,2024-01-05,1\n")
    assert report.rows_loaded == 1
    assert report.rejected.iloc[0]["reason_en"] == "amount cannot be read"


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("1.23456789亿", "123456789.00"),  # 8 places of 亿 are whole yuan: once read as 123460000
        ("12.345678万", "123456.78"),  # 6 places of 万 are cents: once read as 123456.80
        ("0.000001万", "0.01"),
        ("0.0000000001亿", "0.01"),
    ],
)
def test_wan_and_yi_amounts_keep_every_digit_to_the_cent(cell, expected):
    con, report = _load(f"客户,日期,金额\n甲,2024-01-05,{cell}\n")
    assert report.rows_loaded == 1
    assert _one(con, "amount") == Decimal(expected)


@pytest.mark.parametrize("cell", ["1234567890123456789012345678亿", "9999999999999999999999999999999万"])
def test_a_wan_or_yi_amount_too_large_for_any_table_is_rejected_not_a_failed_load(cell):
    # the multiplication once overflowed DuckDB's decimal(38) and failed the whole load with a traceback
    _, report = _load(f"客户,日期,金额\n甲,2024-01-05,{cell}\n乙,2024-01-05,1\n")
    assert report.rows_loaded == 1
    assert report.rejected.iloc[0]["reason_en"] == "amount cannot be read"


def _shortcut_forms() -> list[str]:
    """Texts around the shortcuts of ka_num_text and ka_date_text: every form a cell takes in the tests
    above, DuckDB's own cast forms, and random mixes of digits, signs, separators and marks."""
    import random

    fixed = [
        "2024-04-06",
        "2024-4-6",
        "2024/04/06",
        "2024.04.06",
        "2024 04 06",
        "2024\\04\\06",
        "2024-04-06 10:00:00",
        "2024-04-06 10",
        "2024-04-06T10:00:00",
        "2024-04-06 (BC)",
        "99999-01-01",
        "-2024-01-01",
        "+2024-01-01",
        "0000-01-01",
        "2024-02-30",
        "2024-13-01",
        "2023-02-29",
        "2024-02-29",
        "infinity",
        "-infinity",
        "epoch",
        "20240406",
        "2024-04-06Z",
        "2024-04-06x",
        "24-04-06",
        "2024-004-06",
        "02024-04-06",
        "1-12-24-56",
        "13-1-24-56",
        "12/3-04-06",
        "1,000",
        "1 000",
        "1e5",
        "+5",
        ".5",
        "5.",
        "1_000",
        "0x10",
        "NaN",
        "inf",
        "1e400",
        "-0",
        "00012.50",
        "12345678901234.5",
        "123456789012345",
        "1.2万",
        "(123)",
        "¥1,234",
        "１２３",
        "3.5 元",
        "RMB 7",
        "45292",
        "45292.5",
        "1.234,50",
        "-",
        "",
        "  7 ",
        "1__0",
        "_1",
        "1_",
        "0b1",
        "1E-2",
    ]
    rng = random.Random(7)
    alphabet = "0123456789-/.:, +eE_()¥万T年月日"
    fixed += ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 12))) for _ in range(3000)]
    fixed += [f"{rng.randint(0, 10000):04d}-{rng.randint(0, 13):02d}-{rng.randint(0, 32):02d}" for _ in range(500)]
    # around the year-first slash shortcut (issue #13): 2024/1/5 and its near misses
    fixed += ["2024/1/5", "2024/12/31", "2024/2/30", "2023/2/29", "2024/2/29", "2024/13/1", "2024/1/32", "2024/0/5"]
    fixed += ["0000/1/5", "1899/12/31", "9999/12/31", "2024/001/5", "02024/1/5", "2024/ 1/5", "2024/1/5/", "2024/1/5Z"]
    fixed += ["2024/01/05 10:00", "2024/1/5 10:00:00", "2024/1.5", "2024.1/5", "２０２４/1/5", "2024/-1/5", "2024/+1/5"]
    fixed += [f"{rng.randint(0, 10000):04d}/{rng.randint(0, 13)}/{rng.randint(0, 32)}" for _ in range(500)]
    return fixed


def test_number_and_date_shortcuts_read_every_form_as_the_full_steps_do():
    """ka_num_text casts first and ka_date_text tries DuckDB's date cast on dddd-dd-dd: both must give
    exactly what the steps alone give, on every form."""
    con = store.connect()
    cur = con.cursor()
    from core.ingest import clean

    for macro in clean.MACROS:
        cur.execute(macro)
    differ = cur.execute(
        """
        select t, ka_num_text(t, false), ka_num_steps(t, false), ka_date_text(t, df), ka_date_steps(t, df)
        from (select unnest($forms) as t), (select unnest([false, true]) as df)
        where ka_num_text(t, false) is distinct from ka_num_steps(t, false)
           or ka_date_text(t, df) is distinct from ka_date_steps(t, df)
        """,
        {"forms": _shortcut_forms()},
    ).fetchall()
    assert differ == []


def test_an_unreadable_quantity_beside_an_amount_is_left_empty_and_said():
    """With an amount column the quantity is optional: its row loads, and a note names the column and row."""
    con, report = _load("客户,日期,数量,金额\n甲,2024-01-05,几个,10\n乙,2024-01-06,2,20\n")
    assert report.rows_loaded == 2 and report.rows_rejected == 0
    assert _one(con, "quantity") is None
    assert any("'数量'" in en and "rows 2" in en for _, en in report.notes)


@pytest.mark.parametrize("cell", ["infinity", "-infinity", "Infinity", "epoch", "today"])
def test_a_date_word_is_an_unreadable_date_not_1900(cell):
    """DuckDB 2.0's strptime reads 'infinity' and 'epoch' as 1900-01-01 whatever the format."""
    _con, report = _load(f"客户,日期,金额\n甲,{cell},10\n乙,2024-01-06,20\n")
    assert report.rows_loaded == 1
    assert report.rejected_rows[0][:2] == (2, "日期") and report.rejected_rows[0][4] == "date cannot be read"
