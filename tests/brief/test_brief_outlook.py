"""The brief's sheets of issue #14 (forecast, relationships, lifecycle, cohorts, bridge) read back from the
workbook: hand-worked figures on the small book of tests/outlook_files.py, and on the generated book the same
figures the core functions give the pages."""

from __future__ import annotations

from decimal import Decimal

import outlook_files
import pytest
from brief_book import load_brief, table, texts

from core import outlook_tables
from core.analytics import bridge
from core.filters import Filters


def _table(ws, title: str) -> list[dict]:
    """brief_book.table, money read back as the Decimal of its cents (the xlsx holds it as a float)."""
    return table(ws, title, _value)


def _value(cell):
    if cell.number_format == "#,##0.00" and isinstance(cell.value, (int, float)):
        return Decimal(str(cell.value)).quantize(Decimal("0.01"))
    return cell.value


@pytest.fixture(scope="module")
def small():
    return load_brief(outlook_files.small_csv())


@pytest.fixture(scope="module")
def small_no_manager():
    return load_brief(outlook_files.small_csv(with_manager=False))


@pytest.fixture(scope="module")
def fitted():
    return load_brief(outlook_files.fitted_csv())


def test_a_book_too_small_to_fit_says_why_in_words_and_prints_no_forecast_figure(small):
    _, workbook = small
    figures = {r["项目"]: r["数值"] for r in _table(workbook["预测"], "预测概况")}
    assert figures["复购客户数（两个及以上采购日）"] == 2
    assert figures["预测模型"].startswith("复购客户太少")
    assert "未来90天预计销售额" not in figures
    assert any(t.startswith("没有预测：复购客户太少") for t in texts(workbook["预测"]))
    abc_headers = [c.value for c in workbook["ABC 分层"][2]]
    assert "存活概率" not in abc_headers and "未来90天预计销售额" not in abc_headers


def test_relationships_sheet_counts_each_band_and_level_with_its_window_revenue(small):
    ws = small[1]["客户关系"]
    bands = {r["忠诚度"]: (r["客户数"], r["净销售额"]) for r in _table(ws, "各忠诚度")}
    assert bands == {
        "高忠诚度（复购概率 70% 以上）": (1, Decimal("80.00")),  # 丙
        "中忠诚度（复购概率 30%–70%）": (2, Decimal("600.00")),  # 甲 500 + 丁 100
        "低忠诚度（复购概率 30% 以下）": (1, Decimal("0.00")),  # 乙, no order in the window
    }
    levels = {r["关系层级"]: (r["客户数"], r["建议联系方式"]) for r in _table(ws, "各关系层级")}
    assert levels["能动型"] == (2, "经常联系客户，提供改进产品用途的建议和新产品信息")
    assert levels["伙伴型"][0] == 0 and levels["被动型"][0] == 1 and levels["负责型"][0] == 1
    listed = {r["客户"]: (r["层级"], r["未来90天复购概率"]) for r in _table(ws, "客户忠诚度与关系层级")}
    assert listed["乙"] == ("窗口内无订单", 0.2)  # bought in 1 of its 5 past quarters


def test_lifecycle_sheet_lists_every_customer_under_its_stage_and_sums_each_stage(small):
    ws = small[1]["生命周期"]
    stages = {r["生命周期阶段"]: (r["客户数"], r["净销售额"]) for r in _table(ws, "各阶段")}
    assert stages == {
        "新客户": (1, Decimal("80.00")),
        "成长期": (1, Decimal("500.00")),
        "成熟期": (0, Decimal("0.00")),
        "衰退期": (1, Decimal("100.00")),
        "已流失": (1, Decimal("0.00")),
    }
    listed = [(r["客户"], r["生命周期阶段"]) for r in _table(ws, "客户生命周期（按阶段）")]
    assert listed == [("丙", "新客户"), ("甲", "成长期"), ("丁", "衰退期"), ("乙", "已流失")]


def test_cohort_sheet_is_cohort_by_month_from_month_0_the_whole_cohort(small):
    ws = small[1]["客户留存"]
    customers = {r["首购月份"]: r for r in _table(ws, "留存客户数（首购月份 × 月）")}
    assert list(customers) == ["2023-06", "2023-09", "2023-12", "2024-11"]
    # 甲 (2023-06) bought again 12 and 18 months later; 丁 (2023-09) 12 months later; 丙 has one month to as_of
    assert [customers["2023-06"][f"第{n}月"] for n in (0, 1, 12, 18)] == [1, 0, 1, 1]
    assert customers["2023-09"]["第12月"] == 1 and customers["2023-09"]["第16月"] is None  # after as_of
    assert customers["2024-11"]["第0月"] == 1 and customers["2024-11"]["第1月"] == 0
    revenue = {r["首购月份"]: r for r in _table(ws, "留存客户的净销售额（首购月份 × 月）")}
    assert [revenue["2023-06"][f"第{n}月"] for n in (0, 12, 18)] == [
        Decimal("100.00"),
        Decimal("200.00"),
        Decimal("300.00"),
    ]


