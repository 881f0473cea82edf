"""The Excel brief (一键生成销售简报): sheets in both languages, figures worked out by hand, formats,
no formula from user data, the CLI's --xlsx."""

import csv
import io
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from core import ingest, store
from core.analytics import abc, churn, rfm
from core.brief import ReportRules, workbook_bytes, write_report
from core.brief import cells as report_cells
from core.filters import Filters
from core.labels import LEVEL_LABELS, SEGMENT_LABELS, TIER_LABELS, label
from core.rules import AbcRules, LongTailRules

ROOT = Path(__file__).resolve().parents[2]
AS_OF = date(2024, 12, 31)
SHEETS = {
    "zh": [
        "摘要",
        "ABC 分层",
        "RFM 分群",
        "流失预警",
        "长尾客户",
        "销售漏斗",
        "预测",
        "客户关系",
        "生命周期",
        "客户留存",
        "增减桥",
        "口径说明",
    ],
    "en": [
        "Summary",
        "ABC tiers",
        "RFM segments",
        "Churn warnings",
        "Long tail",
        "Funnel",
        "Forecast",
        "Relationships",
        "Lifecycle",
        "Cohorts",
        "Revenue bridge",
        "Definitions",
    ],
}
# Window 2024-01-01 .. 2024-12-31. Net revenue: 甲 600.00, 乙 250.00, 丙 100.00, 丁 50.00 = 1000.00.
# ABC cum_before: 甲 0 (A), 乙 0.60 (A), 丙 0.85 (B), 丁 0.95 (C: not < 0.95).
# Churn: 乙 last bought 183 days ago (overdue 2.03) with nothing in the last 90 days (decline 100%): high.
# 戊 last bought in 2023 (> 365 days): lost, outside the window. The others bought lately: ok.
ORDERS = [
    ("甲", "2024-12-31", "600.10", "张伟", "华东", "标签纸"),
    ("甲", "2024-12-31", "-0.10", "张伟", "华东", "标签纸"),  # a return: nets 甲 to exactly 600.00
    ("乙", "2024-07-01", "100.10", "李强", "华南", "打印机"),
    ("乙", "2024-07-01", "149.90", "李强", "华南", "打印机"),
    ("丙", "2024-12-15", "100.00", "张伟", "华东", "碳带"),
    ("丁", "2024-12-20", "50.00", "", "华北", "碳带"),
    ("丁", "2023-01-01", "70.00", "", "华北", "碳带"),  # two years back: outside the window
    ("戊", "2023-06-01", "200.00", "李强", "华南", "打印机"),
]
FORMULA_NAMES = ['=HYPERLINK("http://x")', "+1", "@SUM(A1)", "-2", "\t=1+1", "\x01=1+1"]


def orders_csv(rows) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["客户名称", "订单日期", "金额", "客户经理", "区域", "产品"])
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def pipeline_csv(rows) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["商机编号", "客户", "阶段", "预计金额"])
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


@pytest.fixture
def loaded():
    con = store.connect()
    orders = ingest.load_file(con, orders_csv(ORDERS), "orders.csv")
    return con, orders


def book(con, orders, pipeline=None, lang="zh", filters=Filters(), rules=None) -> openpyxl.Workbook:
    data = workbook_bytes(con, filters, orders, pipeline, lang=lang, rules=rules)
    return openpyxl.load_workbook(io.BytesIO(data))


def items(ws) -> dict:
    """Column A -> column B of a two-column item/value sheet."""
    return {row[0]: row[1] for row in ws.iter_rows(min_row=3, max_col=2, values_only=True) if row[0] is not None}


def header(ws, col: int = 1) -> list:
    """The header row (row 2) of the table starting at col, up to the first empty cell."""
    values = []
    for cell in ws[2][col - 1 :]:
        if cell.value is None:
            break
        values.append(cell.value)
    return values


