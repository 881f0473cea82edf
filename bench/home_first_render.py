"""Time the weekly review's first render on the sample data, as a new browser session gets it (AppTest).

Example: .venv/bin/python bench/home_first_render.py  ->  first render 1.9 s, rerun 0.1 s
The first run includes reading the bundled sample into the session's DuckDB; a rerun hits st.cache_data.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[1] / "app.py")

if __name__ == "__main__":
    os.environ["KA_WORKSPACE"] = tempfile.mkdtemp()  # a new session on the sample, not a saved dataset
    start = time.perf_counter()
    at = AppTest.from_file(APP, default_timeout=60).run()
    first = time.perf_counter() - start
    start = time.perf_counter()
    at.run()
    rerun = time.perf_counter() - start
    assert not at.exception and len(at.get("plotly_chart")) == 4, "the home page did not draw its four views"
    print(f"first render {first:.2f} s, rerun {rerun:.2f} s", file=sys.stdout)
