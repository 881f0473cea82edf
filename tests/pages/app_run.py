"""Helpers for the page tests: the app under AppTest, a page switched to, plots, metrics and deferred downloads."""

from __future__ import annotations

import json
import re
from pathlib import Path

from google.protobuf import text_format
from signed_in import sign_in
from streamlit.testing.v1 import AppTest

from core.access import User

APP = str(Path(__file__).resolve().parents[2] / "app.py")
CJK = re.compile(r"[\u4e00-\u9fff]")


def open_page(
    page: str | None = None, *, user: User | None = None, switch_lang: str | None = None, timeout: int = 60, **query
) -> AppTest:
    """A new session of the app, as a browser opening a link: on the test workspace's latest dataset (else the
    sample), with query params (a shared link; `**{"from": ...}` for a Python keyword), switched to `page`.

    user: signed in as the sign-in form leaves a session (signed_in.sign_in: the account is created in the
    workspace, which turns sign-in on). lang=... in the query opens the app in that language, as a link does;
    switch_lang is picked in the sidebar's language box after the page is open instead (AppTest words widget
    values outside the app in Chinese, so some tests of English switch by state)."""
    at = AppTest.from_file(APP, default_timeout=timeout)
    if user is not None:
        sign_in(at, user)
    for name, value in query.items():
        at.query_params[name] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    if page:
        at.switch_page(page).run()
    if switch_lang is not None:
        at.session_state["lang"] = switch_lang
        at.run()
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


def every_text(at: AppTest) -> str:
    """The text of every element drawn, main and sidebar, as its protobuf says it (labels, values, options)."""
    found = []

    def walk(node):
        proto = getattr(node, "proto", None)
        if proto is not None:
            found.append(text_format.MessageToString(proto, as_utf8=True))
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at._tree)
    return "\n".join(found)
