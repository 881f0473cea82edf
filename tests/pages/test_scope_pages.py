"""A manager scoped to 华东 sees 华东 only, whatever link they open or file they download (issue #12).

The app runs on the sample data with st.session_state["user"] set as the sign-in sets it. "Another region's
customer" is one of the sample's customers with no order line in 华东; none may appear anywhere on any
page (text, tables, charts) or in any download, whatever the link asks for.
"""

from __future__ import annotations

import csv
import io
import json
import os
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from app_run import APP, open_page
from streamlit.testing.v1 import AppTest

from core import store, workspace
from core.access import Scope, User
from core.ingest import load_table, propose_mapping, read_table
from core.workspace import merges

EAST_MANAGER = User(name="east", role="viewer", scope=Scope(regions=("华东",)))
# an account manager scoped to herself: her customers are in 西南 and 华中
SUN = User(name="sun", role="viewer", scope=Scope(managers=("孙丽",)))
SAMPLE = Path(APP).parent / "sample_data"
PAGES = [
    "views/home.py",
    "views/abc.py",
    "views/rfm.py",
    "views/relationships.py",
    "views/churn.py",
    "views/long_tail.py",
    "views/funnel.py",
    "views/profile.py",
    "views/changes.py",
    "views/cohorts.py",
    "views/duplicates.py",
    "views/datasets.py",
    "views/upload.py",
]


@pytest.fixture(scope="module")
def sample():
    """The sample's orders and pipeline in a store of the test's own."""
    con = store.connect()
    for kind in ("orders", "pipeline"):
        raw = read_table((SAMPLE / f"{kind}.xlsx").read_bytes(), f"{kind}.xlsx")
        load_table(con, raw, propose_mapping(kind, raw.headers, raw.data))
    return con


@pytest.fixture(scope="module")
def customers(sample) -> tuple[set[str], set[str]]:
    """(customers with an order line in 华东, customers with none there) of the sample."""
    rows = sample.execute("select customer, bool_or(region = '华东') from orders group by customer").fetchall()
    east = {c for c, in_east in rows if in_east}
    return east, {c for c, in_east in rows if not in_east}


@pytest.fixture(scope="module")
def sun_customers(sample) -> tuple[set[str], set[str]]:
    """(customers with an order line of 孙丽's, customers with none of hers) of the sample."""
    rows = sample.execute("select customer, bool_or(account_manager = '孙丽') from orders group by customer").fetchall()
    return {c for c, hers in rows if hers}, {c for c, hers in rows if not hers}


def scoped_app(page: str | None = None, user: User = EAST_MANAGER, **query) -> AppTest:
    return open_page(page, user=user, **query)


def shown_text(at: AppTest) -> str:
    """Everything the page sends to the browser: each element's message, tables' cells and charts included."""
    parts = []
    for node in at._tree:
        proto = getattr(node, "proto", None)
        if proto is None:
            continue
        parts.append(proto.SerializeToString().decode("utf-8", "ignore"))
        if node.type == "plotly_chart":  # the spec's JSON may escape CJK as \\uXXXX
            parts.append(json.dumps(json.loads(proto.spec), ensure_ascii=False))
    return "\n".join(parts)


def leaked(text: str, others: set[str]) -> list[str]:
    return sorted(c for c in others if c in text)


def test_scoped_managers_region_filter_offers_only_their_region():
    at = scoped_app()
    assert at.multiselect(key="f_region").options == ["华东"]


@pytest.mark.parametrize("page", PAGES)
def test_no_page_shows_another_regions_customer_even_when_the_link_asks_for_that_region(page, customers):
    _, others = customers
    at = scoped_app(page, region="华南")
    text = shown_text(at)
    assert leaked(text, others) == []
    assert at.multiselect(key="f_region").value == []  # the link's 华南 is not an option


@pytest.mark.parametrize("page", PAGES)
def test_no_page_shows_a_customer_outside_an_account_managers_scope_even_when_the_link_asks(page, sun_customers):
    _, others = sun_customers
    at = scoped_app(page, user=SUN, account_manager="杨帆", region="华南")
    assert leaked(shown_text(at), others) == []


def test_the_sidebar_counts_the_opportunities_in_the_scope_not_the_whole_files(sample):
    # the sample's pipeline file has 900 opportunities; the caption counts those in 华东 (checked by plain SQL)
    east = sample.execute("select count(*) from pipeline where region = '华东'").fetchone()[0]
    assert 0 < east < 900
    captions = [c.value for c in scoped_app().sidebar.caption]
    assert f"商机：{east} 条（pipeline.xlsx）" in captions


def test_the_sidebar_counts_an_account_managers_own_opportunities(sample):
    hers = sample.execute("select count(*) from pipeline where owner = '孙丽'").fetchone()[0]
    captions = [c.value for c in scoped_app(user=SUN).sidebar.caption]
    assert f"商机：{hers} 条（pipeline.xlsx）" in captions


def test_the_brief_of_a_scoped_manager_counts_the_lines_of_their_region(sample, downloads):
    east = sample.execute("select count(*) from orders where region = '华东'").fetchone()[0]
    book = openpyxl.load_workbook(io.BytesIO(downloads(scoped_app("views/home.py"), "brief")), read_only=True)
    counts = {row[0]: row[1] for row in book.worksheets[0].iter_rows(values_only=True) if row and row[0]}
    assert (counts["读取行数"], counts["载入行数"], counts["拒绝行数"]) == (east, east, 0)


