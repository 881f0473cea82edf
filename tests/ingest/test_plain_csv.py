"""The plain-CSV fast path loads exactly what the general path loads, or declines the file.

Each file below is loaded twice: by ingest.load_file (which takes core.ingest.plain_csv when the file is
plain) and by the general path (read_table -> propose_mapping -> load_table). The reports, in both
languages, and every row and column of `orders` must be equal.
"""

import codecs

import pytest
from quoting import identifier

from core import ingest, schema, store
from core.ingest.plain_csv import load_plain_csv

HEADER = "订单编号,订单日期,客户名称,大区,客户经理,产品名称,数量,单价,金额"
LINES = [
    "SO1,2024-04-06,嘉兴嘉禾五金有限公司,西北,陈霞,传感器B200,73,726.23,53014.79",
    "SO1,2024-04-06,嘉兴嘉禾五金有限公司,西北,陈霞,变频器B200,2,96.16,192.32",
    "SO2,2024-05-19,宁波锦程机械有限公司,西南,孙娜,工业相机C300,24,1189.27,28542.48",
    "SO3,2024-4-6,宁波锦程机械有限公司,西南,,控制器X9,-1,249.84,-249.84",
    "SO4,2024/06/01,成都润泽环保有限公司,华东,王伟,控制器X9,3,10,30",
    "SO5,45292,成都润泽环保有限公司,华东,王伟,控制器X9,1,1.2万,1.2万",
    "17850.0,20240105,青岛明辉包装有限公司,华北,李强,传感器B200,1,¥88,¥88",
]


def _csv(*lines: str, header: str = HEADER, end: str = "\n") -> bytes:
    return ("\n".join([header, *lines]) + end).encode("utf-8")


PLAIN = {
    "clean": _csv(*LINES),
    "no final newline": _csv(*LINES, end=""),
    "totals row (合计)": _csv(*LINES, ",,合计,,,,,,83107.59"),
    "totals row (Total)": _csv(*LINES, "Total,,,,,,,,83107.59"),
    "totals word in an unmapped column": _csv(
        *[line + ",备注" for line in LINES],
        "SO9,2024-07-01,某公司,华北,李强,传感器B200,1,5,5,合计",
        header=HEADER + ",备注",
    ),
    "rejected rows": _csv(
        *LINES,
        "SO6,2024-06-02,,华东,王伟,控制器X9,1,5,5",
        "SO7,someday,某公司,华东,王伟,x,1,5,abc",
        "SO8,2024-06-03,某公司,华东,王伟,x,1,5,",
        "SO9,,某公司,华东,王伟,x,1,5,5",
    ),
    "duplicates": _csv(*LINES, LINES[0], LINES[2], LINES[0], LINES[0].replace(",73,", ",73.0,")),
    "title line above the header": ("2024年销售明细\n" + _csv(*LINES).decode()).encode(),
    "month-first slash dates": _csv(*LINES, "SO9,01/13/2024,某公司,华北,李强,传感器B200,1,5,5"),
    "unreadable optional number": _csv(*LINES, "SO9,2024-07-01,某公司,华北,李强,传感器B200,几个,5,5"),
    "semicolons": _csv(*[line.replace(",", ";") for line in LINES], header=HEADER.replace(",", ";")),
    "customer id and name, cost": _csv(
        "C001,嘉禾五金,2024-01-05,100.50,60",
        "C002,锦程机械,2024-02-05,200,120",
        "C001,嘉禾五金,2024-03-05,50,20",
        header="客户编号,客户名称,订单日期,金额,成本",
    ),
    "two-digit years": _csv(
        *LINES,
        "SO9,1/5/24,某公司,华北,李强,传感器B200,1,5,5",
        "SO10,24-1-6,某公司,华北,李强,传感器B200,1,5,5",
        "SO11,5-Jan-24,某公司,华北,李强,传感器B200,1,5,5",
    ),
    "a date before 1900": _csv(
        *LINES, "SO9,1899-12-31,某公司,华北,李强,传感器B200,1,5,5", "SO10,1/5/0024,某公司,华北,李强,x,1,5,5"
    ),
    "ambiguous slash dates": _csv(*LINES, "SO9,03/04/2024,某公司,华北,李强,传感器B200,1,5,5"),
    "amount in 万元": _csv(*LINES[:4], "SO9,2024-07-01,某公司,华北,李强,x,1,5,1.23456", header=HEADER + "(万元)"),
    "amount in 千元, full-width brackets": _csv(*LINES, header=HEADER.replace("金额", "销售额（千元）")),
    "unit price in 万元": _csv(
        "SO1,2024-01-05,某公司,2,0.5,10000",
        "SO2,2024-01-06,某公司,3,1.25,37500",
        "SO3,2024-01-07,某公司,3,几,1",
        header="订单编号,订单日期,客户名称,数量,单价(万元),金额",
    ),
    "合计 in the order-number column": _csv(*LINES, "合计,,,,,,,,83107.59"),
    "customer spellings": _csv(
        *LINES,
        "SO9,2024-07-01,华为技术（深圳）,华北,李强,传感器B200,1,5,5",
        "SO10,2024-07-02,华为技术(深圳),华北,李强,传感器B200,1,5,5",
        "SO11,2024-07-03,华为技术(深圳),华北,李强,传感器B200,1,5,5",
        "SO12,2024-07-04,ACME,华北,李强,传感器B200,1,5,5",
        "SO13,2024-07-05,acme,华北,李强,传感器B200,1,5,5",
    ),
    "ascii only": _csv(
        "A1,2024-01-05,Acme,North,Ann,Widget,2,5,10",
        "A2,2024-01-06,Beta,South,Bob,Gadget,1,7,7",
        header="Order ID,Order Date,Customer,Region,Sales Rep,Product,Qty,Unit Price,Amount",
    ),
}

