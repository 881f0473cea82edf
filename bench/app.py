"""Time the app as a user clicks it, against `python -m core report` on the same file in the same run (issue #13).

Example: python bench/app.py                                   # bench/out/orders_1m.csv and export_1m.csv
         python bench/app.py --file bench/out/orders_1m.csv --port 8614

For each file: the CLI report (best of --repeat fresh subprocesses, as bench/run.py times it), then a real
`streamlit run app.py` with an empty temporary workspace (KA_WORKSPACE) driven by headless chromium through
playwright, as a user clicks: the sidebar uploader -> the mapping screen -> "confirm" -> the loaded report ->
the overview's four views drawn; one global filter (the first value of the first sidebar multiselect) ->
the views redrawn; the page's link pasted into a new browser context (a new session: the saved dataset) ->
the four views. Each step's best of --app-repeat runs (each on a fresh server and empty workspace, as the CLI's
figure is its best of --repeat) is printed in seconds and as a ratio of the CLI report; the server's peak resident
memory (the process tree, sampled from /proc every 50 ms) and the load average are printed beside them.
Goals: upload to the four views <= 2x the CLI, a filter change <= 0.4x, a pasted link <= 1x, memory <= 1.0 GB.
Beside the pasted link, the browser's floor: a new browser drawing bench/floor_app.py, a page with the weekly
review's elements (the sidebar's links and filters, five metrics, four plotly charts, three tables) and no data
work, on a server of its own.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import Page, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from serving import CHROMIUM, CHROMIUM_ARGS, free_port, tree_rss

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "out"
FILES = [OUT / "orders_1m.csv", OUT / "export_1m.csv"]
GOALS = {"upload_to_views": 2.0, "filter_change": 0.4, "pasted_link": 1.0}
MEMORY_GOAL_MB = 1000
SHOTS = Path("/tmp/shots/appspeed")
TIMEOUT_MS = int(os.environ.get("KA_BENCH_TIMEOUT_MS", "300000"))
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
DRAWN = '[data-testid="stMain"] .js-plotly-plot .main-svg'


def cli_seconds(path: Path, repeat: int) -> float:
    """Best wall-clock seconds of `python -m core report FILE --json OUT`, each a fresh subprocess."""
    best = float("inf")
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(repeat):
            started = time.perf_counter()
            done = subprocess.run(
                [sys.executable, "-m", "core", "report", str(path), "--json", os.path.join(tmp, "r.json")],
                cwd=ROOT,
                capture_output=True,
                text=True,
            )
            elapsed = time.perf_counter() - started
            if done.returncode != 0:
                sys.exit(f"the CLI report failed on {path}:\n{done.stderr}")
            best = min(best, elapsed)
    return best


class Server:
    """`streamlit run app.py` on `port` with an empty workspace; its peak memory sampled while it runs."""

    def __init__(self, port: int, script: str = "app.py") -> None:
        self.port, self.url = port, f"http://127.0.0.1:{port}"
        self.workspace = tempfile.TemporaryDirectory(prefix="ka-bench-ws-")
        self.log = tempfile.NamedTemporaryFile(prefix="ka-bench-streamlit-", suffix=".log", delete=False)  # noqa: SIM115
        env = {**os.environ, "KA_WORKSPACE": self.workspace.name}
        command = [sys.executable, "-m", "streamlit", "run", script, "--server.headless", "true"]
        command += ["--server.address", "127.0.0.1", "--server.port", str(port), "--browser.gatherUsageStats", "false"]
        self.proc = subprocess.Popen(command, cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT)
        self.peak_kb, self._stop = 0, threading.Event()
        self.step_peaks_kb: dict[str, int] = {}
        self._step_peak_kb = 0
        self._sampler = threading.Thread(target=self._sample, daemon=True)
        self._sampler.start()
        deadline = time.monotonic() + 120
        while True:
            if self.proc.poll() is not None:
                sys.exit(f"streamlit exited:\n{Path(self.log.name).read_text()}")
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as answer:
                    if answer.read().decode().strip() == "ok":
                        return
            except OSError:
                pass
            if time.monotonic() > deadline:
                sys.exit("streamlit was not healthy after 120 s")
            time.sleep(0.2)

    def _sample(self) -> None:
        while not self._stop.wait(0.05):
            now = tree_rss(self.proc.pid) // 1024  # kB
            self.peak_kb, self._step_peak_kb = max(self.peak_kb, now), max(self._step_peak_kb, now)

    def step_done(self, step: str) -> None:
        """The peak since the previous step, under this step's name."""
        self.step_peaks_kb[step], self._step_peak_kb = self._step_peak_kb, 0

    def stop(self) -> None:
        self._stop.set()
        self.proc.terminate()
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.workspace.cleanup()
        os.unlink(self.log.name)