def table_rows(ws, col: int = 1) -> list[dict]:
    """The rows below a table's header, as header -> value, up to the first empty row."""
    names = header(ws, col)
    rows = []
    for row in ws.iter_rows(min_row=3, min_col=col, max_col=col + len(names) - 1, values_only=True):
        if all(v is None for v in row):
            break
        rows.append(dict(zip(names, row)))
    return rows


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_workbook_reopens_with_one_sheet_per_view_in_the_chosen_language(loaded, lang):
    result = book(*loaded, lang=lang).sheetnames
    assert result == SHEETS[lang]


def test_summary_figures_are_the_hand_worked_ones(loaded):
    summary = items(book(*loaded, lang="en")["Summary"])
    assert summary["As of"] == datetime(2024, 12, 31)
    assert summary["Analysis window"] == "2024-01-02 to 2024-12-31 (365 days)"
    assert (summary["Rows read"], summary["Rows loaded"], summary["Rows rejected"]) == (8, 8, 0)
    assert summary["Net revenue"] == 1000.00
    assert summary["Active customers"] == 4  # a positive order in the window: 甲 乙 丙 丁
    assert summary["A-tier revenue share"] == pytest.approx(0.85)  # (600 + 250) / 1000
    assert summary["Revenue at risk (medium and high risk)"] == 250.00  # 乙, high
    assert summary["Win rate"].startswith("n/a")
    assert (summary["Tier A"], summary["Tier B"], summary["Tier C"]) == (2, 1, 1)
    assert (summary["Lost"], summary["High risk"], summary["Medium risk"], summary["OK"]) == (1, 1, 0, 3)


def test_summary_figures_equal_the_analytics(loaded):
    con, orders = loaded
    summary = items(book(con, orders, lang="zh")["摘要"])
    tiers = abc.abc_tiers(con, Filters())
    warnings = churn.churn_warnings(con, Filters())
    assert summary["净销售额"] == tiers["net_revenue_cents"].sum() / 100
    assert summary["活跃客户数"] == len(rfm.rfm_segments(con, Filters()))
    for tier in abc.TIERS:
        assert summary[label(TIER_LABELS, tier, "zh")] == (tiers["tier"] == tier).sum()
    for level in churn.LEVELS:
        assert summary[label(LEVEL_LABELS, level, "zh")] == (warnings["level"] == level).sum()


def test_abc_sheet_lists_customers_by_rank_with_tiers_and_cum_before(loaded):
    rows = table_rows(book(*loaded, lang="en")["ABC tiers"])
    result = [(r["Rank"], r["Customer"], r["Tier"], r["Net revenue"], r["Cumulative share before"]) for r in rows]
    expected = [
        (1, "甲", "Tier A", 600.00, 0),
        (2, "乙", "Tier A", 250.00, pytest.approx(0.60)),
        (3, "丙", "Tier B", 100.00, pytest.approx(0.85)),
        (4, "丁", "Tier C", 50.00, pytest.approx(0.95)),
    ]
    assert result == expected


def test_tier_revenues_on_the_abc_sheet_sum_to_the_summary_net_revenue(loaded):
    workbook = book(*loaded, lang="en")
    ws = workbook["ABC tiers"]
    summary_col = len(header(ws)) + 2  # the tier summary sits after the customer table and a gap column
    tiers = table_rows(ws, summary_col)
    assert [t["Tier"] for t in tiers] == ["Tier A", "Tier B", "Tier C"]
    assert sum(t["Net revenue"] for t in tiers) == items(workbook["Summary"])["Net revenue"]


def test_money_is_a_number_with_two_decimals_and_shares_are_percentages(loaded):
    ws = book(*loaded, lang="en")["ABC tiers"]
    names = header(ws)
    money = ws.cell(4, names.index("Net revenue") + 1)  # 乙: 100.10 + 149.90
    share = ws.cell(4, names.index("Cumulative share before") + 1)
    assert (money.value, money.data_type, money.number_format) == (250, "n", "#,##0.00")
    assert share.number_format == "0.0%"


