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
OPEN_TRIES, OPEN_WAIT_MS = 3, 10_000  # clicks on the region filter, and how long each waits for its list
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
        if done.returncode != 0 and "exists" in (done.stderr + done.stdout):
            # a workspace made before: a new hash, made as today's code makes it (the hash settings may
            # have changed since; an old hash would be replaced during the run, on its first sign-in)
            done = subprocess.run(
                [sys.executable, "-m", "core", "users", "reset-password", name, "--password-stdin"]
                + ["--workspace", str(workspace)],
                input=PASSWORD + "\n",
                text=True,
                capture_output=True,
                cwd=REPO,
            )
        if done.returncode != 0:
            sys.exit(f"--sign-in: could not add user {name} (is sign-in in this checkout?):\n{done.stderr}")
    return names


def start_server(workspace: Path, port: int, log: Path, runs_log: Path, options: list[str]) -> subprocess.Popen:
    """`streamlit run app.py` through bench/load_server.py, which logs every script run to `runs_log`;
    `options` are config options as KEY=VALUE (runner.postScriptGC=false), given on the command line."""
    env = {**os.environ, "KA_WORKSPACE": str(workspace), "KA_LOAD_RUNS": str(runs_log)}
    cmd = [sys.executable, str(REPO / "bench" / "load_server.py"), "run", "app.py", "--server.headless", "true"]
    cmd += ["--server.address", "127.0.0.1", "--server.port", str(port), "--browser.gatherUsageStats", "false"]
    cmd += ["--client.toolbarMode", "viewer"]
    for option in options:
        key, _, value = option.partition("=")
        cmd += [f"--{key}", value]
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


CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def _children(pid: int) -> list[int]:
    kids: list[int] = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        kids += [int(c) for c in (task / "children").read_text().split()]
    return kids


def _tree(pid: int, skip: int | None = None) -> list[int]:
    """`pid` and its descendants, leaving out `skip` and its own."""
    found, todo = [], [pid]
    while todo:
        p = todo.pop()
        if p == skip:
            continue
        try:
            todo += _children(p)
        except OSError:  # gone meanwhile
            continue
        found.append(p)
    return found


def _cpu(pid: int) -> tuple[tuple[int, int], float] | None:
    """((pid, start tick), user+sys seconds of the process's own threads) from /proc/PID/stat, or None if gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    except OSError:
        return None
    # after the command's ")": field 3 (state) is [0], so utime (14) is [11], stime (15) [12], starttime (22) [19]
    return (pid, int(fields[19])), (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


def _machine_busy() -> float:
    """CPU seconds the whole machine has been busy since boot (every core: user, nice, system, irq, steal)."""
    user, nice, system, _idle, _iowait, irq, softirq, steal = map(int, Path("/proc/stat").read_text().split()[1:9])
    return (user + nice + system + irq + softirq + steal) / CLOCK_TICKS


class Sampler(threading.Thread):
    """What the server and the browsers use while the sessions run, sampled from /proc until stop().

    Every `every` s the resident memory of the server's process tree (its peak is kept), and every
    `cpu_every` s the CPU seconds (user + sys) of every process in two trees: the server's, and the
    browsers' (this process's other descendants: playwright's driver, chromium and its renderers, which
    come and go with each phase). Each process's last seen figure is kept after it ends, so a phase's
    CPU is the difference of two totals(); a process's last < cpu_every s before it ends is not counted.
    """

    def __init__(self, server_pid: int, every: float = 0.1, cpu_every: float = 0.5):
        super().__init__(daemon=True)
        self.server_pid, self.every, self.cpu_every = server_pid, every, cpu_every
        self.peak, self._halt, self._lock = 0, threading.Event(), threading.Lock()
        self._seen: dict[str, dict[tuple[int, int], float]] = {"server": {}, "browsers": {}}

    def _sample_cpu(self) -> None:
        trees = {"server": _tree(self.server_pid), "browsers": _tree(os.getpid(), skip=self.server_pid)}
        trees["browsers"].remove(os.getpid())  # this process is counted apart, from process_time()
        with self._lock:
            for name, pids in trees.items():
                for key, seconds in filter(None, map(_cpu, pids)):
                    self._seen[name][key] = seconds

    def run(self) -> None:
        next_cpu = 0.0
        while not self._halt.is_set():
            self.peak = max(self.peak, tree_rss(self.server_pid))
            if time.monotonic() >= next_cpu:
                self._sample_cpu()
                next_cpu = time.monotonic() + self.cpu_every
            self._halt.wait(self.every)

    def totals(self) -> dict[str, float]:
        """CPU seconds so far of the server's tree, the browsers', this process, the machine; and a clock."""
        self._sample_cpu()
        with self._lock:
            out = {name: sum(seen.values()) for name, seen in self._seen.items()}
        return {**out, "bench": time.process_time(), "machine": _machine_busy(), "wall": time.monotonic()}

    def stop(self) -> int:
        self._halt.set()
        self.join()
        return self.peak


def script_runs(runs_log: Path, since: float, until: float) -> dict[str, list[tuple[float, float, float, str]]]:
    """The server's script runs and forced collections that started between two time.time() moments, by
    kind ("run", "gc"): (start, wall, cpu, session or thread), as bench/load_server.py logged them."""
    found: dict[str, list] = {"run": [], "gc": []}
    for line in runs_log.read_text(encoding="ascii").splitlines():
        kind, start, wall, cpu, who = line.split("\t")
        if since <= float(start) < until:
            found[kind].append((float(start), float(wall), float(cpu), who))
    return found


# ---- one browser session ----------------------------------------------------------------------------------


async def settled(page) -> None:
    """The script run is over: Streamlit's running indicator is gone."""
    await page.wait_for_timeout(150)  # a rerun shows the indicator a moment after the click
    await page.locator(STATUS).wait_for(state="hidden", timeout=STEP_TIMEOUT_MS)


