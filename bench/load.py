"""N browser sessions at once against a real `streamlit run` on a saved 1M-line dataset (issue #12).

Example: python bench/load.py --sessions 20
         python bench/load.py --sessions 1 --workspace /tmp/ws      # reuse a workspace made before
         python bench/load.py --sessions 20 --sign-in                 # users load1..loadN, each signs in
         python bench/load.py --sessions 20 --sign-in --browsers 2 --think 1

Without --workspace it makes one: bench/make_orders.py writes a 1,000,000-line CSV and `python -m core import`
saves it as a dataset in a temporary workspace (KA_WORKSPACE of the server). Then it starts the app, and:

1. one session alone, twice (the first opens the dataset and fills the caches: "cold"; the second is the
   single session's time the goal compares with);
2. N sessions at once (playwright contexts spread round robin over --browsers headless chromium processes),
   each: open the app (with --sign-in: sign in as loadI and wait for the signed-in sidebar), wait for the
   weekly review's four views, pick a region in the sidebar filter (session i takes the i-th region, round
   robin) and wait for the four views again, then open the customer profile from the sidebar and wait for
   its chart; --think seconds of pause between steps, as a person reading, not counted in any step's time.
   Every session stays open until the last one is done.

It prints the sessions held (every step done, still connected and no error on screen at the end), p50/p95 of
each step, the errors (each naming the step its session was on: sign_in, open, filter, profile, hold), and
the server's peak memory (RSS of the server's process tree, sampled every 0.1 s). Goal (issue #12) on the
2-core box: 20 sessions, no error, p95 within 3x a single session's time, peak memory under 2 GB. Speed is
measured here, never asserted in tests.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

from serving import CHROMIUM, CHROMIUM_ARGS, free_port, tree_rss

REPO = Path(__file__).resolve().parents[1]
CHART = ".js-plotly-plot .main-svg"
EXCEPTION = '[data-testid="stException"]'
STATUS = '[data-testid="stStatusWidget"]'
SIGNED_IN = '[data-testid="stSidebar"] [data-testid="stCaptionContainer"]'
ALERT = '[data-testid="stMain"] [data-testid="stAlert"]'
STEP_TIMEOUT_MS = 180_000
SELECT_ALL = ("Select all", "全选")  # the multiselect's own first option, not a region
PASSWORD = "load-test-password"  # the load users' password, only with --sign-in
SHOTS: Path | None = None  # main() sets it beside the server log: a failed session's last screen


# ---- the data and the server ------------------------------------------------------------------------------


def make_workspace(lines: int) -> Path:
    """A temporary workspace holding one dataset of `lines` order lines, made by the project's own commands."""
    out = Path(tempfile.mkdtemp(prefix="ka-load-"))
    subprocess.run(
        [sys.executable, str(REPO / "bench" / "make_orders.py"), "--csv-lines", str(lines), "--xlsx-lines", "10"]
        + ["--out", str(out)],
        check=True,
        cwd=REPO,
    )
    csv = next(out.glob("orders_*.csv"))
    workspace = out / "workspace"
    subprocess.run(
        [sys.executable, "-m", "core", "import", str(csv), "--label", "load-test", "--workspace", str(workspace)],
        check=True,
        cwd=REPO,
    )
    csv.unlink()  # the dataset is saved as Parquet; the CSV is not needed any more
    return workspace


def add_users(workspace: Path, count: int) -> list[str]:
    """load1..loadN as viewers (needs `python -m core users`, from the sign-in work of issue #12)."""
    names = [f"load{i}" for i in range(1, count + 1)]
    for name in names:
        done = subprocess.run(
            [sys.executable, "-m", "core", "users", "add", name, "--role", "viewer", "--password-stdin"]
            + ["--workspace", str(workspace)],
            input=PASSWORD + "\n",
            text=True,
            capture_output=True,
            cwd=REPO,
        )
        if done.returncode != 0 and "exists" not in (done.stderr + done.stdout):
            sys.exit(f"--sign-in: could not add user {name} (is sign-in in this checkout?):\n{done.stderr}")
    return names