def test_churn_call_list_has_reason_owner_and_last_purchase_date(loaded):
    rows = table_rows(book(*loaded, lang="zh")["流失预警"])
    assert [(r["客户"], r["预警级别"], r["负责人"]) for r in rows] == [
        ("乙", "高风险", "李强"),
        ("戊", "已流失", "李强"),
    ]
    gone = rows[0]
    assert gone["最近购买日"] == datetime(2024, 7, 1)
    assert gone["风险销售额"] == 250.00
    assert gone["购买周期（天）"] == 90  # one purchase day: the default cycle
    assert gone["超期倍数"] == pytest.approx(183 / 90)
    assert gone["近期销售额（vs 此前季均）"] == "下降 100%"  # nothing in the last 90 days: decline 1
    assert "下降100%" in gone["原因"]


def test_churn_summary_counts_revenue_at_risk_for_high_and_medium_only(loaded):
    ws = book(*loaded, lang="en")["Churn warnings"]
    per_level = {r["Level"]: r["Revenue at risk"] for r in table_rows(ws, len(header(ws)) + 2)}
    # 乙 (high) 250.00; 戊 (lost) and 甲 丙 丁 (ok) have none, though the ok ones hold 750.00 of window revenue
    assert per_level == {"Lost": 0, "High risk": 250, "Medium risk": 0, "OK": 0}


def test_churn_call_list_words_a_rise_as_up_capped_at_100_percent():
    # 庚 bought 10.00 every 20 days (300, 280, 260 days before as_of: baseline 30.00, a quarterly average of 10.00),
    # then 657.34 80 days before: cycle median(20, 20, 180) = 20, 80 / 20 = 4.0 cycles overdue, high; decline
    # 1 - 657.34 / 10 = -64.73 (the screen printed -6,473.39%): a rise, capped. 甲 sets as_of to 2024-12-31.
    rows = [
        ("庚", "2024-03-06", "10.00", "张伟", "华东", "碳带"),
        ("庚", "2024-03-26", "10.00", "张伟", "华东", "碳带"),
        ("庚", "2024-04-15", "10.00", "张伟", "华东", "碳带"),
        ("庚", "2024-10-12", "657.34", "张伟", "华东", "碳带"),
        ("甲", "2024-12-31", "1.00", "张伟", "华东", "碳带"),
    ]
    con = store.connect()
    orders = ingest.load_file(con, orders_csv(rows), "orders.csv")
    listed = table_rows(book(con, orders, lang="zh")["流失预警"])
    result = [(r["客户"], r["预警级别"], r["风险销售额"], r["近期销售额（vs 此前季均）"]) for r in listed]
    assert result == [("庚", "高风险", 687.34, "增长 ≥100%")]


def test_rfm_sheet_gives_each_customer_a_segment_in_words(loaded):
    rows = table_rows(book(*loaded, lang="zh")["RFM 分群"])
    segments = {r["客户"]: r["分群"] for r in rows}
    assert set(segments) == {"甲", "乙", "丙", "丁"}
    assert set(segments.values()) <= {zh for zh, _ in SEGMENT_LABELS.values()}
    # 甲: last order on as_of (R 0 < mean), one order (F 1 = mean: low), M 600 > mean 250
    assert segments["甲"] == "重要发展客户"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_sheet_has_bold_filled_headers_frozen_below_them(loaded, lang):
    for ws in book(*loaded, lang=lang):
        first = ws.cell(2, 1)
        assert ws.freeze_panes == "A3"
        assert first.font.b and first.fill.fgColor.rgb.endswith("DDEBF7")


def test_native_bar_charts_show_tiers_segments_warnings_tail_and_funnel(loaded):
    workbook = book(*loaded, lang="en")
    result = {ws.title: len(ws._charts) for ws in workbook}
    expected = {
        "Summary": 0,
        "ABC tiers": 1,
        "RFM segments": 1,
        "Churn warnings": 1,
        "Long tail": 1,
        "Funnel": 1,
        "Forecast": 0,
        "Relationships": 0,
        "Lifecycle": 0,
        "Cohorts": 0,
        "Revenue bridge": 0,
        "Definitions": 0,
    }
    assert result == expected


