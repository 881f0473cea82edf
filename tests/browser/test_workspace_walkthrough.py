"""Two weekly uploads in a real browser (issue #6): the home page then names exactly the known tier moves."""

from __future__ import annotations

import pytest
import weekly_files
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

EXCEPTION = '[data-testid="stException"]'


def _upload(page: Page, path) -> None:
    page.locator('[data-testid="stSidebar"] input[type=file]').set_input_files(path)
    page.get_by_role("button", name="确认映射并导入").click()
    expect(page.get_by_text("已保存为数据集", exact=False)).to_be_visible()


def _grid(page: Page, column: str) -> list[list[str]]:
    """Cell texts of the first data grid that has this column header."""
    grid = page.locator('[data-testid="stDataFrame"]').filter(has_text=column).first
    expect(grid).to_be_visible()
    rows = [
        [c.strip() for c in r.locator('[role="gridcell"]').all_inner_texts()]
        for r in grid.locator('[role="row"]').all()
    ]
    return [r for r in rows if r]


def test_uploading_two_weeks_shows_what_changed_on_the_home_page(server_url, page, shot, tmp_path):
    week_1, _ = weekly_files.write(tmp_path, 1)
    week_2, _ = weekly_files.write(tmp_path, 2)
    page.goto(server_url)
    _upload(page, week_1)
    shot("ws_01_week1_saved")
    _upload(page, week_2)
    page.goto(server_url)  # a new session: it opens the latest saved dataset, week 2
    expect(page.get_by_text("本周变化", exact=True).first).to_be_visible()
    moves = _grid(page, "原分层")
    assert [(r[0], r[2], r[3]) for r in moves] == [
        ("丁", "B 类客户", "A 类客户"),
        ("丙", "A 类客户", "B 类客户"),
        ("戊", "C 类客户", "B 类客户"),
        ("己", "（无）", "C 类客户"),
    ]
    warnings = _grid(page, "原因")
    assert [r[0] for r in warnings] == ["乙"]
    shot("ws_02_home_change_panel")
    page.get_by_role("link", name="查看完整变化").click()
    expect(page.locator('[data-testid="stMain"] h1')).to_have_text("本周变化")
    expect(page.get_by_text("历次快照趋势")).to_be_visible()
    shot("ws_03_changes_page")
    assert page.locator(EXCEPTION).count() == 0
