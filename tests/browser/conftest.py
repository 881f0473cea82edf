"""The real app in a real browser: `streamlit run` on a free port and Debian's chromium (as datasette's fixture)."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
# Debian's chromium, its flags and a free local port: defined once, in bench/serving.py, for the benchmarks
# and these tests alike (loaded by path: bench/ is scripts, not a package).
_spec = importlib.util.spec_from_file_location("ka_serving", REPO / "bench" / "serving.py")
serving = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(serving)
CHROMIUM, CHROMIUM_ARGS = serving.CHROMIUM, serving.CHROMIUM_ARGS
SHOTS = Path("/tmp/shots")
VIEWPORT = {"width": 1600, "height": 1000}
START_TIMEOUT = 60


def _python() -> str:
    venv = REPO / ".venv" / "bin" / "python"
    return str(venv) if venv.exists() else sys.executable


@pytest.fixture(scope="session")
def server_url():
    port = serving.free_port()
    # the server writes to it for the whole session; closed and removed in `finally`
    log = tempfile.NamedTemporaryFile(prefix="streamlit-", suffix=".log", delete=False)  # noqa: SIM115
    cmd = [
        _python(),
        "-m",
        "streamlit",
        "run",
        "app.py",
        "--server.headless",
        "true",
        "--server.address",
        "127.0.0.1",
        "--server.port",
        str(port),
        "--client.toolbarMode",
        "viewer",
        "--browser.gatherUsageStats",
        "false",
    ]
    proc = subprocess.Popen(cmd, cwd=REPO, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            if proc.poll() is not None:
                pytest.fail(f"streamlit exited with {proc.returncode}:\n{Path(log.name).read_text()}")
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                    if r.read().decode().strip() == "ok":
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"streamlit not healthy after {START_TIMEOUT} s:\n{Path(log.name).read_text()}")
            time.sleep(0.2)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()
        os.unlink(log.name)


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.fail(
            f"{CHROMIUM} not found: install Debian's chromium (apt-get install chromium fonts-noto-cjk); "
            "never `playwright install`"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture
def page(browser):
    """A fresh browser context per test: a new Streamlit session, starting on the sample data."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport=VIEWPORT, locale="zh-CN")
    pg = context.new_page()
    pg.set_default_timeout(20_000)
    try:
        yield pg
    finally:
        context.close()


@pytest.fixture
def shot(page):
    """shot(name) saves /tmp/shots/<name>.png of the whole page, for a person to look at (not committed).

    Streamlit scrolls inside [data-testid=stMain], so full_page alone stops at the viewport: the viewport
    is stretched to the content's height for the screenshot, then put back.
    """

    def take(name: str) -> Path:
        page.wait_for_timeout(500)  # let Plotly and the data grids finish drawing
        height = page.evaluate(
            "() => Math.max(...['stMain', 'stSidebarContent'].map("
            "id => document.querySelector(`[data-testid=${id}]`)?.scrollHeight ?? 0))"
        )
        path = SHOTS / f"{name}.png"
        page.set_viewport_size({"width": VIEWPORT["width"], "height": max(VIEWPORT["height"], height)})
        try:
            page.wait_for_timeout(200)
            page.screenshot(path=str(path), full_page=True)
        finally:
            page.set_viewport_size(VIEWPORT)
        return path

    return take


GRID = '[data-testid="stDataFrame"]'
# [scrollWidth, clientWidth] of each data grid drawn under `root` (or `root` itself when it is one). st.dataframe draws
# on a canvas (glide-data-grid) whose scroller (.dvn-scroller) is as wide as the columns, so scrollWidth >
# clientWidth is exactly "a column lies past the grid's edge". A grid in a closed expander or tab is not drawn.
_GRID_WIDTHS = f"""root => (root.matches?.('{GRID}') ? [root] : [...root.querySelectorAll('{GRID}')])
  .map(d => d.querySelector('.dvn-scroller')).filter(s => s && s.clientWidth > 0)
  .map(s => [s.scrollWidth, s.clientWidth])"""


@pytest.fixture
def grid_widths():
    """grid_widths(page or locator) -> [[scrollWidth, clientWidth], ...] of every data grid drawn there."""

    def measure(where) -> list[list[int]]:
        if hasattr(where, "goto"):  # a Page: the whole document
            return where.evaluate(f"() => ({_GRID_WIDTHS})(document)")
        return where.evaluate(_GRID_WIDTHS)  # a Locator: its element

    return measure


@pytest.fixture
def server_workspace(request) -> Path:
    """The workspace the test server reads (tests/conftest.py SERVER_WORKSPACE), emptied before each test."""
    for plugin in request.config.pluginmanager.get_plugins():
        if isinstance(getattr(plugin, "SERVER_WORKSPACE", None), str):
            return Path(plugin.SERVER_WORKSPACE)
    pytest.fail("tests/conftest.py no longer names the server's workspace")