async def four_views(page) -> None:
    await page.locator(CHART).nth(3).wait_for(state="visible", timeout=STEP_TIMEOUT_MS)
    await settled(page)


class BenchError(Exception):
    """A step the load test could not take, in words (not a Python error from the bench's own code)."""


async def region_options(page) -> list[str]:
    """Open the sidebar's region filter and read its regions (its own "Select all" left out).

    The filter is scrolled into view first and the click tried again when no list opens: with sign-in on,
    the account line and the sign-out button push the filters below a 1000-px window, and a click that
    has to scroll the sidebar first focused the box without opening its list (the lead's --sign-in run
    timed out here, or read the list while it closed and found no region).
    """
    box = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').filter(has_text="区域")
    from playwright.async_api import TimeoutError as PlaywrightTimeout

    options = page.get_by_role("option")
    for _ in range(OPEN_TRIES):
        await box.scroll_into_view_if_needed(timeout=STEP_TIMEOUT_MS)
        await box.locator("input").click(timeout=STEP_TIMEOUT_MS)
        try:
            await options.first.wait_for(timeout=OPEN_WAIT_MS)
        except PlaywrightTimeout:
            await page.keyboard.press("Escape")  # close whatever half-opened; try again
            continue
        texts = [n.strip() for n in await options.all_inner_texts()]
        names = [n for n in texts if n and n not in SELECT_ALL]
        if names:
            return names
        await page.keyboard.press("Escape")
    raise BenchError(f"the region filter offered no region after {OPEN_TRIES} clicks")


async def sign_in(page, user: str) -> None:
    """Fill the form and wait for the sidebar's 已登录 line; a refusal on the form (a wrong password, a locked
    name) fails the step at once with the form's words, not after the four views' timeout."""
    await page.locator("input[type=password]").wait_for(timeout=STEP_TIMEOUT_MS)
    await page.locator('[data-testid="stMain"] input[type=text]').first.fill(user)
    await page.locator("input[type=password]").fill(PASSWORD)
    sign_in_button = page.get_by_role("button", name="登录", exact=True)  # not 退出登录 (sign out)
    await sign_in_button.or_(page.get_by_role("button", name="Sign in", exact=True)).first.click()
    signed_in = page.locator(SIGNED_IN).filter(has_text=f"已登录：{user}（")
    await signed_in.or_(page.locator(ALERT)).first.wait_for(timeout=STEP_TIMEOUT_MS)
    if not await signed_in.count():
        raise BenchError("the sign-in form said: " + (await page.locator(ALERT).first.inner_text()).strip())


async def one_session(
    browser, url: str, index: int, user: str | None, think: float, done: asyncio.Event, result: dict, clock=None
) -> None:
    """Open the review, pick a region, open the profile; record each step's seconds, or the error and the step
    it happened on; `think` seconds between steps are not counted. With a `clock` (Sampler.totals, for a
    session alone) the CPU totals before and after each step."""

    def tick(step: str, end: int) -> None:
        if clock is not None:
            result.setdefault("cpu_steps", {}).setdefault(step, [None, None])[end] = clock()

    step, context, page = "start", None, None
    try:
        context = await browser.new_context(viewport={"width": 1600, "height": 1000})
        page = await context.new_page()
        tick("open", 0)
        start = time.perf_counter()
        step = "open"
        await page.goto(url, timeout=STEP_TIMEOUT_MS)
        if user:
            step = "sign_in"
            await sign_in(page, user)
            step = "open"
        await four_views(page)
        result["open"] = time.perf_counter() - start
        tick("open", 1)
        await asyncio.sleep(think)

        step = "filter (open the region list)"
        names = await region_options(page)
        region = names[index % len(names)]
        tick("filter", 0)
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
        tick("filter", 1)
        await asyncio.sleep(think)

        step = "profile"
        tick("profile", 0)
        start = time.perf_counter()
        await page.locator('[data-testid="stSidebar"] a').filter(has_text="客户档案").click()
        await page.locator('[data-testid="stMain"] h1').filter(has_text="客户档案").wait_for(timeout=STEP_TIMEOUT_MS)
        await page.locator(CHART).first.wait_for(state="visible", timeout=STEP_TIMEOUT_MS)
        await settled(page)
        result["profile"] = time.perf_counter() - start
        tick("profile", 1)
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
    except BenchError as error:
        result["error"] = f"{step}: {error}"
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
    url: str, count: int, users: list[str] | None, stagger: float, clock=None, browsers: int = 1, think: float = 0
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
            await one_session(browser, url, i, users[i] if users else None, think, done, results[i], clock)

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


