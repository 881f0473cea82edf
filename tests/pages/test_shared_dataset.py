"""Sessions on one saved dataset share one in-memory copy (issue #13); a load never writes into it."""

import os
from pathlib import Path

from app_run import open_page
from streamlit.testing.v1 import AppTest

from core import ingest, store, workspace

SAVED = "客户,日期,金额\n甲,2024-03-01,10\n乙,2024-03-02,20\n丙,2024-03-03,30\n".encode()
UPLOADED = "客户,日期,金额\n丁,2024-05-01,5\n".encode()


def _save_dataset() -> None:
    con = store.connect()
    report = ingest.load_file(con, SAVED, "saved.csv")
    workspace.save_dataset(Path(os.environ["KA_WORKSPACE"]), con, {"orders": report}, "week-1")


def _active(at: AppTest) -> str:
    return next(m.value for m in at.metric if m.label == "活跃客户")


def test_two_sessions_on_a_saved_dataset_read_it_into_memory_once(monkeypatch):
    _save_dataset()
    reads = []
    real = workspace.open_dataset_merged
    monkeypatch.setattr(workspace, "open_dataset_merged", lambda *args: reads.append(args) or real(*args))
    first, second = open_page(), open_page()
    assert _active(first) == _active(second) == "3"
    assert len(reads) == 1 and first.session_state.con is second.session_state.con
    assert not first.session_state.is_private and not second.session_state.is_private


def test_a_load_in_one_session_leaves_the_dataset_another_session_shows_unchanged():
    _save_dataset()
    viewer, loader = open_page(), open_page()
    loader.file_uploader[0].upload("new.csv", UPLOADED, "text/csv").run()
    loader.button(key="load_button").click().run()
    assert not loader.exception
    assert loader.session_state.con.execute("select list(customer) from orders").fetchall()[0][0] == ["丁"]
    viewer.run()
    assert _active(viewer) == "3"  # 甲, 乙, 丙: the saved dataset, not the file loaded beside it
    assert viewer.session_state.con.execute("select count(*) from orders").fetchall()[0][0] == 3
