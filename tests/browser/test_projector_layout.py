"""Issue #11 items 2 and 10 measured in a real browser: at 1920×1080 the KPI strip and the four views fit the
screen without scrolling (with and without the sidebar, both languages, the sample and a numeric-id export);
at 1366×768 no KPI or profile label or value ends in "…", the Pareto labels and the legends overlap nothing,
the call list shows every column; the import page's uploader is on screen in the UI language; a language
switch relabels the period. Screenshots go to /tmp/shots/projector_*.png for a person to look at."""

from __future__ import annotations

from pathlib import Path

import numeric_export
import pytest
from playwright.sync_api import Page, expect

from core import ingest, store, workspace

pytestmark = pytest.mark.browser

PROJECTOR = {"width": 1920, "height": 1080}
LAPTOP = {"width": 1366, "height": 768}
SHOTS = Path("/tmp/shots")
EXCEPTION = '[data-testid="stException"]'
CHART = '[data-testid="stPlotlyChart"]'
METRIC_PARTS = '[data-testid="stMetricLabel"], [data-testid="stMetricValue"], [data-testid="stMetricDelta"]'
LONGEST_REASON = "17669"  # the numeric export's customer with the longest churn reason (both rules fired)

# the text of every metric part whose box (or a box inside it) is narrower than its text: Streamlit cuts it
# with "…" (text-overflow: ellipsis), so scrollWidth > clientWidth is exactly "cut off"
CUT_METRICS = """() => [...document.querySelectorAll(arguments_selector)]
  .filter(e => [e, ...e.querySelectorAll('*')].some(c => c.scrollWidth > c.clientWidth + 1))
  .map(e => e.innerText)"""


def _numeric_export(server_workspace: Path) -> None:
    """The generated retail export (numeric customer and product codes, no name, manager or cost column) as
    the server's open dataset."""
    con = store.connect()
    orders = ingest.load_file(con, numeric_export.csv_bytes(), "online_retail.csv")
    workspace.save_dataset(server_workspace, con, {"orders": orders}, "online_retail")


def _open_home(page: Page, url: str) -> None:
    page.goto(url)
    expect(page.locator(CHART)).to_have_count(4, timeout=60_000)
    expect(page.locator(f"{CHART} .main-svg").nth(3)).to_be_visible(timeout=60_000)
    _settled(page)


def _settled(page: Page) -> None:
    """Wait until the script has finished and the charts have drawn."""
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=stSkeleton]')"
        " && !document.querySelector('[data-testid=stStatusWidget]')",
        timeout=60_000,
    )
    page.wait_for_timeout(1000)
    assert page.locator(EXCEPTION).count() == 0


def _boxes(page: Page, selector: str) -> list[dict]:
    return [b for b in (e.bounding_box() for e in page.locator(selector).all()) if b]


def _cut_metrics(page: Page) -> list[str]:
    return page.evaluate(CUT_METRICS.replace("arguments_selector", repr(METRIC_PARTS)))


def _overlap(a: dict, b: dict) -> bool:
    return (
        a["x"] < b["x"] + b["width"]
        and b["x"] < a["x"] + a["width"]
        and a["y"] < b["y"] + b["height"]
        and b["y"] < a["y"] + a["height"]
    )


def _shot(page: Page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"projector_{name}.png"))


def _assert_four_views_on_one_screen(page: Page) -> None:
    charts = _boxes(page, CHART)
    assert len(charts) == 4
    for box in charts:  # every chart whole inside the 1080 pixels, nothing to scroll to
        assert box["y"] >= 0 and box["y"] + box["height"] <= PROJECTOR["height"], box
    kpis = _boxes(page, '[data-testid="stMetric"]')
    assert len(kpis) == 5 and max(b["y"] + b["height"] for b in kpis) <= min(b["y"] for b in charts)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("present", [False, True], ids=["sidebar", "presentation"])
def test_kpi_strip_and_four_views_fit_1920x1080_on_the_sample(browser, server_url, lang, present):
    page = browser.new_page(viewport=PROJECTOR)
    try:
        _open_home(page, f"{server_url}/?lang={lang}" + ("&present=1" if present else ""))
        _assert_four_views_on_one_screen(page)
        sidebar = page.locator('[data-testid="stSidebar"]')
        if present:
            expect(sidebar).to_be_hidden()
            expect(page.locator('[data-testid="stHeader"]')).to_be_hidden()
        else:
            expect(sidebar).to_be_visible()
        _shot(page, f"home_sample_{lang}_1920" + ("_present" if present else ""))
    finally:
        page.close()


