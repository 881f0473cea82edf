"""After a confirmed load the upload's bytes go (issue #13): Streamlit's upload store lets go of them, the
uploaders are drawn empty, the sidebar still names the loaded file, and the next upload works as the first."""

from pathlib import Path

import pytest
from streamlit.runtime.memory_uploaded_file_manager import MemoryUploadedFileManager
from streamlit.testing.v1 import AppTest

from core import store, workspace
from core.errors import InputError, Where
from ui import cached, state, upload

APP = str(Path(__file__).resolve().parents[2] / "app.py")
FIRST = "客户,日期,金额\n甲,2024-03-01,10\n乙,2024-03-02,20\n丙,2024-03-03,30\n".encode()
SECOND = "客户,日期,金额\n丁,2024-05-01,5\n戊,2024-05-02,7\n".encode()


def _sidebar_uploader(at: AppTest):
    return at.sidebar.get("file_uploader")[0]


def _upload_and_confirm(at: AppTest, name: str, data: bytes) -> AppTest:
    _sidebar_uploader(at).upload(name, data, "text/csv").run()
    at.button(key="load_button").click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _sidebar_captions(at: AppTest) -> list[str]:
    return [c.value for c in at.sidebar.caption]


@pytest.fixture
def released(monkeypatch) -> list[str]:
    """The sessions whose files Streamlit's upload store was told to let go of (and did: the real method runs).
    AppTest hands the bytes to the script on each run, so the store's content is the server's to show."""
    seen: list[str] = []
    real = MemoryUploadedFileManager.remove_session_files

    def remove(self, session_id: str) -> None:
        seen.append(session_id)
        real(self, session_id)

    monkeypatch.setattr(MemoryUploadedFileManager, "remove_session_files", remove)
    return seen


def test_a_confirmed_load_releases_the_uploaded_bytes_from_streamlits_store(released):
    _upload_and_confirm(AppTest.from_file(APP, default_timeout=60).run(), "first.csv", FIRST)
    assert released == ["test session id"]  # AppTest's one session


def test_after_a_confirmed_load_the_uploader_is_empty_and_the_sidebar_names_the_loaded_file(released):
    at = _upload_and_confirm(AppTest.from_file(APP, default_timeout=60).run(), "first.csv", FIRST)
    at.run()  # a later run: the page as the user keeps seeing it
    uploader = _sidebar_uploader(at)
    assert uploader.key == "sidebar_file_1"  # a new widget: it holds no file
    assert at.session_state[uploader.key] is None
    assert "当前数据：first.csv" in _sidebar_captions(at)
    assert at.session_state.reports["orders"].rows_loaded == 3


def test_a_second_upload_after_a_confirmed_load_opens_the_mapping_screen_and_loads(released):
    at = _upload_and_confirm(AppTest.from_file(APP, default_timeout=60).run(), "first.csv", FIRST)
    _upload_and_confirm(at, "second.csv", SECOND)
    assert {m.label: m.value for m in at.metric}["导入行数"] == "2"
    assert "当前数据：second.csv" in _sidebar_captions(at)
    assert at.session_state.con.execute("select list(customer order by customer) from orders").fetchall() == [
        (["丁", "戊"],)
    ]
    assert len(released) == 2  # once per confirmed load
    assert _sidebar_uploader(at).key == "sidebar_file_2"


def test_a_load_that_fails_keeps_the_file_in_its_uploader(monkeypatch, released):
    def fail(*args, **kwargs):
        raise InputError(Where("first.csv"), zh="读不下去", en="cannot read on")

    monkeypatch.setattr(upload, "load_source", fail)
    at = AppTest.from_file(APP, default_timeout=60).run()
    _sidebar_uploader(at).upload("first.csv", FIRST, "text/csv").run()
    at.button(key="load_button").click().run()
    assert "读不下去" in at.session_state.upload_error
    assert released == []  # nothing loaded: the file stays, for the user to fix the mapping and confirm again
    assert _sidebar_uploader(at).key == "sidebar_file"


