"""The import page through AppTest: a file over a limit (issue #10) is refused with its sentence, in the
page's language, like any unreadable file, and the data shown before stays."""

from __future__ import annotations

from pathlib import Path

from hostile_files import stray_cell_xlsx, wide_csv
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[2] / "app.py")


def _uploaded(name: str, data: bytes) -> AppTest:
    """The app (in Chinese) after the file is dropped on the sidebar uploader."""
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.file_uploader[0].upload(name, data, "application/octet-stream").run()
    assert not at.exception
    return at


def _in_english(at: AppTest) -> AppTest:
    """The same page after the language switch. (AppTest drops the sidebar from its element tree after
    switch_page; the widget still runs, so its state is set directly.)"""
    at.session_state["lang"] = "en"
    at.run()
    assert not at.exception
    return at


def _shown(at: AppTest) -> str:
    """The error as the user reads it (the markdown escapes dropped)."""
    return at.error[0].value.replace("\\", "")


def test_a_stray_cell_at_xfd1048576_is_refused_in_both_languages():
    at = _uploaded("订单.xlsx", stray_cell_xlsx("XFD1048576"))
    assert (
        "订单.xlsx 工作表「订单」: 工作表的已用区域为 A1:XFD1048576，延伸到第 1,048,576 行、XFD 列（共 16,384 列）；"
        "列数上限为 1,000 列。" in _shown(at)
    )
    at = _in_english(at)
    assert (
        "订单.xlsx, sheet '订单': The sheet's used range, A1:XFD1048576, runs to row 1,048,576 and column XFD "
        "(16,384 columns); the limit is 1,000 columns." in _shown(at)
    )


def test_a_csv_of_20000_columns_is_refused_in_both_languages():
    at = _uploaded("wide.csv", wide_csv(20_000))
    assert "wide.csv 第 1 行: 这一行有 20,000 列，上限为 1,000 列。" in _shown(at)
    assert "wide.csv, row 1: This line holds 20,000 columns; the limit is 1,000 columns." in _shown(_in_english(at))


def test_after_a_refused_file_the_data_shown_before_stays():
    at = _uploaded("stray.xlsx", stray_cell_xlsx("XFD1048576"))
    at.switch_page("views/home.py").run()
    assert not at.exception
    assert "示例数据" in at.sidebar.info[0].value
    assert "至 2025-11-28" in at.caption[0].value


def test_a_file_over_the_upload_limit_is_refused_before_it_is_read(monkeypatch):
    monkeypatch.setenv("KA_LIMIT_UPLOAD_BYTES", str(100 * 1024))
    at = _uploaded("big.csv", wide_csv(20_000))  # 204 KB
    assert "big.csv: 文件大小为 204 KB，超过单个文件 100 KB 的上限。" in _shown(at)
    assert "big.csv: The file is 204 KB; the limit is 100 KB per file." in _shown(_in_english(at))