@pytest.mark.parametrize(("lang", "present"), [("en", False), ("zh", True)])
def test_kpi_strip_and_four_views_fit_1920x1080_on_a_numeric_id_export(
    browser, server_url, server_workspace, lang, present
):
    _numeric_export(server_workspace)
    page = browser.new_page(viewport=PROJECTOR)
    try:
        _open_home(page, f"{server_url}/?lang={lang}" + ("&present=1" if present else ""))
        expect(page.get_by_text("online_retail.csv").first).to_be_attached()  # the export, not the sample
        _assert_four_views_on_one_screen(page)
        _shot(page, f"home_ids_{lang}_1920" + ("_present" if present else ""))
    finally:
        page.close()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_churn_level_cards_are_whole_at_1366x768(browser, server_url, lang):
    page = browser.new_page(viewport=LAPTOP)
    try:
        page.goto(f"{server_url}/churn?lang={lang}")
        expect(page.locator('[data-testid="stMetric"]')).to_have_count(4, timeout=60_000)
        _settled(page)
        assert _cut_metrics(page) == []  # the reviewer saw "High risk: Customers: …"
    finally:
        page.close()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_nothing_on_the_home_page_is_cut_off_at_1366x768(browser, server_url, grid_widths, lang):
    page = browser.new_page(viewport=LAPTOP)
    try:
        _open_home(page, f"{server_url}/?lang={lang}")
        assert _cut_metrics(page) == []  # no "¥220.1…", "Customers: …"
        pareto = page.locator(".js-plotly-plot").first
        labels = _boxes(pareto, "g.annotation-text-g")  # the label, not its arrow
        ticks = _boxes(pareto, "g.ytick text")
        assert len(labels) == 2 and ticks
        assert not any(_overlap(a, b) for a in labels for b in ticks)  # off the y-axis labels
        assert not _overlap(*labels)  # and off each other
        for plot in page.locator(".js-plotly-plot").all():  # a legend never lies on its axis title
            legend, title = _boxes(plot, "g.legend"), _boxes(plot, "g.g-xtitle")
            assert not (legend and title and _overlap(legend[0], title[0]))
        table = page.locator('[data-testid="stDataFrame"]').first  # the call list, below the fold
        table.scroll_into_view_if_needed()
        page.wait_for_timeout(500)
        ((scroll, client),) = grid_widths(table)
        assert scroll <= client  # every column, the amount at risk too, without scrolling sideways
        _shot(page, f"home_calllist_{lang}_1366")
    finally:
        page.close()


PROFILE_CARDS = 9
# the numeric export is too small to fit the forecast: the sentence saying so stands where its three cards were
PROFILE_CARDS_WITHOUT_FORECAST = 6


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_profile_cards_are_whole_at_1366x768(browser, server_url, server_workspace, lang):
    page = browser.new_page(viewport=LAPTOP)
    try:  # the sample's first customer is 重要价值客户 / Important value
        page.goto(f"{server_url}/profile?lang={lang}")
        # four profile cards and five forecast cards (P(alive), orders, revenue, loyalty, relationship; #14)
        expect(page.locator('[data-testid="stMetric"]')).to_have_count(PROFILE_CARDS, timeout=60_000)
        _settled(page)
        assert _cut_metrics(page) == []
        _shot(page, f"profile_sample_{lang}_1366")
        _numeric_export(server_workspace)
        page.goto(f"{server_url}/profile?lang={lang}&customer={LONGEST_REASON}")
        expect(page.locator('[data-testid="stMetric"]')).to_have_count(PROFILE_CARDS_WITHOUT_FORECAST, timeout=60_000)
        _settled(page)
        assert _cut_metrics(page) == []  # "3.5× past its usual 30-day cycle; last 90 days down 100% …" whole
        _shot(page, f"profile_ids_{lang}_1366")
    finally:
        page.close()


@pytest.mark.parametrize(("lang", "word"), [("zh", "选择文件"), ("en", "Choose file")])
def test_the_import_page_uploader_is_on_screen_in_the_ui_language(browser, server_url, lang, word):
    page = browser.new_page(viewport=LAPTOP)
    try:
        page.goto(f"{server_url}/upload?lang={lang}")
        zone = page.locator('[data-testid="stMain"] [data-testid="stFileUploaderDropzone"]')
        expect(zone).to_be_visible(timeout=60_000)
        _settled(page)
        box = zone.bounding_box()
        assert box and box["y"] + box["height"] <= LAPTOP["height"]  # above the fold on a laptop
        expect(zone.locator('[data-testid="stFileUploaderDropzoneInstructions"]')).to_be_hidden()  # 200MB per file
        button_word = zone.locator("button p").evaluate("e => getComputedStyle(e, '::after').content")
        assert button_word == f'"{word}"'
        assert zone.locator("button p").evaluate("e => getComputedStyle(e).fontSize") == "0px"  # "Upload" hidden
        expect(page.get_by_text("MB", exact=False).first).to_be_visible()  # our caption: types and limit
        _shot(page, f"upload_{lang}_1366")
    finally:
        page.close()


def test_a_file_dropped_on_the_import_page_opens_the_mapping(browser, server_url, tmp_path):
    path = tmp_path / "online_retail.csv"
    path.write_bytes(numeric_export.csv_bytes())
    page = browser.new_page(viewport=LAPTOP)
    try:
        page.goto(f"{server_url}/upload?lang=zh")
        page.locator('[data-testid="stMain"] input[type=file]').set_input_files(path)
        expect(page.get_by_text("列映射", exact=True)).to_be_visible(timeout=60_000)
        page.get_by_role("button", name="确认映射并导入").click()
        expect(page.get_by_text("已保存为数据集", exact=False)).to_be_visible(timeout=60_000)
        assert page.locator(EXCEPTION).count() == 0
    finally:
        page.close()


def test_switching_language_relabels_the_period_select(browser, server_url):
    page = browser.new_page(viewport=PROJECTOR)
    try:
        _open_home(page, f"{server_url}/?lang=zh")
        period = page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').nth(1).get_by_role("combobox")
        expect(period).to_have_value("近12个月")
        page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').first.click()
        page.get_by_role("option", name="English").click()
        expect(page.locator('[data-testid="stMain"] h1')).to_have_text("Weekly review", timeout=30_000)
        _settled(page)
        expect(period).to_have_value("Last 12 months")
    finally:
        page.close()


def test_presentation_switch_turns_off_from_the_page(browser, server_url):
    page = browser.new_page(viewport=PROJECTOR)
    try:
        _open_home(page, f"{server_url}/?lang=zh&present=1")
        expect(page.locator('[data-testid="stSidebar"]')).to_be_hidden()
        page.get_by_text("演示模式").click()
        expect(page.locator('[data-testid="stSidebar"]')).to_be_visible(timeout=30_000)
        assert "present=1" not in page.url
    finally:
        page.close()
