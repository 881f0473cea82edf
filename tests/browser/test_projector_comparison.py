"""Issue #11 items 3 and 4 in a real browser at 1920×1080 (a projector), both languages: the home page over a
partial previous window, and what changed with a week uploaded twice. Screenshots go to /tmp/shots."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import comparison_files
import pytest
import weekly_files
from playwright.sync_api import expect

from core import ingest, store, workspace

pytestmark = pytest.mark.browser

PROJECTOR = {"width": 1920, "height": 1080}
SHOTS = Path("/tmp/shots")
EXCEPTION = '[data-testid="stException"]'
H1 = '[data-testid="stMain"] h1'
ARROW = '[data-testid^="stMetricDeltaIcon"]'


@pytest.fixture
def projector(browser):
    """A fresh session in a 1920×1080 window; snap(name) saves what is on screen and the whole page."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport=PROJECTOR, locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(30_000)

    def snap(name: str) -> None:
        page.wait_for_timeout(800)  # let Plotly and the data grids finish drawing
        page.screenshot(path=str(SHOTS / f"{name}.png"))
        # Streamlit scrolls inside stMain: stretch the window to the content for the whole page (as `shot`)
        height = page.evaluate("() => document.querySelector('[data-testid=stMain]')?.scrollHeight ?? 0")
        page.set_viewport_size({"width": PROJECTOR["width"], "height": max(PROJECTOR["height"], height)})
        try:
            page.wait_for_timeout(500)
            page.screenshot(path=str(SHOTS / f"{name}_full.png"), full_page=True)
        finally:
            page.set_viewport_size(PROJECTOR)

    try:
        yield page, snap
    finally:
        context.close()


@pytest.mark.parametrize(
    ("lang", "title", "note"),
    [("zh", "周会看板", "上期仅 9/365 天有数据"), ("en", "Weekly review", "Previous: data for 9/365 days")],
)
def test_home_over_a_partial_previous_window_says_so_instead_of_a_change(
    server_url, server_workspace, projector, lang, title, note
):
    con = store.connect()
    orders = ingest.load_file(con, comparison_files.partial_previous_csv(), "erp_export.csv")
    workspace.save_dataset(server_workspace, con, {"orders": orders}, "partial")
    page, snap = projector
    page.goto(f"{server_url}/?lang={lang}")
    expect(page.locator(H1)).to_have_text(title)
    expect(page.locator('[data-testid="stMetric"]').filter(has_text=note)).to_have_count(2)
    expect(page.locator(".js-plotly-plot").first).to_be_visible()
    assert page.locator(ARROW).count() == 0  # no arrow on any KPI
    snap(f"i11_home_partial_previous_{lang}")
    assert page.locator(EXCEPTION).count() == 0


@pytest.mark.parametrize(("lang", "title"), [("zh", "本周变化"), ("en", "What changed")])
def test_changes_page_with_a_week_uploaded_twice(server_url, server_workspace, projector, lang, title):
    ids = []  # the server's workspace never hands out an id twice (tests/conftest.py): not 1, 2, 3 here
    for week, label, with_pipeline in ((1, "week-1", True), (2, "week-2", True), (2, "week-2", False)):
        con, reports = weekly_files.loaded(week, with_pipeline=with_pipeline)
        when = datetime(2024, 7, 15, tzinfo=UTC)
        ids.append(workspace.save_dataset(server_workspace, con, reports, label, uploaded_at=when))
    week1, week2, week2_again = ids
    page, snap = projector
    page.goto(f"{server_url}/changes?lang={lang}")
    expect(page.locator(H1)).to_have_text(title)
    expect(page.get_by_text(f"week-1 (2024-06-30) → week-2 (#{week2_again}, 2024-07-12)")).to_be_visible()
    assert f"from={week1}" in page.url and f"to={week2_again}" in page.url  # the pair is in the link
    expect(page.locator(ARROW)).to_have_count(1, timeout=30_000)  # ↑¥570, the one change
    snap(f"i11_changes_default_pair_{lang}")
    page.goto(f"{server_url}/changes?lang={lang}&from={week2}&to={week2_again}")  # the same week twice, by link
    expect(page.get_by_text(f"week-2 (#{week2}, 2024-07-12) → week-2 (#{week2_again}, 2024-07-12)")).to_be_visible()
    expect(page.locator('[data-testid="stMetricDelta"]').filter(has_text="¥0")).to_be_visible(timeout=30_000)
    assert page.locator(ARROW).count() == 0  # ¥0: no arrow
    snap(f"i11_changes_same_week_{lang}")
    assert page.locator(EXCEPTION).count() == 0
