"""What a user sees in the browser: the sample overview, then a messy GBK CSV from upload to validation report."""

from __future__ import annotations

import csv
import io
import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

EXCEPTION = '[data-testid="stException"]'
PLOTLY = '.js-plotly-plot, [data-testid="stPlotlyChart"]'

# An ERP export as it arrives: a title row, the header on line 2, ￥ amounts with thousands separators,
# 年月日 dates, one order without a customer (line 5) and a 合计 line at the bottom (line 7). GBK has no
# half-width ¥, so the file carries the full-width ￥ a Chinese export writes.
MESSY_ORDERS = [
    ["2024年销售明细（ERP导出）"],  # line 1
    ["客户名称", "订单日期", "金额(元)"],  # line 2: header
    ["华东精密机械有限公司", "2024年1月5日", "￥1,234.50"],  # line 3
    ["深圳云帆电子", "2024年1月20日", "￥88,000.00"],  # line 4
    ["", "2024年2月13日", "￥500.00"],  # line 5: customer empty -> rejected
    ["成都天府物流", "2024年3月1日", "￥12,000.00"],  # line 6
    ["合计", "", "￥101,734.50"],  # line 7: totals row -> rejected
]


def _gbk_csv(rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return out.getvalue().encode("gbk")


def _metric(page: Page, label: str) -> str:
    metric = page.locator('[data-testid="stMetric"]').filter(has_text=label)
    return metric.locator('[data-testid="stMetricValue"]').inner_text().strip()


def _main_title(page: Page):
    return page.locator('[data-testid="stMain"] h1')


def test_opening_the_app_shows_the_sample_overview(server_url, page, shot):
    page.goto(server_url)

    expect(_main_title(page)).to_have_text("周会看板", timeout=30000)
    expect(page.locator(PLOTLY).first).to_be_visible()
    expect(page.locator(".js-plotly-plot .main-svg").first).to_be_visible()
    shot("01_home_zh")

    assert page.locator(EXCEPTION).count() == 0


def test_uploading_a_messy_gbk_csv_shows_the_mapping_then_the_report(server_url, page, shot, tmp_path):
    path = tmp_path / "销售明细.csv"
    path.write_bytes(_gbk_csv(MESSY_ORDERS))
    page.goto(server_url)
    expect(_main_title(page)).to_have_text("周会看板", timeout=30000)

    page.locator("input[type=file]").set_input_files(path)
    expect(page.get_by_text("列映射", exact=True)).to_be_visible()
    expect(_main_title(page)).to_have_text("数据导入")
    shot("02_upload_mapping_zh")
    assert page.locator(EXCEPTION).count() == 0

    page.get_by_role("button", name="确认映射并导入").click()
    expect(page.get_by_text(re.compile("^校验报告"))).to_be_visible()
    rejected_rows = page.locator('[data-testid="stDataFrame"]').first
    expect(rejected_rows).to_be_visible()
    shot("03_upload_report_zh")

    # lines 3-7 are read; 5 (no customer) and 7 (合计) are rejected; 3, 4 and 6 load
    assert (_metric(page, "读取行数"), _metric(page, "导入行数"), _metric(page, "拒绝行数")) == ("5", "3", "2")
    # st.dataframe draws on a canvas; its accessible grid carries the cell texts
    rejected = [
        [cell.strip() for cell in row.locator('[role="gridcell"]').all_inner_texts()]
        for row in rejected_rows.locator('[role="row"]').all()
    ]
    rejected = [row for row in rejected if row]  # the header row has column headers, not grid cells
    assert [(row[0], row[1]) for row in rejected] == [("5", "客户为空"), ("7", "合计/总计行，已排除")]
    assert page.locator(EXCEPTION).count() == 0

    page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').first.click()
    page.get_by_role("option", name="English").click()
    expect(page.get_by_text(re.compile("^Validation report"))).to_be_visible()
    shot("04_upload_report_en")
    page.locator('[data-testid="stSidebar"] a').filter(has_text="Weekly review").click()
    expect(_main_title(page)).to_have_text("Weekly review")
    expect(page.locator(PLOTLY).first).to_be_visible()
    shot("05_home_en_uploaded")
    assert page.locator(EXCEPTION).count() == 0
