"""The gain/loss bridge on the changes page (issue #14): the waterfall, exact labels, the sum, the splits."""

import os
from datetime import UTC, datetime
from pathlib import Path

import weekly_files
from app_run import open_page, plots, set_state

from core import ingest, store, workspace

PAGE = "views/changes.py"


def _workspace() -> Path:
    return Path(os.environ["KA_WORKSPACE"])


def _save_weeks(*weeks) -> None:
    for week in weeks:
        con, reports = weekly_files.loaded(week)
        workspace.save_dataset(
            _workspace(), con, reports, f"week-{week}", uploaded_at=datetime(2024, 7, 15, tzinfo=UTC)
        )


def _save_text(text: str, label: str) -> None:
    con = store.connect()
    report = ingest.load_file(con, text.encode("utf-8"), f"{label}.csv")
    workspace.save_dataset(_workspace(), con, {"orders": report}, label, uploaded_at=datetime(2024, 7, 15, tzinfo=UTC))


def _waterfall(at) -> dict:
    return next(p for p in plots(at) if p["data"][0]["type"] == "waterfall")["data"][0]


def test_waterfall_goes_from_the_earlier_total_through_the_five_parts_to_the_later_total():
    _save_weeks(1, 2)
    at = open_page(PAGE)
    bars = _waterfall(at)
    # week 1: 甲 500, 乙 300, 丙 120, 丁 80, 戊 50 = 1,050; week 2 adds 甲 +100, 丁 +400, 戊 +40, new 己 30 (weekly_files.py)
    assert bars["x"] == [
        "week-1<br>(2024-06-30) 合计",  # a total's name over the rest of its label (test_bridge_total_labels.py)
        "新客户",
        "增长",
        "持平",
        "下降",
        "流失",
        "week-2<br>(2024-07-12) 合计",
    ]
    assert bars["text"] == ["¥1,050.00", "+¥30.00", "+¥540.00", "¥0.00", "¥0.00", "¥0.00", "¥1,620.00"]
    assert bars["measure"] == ["absolute", "relative", "relative", "relative", "relative", "relative", "total"]


def test_the_page_shows_the_parts_summing_to_the_total_change_to_the_cent():
    _save_weeks(1, 2)
    at = open_page(PAGE)
    line = next(m.value for m in at.markdown if "合计变化" in m.value)
    assert "= 合计变化 ¥570.00 ✓" in line


def test_the_split_by_tier_has_the_five_parts_in_exact_money():
    _save_weeks(1, 2)
    at = open_page(PAGE)
    by_tier = next(d.value for d in at.dataframe if "增长" in d.value.columns and "分层" in d.value.columns)
    assert list(zip(by_tier["分层"], by_tier["增长"], by_tier["新客户"], by_tier["合计变化"])) == [
        ("A 类客户", "¥100.00", "¥0.00", "¥100.00"),
        ("B 类客户", "¥400.00", "¥0.00", "¥400.00"),
        ("C 类客户", "¥40.00", "¥30.00", "¥70.00"),
    ]


def test_a_file_without_region_or_manager_has_no_tabs_for_them_and_says_once_which_columns_would_add_them():
    _save_text("客户,订单日期,金额\n甲,2024-06-01,100\n乙,2024-06-02,50\n", "w1")
    _save_text("客户,订单日期,金额\n甲,2024-06-08,130\n丙,2024-06-09,20\n", "w2")
    at = open_page(PAGE)
    labels = [tab.label for tab in at.tabs]
    assert "按区域" not in labels and "按客户经理" not in labels and "按分层" in labels
    captions = " ".join(c.value for c in at.caption)
    assert "没有区域、客户经理列，因此不显示按它们的变化" in captions
    assert "没有区域、客户经理列，因此没有按它们的拆分" in captions
    revenue_bars = [p for p in plots(at) if p["data"][0]["type"] == "bar"]
    assert all("（无）" not in p["data"][0]["x"] for p in revenue_bars)


def test_with_no_saved_dataset_the_bridge_compares_the_window_with_the_one_before():
    at = open_page(PAGE)  # the sample: two years of orders
    bars = _waterfall(at)
    assert bars["x"][0].startswith("上一窗口") and bars["x"][-1].startswith("本窗口")
    assert any("✓（精确到分）" in m.value for m in at.markdown)


def test_the_bridge_in_english():
    _save_weeks(1, 2)
    at = open_page(PAGE)
    set_state(at, "lang", "en")
    assert not at.exception
    assert _waterfall(at)["x"][1:6] == ["New", "Grown", "Steady", "Shrunk", "Lost"]
    assert any("= total change ¥570.00 ✓ (to the cent)" in m.value for m in at.markdown)
