"""After a confirmed load the sidebar uploader is empty and the sidebar names the loaded file in words; a
second upload works as the first; the overview's Pareto chart, built without plotly's validation, is drawn
(issue #13)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

EXCEPTION = '[data-testid="stException"]'
SIDEBAR = '[data-testid="stSidebar"]'
CHIP = f'{SIDEBAR} [data-testid="stFileChip"]'
FIRST = "客户,日期,金额\n甲,2024-03-01,10\n乙,2024-03-02,20\n丙,2024-03-03,30\n"
WAIT = 60_000  # a busy 2-core box: the steps take seconds, not the 5 s expect() waits by default
SECOND = "客户,日期,金额\n丁,2024-05-01,50\n戊,2024-05-02,30\n己,2024-05-03,15\n庚,2024-05-04,5\n"


def _metric(page: Page, label: str) -> str:
    metric = page.locator('[data-testid="stMetric"]').filter(has_text=label)
    return metric.locator('[data-testid="stMetricValue"]').inner_text().strip()


def _upload_and_confirm(page: Page, path) -> None:
    page.locator(f"{SIDEBAR} input[type=file]").set_input_files(path)
    expect(page.get_by_text("列映射", exact=True)).to_be_visible(timeout=WAIT)
    expect(page.locator(CHIP)).to_have_count(1, timeout=WAIT)  # while the mapping is open it shows the file
    page.get_by_role("button", name="确认映射并导入").click()
    expect(page.locator('[data-testid="stMetric"]').filter(has_text="导入行数")).to_be_visible(timeout=WAIT)


def test_after_a_confirmed_load_the_uploader_is_empty_the_file_named_and_a_second_upload_loads(
    server_url, page, shot, tmp_path
):
    first, second = tmp_path / "first.csv", tmp_path / "second.csv"
    first.write_text(FIRST, encoding="utf-8")
    second.write_text(SECOND, encoding="utf-8")
    page.set_default_timeout(WAIT)
    page.goto(server_url)
    expect(page.locator('[data-testid="stMain"] h1')).to_have_text("周会看板", timeout=WAIT)

    _upload_and_confirm(page, first)
    assert _metric(page, "导入行数") == "3"
    expect(page.locator(CHIP)).to_have_count(0, timeout=WAIT)  # the uploader holds no file now
    expect(page.locator(SIDEBAR).get_by_text("当前数据：first.csv")).to_be_visible(timeout=WAIT)
    shot("appspeed/01_loaded_uploader_empty")

    _upload_and_confirm(page, second)
    assert _metric(page, "导入行数") == "4"
    expect(page.locator(CHIP)).to_have_count(0, timeout=WAIT)
    expect(page.locator(SIDEBAR).get_by_text("当前数据：second.csv")).to_be_visible(timeout=WAIT)
    assert page.locator(EXCEPTION).count() == 0

    page.locator('[data-testid="stMain"] a').filter(has_text="查看概览").click()
    page.wait_for_function("() => document.querySelectorAll('.js-plotly-plot .main-svg').length >= 4", timeout=WAIT)
    # the Pareto chart (the first) drawn with its three tiers' areas: 丁 50% (A), 戊 80% (A), 己 95% (B), 庚 (C)
    traces = page.evaluate(  # _fullData: the points plotly.js drew (data may keep the typed arrays' base64)
        "() => document.querySelectorAll('[data-testid=stMain] .js-plotly-plot')[0]._fullData"
        ".map(t => [Array.from(t.x), Array.from(t.y)])"
    )
    assert traces == [[[0, 25, 50], [0, 50, 80]], [[50, 75], [80, 95]], [[75, 100], [95, 100]]]
    pareto = page.locator('[data-testid="stMain"] .js-plotly-plot').first
    assert pareto.locator("g.scatterlayer path.js-fill").count() == 3  # one filled area per tier, legend aside
    shot("appspeed/02_second_upload_overview")
    assert page.locator(EXCEPTION).count() == 0
