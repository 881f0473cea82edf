"""Text that is inert everywhere (#10): hostile customer, manager, region, stage, file and dataset names render
as text on every page, never as a link, an image, HTML, bold, LaTeX or a colour; exports keep them exactly.

Every markdown-rendered string of a page (bodies, labels, captions, metric values and deltas, help, expander
and tab labels, radio options) is collected from the AppTest tree. A hostile label must never appear there
as typed (that would be live markdown); where the page names it, it appears in the escaped form of
ui.markdown.plain. Select and multiselect options are plain text in Streamlit and are not collected.
"""

from __future__ import annotations

import csv
import io
import os
from datetime import UTC, date, datetime, timedelta

import openpyxl
import pytest
from app_run import open_page
from streamlit.testing.v1 import AppTest

from core import ingest, store, workspace
from ui.markdown import plain

LINK = "[x](javascript:alert(1))"
IMAGE = "![](http://example.com/a.png)"
HTML = "<img src=x onerror=alert(1)>"
BOLD = "**bold**"
MATH = "$x$"
COLOR = ":red[x]"
HOSTILE = [LINK, IMAGE, HTML, BOLD, MATH, COLOR]
CONTROL = ["甲\x01乙", "丙\x0b丁"]  # characters an xlsx cannot hold
ORDERS_FILE, PIPELINE_FILE = f"{LINK}.csv", f"{HTML}.csv"
OLD_LABEL, NEW_LABEL = BOLD, IMAGE  # the two saved datasets the changes panel compares
LATEST = date(2024, 6, 25)


def _orders_csv(latest: date = LATEST) -> bytes:
    """Each hostile name is a customer, its own account manager, region and product: three orders 30 days
    apart, the last 5 days before the latest order (ok) or 100 days before it (overdue: a warning)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["客户名称", "订单日期", "金额", "区域", "客户经理", "产品"])
    for i, name in enumerate(HOSTILE + CONTROL):
        last = latest - timedelta(days=100 if i % 2 else 0)
        for k in range(3):
            writer.writerow([name, (last - timedelta(days=30 * k)).isoformat(), 100 * (i + 1), name, name, name])
    return out.getvalue().encode()


def _pipeline_csv() -> bytes:
    """One opportunity in each hostile stage, one won, one lost."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["商机编号", "客户", "阶段", "金额"])
    for i, stage in enumerate([*HOSTILE, "赢单", "输单"]):
        writer.writerow([f"O{i}", HOSTILE[i % len(HOSTILE)], stage, 100])
    return out.getvalue().encode()


@pytest.fixture(autouse=True)
def hostile_workspace():
    """Two saved datasets of the hostile files, a week apart (two uploads of one week are never the pair
    compared, issue #11), labelled with hostile labels; the app opens on the latest."""
    for label, latest in ((OLD_LABEL, LATEST - timedelta(days=7)), (NEW_LABEL, LATEST)):
        con = store.connect()
        reports = {
            "orders": ingest.load_file(con, _orders_csv(latest), ORDERS_FILE),
            "pipeline": ingest.load_file(con, _pipeline_csv(), PIPELINE_FILE, table="pipeline"),
        }
        workspace.save_dataset(
            os.environ["KA_WORKSPACE"], con, reports, label, uploaded_at=datetime(2024, 7, 1, tzinfo=UTC)
        )


def _app(page: str | None = None, **query) -> AppTest:
    return open_page(page, **query)


def markdown_texts(at: AppTest) -> list[str]:
    """Every string of the page that Streamlit renders as markdown."""
    texts: list[str] = []

    def visit(node) -> None:
        proto = getattr(node, "proto", None)
        if proto is not None and hasattr(proto, "DESCRIPTOR"):
            fields = proto.DESCRIPTOR.fields_by_name
            texts.extend(getattr(proto, f) for f in ("body", "label", "help", "delta") if f in fields)
            for block in ("expandable", "tab"):
                if block in fields and proto.HasField(block):
                    texts.append(getattr(proto, block).label)
            if node.type == "radio":
                texts.extend(proto.options)
        for child in getattr(node, "children", {}).values():
            visit(child)

    visit(at._tree)
    return [t for t in texts if isinstance(t, str) and t]


def assert_inert(at: AppTest, *named: str) -> None:
    """No hostile label as typed in any markdown string; each named one shown in its escaped form."""
    texts = markdown_texts(at)
    live = [(label, text) for text in texts for label in HOSTILE if label in text]
    assert live == [], live
    for label in named:
        assert any(plain(label) in text for text in texts), (label, texts)


