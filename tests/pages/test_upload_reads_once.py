"""The mapping screen reads an upload once (issue #13): a rerun reads nothing, a plain CSV only its head."""

import io
from pathlib import Path

from openpyxl import Workbook
from streamlit.testing.v1 import AppTest

from core.ingest import plain_csv
from ui import upload

APP = str(Path(__file__).resolve().parents[2] / "app.py")


def _plain_orders(lines: int) -> bytes:
    rows = [f"C{i % 37:03d},2024-{1 + i % 12:02d}-{1 + i % 28:02d},{10 + i % 90}.50" for i in range(lines)]
    return ("客户,日期,金额\n" + "\n".join(rows) + "\n").encode()


def _counting(monkeypatch, module, name: str) -> list:
    calls: list = []
    real = getattr(module, name)

    def counted(*args, **kwargs):
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, counted)
    return calls


def _mapping_keys(at: AppTest) -> list[str]:
    return [s.key for s in at.selectbox if s.key and s.key.startswith("map_")]


def test_a_rerun_of_the_mapping_screen_does_not_read_the_file_again(monkeypatch):
    reads = _counting(monkeypatch, upload, "read_upload")
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.file_uploader[0].upload("orders.csv", "客户,日期,金额\n甲,2024-01-05,1\n乙,2024-01-06,2\n".encode(), "text/csv")
    at.run()
    # two more runs of the screen: a field changed, then the drop-duplicates box ticked
    key = next(k for k in _mapping_keys(at) if k.endswith("_orders_amount"))
    at.selectbox(key=key).set_value("金额").run()
    next(c for c in at.checkbox if c.key and c.key.startswith("drop_")).check().run()
    assert not at.exception
    assert len(reads) == 1


def test_a_rerun_of_a_gbk_file_mapping_screen_does_not_read_it_again(monkeypatch):
    reads = _counting(monkeypatch, upload, "read_table")
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.file_uploader[0].upload("订单.csv", "客户,日期,金额\n甲,2024-01-05,1\n".encode("gbk"), "text/csv").run()
    at.run()
    assert not at.exception
    assert len(reads) == 1  # not plain (GBK): read whole, once


def test_a_plain_csv_shows_all_its_rows_read_from_its_head_and_loads_on_the_plain_road(monkeypatch):
    loads = _counting(monkeypatch, plain_csv, "load_plain_csv")
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.file_uploader[0].upload("big.csv", _plain_orders(2500), "text/csv").run()
    assert "2500 行数据" in at.success[0].value  # every record counted, though only the head was parsed
    assert at.session_state.pending["read"][None].raw.rows_read == plain_csv.PREVIEW_ROWS
    at.button(key="load_button").click().run()
    assert not at.exception
    assert {m.label: m.value for m in at.metric} == {
        "读取行数": "2,500",
        "导入行数": "2,500",
        "拒绝行数": "0",
        "重复行": "0",
    }
    assert len(loads) == 1 and at.session_state.last_report.rows_loaded == 2500


def test_a_workbook_of_two_sheets_is_read_once_for_its_default_sheet(monkeypatch):
    book = Workbook()
    book.active.title = "说明"
    book.active.append(["本文件为订单导出"])
    orders = book.create_sheet("订单")
    for row in (["客户", "日期", "金额"], ["甲", "2024-01-05", 1], ["乙", "2024-01-06", 2]):
        orders.append(row)
    data = io.BytesIO()
    book.save(data)
    reads = _counting(monkeypatch, upload, "read_table")
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.file_uploader[0].upload("orders.xlsx", data.getvalue(), "application/octet-stream").run()
    at.run()
    assert not at.exception
    assert at.selectbox(key=next(s.key for s in at.selectbox if s.key and s.key.startswith("sheet_"))).value == "订单"
    assert len(reads) == 1  # the default sheet (most data rows) is the one shown in the sheet box: not read again
