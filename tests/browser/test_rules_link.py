"""A pasted link with non-default rules (issue #10, one set of rules): every page opens with them."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

EXCEPTION = '[data-testid="stException"]'
LINK = "abc_a=0.70&abc_b=0.90&churn_high_decline=0.70"


def _main_title(page: Page):
    return page.locator('[data-testid="stMain"] h1')


def _slider_value(page: Page, label: str) -> str:
    slider = page.locator('[data-testid="stSlider"]').filter(has_text=label)
    return slider.locator('[data-testid="stSliderThumbValue"]').inner_text().strip()


def test_a_pasted_link_with_abc_cuts_opens_the_abc_page_and_the_home_page_with_them(server_url, page, shot):
    page.goto(f"{server_url}/abc?{LINK}")
    expect(_main_title(page)).to_have_text("ABC 分层", timeout=30000)
    expect(page.get_by_text("排在前面的客户累计占比 < 70% 为 A 类").first).to_be_visible()
    assert (_slider_value(page, "A 类累计占比上限"), _slider_value(page, "B 类累计占比上限")) == ("0.70", "0.90")
    shot("rules_01_abc_from_link")
    assert page.locator(EXCEPTION).count() == 0

    # the sidebar's page link carries the rules: the home page (and its address) keeps them
    page.locator('[data-testid="stSidebar"] a').filter(has_text="周会看板").click()
    expect(_main_title(page)).to_have_text("周会看板")
    expect(page.get_by_text("累计占比 < 70% 为 A 类、< 90% 为 B 类").first).to_be_visible()
    expect(page.get_by_text("（在「ABC 分层」页设置）").first).to_be_visible()
    expect(page.get_by_text("下降 ≥ 70% 为高风险").first).to_be_visible()
    assert "abc_a=0.70" in page.url and "churn_high_decline=0.70" in page.url
    shot("rules_02_home_from_link")
    assert page.locator(EXCEPTION).count() == 0


def test_a_link_with_a_malformed_rule_opens_with_the_default_and_says_nothing_broke(server_url, page):
    page.goto(f"{server_url}/abc?abc_a=abc&abc_b=2")
    expect(_main_title(page)).to_have_text("ABC 分层", timeout=30000)
    expect(page.get_by_text("累计占比 < 80% 为 A 类").first).to_be_visible()
    assert (_slider_value(page, "A 类累计占比上限"), _slider_value(page, "B 类累计占比上限")) == ("0.80", "0.99")
    assert page.locator(EXCEPTION).count() == 0