def test_a_scoped_editor_sees_no_merge_decision_naming_another_regions_customers(customers):
    _, others = customers
    one, two = sorted(others)[:2]
    merges.merge_customers(os.environ["KA_WORKSPACE"], User(name="lead", role="admin"), one, [one, two])
    east_editor = User(name="east_editor", role="editor", scope=Scope(regions=("华东",)))
    at = scoped_app("views/duplicates.py", user=east_editor)
    assert leaked(shown_text(at), others) == []
    assert at.metric[1].value == "0"  # merged so far, within what they may see
    assert any("不限查看范围" in i.value for i in at.info)
    assert all(b.disabled for b in at.button if b.key and b.key.startswith(("dup_merge_", "dup_keep_")))


def test_a_dataset_pair_named_in_the_link_shows_only_the_scoped_managers_customers(customers):
    east, others = customers
    old, new = _save_sample(date(2025, 8, 31), date(2025, 11, 28))
    text = shown_text(scoped_app("views/changes.py", **{"from": str(old), "to": str(new), "region": "华南"}))
    assert any(c in text for c in east)
    assert leaked(text, others) == []


def test_home_page_of_a_scoped_manager_shows_their_own_customers(customers):
    east, others = customers
    text = shown_text(scoped_app("views/churn.py"))
    assert any(c in text for c in east)  # the collector sees customer names: the page is not just empty
    assert leaked(text, others) == []


def test_profile_link_to_another_regions_customer_says_not_found_in_your_scope(customers):
    east, others = customers
    outsider = sorted(others)[0]
    at = scoped_app("views/profile.py", customer=outsider)
    assert any("不在您的查看范围内" in w.value for w in at.warning)
    assert at.selectbox(key="profile_customer").value in east
    shown = shown_text(at).replace(outsider, "", 1)  # the warning names the link's text back, once
    assert leaked(shown, others) == []


def _fetch_all(at: AppTest, downloads) -> dict[str, bytes]:
    return {b.key: downloads(at, b.key) for b in at.get("download_button") if b.proto.HasField("deferred_file_id")}


def test_the_brief_downloaded_by_a_scoped_manager_names_none_of_another_regions_customers(customers, downloads):
    east, others = customers
    at = scoped_app("views/home.py", region="华南")
    book = openpyxl.load_workbook(io.BytesIO(downloads(at, "brief")), read_only=True)
    cells = "\n".join(str(v) for ws in book.worksheets for row in ws.iter_rows(values_only=True) for v in row if v)
    assert any(c in cells for c in east)
    assert leaked(cells, others) == []


def test_csv_and_excel_exports_of_a_scoped_manager_name_none_of_another_regions_customers(customers, downloads):
    east, others = customers
    at = scoped_app("views/churn.py", region="华南")
    files = _fetch_all(at, downloads)
    assert {"churn_csv", "churn_xlsx"} <= files.keys()
    rows = list(csv.reader(io.StringIO(files["churn_csv"].decode("utf-8-sig"))))
    in_csv = {cell for row in rows for cell in row}
    book = openpyxl.load_workbook(io.BytesIO(files["churn_xlsx"]), read_only=True)
    in_xlsx = {str(v) for ws in book.worksheets for row in ws.iter_rows(values_only=True) for v in row if v}
    assert in_csv & east and in_xlsx & east
    assert not in_csv & others
    assert not in_xlsx & others


def _save_sample(*as_of: date) -> list[int]:
    """The sample orders saved as one dataset per as_of (each a week's snapshot of the same book); their ids."""
    con = store.connect()
    raw = read_table((SAMPLE / "orders.xlsx").read_bytes(), "orders.xlsx")
    report = load_table(con, raw, propose_mapping("orders", raw.headers, raw.data))
    path = Path(os.environ["KA_WORKSPACE"])
    return [workspace.save_dataset(path, con, {"orders": report}, str(day), as_of=day) for day in as_of]


def test_datasets_list_hides_whole_file_row_counts_from_a_scoped_user():
    _save_sample(date(2025, 11, 28))
    scoped = scoped_app("views/datasets.py").dataframe[0].value
    everyone = scoped_app("views/datasets.py", user=User(name="lead", role="viewer")).dataframe[0].value
    assert "订单行" in everyone.columns
    assert "订单行" not in scoped.columns


def test_what_changed_between_saved_weeks_names_only_the_scoped_managers_customers(customers):
    east, others = customers
    _save_sample(date(2025, 8, 31), date(2025, 11, 28))
    at = scoped_app("views/changes.py", region="华南")
    text = shown_text(at)
    assert any(c in text for c in east)
    assert leaked(text, others) == []


def test_an_account_managers_filters_offer_only_her_regions_and_herself():
    at = scoped_app(user=SUN)
    assert sorted(at.multiselect(key="f_region").options) == ["华中", "西南"]
    assert at.multiselect(key="f_account_manager").options == ["孙丽"]


def test_the_sidebar_says_whose_rows_a_scoped_user_sees():
    assert "查看范围：华东" in [c.value for c in scoped_app().sidebar.caption]
    assert "查看范围：孙丽" in [c.value for c in scoped_app(user=SUN).sidebar.caption]


@pytest.mark.parametrize(
    ("page", "query"),
    [
        ("views/relationships.py", {"loyalty": "high", "relationship": "partnership", "stage": "lost"}),
        ("views/relationships.py", {"stage": "declining", "region": "华南"}),
        ("views/profile.py", {"horizon": "365"}),
        ("views/home.py", {"horizon": "365", "period": "all"}),
        ("views/cohorts.py", {"period": "all"}),
    ],
)
def test_loyalty_stage_and_horizon_links_show_only_the_scoped_managers_customers(page, query, customers):
    east, others = customers
    text = shown_text(scoped_app(page, **query))
    assert any(c in text for c in east) or page == "views/cohorts.py"  # cohorts count customers, naming none
    assert leaked(text, others) == []