def _four_views(page: Page) -> None:
    """Until the script has finished its run and the overview's four plotly charts are drawn."""
    page.wait_for_function(
        f"() => document.querySelector('{IDLE}') && document.querySelectorAll('{DRAWN}').length >= 4",
        timeout=TIMEOUT_MS,
        polling=50,
    )


def _idle(page: Page) -> None:
    page.wait_for_selector(IDLE, timeout=TIMEOUT_MS, state="attached")


def _open_first_multiselect(page: Page, option) -> None:
    """Open the first sidebar multiselect (a region) until its options show. At the sidebar's foot, on a busy
    box, a click sometimes only focused it (two runs of five): scrolled into view and clicked again, then the
    arrow key. Not timed: the step starts when the option is clicked."""
    select = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').first
    for attempt in range(5):
        select.scroll_into_view_if_needed()
        select.click()
        if attempt:
            page.keyboard.press("ArrowDown")
        try:
            option.wait_for(timeout=10_000)
            return
        except PlaywrightTimeout:
            page.keyboard.press("Escape")
    option.wait_for(timeout=TIMEOUT_MS)


def _first_metric(page: Page) -> str:
    return page.locator('[data-testid="stMain"] [data-testid="stMetricValue"]').first.inner_text()


def run_app(server: Server, path: Path) -> dict[str, float]:
    """The user's clicks, timed (seconds)."""
    times: dict[str, float] = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(viewport={"width": 1600, "height": 1000})
            page = context.new_page()
            page.goto(server.url, timeout=TIMEOUT_MS)
            _four_views(page)  # the sample overview: the app is ready for the user
            server.step_done("sample")
            started = time.perf_counter()
            page.locator('[data-testid="stSidebar"] input[type=file]').set_input_files(str(path))
            load = page.get_by_role("button", name="确认映射并导入")
            load.wait_for(timeout=TIMEOUT_MS)
            page.wait_for_function(
                "() => [...document.querySelectorAll('button')].some(b => b.innerText.includes('确认映射并导入') "
                "&& !b.disabled)",
                timeout=TIMEOUT_MS,
            )
            _idle(page)
            times["to_mapping"] = time.perf_counter() - started
            server.step_done("to_mapping")
            started = time.perf_counter()
            load.click()
            page.locator('[data-testid="stMetric"]').filter(has_text="读取行数").wait_for(timeout=TIMEOUT_MS)
            _idle(page)
            times["to_report"] = time.perf_counter() - started
            server.step_done("to_report")
            started = time.perf_counter()
            page.locator('[data-testid="stMain"] a').filter(has_text="查看概览").click()
            _four_views(page)
            times["to_views"] = time.perf_counter() - started
            server.step_done("to_views")
            times["upload_to_views"] = times["to_mapping"] + times["to_report"] + times["to_views"]
            before = _first_metric(page)
            # Streamlit 1.67 lists "Select all" first: the first value is the one after it
            option = page.locator('[role="option"]').filter(has_not_text="Select all").first
            _open_first_multiselect(page, option)
            started = time.perf_counter()
            option.click()
            page.wait_for_function(
                '(before) => { const m = document.querySelector(\'[data-testid="stMain"] '
                '[data-testid="stMetricValue"]\'); return m && m.innerText !== before; }',
                arg=before,
                timeout=TIMEOUT_MS,
                polling=20,
            )
            _four_views(page)
            times["filter_change"] = time.perf_counter() - started
            server.step_done("filter_change")
            page.keyboard.press("Escape")
            link = page.url
            fresh = browser.new_context(viewport={"width": 1600, "height": 1000}).new_page()
            started = time.perf_counter()
            fresh.goto(link, timeout=TIMEOUT_MS)
            _four_views(fresh)
            times["pasted_link"] = time.perf_counter() - started
            server.step_done("pasted_link")
            if (
                fresh.locator('[data-testid="stException"]').count()
                or page.locator('[data-testid="stException"]').count()
            ):
                sys.exit("the app showed an exception")
        except Exception:
            SHOTS.mkdir(parents=True, exist_ok=True)
            for i, open_page in enumerate(p for c in browser.contexts for p in c.pages):
                open_page.screenshot(path=str(SHOTS / f"failed_{i}.png"), full_page=True)
            print(f"stopped after {times}; screenshots in {SHOTS}", file=sys.stderr)
            raise
        finally:
            browser.close()
    return times


