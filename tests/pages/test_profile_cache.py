"""The profile page's figures are cached per data version, scope and customer (issue #13): sessions on one
saved dataset share them, and a cached profile never shows another scope's or another data version's."""

from __future__ import annotations

import os
from pathlib import Path

from signed_in import sign_in
from streamlit.testing.v1 import AppTest

from core import ingest, store, workspace
from core.access import Scope, User
from ui import cached

APP = str(Path(__file__).resolve().parents[2] / "app.py")
PROFILE = "views/profile.py"
# 甲 buys in two regions: three lines in 华东, two in 华北; 乙 only in 华北
SAVED = (
    "客户,日期,金额,区域\n"
    "甲,2024-03-01,10,华东\n甲,2024-03-05,20,华东\n甲,2024-03-09,30,华东\n"
    "甲,2024-03-02,100,华北\n甲,2024-03-06,200,华北\n"
    "乙,2024-03-03,5,华北\n"
).encode()
BOSS = User(name="boss", role="admin")
EAST = User(name="east", role="viewer", scope=Scope(regions=("华东",)))


def _save_dataset(data: bytes) -> None:
    con = store.connect()
    report = ingest.load_file(con, data, "saved.csv")
    workspace.save_dataset(Path(os.environ["KA_WORKSPACE"]), con, {"orders": report}, "week")


def _profile_of(user: User, customer: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    sign_in(at, user)
    at.query_params["customer"] = customer
    at.run()
    at.switch_page(PROFILE).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _order_lines_heading(at: AppTest) -> str:
    return next(m.value for m in at.markdown if "订单明细" in m.value)


def _counting(monkeypatch, name: str) -> list:
    """Each time the analysis `name` really runs (a cache miss)."""
    calls: list = []
    real = cached.ANALYSES[name]
    monkeypatch.setitem(cached.ANALYSES, name, lambda *a, **k: calls.append(a) or real(*a, **k))
    return calls


def test_a_scoped_managers_profile_never_shows_the_whole_companys_cached_lines():
    _save_dataset(SAVED)
    boss = _profile_of(BOSS, "甲")
    assert _order_lines_heading(boss) == "**订单明细（最近 5 行，共 5 行）**"
    east = _profile_of(EAST, "甲")  # same dataset, same data version, another scope
    assert _order_lines_heading(east) == "**订单明细（最近 3 行，共 3 行）**"  # the three 华东 lines


def test_a_second_session_on_the_same_scope_reads_the_profile_from_the_cache(monkeypatch):
    _save_dataset(SAVED)
    stages = _counting(monkeypatch, "lifecycle_stages")
    lines = _counting(monkeypatch, "customer_orders")
    _profile_of(BOSS, "甲")
    first = (len(stages), len(lines))
    again = _profile_of(BOSS, "甲")  # a second session, the same customer
    assert _order_lines_heading(again) == "**订单明细（最近 5 行，共 5 行）**"
    assert first == (1, 1) and (len(stages), len(lines)) == first  # computed once, for both sessions


def test_a_profile_opened_again_after_a_new_upload_shows_the_new_datas_lines():
    _save_dataset(SAVED)
    at = _profile_of(BOSS, "甲")
    assert _order_lines_heading(at) == "**订单明细（最近 5 行，共 5 行）**"
    newer = "客户,日期,金额,区域\n甲,2024-04-01,7,华东\n乙,2024-04-02,8,华北\n".encode()
    at.sidebar.get("file_uploader")[0].upload("newer.csv", newer, "text/csv").run()
    at.switch_page("views/upload.py").run()  # where the app sent the user: AppTest reruns the page it was told
    at.button(key="load_button").click().run()
    assert at.session_state.reports["orders"].file == "newer.csv"
    at.query_params["customer"] = "甲"
    at.switch_page(PROFILE).run()
    assert not at.exception, [e.value for e in at.exception]
    assert _order_lines_heading(at) == "**订单明细（最近 1 行，共 1 行）**"
