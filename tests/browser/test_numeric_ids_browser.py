"""The numeric-id export in a real browser (issue #11): the churn chart draws visible bars named by the customer
codes, and every changed page is photographed at the projector's 1920×1080 and a laptop's 1366×768, in both
languages, for a person to look at (/tmp/shots/ids_*.png)."""

from __future__ import annotations

from pathlib import Path

import numeric_export
import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

EXCEPTION = '[data-testid="stException"]'
SHOTS = Path("/tmp/shots")  # where tests/browser/conftest.py's shot fixture writes too; not committed
PROJECTOR = {"width": 1920, "height": 1080}
LAPTOP = {"width": 1366, "height": 768}
PAGES = ["", "abc", "rfm", "churn", "long_tail", "profile", "upload"]  # "" is the weekly review (home)


def _load_export(page: Page, server_url: str, tmp_path) -> None:
    """Upload the export through the sidebar, confirm the proposed mapping: it becomes the saved dataset."""
    path = tmp_path / "online_retail.csv"
    path.write_bytes(numeric_export.csv_bytes())
    page.goto(server_url)
    page.locator('[data-testid="stSidebar"] input[type=file]').set_input_files(path)
    page.get_by_role("button", name="确认映射并导入").click()
    expect(page.get_by_text("已保存为数据集", exact=False)).to_be_visible(timeout=60_000)


def _open(page: Page, url: str) -> None:
    page.goto(url)
    expect(page.locator('[data-testid="stMain"] h1').first).to_be_visible(timeout=60_000)
    page.wait_for_timeout(1500)  # plotly and the grids finish drawing
    assert page.locator(EXCEPTION).count() == 0


def _photograph(page: Page, name: str, size: dict, shots) -> None:
    """What fits the screen without scrolling, then the whole page."""
    page.set_viewport_size(size)
    page.wait_for_timeout(800)
    page.screenshot(path=str(shots / f"{name}_screen.png"))
    height = page.evaluate("() => document.querySelector('[data-testid=stMain]')?.scrollHeight ?? 0")
    page.set_viewport_size({"width": size["width"], "height": max(size["height"], height)})
    page.wait_for_timeout(500)
    page.screenshot(path=str(shots / f"{name}_full.png"), full_page=True)
    page.set_viewport_size(size)


def test_home_churn_chart_draws_visible_bars_named_by_numeric_customer_codes(server_url, page, tmp_path):
    _load_export(page, server_url, tmp_path)
    page.set_viewport_size(PROJECTOR)
    _open(page, f"{server_url}/?lang=zh")
    chart = page.locator(".js-plotly-plot").filter(has_text="流失预警 Top 10").first
    expect(chart).to_be_visible()
    names = [t.strip() for t in chart.locator("g.ytick text").all_text_contents()]
    assert len(names) == 10 and set(names) <= set(numeric_export.customer_ids())
    widths = [box["width"] for box in (b.bounding_box() for b in chart.locator("g.point path").all()) if box]
    assert len(widths) == 10 and min(widths) > 5  # a numeric axis drew them as hairlines


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_changed_pages_photographed_at_projector_and_laptop_sizes(server_url, page, tmp_path, lang):
    SHOTS.mkdir(parents=True, exist_ok=True)
    _load_export(page, server_url, tmp_path)
    for name in PAGES:
        for label, size in (("1920", PROJECTOR), ("1366", LAPTOP)):
            page.set_viewport_size(size)
            _open(page, f"{server_url}/{name}?lang={lang}")
            _photograph(page, f"ids_{name or 'home'}_{lang}_{label}", size, SHOTS)
            body = page.locator('[data-testid="stMain"]').inner_text()
            assert "None" not in body.split() and "nan" not in body.split()