def run_phase(
    label: str,
    url: str,
    count: int,
    users,
    stagger: float,
    sampler: Sampler,
    runs_log: Path,
    browsers: int = 1,
    think: float = 0,
) -> dict:
    """One phase's sessions, with the CPU each side used and the server's script runs meanwhile."""
    before, since = sampler.totals(), time.time()
    clock = sampler.totals if count == 1 else None  # CPU by step: only meaningful for a session alone
    results = asyncio.run(run_sessions(url, count, users, stagger, clock, browsers, think))
    line = summary(label, results)
    line["cpu_steps"] = {
        step: {k: end[k] - begin[k] for k in begin}
        for step, (begin, end) in results[0].get("cpu_steps", {}).items()
        if begin and end
    }
    after, until = sampler.totals(), time.time()
    line["cpu"] = {k: after[k] - before[k] for k in after}
    line["runs"] = script_runs(runs_log, since, until)
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
    cpu, runs = line["cpu"], line["runs"]
    capacity = cpu["wall"] * (os.cpu_count() or 1)
    others = cpu["machine"] - cpu["server"] - cpu["browsers"] - cpu["bench"]
    print(
        f"  CPU s over {cpu['wall']:.1f} s ({capacity:.0f} CPU-s on {os.cpu_count()} cores): "
        f"server {cpu['server']:.1f}, browsers {cpu['browsers']:.1f}, this script {cpu['bench']:.1f}, "
        f"other processes {max(others, 0):.1f}; machine busy {cpu['machine']:.1f}"
    )
    if line["cpu_steps"]:
        print(
            "  CPU s by step, server / browsers: "
            + ", ".join(f"{step} {c['server']:.1f} / {c['browsers']:.1f}" for step, c in line["cpu_steps"].items())
        )
    if runs["run"]:
        walls, cpus = [r[1] for r in runs["run"]], [r[2] for r in runs["run"]]
        print(
            f"  server script runs: {len(walls)} in {len({r[3] for r in runs['run']})} session(s); "
            f"wall p50 / p95 / max {percentile(walls, 50):.2f} / {percentile(walls, 95):.2f} / {max(walls):.2f} s; "
            f"script threads' CPU {sum(cpus):.1f} s ({sum(cpus) / len(walls):.2f} s a run)"
        )
    if runs["gc"]:
        walls, cpus = [r[1] for r in runs["gc"]], [r[2] for r in runs["gc"]]
        print(
            f"  forced collections after runs (GIL held): {len(walls)}, wall {sum(walls):.1f} s in all "
            f"(p50 {percentile(walls, 50):.2f}, max {max(walls):.2f} s), CPU {sum(cpus):.1f} s"
        )


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
    parser.add_argument(
        "--server-option",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="a Streamlit config option for the server, e.g. runner.postScriptGC=false (repeatable)",
    )
    args = parser.parse_args()

    made = args.workspace is None
    workspace = make_workspace(args.lines) if made else args.workspace
    users = add_users(workspace, max(args.sessions, 1)) if args.sign_in else None
    port = args.port or free_port()
    logs = Path(tempfile.mkdtemp(prefix="ka-load-log-"))
    log, runs_log = logs / "streamlit.log", logs / "script_runs.tsv"
    global SHOTS
    SHOTS = logs
    server = start_server(workspace, port, log, runs_log, args.server_option)
    url = f"http://127.0.0.1:{port}/"
    try:
        idle = tree_rss(server.pid)
        sampler = Sampler(server.pid)
        sampler.start()
        cold = run_phase("one session, cold (opens the dataset)", url, 1, users, 0, sampler, runs_log)
        single = run_phase("one session, warm", url, 1, users, 0, sampler, runs_log)
        after_single = tree_rss(server.pid)
        many = run_phase(
            f"{args.sessions} sessions at once ({args.browsers} chromium, think {args.think:g} s)"
            + (", signed in" if users else ""),
            url,
            args.sessions,
            users,
            args.stagger,
            sampler,
            runs_log,
            browsers=args.browsers,
            think=args.think,
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
        print("server options:", " ".join(args.server_option) or "none beyond .streamlit/config.toml")
        print(f"server log: {log}; script runs: {runs_log}")
    finally:
        server.terminate()
        server.wait(timeout=30)
        if made and not args.keep:
            shutil.rmtree(workspace.parent, ignore_errors=True)
    return 0 if not many["errors"] and many["held"] == args.sessions else 1


if __name__ == "__main__":
    raise SystemExit(main())