def start_server(workspace: Path, port: int, log: Path) -> subprocess.Popen:
    env = {**os.environ, "KA_WORKSPACE": str(workspace)}
    cmd = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true"]
    cmd += ["--server.address", "127.0.0.1", "--server.port", str(port), "--browser.gatherUsageStats", "false"]
    cmd += ["--client.toolbarMode", "viewer"]
    proc = subprocess.Popen(cmd, cwd=REPO, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            sys.exit(f"streamlit exited with {proc.returncode}:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as r:
                if r.read().decode().strip() == "ok":
                    return proc
        except OSError:
            time.sleep(0.3)
    proc.terminate()
    sys.exit("streamlit not healthy after 60 s")


class MemorySampler(threading.Thread):
    """The peak of tree_rss(pid), sampled every `every` seconds until stop()."""

    def __init__(self, pid: int, every: float = 0.1):
        super().__init__(daemon=True)
        self.pid, self.every, self.peak, self._halt = pid, every, 0, threading.Event()

    def run(self) -> None:
        while not self._halt.is_set():
            self.peak = max(self.peak, tree_rss(self.pid))
            self._halt.wait(self.every)

    def stop(self) -> int:
        self._halt.set()
        self.join()
        return self.peak


# ---- one browser session ----------------------------------------------------------------------------------


async def settled(page) -> None:
    """The script run is over: Streamlit's running indicator is gone."""
    await page.wait_for_timeout(150)  # a rerun shows the indicator a moment after the click
    await page.locator(STATUS).wait_for(state="hidden", timeout=STEP_TIMEOUT_MS)


async def four_views(page) -> None:
    await page.locator(CHART).nth(3).wait_for(state="visible", timeout=STEP_TIMEOUT_MS)
    await settled(page)


async def sign_in(page, user: str) -> None:
    """Fill the form and wait for the sidebar's 已登录 line; a refusal on the form (a wrong password, a locked
    name) fails the step at once with the form's words, not after the four views' timeout."""
    await page.locator("input[type=password]").wait_for(timeout=STEP_TIMEOUT_MS)
    await page.locator('[data-testid="stMain"] input[type=text]').first.fill(user)
    await page.locator("input[type=password]").fill(PASSWORD)
    await page.get_by_role("button", name="登录").or_(page.get_by_role("button", name="Sign in")).first.click()
    signed_in = page.locator(SIGNED_IN).filter(has_text=f"已登录：{user}（")
    await signed_in.or_(page.locator(ALERT)).first.wait_for(timeout=STEP_TIMEOUT_MS)
    if not await signed_in.count():
        raise RuntimeError("the sign-in form said: " + (await page.locator(ALERT).first.inner_text()).strip())


async def open_list(page, box):
    """Click the multiselect until its options show: a click that lands while a rerun redraws the sidebar
    focuses the box without opening the list (seen in a 3-session run), so one more click or ArrowDown."""
    options = page.get_by_role("option")
    deadline = time.monotonic() + STEP_TIMEOUT_MS / 1000
    while True:
        await box.locator("input").click()
        try:
            await options.first.wait_for(timeout=5_000)
            return options
        except Exception:
            if time.monotonic() > deadline:
                raise
            await page.keyboard.press("ArrowDown")
            try:
                await options.first.wait_for(timeout=2_000)
                return options
            except Exception:
                await page.keyboard.press("Escape")


async def one_session(
    browser, url: str, index: int, user: str | None, think: float, done: asyncio.Event, result: dict
) -> None:
    """Open the review, pick a region, open the profile; record each step's seconds, or the error and the
    step it happened on. `think` seconds between steps are not counted."""
    step, context, page = "start", None, None
    try:
        context = await browser.new_context(viewport={"width": 1600, "height": 1000})
        page = await context.new_page()
        start = time.perf_counter()
        step = "open"
        await page.goto(url, timeout=STEP_TIMEOUT_MS)
        if user:
            step = "sign_in"
            await sign_in(page, user)
            step = "open"
        await four_views(page)
        result["open"] = time.perf_counter() - start
        await asyncio.sleep(think)

        step = "filter (open the region list)"
        region_box = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').filter(has_text="区域")
        options = await open_list(page, region_box)
        names = [n.strip() for n in await options.all_inner_texts() if n.strip() not in SELECT_ALL]
        region = names[index % len(names)]
        start = time.perf_counter()
        await page.get_by_role("option", name=region, exact=True).click()
        await page.keyboard.press("Escape")
        step = f"filter (the window line to name {region})"
        await (
            page.locator('[data-testid="stMain"] [data-testid="stCaptionContainer"]')
            .filter(has_text=f"区域: {region}")
            .first.wait_for(timeout=STEP_TIMEOUT_MS)
        )
        step = "filter (four views again)"
        await four_views(page)
        result["filter"] = time.perf_counter() - start
        await asyncio.sleep(think)

        step = "profile"
        start = time.perf_counter()
        await page.locator('[data-testid="stSidebar"] a').filter(has_text="客户档案").click()
        await page.locator('[data-testid="stMain"] h1').filter(has_text="客户档案").wait_for(timeout=STEP_TIMEOUT_MS)
        await page.locator(CHART).first.wait_for(state="visible", timeout=STEP_TIMEOUT_MS)
        await settled(page)
        result["profile"] = time.perf_counter() - start
        step = "hold"
        result["finished_at"] = time.perf_counter()
        await done.wait()  # every session stays open until the last one is done
        # held: the profile still drawn (a lost connection greys the page out and Streamlit's reconnect
        # reruns it) and no exception on screen
        if await page.locator(EXCEPTION).count():
            result["error"] = "hold: an exception is on the page: " + (await page.locator(EXCEPTION).first.inner_text())
        elif not await page.locator(CHART).first.is_visible():
            result["error"] = "hold: the profile's chart is gone (connection lost?)"
        else:
            result["held"] = True
    except Exception as error:  # a timeout or a browser error: counted and shown, the others go on
        result["error"] = f"{step}: {type(error).__name__}: {str(error).splitlines()[0][:200]}"
        if page is not None and SHOTS is not None:  # what the session showed when it gave up
            try:
                shot = SHOTS / f"session{index}.png"
                await page.screenshot(path=str(shot))
                result["error"] += f" (screen: {shot})"
            except Exception:  # a closed page has nothing to show
                pass
    finally:
        if context is not None:
            await context.close()


async def run_sessions(
    url: str, count: int, users: list[str] | None, stagger: float, browsers: int = 1, think: float = 0
) -> list[dict]:
    """`count` sessions at once, session i in chromium process i % browsers; one result dict per session."""
    from playwright.async_api import async_playwright

    async with async_playwright() as p:
        launched = [
            await p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for _ in range(max(1, min(browsers, count)))
        ]
        done = asyncio.Event()
        results = [{"index": i} for i in range(count)]

        async def start(i: int) -> None:
            await asyncio.sleep(i * stagger)
            browser = launched[i % len(launched)]
            await one_session(browser, url, i, users[i] if users else None, think, done, results[i])

        tasks = [asyncio.create_task(start(i)) for i in range(count)]
        while not all(("finished_at" in r) or ("error" in r) for r in results):
            await asyncio.sleep(0.2)
        done.set()
        await asyncio.gather(*tasks)
        for browser in launched:
            await browser.close()
    return results


# ---- the report -------------------------------------------------------------------------------------------


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0-100) of a non-empty list."""
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(q / 100 * len(ordered) + 0.5) - 1))]


def summary(label: str, results: list[dict]) -> dict:
    line = {"label": label, "sessions": len(results), "held": sum(bool(r.get("held")) for r in results)}
    for step in ("open", "filter", "profile"):
        values = [r[step] for r in results if step in r]
        line[step] = (percentile(values, 50), percentile(values, 95)) if values else None
    line["errors"] = [f"session {r['index']}: {r['error']}" for r in results if "error" in r]
    # every session is either held or has an error: a count that does not add up is this script's bug
    assert line["held"] + len(line["errors"]) == len(results), results
    return line


def print_summary(line: dict) -> None:
    def pair(v):
        return "—" if v is None else f"{v[0]:6.2f} s / {v[1]:6.2f} s"

    print(f"\n{line['label']}: {line['sessions']} session(s), held {line['held']}, errors {len(line['errors'])}")
    print(f"  p50 / p95  open the weekly review (four views): {pair(line['open'])}")
    print(f"  p50 / p95  pick a region (four views again):    {pair(line['filter'])}")
    print(f"  p50 / p95  open the customer profile:           {pair(line['profile'])}")
    for error in line["errors"]:
        print("  error:", error)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=20, help="concurrent browser sessions (default 20)")
    parser.add_argument("--lines", type=int, default=1_000_000, help="order lines of the generated dataset")
    parser.add_argument("--workspace", type=Path, help="a workspace with a saved dataset (default: make one)")
    parser.add_argument("--port", type=int, default=0, help="the server's port (default: a free one)")
    parser.add_argument("--stagger", type=float, default=0.1, help="seconds between session starts (default 0.1)")
    parser.add_argument("--sign-in", action="store_true", help="add users load1..loadN and sign each session in")
    parser.add_argument(
        "--browsers", type=int, default=1, help="chromium processes the sessions are spread over (default 1)"
    )
    parser.add_argument(
        "--think", type=float, default=0, help="seconds each session pauses between steps, not timed (default 0)"
    )
    parser.add_argument("--keep", action="store_true", help="keep the generated workspace")
    args = parser.parse_args()

    made = args.workspace is None
    workspace = make_workspace(args.lines) if made else args.workspace
    users = add_users(workspace, max(args.sessions, 1)) if args.sign_in else None
    port = args.port or free_port()
    log = Path(tempfile.mkdtemp(prefix="ka-load-log-")) / "streamlit.log"
    global SHOTS
    SHOTS = log.parent
    server = start_server(workspace, port, log)
    url = f"http://127.0.0.1:{port}/"
    try:
        idle = tree_rss(server.pid)
        sampler = MemorySampler(server.pid)
        sampler.start()
        cold = summary("one session, cold (opens the dataset)", asyncio.run(run_sessions(url, 1, users, 0)))
        single = summary("one session, warm", asyncio.run(run_sessions(url, 1, users, 0)))
        after_single = tree_rss(server.pid)
        many = summary(
            f"{args.sessions} sessions at once ({args.browsers} chromium, think {args.think:g} s)"
            + (", signed in" if users else ""),
            asyncio.run(run_sessions(url, args.sessions, users, args.stagger, args.browsers, args.think)),
        )
        peak = sampler.stop()
        for line in (cold, single, many):
            print_summary(line)
        print(
            f"\nserver memory (process tree RSS): idle {idle / 2**20:,.0f} MB, after one session "
            f"{after_single / 2**20:,.0f} MB, peak {peak / 2**20:,.0f} MB (goal < 2,048 MB)"
        )
        if single["open"] and many["open"]:
            print(
                f"p95 open, {args.sessions} sessions / one warm session: {many['open'][1] / single['open'][1]:.2f}x (goal <= 3x)"
            )
        print(f"load average (1, 5, 15 min): {', '.join(f'{v:.2f}' for v in os.getloadavg())}; cores: {os.cpu_count()}")
        print(f"server log: {log}")
    finally:
        server.terminate()
        server.wait(timeout=30)
        if made and not args.keep:
            shutil.rmtree(workspace.parent, ignore_errors=True)
    return 0 if not many["errors"] and many["held"] == args.sessions else 1


if __name__ == "__main__":
    raise SystemExit(main())
