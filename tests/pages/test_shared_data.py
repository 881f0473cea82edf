"""One copy of a dataset per server, and uploads that do not surprise the team (issue #12).

Several AppTest sessions run side by side in one process, as browser sessions do in one server: they share
st.cache_resource, and each has its own st.session_state.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest
from app_run import APP, open_page
from streamlit.testing.v1 import AppTest

from core import store, workspace
from core.access import User
from core.ingest import load_table, propose_mapping, read_table

VIEWER = User(name="viewer", role="viewer")
EDITOR = User(name="editor", role="editor")
LEAD = User(name="lead", role="admin")  # once any account exists sign-in is on: everyone signs in
SAMPLE = Path(APP).parent / "sample_data"
PAGES = [
    "views/home.py",
    "views/abc.py",
    "views/rfm.py",
    "views/churn.py",
    "views/long_tail.py",
    "views/funnel.py",
    "views/profile.py",
    "views/changes.py",
    "views/datasets.py",
    "views/upload.py",
]


def _workspace() -> Path:
    return Path(os.environ["KA_WORKSPACE"])


@pytest.fixture
def saved() -> int:
    """The sample orders and pipeline saved as the workspace's one dataset; its id."""
    con, reports = store.connect(), {}
    for kind in ("orders", "pipeline"):
        raw = read_table((SAMPLE / f"{kind}.xlsx").read_bytes(), f"{kind}.xlsx")
        reports[kind] = load_table(con, raw, propose_mapping(kind, raw.headers, raw.data))
    return workspace.save_dataset(_workspace(), con, reports, "week-48", as_of=date(2025, 11, 28))


def session(user: User = LEAD, page: str | None = None) -> AppTest:
    return open_page(page, user=user)


def upload(at: AppTest, name: str, text: str) -> AppTest:
    at.file_uploader[0].upload(name, text.encode(), "text/csv").run()
    at.button(key="load_button").click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def catalog(con) -> tuple:
    """What a write would change: the tables (with sizes), views, macros and a checksum of the orders."""
    cur = con.cursor()
    return (
        cur.execute("select schema_name, table_name, estimated_size from duckdb_tables() order by all").fetchall(),
        cur.execute("select schema_name, view_name from duckdb_views() where not internal order by all").fetchall(),
        cur.execute(
            "select schema_name, function_name, function_type from duckdb_functions() where not internal order by all"
        ).fetchall(),
        cur.execute("select count(*), sum(hash(customer, order_date, amount)) from orders").fetchall(),
        cur.execute("select count(*), sum(hash(customer, stage)) from pipeline").fetchall(),
    )


OWN_FILE = "客户名称,订单日期,金额\n私有客户甲,2024-03-01,100\n私有客户乙,2024-03-02,200\n"
OTHER_FILE = "客户名称,订单日期,金额\n另一客户,2024-05-01,300\n"


def test_two_sessions_on_one_dataset_share_one_connection(saved):
    first, second = session(), session()
    assert first.session_state["dataset_id"] == second.session_state["dataset_id"] == saved
    assert first.session_state["con"] is second.session_state["con"]


def test_two_sessions_on_the_sample_share_one_connection():
    first, second = session(), session()
    assert first.session_state["is_sample"] and second.session_state["is_sample"]
    assert first.session_state["con"] is second.session_state["con"]


def test_a_viewers_upload_loads_into_a_private_copy_and_leaves_the_shared_dataset_untouched(saved):
    viewer, other = session(VIEWER), session()
    shared = other.session_state["con"]
    before = catalog(shared)
    upload(viewer, "mine.csv", OWN_FILE)
    assert viewer.session_state["con"] is not shared
    assert catalog(shared) == before
    other.run()
    assert other.session_state["con"] is shared
    assert "私有客户甲" not in str(
        other.session_state["con"].cursor().execute("select customer from orders").fetchall()
    )


def test_a_viewers_upload_is_never_saved_and_the_page_says_so(saved):
    viewer = upload(session(VIEWER), "mine.csv", OWN_FILE)
    assert [d["id"] for d in workspace.list_datasets(_workspace())] == [saved]
    assert any("未保存为数据集" in i.value and "其他人看不到" in i.value for i in viewer.info)
    rows = viewer.session_state["con"].cursor().execute("select count(*) from orders").fetchall()
    assert rows == [(2,)]  # the viewer explores their own file


def test_the_import_page_tells_a_viewer_before_they_upload_that_the_file_stays_theirs():
    at = session(VIEWER, "views/upload.py")
    assert any("只留在您的会话中" in i.value for i in at.info)
    assert not any("只留在您的会话中" in i.value for i in session(EDITOR, "views/upload.py").info)


def test_two_sessions_never_see_each_others_unsaved_upload(saved):
    first, second = session(VIEWER), session(VIEWER)
    upload(first, "mine.csv", OWN_FILE)
    upload(second, "other.csv", OTHER_FILE)
    first.run()

    def customers(at):
        return {c for (c,) in at.session_state["con"].cursor().execute("select customer from orders").fetchall()}

    assert customers(first) == {"私有客户甲", "私有客户乙"}
    assert customers(second) == {"另一客户"}
    assert first.session_state["data_version"] != second.session_state["data_version"]
    assert session().session_state["dataset_id"] == saved  # a new session opens the saved dataset, not an upload


def test_an_editors_upload_becomes_a_dataset_that_a_new_session_shares(saved):
    next_week = "客户名称,订单日期,金额\n客户甲,2025-12-05,100\n"  # later than the saved week: the latest now
    editor = upload(session(EDITOR), "week.csv", next_week)
    datasets = workspace.list_datasets(_workspace())
    assert len(datasets) == 2
    newest = max(d["id"] for d in datasets)
    assert editor.session_state["dataset_id"] == newest
    latecomer = session()
    assert latecomer.session_state["dataset_id"] == newest
    assert latecomer.session_state["con"] is editor.session_state["con"]  # saved: the private copy is let go


def test_a_pipeline_upload_on_a_shared_dataset_keeps_its_orders_in_a_private_copy(saved):
    viewer, other = session(VIEWER), session()
    shared = other.session_state["con"]
    before = catalog(shared)
    upload(viewer, "pipe.csv", "商机编号,客户名称,阶段\n1,私有客户甲,赢单\n")
    own = viewer.session_state["con"].cursor()
    assert own.execute("select count(*) from pipeline").fetchall() == [(1,)]
    orders_count = before[3][0][0]
    assert own.execute("select count(*) from orders").fetchall() == [(orders_count,)] and orders_count > 0
    assert catalog(shared) == before


def test_showing_every_page_and_the_brief_writes_nothing_into_the_shared_connection(saved, downloads):
    at = session()
    shared = at.session_state["con"]
    before = catalog(shared)
    for page in PAGES:
        at.switch_page(page).run()
        assert not at.exception, (page, [e.value for e in at.exception])
        if page == "views/home.py":
            downloads(at, "brief")
        if page == "views/churn.py":
            downloads(at, "churn_csv")
            downloads(at, "churn_xlsx")
    assert at.session_state["con"] is shared
    assert catalog(shared) == before