NOT_PLAIN = {
    "a quoted cell": _csv(*LINES, 'SO9,2024-07-01,"某公司",华北,李强,传感器B200,1,5,"1,234.50"'),
    "whitespace in a cell": _csv(*LINES, "SO9,2024-07-01,某 公司,华北,李强,传感器B200,1,5,5"),
    "a tab in a cell": _csv(*LINES, "SO9,2024-07-01,某公司\t,华北,李强,传感器B200,1,5,5"),
    "full-width space": _csv(*LINES, "SO9,2024-07-01,某\u3000公司,华北,李强,传感器B200,1,5,5"),
    "day-first slash dates": _csv(*LINES, "SO9,13/01/2024,某公司,华北,李强,传感器B200,1,5,5"),
    "a blank row": _csv(*LINES[:3], ",,,,,,,,", *LINES[3:]),
    "an empty line": _csv(*LINES[:3], "", *LINES[3:]),
    "a wider row": _csv(*LINES, "SO9,2024-07-01,某公司,华北,李强,传感器B200,1,5,5,extra"),
    "a narrower row": _csv(*LINES, "SO9,2024-07-01,某公司"),
    "CRLF line ends": _csv(*LINES).replace(b"\n", b"\r\n"),
    "a BOM": codecs.BOM_UTF8 + _csv(*LINES),
    "GBK": "\n".join([HEADER, *LINES]).encode("gb18030"),
    "a control character in a name": _csv(*LINES, "SO9,2024-07-01,某\x01公司,华北,李强,传感器B200,1,5,5"),
    "DEL in a product": _csv(*LINES, "SO9,2024-07-01,某公司,华北,李强,传感器\x7f,1,5,5"),
    "a control character in the header": _csv(*LINES, header=HEADER.replace("大区", "大区\x02")),
    "decimal commas with semicolons": _csv("SO1;2024-01-05;某公司;1234,50", header="订单编号;订单日期;客户名称;金额"),
    "amount only as quantity x price": _csv("SO1,2024-01-05,某公司,2,5", header="订单编号,订单日期,客户名称,数量,单价"),
    "header only": _csv(),
}


def _general(data: bytes, name: str = "orders.csv"):
    con = store.connect()
    raw = ingest.read_table(data, name)
    report = ingest.load_table(con, raw, ingest.propose_mapping("orders", raw.headers, raw.data))
    return con, report


def _rows(con) -> list[tuple]:
    names = ", ".join(identifier(name) for name in [f.name for f in schema.ORDER_FIELDS] + ["source_row"])
    return con.execute(f"select {names} from orders order by source_row").fetchall()


def _columns(con) -> dict[str, str]:
    return {name: (kind, nullable) for name, kind, nullable, *_ in con.execute("describe orders").fetchall()}


