"""The team lead's Monday: four views on the home page, then their own messy workbook through the real uploader."""

from __future__ import annotations

import io
import re
from datetime import date, timedelta

import openpyxl
import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

EXCEPTION = '[data-testid="stException"]'
CHART = '[data-testid="stPlotlyChart"]'


def _messy_workbook() -> bytes:
    """A WPS-style export: merged title, blank row, merged customer cells, ¥ text amounts, a 合计 row."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "销售明细"
    ws.append(["2025年客户销售台账（WPS导出）"])
    ws.merge_cells("A1:E1")
    ws.append([])
    ws.append(["客户名称*", "开票日期", "大区", "客户经理", "价税合计(元)"])
    start = date(2025, 1, 6)
    rows = []
    for i in range(40):  # four customers of very different size: A, B and C tiers appear
        if i % 4 == 3 and i >= 12:
            continue  # 北京启明医药 stops buying in March: a churn warning by October
        customer = ["华东精密机械有限公司", "深圳云帆电子", "成都天府物流", "北京启明医药"][i % 4]
        amount = [52000, 9000, 1500, 600][i % 4] + i
        rows.append(
            [
                customer,
                start + timedelta(days=7 * i),
                ["华东", "华南", "西南", "华北"][i % 4],
                "王磊",
                f"¥{amount:,.2f}",
            ]
        )
    rows.sort(key=lambda r: r[0])
    for r in rows:
        ws.append(r)
    first = 4
    for customer in sorted({r[0] for r in rows}):  # merged customer cells, as the printed report had them
        n = sum(1 for r in rows if r[0] == customer)
        ws.merge_cells(start_row=first, start_column=1, end_row=first + n - 1, end_column=1)
        first += n
    ws.append(["合计", None, None, None, "¥1,000,000.00"])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _metric(page: Page, label: str) -> str:
    metric = page.locator('[data-testid="stMetric"]').filter(has_text=label).first
    return metric.locator('[data-testid="stMetricValue"]').inner_text().strip()


def test_home_shows_four_views_and_updates_after_uploading_a_messy_workbook(server_url, page, shot, tmp_path):
    page.goto(server_url)
    expect(page.locator('[data-testid="stMain"] h1')).to_have_text("周会看板", timeout=30000)
    expect(page.locator(CHART)).to_have_count(4, timeout=30000)
    expect(page.locator(".js-plotly-plot .main-svg").nth(3)).to_be_visible()
    before = _metric(page, "活跃客户")
    window_before = page.get_by_text(re.compile("^分析窗口")).first.inner_text()
    shot("10_weekly_review_sample_zh")

    path = tmp_path / "客户销售台账.xlsx"
    path.write_bytes(_messy_workbook())
    page.locator('[data-testid="stSidebar"] input[type=file]').set_input_files(str(path))
    expect(page.get_by_text("列映射")).to_be_visible(timeout=30000)
    page.get_by_role("button", name="确认映射并导入").click()
    expect(page.get_by_text(re.compile("^校验报告"))).to_be_visible(timeout=30000)
    # 33 order lines and the 合计 row are read; the 合计 row is rejected
    assert _metric(page, "读取行数") == "34" and _metric(page, "导入行数") == "33" and _metric(page, "拒绝行数") == "1"

    page.locator('[data-testid="stSidebar"] a').filter(has_text="周会看板").click()
    expect(page.locator('[data-testid="stMain"] h1')).to_have_text("周会看板")
    expect(page.locator(CHART)).to_have_count(4, timeout=30000)
    expect(page.locator('[data-testid="stMetric"]').filter(has_text="活跃客户").first).not_to_contain_text(before)
    assert _metric(page, "活跃客户").startswith("4")
    # the window follows the new file: its latest order date is 2025-09-29 (week 38)
    assert "至 2025-09-29" in page.get_by_text(re.compile("^分析窗口")).first.inner_text() != window_before
    expect(page.get_by_text("北京启明医药").first).to_be_visible()  # on the churn warning list
    shot("11_weekly_review_uploaded_zh")
    assert page.locator(EXCEPTION).count() == 0


def test_a_link_pasted_in_the_meeting_chat_opens_the_same_page_and_filters(server_url, page, shot):
    page.goto(f"{server_url}/churn?lang=en&region=%E5%8D%8E%E4%B8%9C&period=last_quarter")
    expect(page.locator('[data-testid="stMain"] h1')).to_contain_text("Churn warnings", timeout=30000)
    expect(page.get_by_text("Region: 华东").first).to_be_visible()
    assert page.get_by_text("Page not found").count() == 0
    expect(page.get_by_text(re.compile(r"^Window .* \(90 days\)")).first).to_be_visible()
    shot("12_shared_link_churn_en")
    assert page.locator(EXCEPTION).count() == 0