def browser_floor(port: int) -> float:
    """Seconds for a new browser to draw bench/floor_app.py (the weekly review's elements, no data work):
    what the pasted link costs before any of the app's own work. The server's first session opens it once
    first, as the app's server had served the upload session before its pasted link."""
    server = Server(port, script=str(HERE / "floor_app.py"))
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                for _ in range(2):  # the first warms the server; the second is the figure
                    page = browser.new_context(viewport={"width": 1600, "height": 1000}).new_page()
                    started = time.perf_counter()
                    page.goto(server.url, timeout=TIMEOUT_MS)
                    _four_views(page)
                    seconds = time.perf_counter() - started
                    page.context.close()
            finally:
                browser.close()
    finally:
        server.stop()
    return seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--file", action="append", type=Path, help="a CSV to upload (default: both bench files)")
    parser.add_argument("--repeat", type=int, default=2, help="CLI runs per file (best counts)")
    parser.add_argument(
        "--app-repeat", type=int, default=2, help="app runs per file, each on a fresh server (each step's best counts)"
    )
    parser.add_argument("--port", type=int, default=0, help="the streamlit server's port (default: a free one)")
    args = parser.parse_args()
    files = args.file or FILES
    if not args.file:
        if not FILES[0].exists():
            subprocess.run([sys.executable, str(HERE / "make_orders.py")], check=True)
        if not FILES[1].exists():
            subprocess.run([sys.executable, str(HERE / "make_export.py")], check=True)
    failed = False
    for path in files:
        load_before = os.getloadavg()
        cli = cli_seconds(path, args.repeat)
        runs, peaks = [], []
        for _ in range(args.app_repeat):  # each a fresh server on an empty workspace, as the first
            server = Server(args.port or free_port())
            try:
                runs.append(run_app(server, path))
            finally:
                server.stop()
            peaks.append((server.peak_kb, server.step_peaks_kb))
        # each step's best, as the CLI's figure is its best run; memory the highest any run reached
        times = {step: min(run[step] for run in runs) for step in runs[0]}
        peak_kb, step_peaks_kb = max(peaks, key=lambda p: p[0])
        load_after = os.getloadavg()
        print(
            f"{path.name}: CLI report {cli:.2f} s (best of {args.repeat}); the app's steps best of {args.app_repeat}",
            flush=True,
        )
        for step in ("to_mapping", "to_report", "to_views"):
            print(f"    {step:16s} {times[step]:6.2f} s  {times[step] / cli:5.2f}x")
        for step, goal in GOALS.items():
            ratio = times[step] / cli
            met = ratio <= goal
            failed |= not met
            print(
                f"    {step:16s} {times[step]:6.2f} s  {ratio:5.2f}x  (goal <= {goal}x: {'met' if met else 'NOT met'})"
            )
        floor = min(browser_floor(args.port or free_port()) for _ in range(args.app_repeat))
        print(
            f"    browser floor    {floor:6.2f} s  {floor / cli:5.2f}x  (a new browser drawing the review's elements "
            f"with no data work: bench/floor_app.py); pasted link above it {times['pasted_link'] - floor:.2f} s"
        )
        steps = ", ".join(f"{step} {kb / 1024:,.0f}" for step, kb in step_peaks_kb.items())
        print(f"    server peak memory by step (MB): {steps}")
        peak_mb = peak_kb / 1024
        failed |= peak_mb > MEMORY_GOAL_MB
        print(
            f"    server peak memory {peak_mb:,.0f} MB (goal <= {MEMORY_GOAL_MB} MB: "
            f"{'met' if peak_mb <= MEMORY_GOAL_MB else 'NOT met'}); load average "
            f"{load_before[0]:.1f} before, {load_after[0]:.1f} after",
            flush=True,
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
