"""A real-looking ERP export through every page (issue #11): customer and product codes are numbers (12415,
85123), and there is no account manager, cost or profit column. Every chart axis of names or ids is
categorical with the ids as text, nothing the file cannot answer is shown, and no page prints None or nan."""

from __future__ import annotations

import json
import os
import re
from datetime import UTC, datetime
from pathlib import Path

import numeric_export
import pytest
from app_run import open_page
from streamlit.testing.v1 import AppTest

from core import ingest, store, workspace
from core.analytics import churn
from core.filters import Filters

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
    "views/datasets.py",
    "views/upload.py",
]
RAW_MISSING = re.compile(r"\b(None|nan|NaN|NaT)\b|<NA>")


def _save(csv: bytes, label: str) -> None:
    con = store.connect()
    reports = {"orders": ingest.load_file(con, csv, f"retail_{label}.csv")}
    workspace.save_dataset(
        Path(os.environ["KA_WORKSPACE"]), con, reports, label, uploaded_at=datetime(2024, 12, 10, tzinfo=UTC)
    )


@pytest.fixture
def numeric_export_saved():
    """Two weekly exports of the numeric-id file in the workspace: the app opens on the later one."""
    _save(numeric_export.csv_bytes(cut_days=7), "week-1")
    _save(numeric_export.csv_bytes(), "week-2")


def _open(page: str, lang: str = "zh") -> AppTest:
    return open_page(page, switch_lang=None if lang == "zh" else lang, timeout=90)


def _charts(at: AppTest) -> list[dict]:
    return [json.loads(p.proto.spec) for p in at.get("plotly_chart")]


def _chart(at: AppTest, title_part: str) -> dict:
    return next(c for c in _charts(at) if title_part in c["layout"]["title"]["text"])


def _axis(layout: dict, trace: dict, letter: str) -> dict:
    """The layout axis a trace draws its x or y on (xaxis, xaxis2, ...)."""
    ref = trace.get(f"{letter}axis", letter)
    return layout.get(ref.replace(letter, f"{letter}axis", 1), {})


def _text_axes(spec: dict) -> list[tuple[str, str | None, list]]:
    """(axis letter, axis type, values) for every trace axis whose values are text: names, ids, stages."""
    found = []
    for trace in spec["data"]:
        for letter in ("x", "y"):
            values = trace.get(letter)
            if isinstance(values, list) and any(isinstance(v, str) for v in values):
                found.append((letter, _axis(spec["layout"], trace, letter).get("type"), values))
    return found


def _texts(at: AppTest) -> list[str]:
    """Every piece of text the page renders: element protos (titles, captions, metrics, charts, widget labels
    and options) and every cell of every data frame."""
    texts = []
    for node in at._tree:
        if node.type == "dataframe":
            frame = node.value
            texts += [str(c) for c in frame.columns]
            texts += [str(v) for v in frame.astype(object).where(frame.notna(), "<NA>").to_numpy().ravel()]
        elif getattr(node, "proto", None) is not None:
            texts.append(str(node.proto))
    return texts


@pytest.mark.parametrize("page", PAGES)
def test_every_chart_axis_of_names_or_ids_is_categorical(numeric_export_saved, page):
    at = _open(page)
    for spec in _charts(at):
        for letter, kind, values in _text_axes(spec):
            assert kind == "category", (spec["layout"]["title"]["text"], letter, values[:5])
            assert all(isinstance(v, str) for v in values)


def test_home_churn_chart_names_the_top_ten_at_risk_customers_by_their_numeric_ids(numeric_export_saved):
    con = workspace.open_dataset(Path(os.environ["KA_WORKSPACE"]), 2)
    warnings = churn.churn_warnings(con, Filters())
    expected = warnings[warnings["level"].isin(churn.AT_RISK_LEVELS)].head(10)["customer"].tolist()
    chart = _chart(_open("views/home.py"), "流失预警 Top 10")
    shown = [v for trace in chart["data"] for v in trace["y"]]
    assert sorted(shown) == sorted(expected)
    assert all(v.isdigit() for v in shown) and set(shown) <= set(numeric_export.customer_ids())
    # the largest risk reads first: categories top-down are the call-list order
    assert chart["layout"]["yaxis"]["categoryarray"][::-1] == expected
    assert chart["layout"]["yaxis"]["type"] == "category"


def test_home_churn_chart_shows_customer_names_when_the_export_has_them():
    names = {c: f"客户{c}贸易有限公司" for c in numeric_export.customer_ids()}
    _save(numeric_export.csv_bytes(names=names), "named")
    chart = _chart(_open("views/home.py"), "流失预警 Top 10")
    shown = [v for trace in chart["data"] for v in trace["y"]]
    assert shown and all(v.startswith("客户") and v.endswith("贸易有限公司") for v in shown)


def test_long_tail_by_product_lists_numeric_product_codes_as_text_on_a_category_axis(numeric_export_saved):
    at = _open("views/long_tail.py")
    at.selectbox(key="tail_dimension").set_value("product").run()
    chart = _chart(at, "按产品")
    codes = chart["data"][0]["y"]
    assert set(codes) <= {str(p) for p in numeric_export.PRODUCTS} and len(codes) >= 5
    assert chart["layout"]["yaxis"]["type"] == "category"


@pytest.mark.parametrize("page", PAGES)
def test_no_page_prints_none_or_nan(numeric_export_saved, page):
    texts = _texts(_open(page))
    assert not [t for t in texts if RAW_MISSING.search(t)]


@pytest.mark.parametrize("page", ["views/churn.py", "views/profile.py", "views/home.py", "views/abc.py"])
def test_no_page_prints_none_or_nan_in_english(numeric_export_saved, page):
    texts = _texts(_open(page, "en"))
    assert not [t for t in texts if RAW_MISSING.search(t)]


def test_abc_page_offers_no_gross_profit_without_a_cost_or_profit_column(numeric_export_saved):
    at = _open("views/abc.py")
    assert at.selectbox(key="abc_metric").options == ["净销售额", "订单数"]
    table = next(d.value for d in at.dataframe if "排名" in d.value.columns)
    assert "毛利" not in table.columns and "客户经理" not in table.columns


def test_abc_page_gives_no_manager_advice_without_a_manager_column(numeric_export_saved):
    at = _open("views/abc.py")
    assert not [w.value for w in at.warning if "客户经理" in w.value]
    assert any("这份文件没有客户经理列" in c.value for c in at.caption)
    assert not [p for p in _charts(at) if "客户经理" in p["layout"]["title"]["text"]]


def test_churn_page_has_no_owner_column_or_filter_without_a_manager_column(numeric_export_saved):
    at = _open("views/churn.py")
    assert "客户经理" not in at.dataframe[0].value.columns
    assert [m.key for m in at.main.multiselect] == ["churn_levels"]


def test_import_page_says_once_which_views_need_which_missing_column(numeric_export_saved):
    at = _open("views/upload.py")
    lines = [c.value for c in at.caption if c.value.startswith("这份文件没有的列")]
    assert len(lines) == 1
    assert "毛利需要成本或毛利列" in lines[0] and "客户经理" in lines[0] and "区域" in lines[0]
    assert "产品" not in lines[0]  # the file has a product column (StockCode)