def _plotted(ws, ref: str) -> list:
    """The values of the cells a chart reference like 'Sheet'!$M$3:$M$5 points at."""
    cells = ws[ref.split("!")[1].replace("$", "")]
    return [row[0].value for row in cells]


def test_tier_chart_plots_net_revenue_per_tier_and_churn_chart_leaves_out_ok(loaded):
    workbook = book(*loaded, lang="en")
    abc_sheet, churn_sheet = workbook["ABC tiers"], workbook["Churn warnings"]
    tiers = abc_sheet._charts[0].series[0]
    assert _plotted(abc_sheet, (tiers.cat.strRef or tiers.cat.numRef).f) == ["Tier A", "Tier B", "Tier C"]
    assert _plotted(abc_sheet, tiers.val.numRef.f) == [850, 100, 50]
    levels = churn_sheet._charts[0].series[0]
    assert _plotted(churn_sheet, (levels.cat.strRef or levels.cat.numRef).f) == ["Lost", "High risk", "Medium risk"]


def test_without_a_pipeline_the_funnel_sheet_shows_the_customer_funnel_with_a_note(loaded):
    ws = book(*loaded, lang="en")["Funnel"]
    rows = table_rows(ws)
    # one order each; 甲 (cum_before 0) and 乙 (600/1000) are tier A and count at every stage (issue #11)
    assert [(r["Stage"], r["Reached"]) for r in rows] == [
        ("First purchase", 4),
        ("Second purchase", 2),
        ("4+ orders", 2),
        ("Became tier A", 2),
    ]
    notes = [c.value for c in ws["A"] if isinstance(c.value, str) and c.value.startswith("No pipeline file")]
    assert len(notes) == 1


def test_with_a_pipeline_the_funnel_sheet_shows_stages_and_the_win_rate(loaded):
    con, orders = loaded
    pipeline = ingest.load_file(
        con,
        pipeline_csv(
            [
                ("P1", "甲", "赢单", "100"),
                ("P2", "乙", "赢单", "50"),
                ("P3", "丙", "输单", "30"),
                ("P4", "丁", "线索", "20"),
            ]
        ),
        "pipeline.csv",
        table="pipeline",
    )
    workbook = book(con, orders, pipeline, lang="en")
    ws = workbook["Funnel"]
    stages = table_rows(ws)
    assert [(s["Stage"], s["Kind"], s["Reached"]) for s in stages] == [("线索", "Open", 4), ("赢单", "Won", 2)]
    rate = table_rows(ws, len(header(ws)) + 2)[0]
    assert (rate["Won"], rate["Lost"], rate["Win rate (count)"]) == (2, 1, pytest.approx(2 / 3))
    assert items(workbook["Summary"])["Win rate"] == pytest.approx(2 / 3)


def test_customer_names_that_look_like_formulas_are_stored_as_the_text_uploaded(tmp_path):
    con = store.connect()
    rows = [(name, "2024-12-31", "10", name, name, name) for name in FORMULA_NAMES]
    orders = ingest.load_file(con, orders_csv(rows), "orders.csv")
    path = tmp_path / "brief.xlsx"
    write_report(con, path, Filters(), orders, lang="en")
    workbook = openpyxl.load_workbook(path, data_only=False)
    cells = [cell for ws in workbook for row in ws.iter_rows() for cell in row if cell.value is not None]
    assert [c.coordinate for c in cells if c.data_type == "f"] == []
    looks_like_formula = [c for c in cells if isinstance(c.value, str) and c.value.startswith(("=", "+", "-", "@"))]
    # ingest trims "\t=1+1" to "=1+1"; "\x01=1+1" loses the control character an xlsx cannot hold
    assert {'=HYPERLINK("http://x")', "+1", "@SUM(A1)", "-2", "=1+1"} <= {c.value for c in looks_like_formula}
    assert all(c.data_type == "s" and c.quotePrefix for c in looks_like_formula)
    assert not [c.value for c in cells if isinstance(c.value, str) and c.value.startswith("'")]


