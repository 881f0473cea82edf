"""A saved dataset lists its rows by source_row, whether or not the store held them in that order (issue #13:
the save skips the sort when they already are)."""

from __future__ import annotations

import duckdb

from core import store, workspace
from core.ingest import load_file

CSV = "客户,日期,金额\n甲,2024-03-01,10\n乙,2024-03-02,20\n丙,2024-03-03,30\n".encode()


def _saved_rows(tmp_path, con, report) -> list[tuple]:
    dataset = workspace.save_dataset(tmp_path / "ws", con, {"orders": report})
    file = tmp_path / "ws" / "datasets" / str(dataset) / "orders.parquet"
    return duckdb.connect().execute("select source_row, customer from read_parquet(?)", [str(file)]).fetchall()


def test_a_loaded_file_is_saved_in_its_line_order(tmp_path):
    con = store.connect()
    report = load_file(con, CSV, "o.csv")
    assert _saved_rows(tmp_path, con, report) == [(2, "甲"), (3, "乙"), (4, "丙")]  # line 1 is the header


def test_rows_stored_out_of_line_order_are_saved_sorted_by_source_row(tmp_path):
    con = store.connect()
    report = load_file(con, CSV, "o.csv")
    # the same three lines stored 丙, 甲, 乙: a store that was not filled by one load
    con.execute("create temp table kept as select * from orders")
    con.execute("delete from orders")
    con.execute("insert into orders select * from kept order by source_row = 4 desc, source_row")
    assert con.execute("select list(customer) from orders").fetchall()[0][0] == ["丙", "甲", "乙"]
    assert _saved_rows(tmp_path, con, report) == [(2, "甲"), (3, "乙"), (4, "丙")]
