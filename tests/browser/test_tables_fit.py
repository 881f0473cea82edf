"""Issue #11 (tables leftovers, item 1) measured in a real browser: at 1366×768 with the sidebar open, every data
table on every page shows all its columns without scrolling sideways, in both languages, on the bundled sample
and on a numeric-id export with no manager or cost column; a table whose columns come in groups is measured
with each group picked.

st.dataframe draws on a canvas (glide-data-grid); its scroller (.dvn-scroller) is as wide as the columns, so
scrollWidth > clientWidth is exactly "a column lies past the grid's edge" (as the call list's test in
test_projector_layout.py measures it)."""

from __future__ import annotations

from pathlib import Path

import numeric_export
import pytest
from playwright.sync_api import Page, expect

from core import ingest, store, workspace

pytestmark = pytest.mark.browser

LAPTOP = {"width": 1366, "height": 768}
SHOTS = Path("/tmp/shots/tables")
PAGES = ["", "abc", "rfm", "relationships", "churn", "long_tail", "funnel", "profile", "changes", "cohorts"]
GRID = '[data-testid="stDataFrame"]'
# each grid's [scrollWidth, clientWidth], the grids drawn (a grid in a closed expander or tab is not)
WIDTHS = f"""() => [...document.querySelectorAll('{GRID}')]
  .map(d => d.querySelector('.dvn-scroller')).filter(s => s && s.clientWidth > 0)
  .map(s => [s.scrollWidth, s.clientWidth])"""
COLUMN_GROUPS = ("显示列", "Columns")


def _settled(page: Page) -> None:
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=stSkeleton]')"
        " && !document.querySelector('[data-testid=stStatusWidget]')",
        timeout=60_000,
    )
    page.wait_for_timeout(800)
    assert page.locator('[data-testid="stException"]').count() == 0


def _open_expanders(page: Page) -> None:
    for summary in page.locator('[data-testid="stMain"] [data-testid="stExpander"] summary').all():
        if summary.get_attribute("aria-expanded") != "true":
            summary.click()
            page.wait_for_timeout(200)
    _settled(page)


def _too_wide(page: Page, where: str) -> list[str]:
    """Every drawn grid wider than its box, named by page and position."""
    for grid in page.locator(GRID).all():  # a grid below the fold draws once scrolled to; one in a closed tab never
        if grid.is_visible():
            grid.scroll_into_view_if_needed()
    page.wait_for_timeout(300)
    return [f"{where} #{i}: {w}" for i, w in enumerate(page.evaluate(WIDTHS)) if w[0] > w[1] + 1]


def _column_group_radios(page: Page):
    return [
        r
        for r in page.locator('[data-testid="stMain"] [data-testid="stRadio"]').all()
        if r.locator("label").first.inner_text().strip() in COLUMN_GROUPS
    ]


def _every_page_fits(page: Page, server_url: str, lang: str, name: str) -> list[str]:
    found = []
    for path in PAGES:
        page.goto(f"{server_url}/{path}?lang={lang}")
        expect(page.locator('[data-testid="stMain"] h1').first).to_be_visible(timeout=60_000)
        _settled(page)
        _open_expanders(page)
        found += _too_wide(page, path or "home")
        for r, radio in enumerate(_column_group_radios(page)):
            options = radio.locator('[role="radiogroup"] label')
            for i in range(1, options.count()):
                _column_group_radios(page)[r].locator('[role="radiogroup"] label').nth(i).click()
                _settled(page)
                found += _too_wide(page, f"{path} columns {i}")
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"fit_{name}_{path or 'home'}_{lang}_1366.png"))
    return found


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_table_fits_1366_without_sideways_scroll_on_the_sample(browser, server_url, lang):
    page = browser.new_page(viewport=LAPTOP)
    try:
        assert _every_page_fits(page, server_url, lang, "sample") == []
    finally:
        page.close()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_table_fits_1366_without_sideways_scroll_on_a_numeric_id_export(
    browser, server_url, server_workspace, lang
):
    con = store.connect()
    orders = ingest.load_file(con, numeric_export.csv_bytes(), "online_retail.csv")
    workspace.save_dataset(server_workspace, con, {"orders": orders}, "online_retail")
    page = browser.new_page(viewport=LAPTOP)
    try:
        assert _every_page_fits(page, server_url, lang, "ids") == []
    finally:
        page.close()