@pytest.mark.parametrize("case", list(PLAIN))
def test_a_plain_file_loads_as_the_general_path_loads_it(case):
    data = PLAIN[case]
    fast_con = store.connect()
    fast = load_plain_csv(fast_con, data, "orders.csv")
    assert fast is not None, "the fast path declined a plain file"
    slow_con, slow = _general(data)
    for lang in ("zh", "en"):
        assert fast.to_json(lang) == slow.to_json(lang)
    assert fast.rejected_rows == slow.rejected_rows
    assert fast.duplicate_pairs == slow.duplicate_pairs
    assert (fast.header_row, fast.latest_date, fast.delimiter) == (slow.header_row, slow.latest_date, slow.delimiter)
    assert _rows(fast_con) == _rows(slow_con)
    assert _columns(fast_con) == _columns(slow_con)


@pytest.mark.parametrize("case", list(NOT_PLAIN))
def test_a_file_that_is_not_plain_is_left_to_the_general_path(case):
    con = store.connect()
    con.execute(
        "insert into orders (customer, order_date, amount, source_row) values ('earlier', date '2024-01-01', 1, 2)"
    )
    assert load_plain_csv(con, NOT_PLAIN[case], "orders.csv") is None
    # declining leaves the loaded data as it was, and no helper table behind
    assert con.execute("select customer from orders").fetchall() == [("earlier",)]
    assert con.execute("select count(*) from duckdb_tables() where table_name like 'ka_%'").fetchall() == [(0,)]


@pytest.mark.parametrize("case", list(NOT_PLAIN)[:-1])  # a header-only file is an error either way
def test_load_file_gives_the_general_result_for_a_file_that_is_not_plain(case):
    data = NOT_PLAIN[case]
    con = store.connect()
    report = ingest.load_file(con, data, "orders.csv")
    slow_con, slow = _general(data)
    assert report.to_json("en") == slow.to_json("en")
    assert _rows(con) == _rows(slow_con)


def test_the_cases_cover_what_they_say():
    """Guards the fixtures: rejections, totals, duplicates, notes and a title line really occur."""
    reports = {case: load_plain_csv(store.connect(), data, "orders.csv") for case, data in PLAIN.items()}
    assert [r[0] for r in reports["rejected rows"].rejected_rows] == [9, 10, 11, 12]
    assert reports["totals row (合计)"].rejected_rows[0][4] == "totals row, excluded"
    assert reports["totals row (Total)"].rejected_rows[0][4] == "totals row, excluded"
    assert reports["totals word in an unmapped column"].rows_rejected == 1
    assert reports["duplicates"].duplicate_pairs == [(9, 2), (10, 4), (11, 2)]  # 73.0 is not 73
    assert reports["title line above the header"].header_row == 2
    assert reports["month-first slash dates"].notes and reports["unreadable optional number"].notes
    assert "3 dates in '订单日期' have a two-digit year" in reports["two-digit years"].notes[-1][1]
    assert [r[4] for r in reports["a date before 1900"].rejected_rows] == [
        "year 1899 is before 1900",
        "year 24 is before 1900",
    ]
    assert "has both numbers 12 or less" in reports["ambiguous slash dates"].notes[0][1]
    assert reports["amount in 万元"].notes[0][1] == "'金额(万元)' is in 万元: every value was multiplied by 10,000."
    assert reports["amount in 千元, full-width brackets"].notes[0][1].startswith("'销售额（千元）' is in 千元")
    assert reports["unit price in 万元"].rows_loaded == 3
    assert "values in '单价(万元)' could not be read" in reports["unit price in 万元"].notes[-1][1]
    assert reports["合计 in the order-number column"].rejected_rows[0][1:3] == ("订单编号", "合计")
    assert reports["totals row (Total)"].rejected_rows[0][1:3] == ("订单编号", "Total")
    assert reports["customer spellings"].notes[0][1].startswith("2 customer names differ from another spelling")


def test_a_failed_plain_load_keeps_the_earlier_orders(monkeypatch):
    con = store.connect()
    ingest.load_file(con, PLAIN["clean"], "orders.csv")
    before = _rows(con)
    from core.ingest import plain_stager

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(plain_stager, "_duplicates", broken)
    with pytest.raises(RuntimeError):
        ingest.load_file(con, PLAIN["rejected rows"], "orders.csv")
    assert _rows(con) == before