def test_escaped_forms_show_no_markdown_left():
    assert plain(LINK) == "\\[x\\](javascript\\:alert(1))"
    assert plain(IMAGE) == "!\\[\\](http\\:\u2060//example.com/a.png)"  # a word joiner stops the autolink
    assert plain(HTML) == "\\<img src=x onerror=alert(1)\\>"
    assert plain(BOLD) == "\\*\\*bold\\*\\*"
    assert plain(MATH) == "\\$x\\$"
    assert plain(COLOR) == "\\:red\\[x\\]"


def test_home_names_the_hostile_files_and_dataset_labels_as_text():
    at = _app()
    assert_inert(at, ORDERS_FILE, PIPELINE_FILE, OLD_LABEL, NEW_LABEL)


def test_a_hostile_region_in_the_link_is_named_as_text_in_the_filter_line():
    at = _app(region=COLOR)
    assert at.session_state["filters"].region == (COLOR,)
    assert_inert(at, COLOR)


@pytest.mark.parametrize(
    "page",
    ["views/abc.py", "views/rfm.py", "views/long_tail.py", "views/churn.py"],
)
def test_analysis_pages_render_hostile_customers_without_live_markdown(page):
    at = _app(page)
    assert_inert(at)


def test_funnel_names_hostile_stages_as_text():
    at = _app("views/funnel.py")
    assert_inert(at, *HOSTILE)


def test_profile_names_a_hostile_customer_and_account_manager_as_text():
    at = _app("views/profile.py", customer=LINK)
    assert at.selectbox(key="profile_customer").value == LINK
    assert at.subheader[0].value == plain(LINK)
    assert_inert(at, LINK)


def test_profile_of_a_customer_with_control_characters_renders():
    at = _app("views/profile.py")
    names = at.selectbox(key="profile_customer").options
    control = next(n for n in names if n.startswith("丙"))  # "丙\x0b丁", or "丙丁" once ingest drops \x0b
    at.selectbox(key="profile_customer").set_value(control).run()
    assert not at.exception, [e.value for e in at.exception]
    assert_inert(at)


def test_changes_page_names_hostile_dataset_labels_as_text():
    at = _app("views/changes.py")
    assert_inert(at, OLD_LABEL, NEW_LABEL)


def test_renaming_a_dataset_to_a_hostile_label_says_so_as_text():
    at = _app("views/datasets.py")
    chosen = at.selectbox(key="ds_pick").value
    at.text_input(key=f"ds_label_{chosen}").input(MATH).run()
    at.button(key="ds_rename").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert plain(MATH) in at.success[0].value
    assert_inert(at, MATH)


def test_validation_report_names_the_hostile_files_as_text():
    at = _app("views/upload.py")
    assert_inert(at, ORDERS_FILE, PIPELINE_FILE)


def test_churn_page_with_control_characters_in_names_renders_and_exports_them_dropped(downloads):
    at = _app("views/churn.py")
    at.multiselect(key="churn_levels").set_value(["lost", "high", "medium", "ok"]).run()
    assert not at.exception, [e.value for e in at.exception]

    sheet = openpyxl.load_workbook(io.BytesIO(downloads(at, "churn_xlsx"))).active
    names = {c.value: c for c in sheet["A"][1:]}
    assert {"甲乙", "丙丁", *HOSTILE} <= set(names)  # every hostile name exactly as uploaded, as text
    assert all(c.data_type == "s" for c in names.values())
    rows = list(csv.reader(io.StringIO(downloads(at, "churn_csv").decode("utf-8-sig"))))
    assert set(HOSTILE) <= {r[0] for r in rows[1:]}  # none starts like a formula: no apostrophe needed


def test_rejected_rows_download_as_xlsx_with_the_bad_values_exactly_as_uploaded(downloads):
    at = _app()
    bad = "客户,订单日期,金额\n甲,2024-01-05,10\n-ABC,=1+1,5\n+86 138,@x,7\n".encode()
    at.file_uploader[0].upload(f"{IMAGE}.csv", bad, "text/csv").run()
    at.button(key="load_button").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert_inert(at, f"{IMAGE}.csv")

    sheet = openpyxl.load_workbook(io.BytesIO(downloads(at, "dl_rejected_orders_xlsx"))).active
    header = [c.value for c in sheet[1]]
    values = {row[header.index("值")].value: row[header.index("值")] for row in sheet.iter_rows(min_row=2)}
    assert set(values) == {"=1+1", "@x"}  # the unreadable dates, as typed
    assert all(c.data_type == "s" and c.quotePrefix for c in values.values())
    contents = [row[header.index("整行内容")].value for row in sheet.iter_rows(min_row=2)]
    assert [c.split(" | ")[0] for c in contents] == ["-ABC", "+86 138"]
