"""Helpers for the page tests: the app under AppTest, a page switched to, plots, metrics and deferred downloads."""

from __future__ import annotations

import json
import re
from pathlib import Path

from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[2] / "app.py")
CJK = re.compile(r"[\u4e00-\u9fff]")


def open_page(page: str | None = None, **query) -> AppTest:
    """The app on the sample data, optionally with query params (a shared link) and switched to a page."""
    at = AppTest.from_file(APP, default_timeout=60)
    for name, value in query.items():
        at.query_params[name] = value
    at.run()
    if page:
        at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def plots(at: AppTest) -> list[dict]:
    return [json.loads(p.proto.spec) for p in at.get("plotly_chart")]


def plot_titles(at: AppTest) -> list[str]:
    return [p["layout"]["title"]["text"] for p in plots(at)]


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def frame(at: AppTest, has_column: str):
    """The first dataframe on the page with a column of that label."""
    return next(d.value for d in at.dataframe if has_column in d.value.columns)


def set_state(at: AppTest, key: str, value) -> AppTest:
    """Set a widget's value by its key and rerun. AppTest drops the sidebar from its element tree after
    switch_page; the widget still runs, so its state is set directly."""
    at.session_state[key] = value
    return at.run()