def test_bridge_sheet_parts_sum_exactly_to_the_total_change(small):
    ws = small[1]["增减桥"]
    parts = {r["构成"]: r["销售额变化"] for r in _table(ws, "销售额变化构成（上一窗口 → 本窗口）")}
    # before 甲 100 + 乙 500 + 丁 100 = 700; now 甲 500 + 丙 80 + 丁 100 = 680
    assert parts == {
        "新客户": Decimal("80.00"),
        "流失客户": Decimal("-500.00"),
        "增长客户": Decimal("400.00"),
        "下降客户": Decimal("0.00"),
        "持平客户": Decimal("0.00"),
        "合计变化": Decimal("-20.00"),
    }
    by_region = {r["区域"]: r["合计变化"] for r in _table(ws, "按区域")}
    assert by_region == {"华南": Decimal("-500.00"), "华东": Decimal("400.00"), "华北": Decimal("80.00")}


def test_bridge_split_by_manager_only_when_the_file_has_a_manager_column(small, small_no_manager):
    assert "按客户经理" in [c.value for c in small[1]["增减桥"][1]]
    assert "按客户经理" not in [c.value for c in small_no_manager[1]["增减桥"][1]]


def test_abc_sheet_has_no_manager_column_or_coverage_when_the_file_has_no_manager(small_no_manager):
    ws = small_no_manager[1]["ABC 分层"]
    assert "客户经理" not in [c.value for c in ws[2]]
    assert "客户经理覆盖" not in [c.value for c in ws[1]]
    assert "负责人" not in [c.value for c in small_no_manager[1]["流失预警"][2]]


def test_fitted_forecast_per_tier_and_manager_is_the_core_sum_of_cents(fitted):
    con, workbook = fitted
    customers = outlook_tables.customer_outlook_table(con, Filters()).customers
    ws = workbook["预测"]
    per_tier = {r["层级"]: r["未来90天预计销售额"] for r in _table(ws, "未来90天预计 · 按分层")}
    expected = outlook_tables.expected_by(customers, "tier", outlook_tables.tiers_with_none(customers))
    words = {"A": "A 类客户", "B": "B 类客户", "C": "C 类客户", outlook_tables.NO_TIER: "窗口内无订单"}
    assert per_tier == {
        words[t]: Decimal(int(c)).scaleb(-2) for t, c in zip(expected["tier"], expected["expected_revenue_cents"])
    }
    per_manager = {r["客户经理"]: r["未来90天预计销售额"] for r in _table(ws, "未来90天预计 · 按客户经理")}
    total = {r["项目"]: r["数值"] for r in _table(ws, "预测概况")}["未来90天预计销售额"]
    assert sum(per_manager.values()) == sum(per_tier.values()) == total > 0


def test_fitted_abc_and_churn_sheets_carry_each_customers_forecast(fitted):
    con, workbook = fitted
    customers = outlook_tables.customer_outlook_table(con, Filters()).customers.set_index("customer")
    for sheet, title in (("ABC 分层", "客户分层明细"), ("流失预警", "流失预警名单（按风险销售额排序）")):
        rows = _table(workbook[sheet], title)
        assert rows
        for row in rows:
            found = customers.loc[row["客户"]]
            assert row["未来90天预计销售额"] == Decimal(int(found["expected_revenue_cents"])).scaleb(-2)
            if found["forecast_note"] == "one_purchase_day":
                assert row["存活概率"] is None and row["预测说明"].startswith("仅有一个采购日")
            else:
                assert row["存活概率"] == pytest.approx(found["p_alive"])


def test_definitions_state_the_new_rules_in_english_too(fitted):
    _, workbook = load_brief(outlook_files.small_csv(), "en")
    topics = {
        r["Analysis"]
        for r in _table(workbook["Definitions"], "Definitions: how each figure is produced (check by hand)")
    }
    assert {"Forecast", "Relationships", "Lifecycle", "Cohorts", "Revenue bridge"} <= topics


def test_bridge_parts_in_the_workbook_are_the_core_bridge(fitted):
    con, workbook = fitted
    expected = bridge.window_bridge(con, Filters())
    parts = {r["构成"]: r["销售额变化"] for r in _table(workbook["增减桥"], "销售额变化构成（上一窗口 → 本窗口）")}
    assert parts["合计变化"] == expected["total_change"]
    assert sum(v for k, v in parts.items() if k != "合计变化") == expected["total_change"]
