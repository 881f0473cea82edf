"""`python -m core report` against the pandas script at 1M, 10M and (opt-in) 50M lines, in two shapes of export.

Example: python bench/scale.py                      # 1M and 10M (both shapes), 100k xlsx (both shapes)
         python bench/scale.py --only 1m --repeat 3
         python bench/scale.py --only 50m --memory-limit 8GB   # once: ~5 GB of CSV, minutes

Each command is a fresh subprocess; its wall time, CPU time (user + system) and peak resident memory come
from os.wait4, and the box's load average is read before and after (other jobs share the 2 cores: the CPU
time moves much less with them than the wall time). The figure of a case is its best wall time of --repeat
runs, the core and pandas taking turns. The core runs with the ingest limits raised (KA_LIMIT_*: the app's
limits refuse a file past 2,000,000 rows) and DuckDB's memory limit given by --memory-limit when set. The
core's JSON is then checked against the pandas script's on every customer (pandas_baseline.check).
Files are made under --data (default /tmp/ka-scale) by make_scale.py / make_orders.py when missing; the chart
(time against lines) is written to bench/scale.svg.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import make_scale  # noqa: E402
import pandas_baseline  # noqa: E402

# name: (file, shape, kind, lines, goal on the time ratio, goal on the memory ratio)
CASES = {
    "1m": [("bench_1m.csv", "bench", 1_000_000, 0.8, None), ("erp_1m.csv", "erp", 1_000_000, 0.8, None)],
    "10m": [("bench_10m.csv", "bench", 10_000_000, 0.35, 0.6), ("erp_10m.csv", "erp", 10_000_000, 0.35, 0.6)],
    "50m": [("bench_50m.csv", "bench", 50_000_000, None, None)],
    "xlsx": [("bench_100k.xlsx", "bench", 100_000, 0.2, None), ("erp_100k.xlsx", "erp", 100_000, 0.2, None)],
}
DEFAULT = ("1m", "10m", "xlsx")
RAISED_LIMITS = {
    "KA_LIMIT_ROWS": "100000000",
    "KA_LIMIT_UPLOAD_BYTES": str(64 * 1024**3),
    "KA_LIMIT_CELLS": str(10**10),
    "KA_LIMIT_PARSE_SECONDS": "100000",
}


def measure(command: list[str], env: dict, watch: str | None = None) -> dict:
    """wall, cpu (user + system) seconds, peak_mb (the child's peak resident set), load before/after; and
    the largest size of the folder `watch` (DuckDB's spill) seen while it ran."""
    load_before = os.getloadavg()[0]
    spill = {"mb": 0.0}
    started = time.perf_counter()
    child = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    done = threading.Event()

    def watcher() -> None:
        while not done.wait(1.0):
            if watch and os.path.isdir(watch):
                size = sum(os.path.getsize(os.path.join(d, f)) for d, _, files in os.walk(watch) for f in files if f)
                spill["mb"] = max(spill["mb"], size / 1e6)

    thread = threading.Thread(target=watcher, daemon=True)
    thread.start()
    err = child.stderr.read()
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - started
    done.set()
    thread.join()
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"failed: {' '.join(command)}\n{err.decode(errors='replace')}")
    return {
        "wall": wall,
        "cpu": usage.ru_utime + usage.ru_stime,
        "peak_mb": usage.ru_maxrss / 1024,
        "load": (load_before, os.getloadavg()[0]),
        "spill_mb": spill["mb"],
    }


def ensure(data: str, name: str, shape: str, lines: int) -> str:
    path = os.path.join(data, name)
    if os.path.exists(path):
        return path
    os.makedirs(data, exist_ok=True)
    if name.endswith(".xlsx"):
        write_xlsx(path, shape, lines)
    else:
        subprocess.run(
            [
                sys.executable,
                os.path.join(HERE, "make_scale.py"),
                "--lines",
                str(lines),
                "--shape",
                shape,
                "--out",
                data,
            ],
            check=True,
        )
    return path


def write_xlsx(path: str, shape: str, lines: int) -> None:
    """A workbook of one sheet in `shape`: real dates and numbers stored as numbers (openpyxl write-only)."""
    import datetime as dt

    import numpy as np
    from openpyxl import Workbook

    customers = make_scale.Customers(make_scale.SHAPES[shape]["customers"])
    columns, _ = make_scale.chunk(customers, lines, 100001, 0)
    frame = make_scale.frame(shape, customers, columns, np.random.default_rng([7, 0]))
    date_header = make_scale.SHAPES[shape]["baseline"]["order_date"]
    order = np.random.default_rng([7, 0]).permutation(lines) if shape == "erp" else np.arange(lines)
    dates = (columns["date"][order] if shape == "erp" else columns["date"]).astype(dt.date).tolist()
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Sheet1")
    ws.append(list(frame.columns))
    cols = [dates if h == date_header else frame[h].tolist() for h in frame.columns]
    for row in zip(*cols):
        ws.append(row)
    wb.save(path)


def pandas_command(path: str, shape: str, out: str) -> list[str]:
    flags = [f"--column={field}={header}" for field, header in make_scale.SHAPES[shape]["baseline"].items()]
    return [sys.executable, os.path.join(HERE, "pandas_baseline.py"), path, "--json", out, *flags]


def run_case(data: str, case: tuple, repeat: int, env: dict, with_pandas: bool) -> dict:
    name, shape, lines, goal_time, goal_memory = case
    path = ensure(data, name, shape, lines)
    core_json = os.path.join(data, f"core_{name}.json")
    pandas_json = os.path.join(data, f"pandas_{name}.json")
    core_cmd = [sys.executable, "-m", "core", "report", path, "--json", core_json]
    spill = env.get("KA_DUCKDB_TEMP_DIRECTORY")
    best: dict = {}
    for _ in range(repeat):
        runs = {"core": measure(core_cmd, env, spill)}
        if with_pandas:
            runs["pandas"] = measure(pandas_command(path, shape, pandas_json), env)
        for who, got in runs.items():
            if who not in best or got["wall"] < best[who]["wall"]:
                best[who] = got
    result = {"file": name, "lines": lines, "size_mb": os.path.getsize(path) / 1e6, **best}
    if with_pandas:
        with open(core_json, encoding="utf-8") as fh, open(pandas_json, encoding="utf-8") as gh:
            problems = pandas_baseline.check(json.load(gh), json.load(fh))
        result["agree"] = not problems
        result["problems"] = problems[:5]
        result["time_ratio"] = best["core"]["wall"] / best["pandas"]["wall"]
        result["cpu_ratio"] = best["core"]["cpu"] / best["pandas"]["cpu"]
        result["memory_ratio"] = best["core"]["peak_mb"] / best["pandas"]["peak_mb"]
    result["goal_time"], result["goal_memory"] = goal_time, goal_memory
    return result


def line(r: dict) -> str:
    core = r["core"]
    text = (
        f"{r['file']} ({r['lines']:,} lines, {r['size_mb']:,.0f} MB): core {core['wall']:.2f} s wall, "
        f"{core['cpu']:.2f} CPU-s, {core['peak_mb']:,.0f} MB peak"
    )
    if core["spill_mb"]:
        text += f", {core['spill_mb']:,.0f} MB spilled"
    if "pandas" in r:
        p = r["pandas"]
        text += (
            f" | pandas {p['wall']:.2f} s, {p['cpu']:.2f} CPU-s, {p['peak_mb']:,.0f} MB"
            f" | ratio {r['time_ratio']:.2f}x time (goal {r['goal_time']}), {r['cpu_ratio']:.2f}x CPU, "
            f"{r['memory_ratio']:.2f}x memory (goal {r['goal_memory']}) | {'AGREE' if r['agree'] else 'DIFFER'}"
        )
    load = core["load"]
    return text + f" | load {load[0]:.1f} -> {load[1]:.1f}"


def chart(results: list[dict], path: str) -> None:
    """Seconds against lines (the bench-shaped CSVs): wall time (solid) and CPU time (dashed) of the core and of
    pandas, as a plain SVG (no plotting library is installed beside the app's plotly, and kaleido is not)."""
    csv = [r for r in results if r["file"].startswith("bench_") and r["file"].endswith(".csv")]
    series = {
        (who, metric): sorted((r["lines"], r[who][metric]) for r in csv if who in r)
        for who in ("core", "pandas")
        for metric in ("wall", "cpu")
    }
    series = {k: v for k, v in series.items() if v}
    if not series:
        return
    w, h, left, bottom, top, right = 620, 340, 60, 40, 20, 190
    xmax = max(x for v in series.values() for x, _ in v)
    ymax = max(y for v in series.values() for _, y in v) * 1.1

    def xy(x: float, y: float) -> tuple[float, float]:
        return left + (w - left - right) * x / xmax, h - bottom - (h - bottom - top) * y / ymax

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" font-family="sans-serif" font-size="12">',
        f'<rect width="{w}" height="{h}" fill="white"/>',
        f'<line x1="{left}" y1="{h - bottom}" x2="{w - right}" y2="{h - bottom}" stroke="#444"/>',
        f'<line x1="{left}" y1="{top}" x2="{left}" y2="{h - bottom}" stroke="#444"/>',
        f'<text x="{(w - right + left) / 2}" y="{h - 8}" text-anchor="middle">lines (millions)</text>',
        f'<text x="14" y="{(h - bottom + top) / 2}" transform="rotate(-90 14 {(h - bottom + top) / 2})" '
        'text-anchor="middle">seconds</text>',
    ]
    step = 10 ** (len(str(int(ymax))) - 1) or 1
    while ymax / step > 10:
        step *= 2
    for tick in range(0, int(ymax) + 1, step):
        _, y = xy(0, tick)
        out.append(f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">{tick}</text>')
        out.append(f'<line x1="{left}" y1="{y:.1f}" x2="{w - right}" y2="{y:.1f}" stroke="#ddd"/>')
    for x in sorted({x for v in series.values() for x, _ in v}):
        px, _ = xy(x, 0)
        out.append(f'<text x="{px:.1f}" y="{h - bottom + 16}" text-anchor="middle">{x // 1_000_000}</text>')
    colours = {"core": "#1f77b4", "pandas": "#d62728"}
    names = {"core": "core report", "pandas": "pandas script"}
    for i, ((who, metric), v) in enumerate(series.items()):
        dash = "" if metric == "wall" else ' stroke-dasharray="6 4"'
        coords = " ".join(f"{a:.1f},{b:.1f}" for a, b in (xy(x, y) for x, y in v))
        out.append(f'<polyline points="{coords}" fill="none" stroke="{colours[who]}" stroke-width="2"{dash}/>')
        for x, y in v:
            px, py = xy(x, y)
            out.append(f'<circle cx="{px:.1f}" cy="{py:.1f}" r="3.5" fill="{colours[who]}"/>')
            out.append(
                f'<text x="{px - 8:.1f}" y="{py - 7:.1f}" text-anchor="end" fill="{colours[who]}">{y:.0f}</text>'
            )
        label = f"{names[who]}, {metric if metric == 'wall' else 'CPU'}"
        ly = top + 20 + 18 * i
        out.append(
            f'<line x1="{w - right + 10}" y1="{ly - 4}" x2="{w - right + 30}" y2="{ly - 4}" '
            f'stroke="{colours[who]}" stroke-width="2"{dash}/>'
        )
        out.append(f'<text x="{w - right + 34}" y="{ly}" fill="{colours[who]}">{label}</text>')
    out.append("</svg>")
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("\n".join(out) + "\n")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", action="append", choices=sorted(CASES), help="a group of cases (repeatable)")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--data", default="/tmp/ka-scale")
    parser.add_argument("--memory-limit", help="KA_DUCKDB_MEMORY_LIMIT for the core (default: core.store's)")
    parser.add_argument("--pandas-50m", action="store_true", help="run the pandas script on 50M lines too")
    parser.add_argument("--results", help="add the results to this JSON file (a list), for the chart")
    parser.add_argument("--chart-from", nargs="+", metavar="JSON", help="only draw the chart from these results files")
    args = parser.parse_args()
    if args.chart_from:
        drawn = []
        for name in args.chart_from:
            with open(name, encoding="utf-8") as fh:
                drawn += json.load(fh)
        chart(drawn, os.path.join(HERE, "scale.svg"))
        return 0
    env = {**os.environ, **RAISED_LIMITS, "PYTHONPATH": ROOT}
    if args.memory_limit:
        env["KA_DUCKDB_MEMORY_LIMIT"] = args.memory_limit
    env["KA_DUCKDB_TEMP_DIRECTORY"] = os.path.join(args.data, "spill")
    shutil.rmtree(env["KA_DUCKDB_TEMP_DIRECTORY"], ignore_errors=True)
    results = []
    for group in args.only or DEFAULT:
        for case in CASES[group]:
            with_pandas = group != "50m" or args.pandas_50m
            result = run_case(args.data, case, args.repeat, env, with_pandas)
            print(line(result), flush=True)
            for problem in result.get("problems", []):
                print("    " + problem)
            results.append(result)
    if args.results:
        earlier = []
        if os.path.exists(args.results):
            with open(args.results, encoding="utf-8") as fh:
                earlier = [r for r in json.load(fh) if r["file"] not in {x["file"] for x in results}]
        results = earlier + results
        with open(args.results, "w", encoding="utf-8") as fh:
            json.dump(results, fh, indent=1)
    chart(results, os.path.join(HERE, "scale.svg"))
    return 0 if all(r.get("agree", True) for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