def _long(tail: str = "") -> bytes:
    """~150 KB: past the first 64 KB the fast path looks at before DuckDB starts, then `tail`."""
    lines = [
        f"SO{i},2024-{i % 12 + 1:02d}-{i % 28 + 1:02d},客户{i % 97},华东,王伟,控制器X9,{i % 5 + 1},10,{(i % 5 + 1) * 10}"
        for i in range(2500)
    ]
    return _csv(*lines, *([tail] if tail else []))


LONG = {
    "plain throughout": _long(),
    "a subtotal row far down (letters)": _long("SO9,2024-07-01,Subtotal,华北,李强,传感器B200,1,5,5"),
    "a subtotal row far down (小计)": _long("SO9,2024-07-01,小计,华北,李强,传感器B200,1,5,5"),
    "a two-digit year far down": _long("SO9,1/5/24,某公司,华北,李强,传感器B200,1,5,5"),
    "a quote far down": _long('SO9,2024-07-01,"某公司",华北,李强,传感器B200,1,5,5'),
    "a space far down": _long("SO9,2024-07-01,某 公司,华北,李强,传感器B200,1,5,5"),
    "a wider row far down": _long("SO9,2024-07-01,某公司,华北,李强,传感器B200,1,5,5,extra"),
    "an empty line far down": _long("\nSO9,2024-07-01,某公司,华北,李强,传感器B200,1,5,5"),
    "a control character far down": _long("SO9,2024-07-01,某\x01公司,华北,李强,传感器B200,1,5,5"),
}


@pytest.mark.parametrize("case", list(LONG))
def test_a_file_on_disk_loads_as_the_general_path_loads_it(case, tmp_path):
    """load_path starts DuckDB on the file after its first lines: what the rest says still decides."""
    path = tmp_path / "orders.csv"
    path.write_bytes(LONG[case])
    con = store.connect()
    report = ingest.load_path(con, str(path))
    slow_con, slow = _general(LONG[case])
    for lang in ("zh", "en"):
        assert report.to_json(lang) == slow.to_json(lang)
    assert _rows(con) == _rows(slow_con)
    assert con.execute("select count(*) from duckdb_tables() where table_name like 'ka_%'").fetchall() == [(0,)]


def test_the_long_cases_cover_what_they_say(tmp_path):
    from core.ingest.plain_csv import load_plain_csv_file

    taken = {}
    for case, data in LONG.items():
        path = tmp_path / f"{len(taken)}.csv"
        path.write_bytes(data)
        report, read = load_plain_csv_file(store.connect(), str(path), "orders.csv", mapping=lambda headers: None)
        assert read == (data if report is None else None)  # the bytes only for the general path
        taken[case] = report
    assert len(LONG["plain throughout"]) > 2 * 65536
    assert taken["plain throughout"] is not None and taken["plain throughout"].rows_loaded == 2500
    for case in ("a subtotal row far down (letters)", "a subtotal row far down (小计)"):
        assert taken[case].rejected_rows[0][4] == "totals row, excluded"
    assert "1 date in '订单日期' has a two-digit year" in taken["a two-digit year far down"].notes[-1][1]
    assert all(taken[case] is None for case in list(LONG)[4:])


@pytest.mark.parametrize("size", [1, 2, 4096])
def test_a_file_read_in_chunks_has_the_shape_of_its_whole_bytes(size, tmp_path, monkeypatch):
    """The CLI checks a file on disk READ_BYTES at a time (Python never holds all of it): any chunk size finds
    what the whole bytes say, a wide space or a quote astride two chunks included."""
    from core.ingest import plain_shape

    monkeypatch.setattr(plain_shape, "READ_BYTES", size)  # after a first chunk of HEAD_BYTES + 1
    cases = {**PLAIN, **NOT_PLAIN, **LONG}
    cases["a wide space past the first chunk"] = _long(LINES[0].replace("陈霞", "陈\u3000霞"))
    cases["a quote past the first chunk"] = _long('"SO9",' + LINES[0].split(",", 1)[1])
    for case, data in cases.items():
        path = tmp_path / "orders.csv"
        path.write_bytes(data)
        assert plain_shape.file_shape(str(path)) == plain_shape.plain_shape(data), case
    assert plain_shape.plain_shape(cases["a wide space past the first chunk"]) is None
    assert plain_shape.plain_shape(cases["a quote past the first chunk"]) is None