@pytest.mark.parametrize(
    "value, expected", [("-2", "-2"), ("=1+1", "=1+1"), (17850, "17850"), ("甲", "甲"), (None, None)]
)
def test_text_cells_keep_the_value_as_text(value, expected):
    assert report_cells.text(value) == expected


def test_filters_that_leave_no_customer_still_give_every_sheet(loaded):
    con, orders = loaded
    workbook = book(con, orders, lang="en", filters=Filters(region=("nowhere",)))
    assert workbook.sheetnames == SHEETS["en"]
    assert items(workbook["Summary"])["Net revenue"] == 0
    assert workbook["ABC tiers"]["A3"].value.startswith("No orders in the selected range")


def test_definitions_sheet_states_the_thresholds_used(loaded):
    ws = book(*loaded, lang="zh")["口径说明"]
    rules = " ".join(str(c.value) for c in ws["B"])
    values = [c.value for c in ws["C"]]
    assert "cum_before < 80%" in rules and "cum_before < 95%" in rules
    assert "overdue ≥ 3 或 decline ≥ 50%" in rules and "overdue ≥ 2 或 decline ≥ 30%" in rules
    assert "距上次购买 > 365 天" in rules
    assert 0.8 in values and 0.95 in values and 90 in values


def test_definitions_follow_the_rules_passed_in(loaded):
    rules = ReportRules(abc=AbcRules(a_below=0.5, b_below=0.9))
    workbook = book(*loaded, lang="en", rules=rules)
    text = " ".join(str(c.value) for c in workbook["Definitions"]["B"])
    assert "Tier A: cum_before < 50%" in text and "cum_before < 90%" in text
    tiers = [r["Tier"] for r in table_rows(workbook["ABC tiers"])]
    assert tiers == ["Tier A", "Tier B", "Tier B", "Tier C"]  # 乙 at 0.60 is now B, 丁 at 0.95 still C


def test_definitions_state_the_growing_tail_bar(loaded):
    rules = ReportRules(long_tail=LongTailRules(growth_min_share=0.25, growth_min_amount=2000))
    text = " ".join(str(c.value) for c in book(*loaded, lang="en", rules=rules)["Definitions"]["B"])
    assert "beats the first by at least 25% and at least ¥2,000" in text


def test_write_report_replaces_the_file_and_leaves_no_temp_file(loaded, tmp_path):
    con, orders = loaded
    path = tmp_path / "brief.xlsx"
    path.write_bytes(b"old")
    write_report(con, path, Filters(), orders)
    assert openpyxl.load_workbook(path).sheetnames == SHEETS["zh"]
    assert [p.name for p in tmp_path.iterdir()] == ["brief.xlsx"]


def test_cli_report_xlsx_writes_the_brief(tmp_path):
    orders = tmp_path / "orders.csv"
    orders.write_bytes(orders_csv(ORDERS))
    out = tmp_path / "out.xlsx"
    result = subprocess.run(
        [sys.executable, "-m", "core", "report", str(orders), "--xlsx", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    workbook = openpyxl.load_workbook(out)
    assert workbook.sheetnames == SHEETS["en"]  # the CLI speaks English unless --lang zh
    assert items(workbook["Summary"])["Net revenue"] == 1000.00


def test_label_gives_words_in_either_language_and_unknown_codes_as_themselves():
    assert label(SEGMENT_LABELS, "important_value", "zh") == "重要价值客户"
    assert label(LEVEL_LABELS, "medium", "en") == "Medium risk"
    assert label(TIER_LABELS, "Z", "zh") == "Z"
    assert label(TIER_LABELS, None, "zh") == ""
