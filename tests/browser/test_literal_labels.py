"""Hostile names in a real browser (#10): a file, customers and a manager named like markdown show as literal text;
the page holds no javascript: link, no image from the label and no bold text made from it."""

from __future__ import annotations

import csv
import io
from urllib.parse import quote

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

EXCEPTION = '[data-testid="stException"]'
LINK = "[x](javascript:alert(1))"
IMAGE = "![](http://example.com/a.png)"
HTML = "<img src=x onerror=alert(1)>"
BOLD = "**bold**"
HOSTILE = [LINK, IMAGE, HTML, BOLD]


def _orders_csv() -> bytes:
    """Each hostile name a customer and its own account manager: three orders a month apart."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["客户名称", "订单日期", "金额", "客户经理"])
    for i, name in enumerate(HOSTILE):
        for month in (4, 5, 6):
            writer.writerow([name, f"2024-0{month}-1{i}", 100 * (i + 1), name])
    return out.getvalue().encode()


def _page_text(page: Page) -> str:
    # the escaper puts an invisible WORD JOINER inside "http://"; a reader does not see it
    return page.evaluate("() => document.body.innerText.replaceAll('\\u2060', '')")


def _assert_nothing_live(page: Page) -> None:
    assert page.locator(EXCEPTION).count() == 0
    assert page.locator('a[href^="javascript"]').count() == 0
    # the app writes no link in markdown; a heading's own anchor icon is the only <a> there
    assert page.locator('[data-testid="stMarkdownContainer"] a:not([aria-label="Link to heading"])').count() == 0
    assert page.locator('img[src="http://example.com/a.png"], img[src="x"]').count() == 0
    assert page.locator('[data-testid="stMarkdownContainer"] strong').filter(has_text="bold").count() == 0


def test_a_file_and_customers_named_like_markdown_show_as_literal_text(server_url, page, shot):
    page.goto(server_url)
    expect(page.locator('[data-testid="stMain"] h1')).to_have_text("周会看板", timeout=30000)
    page.locator('[data-testid="stSidebar"] input[type=file]').set_input_files(
        {"name": f"{LINK}.csv", "mimeType": "text/csv", "buffer": _orders_csv()}
    )
    expect(page.get_by_text(f"已读取「{LINK}.csv」", exact=False)).to_be_visible()
    _assert_nothing_live(page)
    page.get_by_role("button", name="确认映射并导入").click()
    expect(page.get_by_text(f"校验报告 · {LINK}.csv", exact=True)).to_be_visible()
    expect(page.get_by_text(f"当前数据：{LINK}.csv", exact=True)).to_be_visible()  # the sidebar
    shot("inert_01_upload_report")
    _assert_nothing_live(page)

    for customer in HOSTILE:
        page.goto(f"{server_url}/profile?customer={quote(customer)}")  # a new session on the saved upload
        heading = page.locator('[data-testid="stMain"] h3').first
        expect(heading).to_be_visible(timeout=30000)
        assert heading.inner_text().replace("\u2060", "").strip() == customer
        assert f"客户经理：{customer}" in _page_text(page)  # the facts line names the manager as typed
        _assert_nothing_live(page)
    shot("inert_02_profile")
