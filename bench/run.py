"""Time `python -m core report` against the pandas baseline on the same files, in the same run, and print the ratio.

Example: python bench/run.py                  # both files, best of 3 each
         python bench/run.py --repeat 1 --only csv

Each command runs as a fresh subprocess (imports included, as a scheduled job runs it); the figure is the
best wall-clock time of --repeat runs. Then the baseline checks that both agree on every customer.
Goals (issue #4): (a) the 1M-line CSV at most 0.5x the pandas time, (b) the 100k-line .xlsx at most 0.25x.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT = os.path.join(HERE, "out")
CASES = {"csv": ("orders_1m.csv", 0.5), "xlsx": ("orders_100k.xlsx", 0.25)}


def timed(commands: list[list[str]], repeat: int) -> list[float]:
    """Best wall-clock seconds of `repeat` runs of each command, the commands taking turns (so a change
    in the box's load hits both alike); a failing run stops the benchmark."""
    best = [float("inf")] * len(commands)
    for _ in range(repeat):
        for i, command in enumerate(commands):
            started = time.perf_counter()
            done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
            elapsed = time.perf_counter() - started
            if done.returncode != 0:
                sys.exit(f"failed: {' '.join(command)}\n{done.stderr}")
            best[i] = min(best[i], elapsed)
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--only", choices=sorted(CASES))
    args = parser.parse_args()
    python = sys.executable
    missing = [name for name, _ in CASES.values() if not os.path.exists(os.path.join(OUT, name))]
    if missing:
        subprocess.run([python, os.path.join(HERE, "make_orders.py")], check=True)
    failed = False
    for kind, (name, goal) in CASES.items():
        if args.only and kind != args.only:
            continue
        path = os.path.join(OUT, name)
        core_json = os.path.join(OUT, f"core_{kind}.json")
        core, baseline = timed(
            [
                [python, "-m", "core", "report", path, "--json", core_json],
                [python, os.path.join(HERE, "pandas_baseline.py"), path],
            ],
            args.repeat,
        )
        ratio = core / baseline
        met = ratio <= goal
        failed |= not met
        print(
            f"({kind}) {name}: core {core:.2f} s, pandas {baseline:.2f} s, ratio {ratio:.2f}x "
            f"(goal <= {goal}x: {'met' if met else 'NOT met'})",
            flush=True,
        )
        agree = subprocess.run(
            [python, os.path.join(HERE, "pandas_baseline.py"), path, "--check", core_json],
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        print("    " + agree.stdout.strip().replace("\n", "\n    "), flush=True)
        failed |= agree.returncode != 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
