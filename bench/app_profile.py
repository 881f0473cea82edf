"""Where a global filter change spends its time on the server: cProfile of the overview's rerun (issue #13).

Example: python bench/app_profile.py                       # imports bench/out/orders_1m.csv into a temp workspace
         python bench/app_profile.py --file bench/out/export_1m.csv --top 30

The file is saved as a dataset (python -m core import) in an empty temporary workspace; AppTest opens the
app on it (the overview), runs it once more (everything cached), then picks the first value of the first
sidebar multiselect and profiles that run on the script's thread. Printed: each run's wall time, then the
profile's functions of ours, DuckDB's and plotly's by cumulative time. The browser's share (sending and
drawing the charts) is what bench/app.py measures beyond this.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--file", type=Path, default=HERE / "out" / "orders_1m.csv")
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args()
    workspace = tempfile.mkdtemp(prefix="ka-profile-ws-")
    os.environ["KA_WORKSPACE"] = workspace
    subprocess.run([sys.executable, "-m", "core", "import", str(args.file)], cwd=ROOT, check=True)

    from streamlit.runtime.scriptrunner import script_runner
    from streamlit.testing.v1 import AppTest

    profiled: dict = {"profile": None}
    run_script = script_runner.ScriptRunner._run_script

    def run_profiled(self, *a, **k):  # AppTest runs the script on a thread of its own: profile it there
        if profiled["profile"] is None:
            return run_script(self, *a, **k)
        profiled["profile"].enable()
        try:
            return run_script(self, *a, **k)
        finally:
            profiled["profile"].disable()

    script_runner.ScriptRunner._run_script = run_profiled
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600)
    for label in ("first run (opens the dataset)", "rerun (cached)"):
        started = time.perf_counter()
        at.run()
        print(f"{label}: {time.perf_counter() - started:.2f} s")
    first = at.multiselect[0]
    first.select(first.options[0])
    profiled["profile"] = cProfile.Profile()
    started = time.perf_counter()
    at.run()
    print(f"filter {first.label} = {first.options[0]}: {time.perf_counter() - started:.2f} s")
    assert not at.exception, [e.value for e in at.exception]
    stats = pstats.Stats(profiled["profile"]).sort_stats("cumulative")
    stats.print_stats(r"/(ui|views|core)/|/app\.py|elements/plotly_chart|graph_objs/_figure", args.top)


if __name__ == "__main__":
    main()
