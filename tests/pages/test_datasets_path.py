"""Issue #11 (tables leftovers, item 4): the datasets page names the workspace's folder on the server only to
an admin; a viewer or an editor never sees a server path."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from app_run import every_text
from streamlit.testing.v1 import AppTest

from core import access, ingest, store, users, workspace
from ui.format import plain

APP = str(Path(__file__).resolve().parents[2] / "app.py")
SAMPLE = Path(__file__).resolve().parents[2] / "sample_data" / "orders.xlsx"
PASSWORD = "correct horse battery staple"


def _workspace() -> Path:
    return Path(os.environ["KA_WORKSPACE"])


def _shows_the_path(at: AppTest) -> bool:
    """The path as typed or as the page escapes it for markdown (each _ and / may carry a backslash)."""
    text = every_text(at).replace("\\\\", "\\")  # protobuf's text format doubles a backslash
    return str(_workspace()) in text or plain(str(_workspace())) in text


def _datasets_page_as(role: str) -> AppTest:
    """One saved dataset, an account with that role signed in, the datasets page open."""
    admin = access.local_admin()
    users.add_user(_workspace(), "u", role, PASSWORD, actor=admin)
    con = store.connect()
    report = ingest.load_file(con, SAMPLE.read_bytes(), SAMPLE.name)
    workspace.save_dataset(_workspace(), con, {"orders": report}, "sample", actor=admin)
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.text_input(key="signin_name").input("u")
    at.text_input(key="signin_password").input(PASSWORD)
    next(b for b in at.button if b.label in ("登录", "Sign in")).click().run()
    at.switch_page("views/datasets.py").run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.dataframe  # the dataset list is drawn: the page itself is open
    return at


@pytest.mark.parametrize("role", ["viewer", "editor"])
def test_a_viewer_or_editor_never_sees_the_servers_workspace_path(role):
    at = _datasets_page_as(role)
    assert not _shows_the_path(at)


def test_an_admin_sees_where_the_workspace_lies_on_the_server():
    at = _datasets_page_as("admin")
    assert _shows_the_path(at)