def test_a_saved_upload_becomes_the_datasets_shared_copy_without_reading_its_files_back(monkeypatch, released):
    reads = []
    real = workspace.open_dataset_merged
    monkeypatch.setattr(workspace, "open_dataset_merged", lambda *args: reads.append(args) or real(*args))
    loader = _upload_and_confirm(AppTest.from_file(APP, default_timeout=60).run(), "first.csv", FIRST)
    assert reads == []  # the upload's own store is the saved dataset's copy
    assert not loader.session_state.is_private
    other = AppTest.from_file(APP, default_timeout=60).run()  # a new session opens the latest dataset
    assert other.session_state.con is loader.session_state.con and reads == []
    assert other.session_state.con.execute("select sum(amount)::double, count(*) from orders").fetchall() == [
        (60.0, 3)  # 10 + 20 + 30 yuan, three lines
    ]


def test_the_load_runs_inside_six_times_the_files_size_then_the_usual_limit_returns(monkeypatch):
    monkeypatch.delenv(state.LOAD_MEMORY_ENV, raising=False)
    monkeypatch.delenv(store.MEMORY_LIMIT_ENV, raising=False)
    con = store.connect()
    usual = con.execute("select current_setting('memory_limit')").fetchall()[0][0]
    with state.load_memory(con, 100 * 1024 * 1024):  # a 100 MiB file: 600 MiB
        assert con.execute("select current_setting('memory_limit')").fetchall()[0][0] == "600.0 MiB"
    assert con.execute("select current_setting('memory_limit')").fetchall()[0][0] == usual


def test_a_small_files_load_gets_the_floor_and_an_operators_limit_stands(monkeypatch):
    monkeypatch.delenv(state.LOAD_MEMORY_ENV, raising=False)
    monkeypatch.delenv(store.MEMORY_LIMIT_ENV, raising=False)
    assert state.load_memory_limit(1000) == "256MiB"  # 6 x 1,000 bytes is less than the floor
    monkeypatch.setenv(store.MEMORY_LIMIT_ENV, "2GB")
    assert state.load_memory_limit(100 * 1024 * 1024) is None
    monkeypatch.setenv(state.LOAD_MEMORY_ENV, "1GB")
    assert state.load_memory_limit(100 * 1024 * 1024) == "1GB"


def test_a_new_session_after_a_saved_upload_finds_the_overviews_figures_cached(monkeypatch, released):
    loader = _upload_and_confirm(AppTest.from_file(APP, default_timeout=60).run(), "first.csv", FIRST)
    loader.switch_page("views/home.py").run()  # the uploading session draws the overview
    assert not loader.exception
    computed: list[str] = []
    for name, real in list(cached.ANALYSES.items()):
        monkeypatch.setitem(
            cached.ANALYSES, name, lambda *a, _name=name, _real=real, **k: computed.append(_name) or _real(*a, **k)
        )
    viewer = AppTest.from_file(APP, default_timeout=60).run()  # a pasted link: a new session, the same data
    assert not viewer.exception
    assert {m.label: m.value for m in viewer.metric}["活跃客户"] == "3"  # 甲, 乙, 丙
    assert computed == []  # every figure the uploading session computed, shared through the data version


def test_the_save_starts_after_the_uploads_bytes_are_let_go(monkeypatch, released):
    """The server's peak was the save running while the page still held the file's bytes (issue #13)."""
    read, seen_at_save = [], []
    real_read, real_save = upload.read_upload, state._save_upload

    def reading(*args):
        read.append(real_read(*args))
        return read[-1]

    def saving(*args, **kwargs):
        seen_at_save.append([(len(s.data), s.raw.data.num_rows) for s in read])
        return real_save(*args, **kwargs)

    monkeypatch.setattr(upload, "read_upload", reading)
    monkeypatch.setattr(state, "_save_upload", saving)
    at = _upload_and_confirm(AppTest.from_file(APP, default_timeout=60).run(), "first.csv", FIRST)
    assert read and seen_at_save == [[(0, 0)] * len(read)]
    assert at.session_state.pending is None
    assert at.session_state.con.execute("select count(*) from orders").fetchall() == [(3,)]


def test_a_load_with_duplicates_keeps_the_file_for_the_one_click_drop(monkeypatch, released):
    twice = FIRST + "甲,2024-03-01,10\n".encode()
    at = _upload_and_confirm(AppTest.from_file(APP, default_timeout=60).run(), "twice.csv", twice)
    source, _ = at.session_state.last_load
    assert source.data == twice
    at.button(key="drop_duplicates_now").click().run()
    assert not at.exception and at.session_state.last_load is None
    assert at.session_state.con.execute("select count(*) from orders").fetchall() == [(3,)]
