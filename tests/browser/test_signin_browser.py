"""Signing in in a real browser (issue #12): a link pasted signed out lands on its page and filters after."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from core import users
from core.access import User

pytestmark = pytest.mark.browser

EXCEPTION = '[data-testid="stException"]'
PASSWORD = "correct horse battery"


def _sign_in(page: Page, name: str, password: str, lang: str) -> None:
    page.get_by_label("用户名" if lang == "zh" else "User name").fill(name)
    page.get_by_label("密码" if lang == "zh" else "Password", exact=True).fill(password)
    page.get_by_role("button", name="登录" if lang == "zh" else "Sign in").click()


def test_a_link_pasted_signed_out_shows_only_the_form_then_its_page_and_filters(
    server_url, server_workspace, page, shot
):
    users.add_user(server_workspace, "wang", "editor", PASSWORD, actor=User("root", "admin"))
    page.goto(f"{server_url}/churn?region=华东&lang=en")
    expect(page.get_by_role("button", name="Sign in")).to_be_visible(timeout=30000)
    assert page.locator('[data-testid="stPlotlyChart"]').count() == 0
    assert page.locator('[data-testid="stSidebar"] a').count() == 0  # no page links, no filters
    shot("auth_01_signin_en")

    _sign_in(page, "wang", PASSWORD, "en")
    expect(page.locator('[data-testid="stMain"] h1')).to_have_text("Churn warnings · call list", timeout=30000)
    expect(page.get_by_text("Region: 华东").first).to_be_visible()
    assert "/churn?" in page.url and "region=%E5%8D%8E%E4%B8%9C" in page.url and "lang=en" in page.url
    expect(page.get_by_text("Signed in: wang (editor)")).to_be_visible()
    shot("auth_02_deep_link_after_sign_in")
    assert page.locator(EXCEPTION).count() == 0


def test_a_wrong_password_is_refused_on_the_page_and_signing_out_returns_to_the_form(
    server_url, server_workspace, page
):
    users.add_user(server_workspace, "wang", "editor", PASSWORD, actor=User("root", "admin"))
    page.goto(f"{server_url}/?lang=zh")
    _sign_in(page, "wang", "hunter2-wrong-guess", "zh")
    expect(page.get_by_text("用户名或密码不正确")).to_be_visible(timeout=30000)
    assert "hunter2-wrong-guess" not in page.content()
    page.wait_for_timeout(1100)  # one failure: the next try waits 1 s
    _sign_in(page, "wang", PASSWORD, "zh")
    expect(page.locator('[data-testid="stMain"] h1')).to_have_text("周会看板", timeout=30000)
    page.get_by_role("button", name="退出登录").click()
    expect(page.get_by_role("button", name="登录", exact=True)).to_be_visible(timeout=30000)
    # the run that draws the form ends by clearing the charts of the page it replaced
    expect(page.locator('[data-testid="stPlotlyChart"]')).to_have_count(0, timeout=30000)
