"""Issue #11 items 3 and 6 through AppTest: no change against a previous window the data barely covers, and
one definition of active customers, of the funnel's tier A stage and of its percentages on every screen,
in the Excel brief and in the report JSON (files from tests/comparison_files.py)."""

from __future__ import annotations

import io
import json
import os

import comparison_files
import openpyxl
import pytest
from app_run import APP, frame, metrics, plot_titles, plots
from streamlit.proto.Metric_pb2 import Metric as MetricProto
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1 import app_test as app_test_module

from core import cli, ingest, store, workspace


def _loaded(data: bytes, lang: str = "zh") -> AppTest:
    """The app opened on `data` saved as a dataset (a new session opens the latest one), in one run: a second
    AppTest run in English trips over the period selectbox's format_func (tests/pages/test_changes_page.py)."""
    con = store.connect()
    workspace.save_dataset(os.environ["KA_WORKSPACE"], con, {"orders": ingest.load_file(con, data, "orders.csv")})
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["lang"] = lang
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _metric(at: AppTest, label: str):
    return next(m for m in at.metric if m.label == label)


# ---- item 3: a partial previous window -------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "labels", "note"),
    [
        ("zh", ("窗口内净销售额", "活跃客户"), "上期仅 9/365 天有数据"),
        ("en", ("Net revenue", "Active customers"), "Previous: data for 9/365 days"),
    ],
)
def test_home_shows_no_change_against_a_previous_window_with_9_of_365_days(lang, labels, note):
    at = _loaded(comparison_files.partial_previous_csv(), lang)
    for label in labels:
        kpi = _metric(at, label)
        assert kpi.proto.delta == note  # the coverage in place of +2524.7%
        assert (kpi.proto.color, kpi.proto.direction) == (
            MetricProto.MetricColor.GRAY,
            MetricProto.MetricDirection.NONE,
        )
        assert "2023-01-02" in kpi.proto.help and "2024-01-01" in kpi.proto.help


def test_home_help_says_why_no_change_is_shown():
    at = _loaded(comparison_files.partial_previous_csv())
    assert "仅有 9/365 天数据，不足 90%，不显示与上一周期的变化" in _metric(at, "活跃客户").proto.help


def test_abc_migration_against_a_partial_previous_window_is_a_sentence_not_new_customers():
    at = _loaded(comparison_files.partial_previous_csv())
    at.switch_page("views/abc.py").run()
    assert not at.exception
    assert "分层迁移：上一窗口 → 本窗口" not in plot_titles(at)
    assert any("仅有 9/365 天数据" in i.value for i in at.info)


def test_a_previous_window_the_data_covers_still_shows_the_change():
    # the bundled sample starts 2023-12-01: its previous window has data for 364 of 365 days
    at = AppTest.from_file(APP, default_timeout=60).run()
    kpi = _metric(at, "窗口内净销售额")
    assert kpi.proto.delta.endswith("较上期") and "%" in kpi.proto.delta
    assert "364/365 天有数据" in kpi.proto.help


# ---- item 6: one definition each --------------------------------------------------------------------


@pytest.fixture
def deferred(monkeypatch):
    """run(at, key) -> the bytes a deferred download button builds when clicked."""
    managers: list[MediaFileManager] = []

    class Recording(MediaFileManager):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            managers.append(self)

    monkeypatch.setattr(app_test_module, "MediaFileManager", Recording)

    def run(at, key: str) -> bytes:
        button = next(b for b in at.get("download_button") if b.key == key)
        url = managers[-1].execute_deferred(button.proto.deferred_file_id)
        return managers[-1]._storage.get_file(url.rsplit("/", 1)[-1].split(".")[0]).content

    return run


def _brief(at: AppTest, deferred) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(deferred(at, "brief")))


def _brief_items(book) -> dict:
    ws = book.worksheets[0]
    return {row[0]: row[1] for row in ws.iter_rows(min_row=3, max_col=2, values_only=True) if row[0] is not None}


def _report_json(tmp_path, capsys) -> dict:
    orders = tmp_path / "orders.csv"
    orders.write_bytes(comparison_files.one_definition_csv())
    assert cli.main(["report", str(orders), "--json", "-"]) == 0
    return json.loads(capsys.readouterr().out)


def _funnel_texts(spec: dict) -> list[str]:
    return spec["data"][0]["text"]


def test_home_brief_and_report_json_count_the_same_active_customers(tmp_path, capsys, deferred):
    at = _loaded(comparison_files.one_definition_csv())
    assert metrics(at)["活跃客户"] == "4"  # 甲 乙 丙 and 丁, whose order was returned
    assert _brief_items(_brief(at, deferred))["活跃客户数"] == 4
    assert _report_json(tmp_path, capsys)["active_customers"] == 4


def test_home_and_brief_agree_under_a_filter(deferred):
    at = _loaded(comparison_files.one_definition_csv())
    at.multiselect(key="f_region").set_value(["华南"]).run()
    assert metrics(at)["活跃客户"] == "2"  # 丙 and 丁
    assert _brief_items(_brief(at, deferred))["活跃客户数"] == 2


def test_the_funnels_tier_a_stage_is_the_abc_pages_a_count_everywhere(tmp_path, capsys, deferred):
    at = _loaded(comparison_files.one_definition_csv())
    home_funnel = next(p for p in plots(at) if p["layout"]["title"]["text"] == "客户转化漏斗（来自订单）")
    brief = _brief(at, deferred)
    at.switch_page("views/abc.py").run()
    a_count = frame(at, "客户数")["客户数"].tolist()[0]
    at.switch_page("views/funnel.py").run()
    page_funnel = frame(at, "客户数")["客户数"].tolist()
    brief_funnel = [row[2] for row in brief["销售漏斗"].iter_rows(min_row=3, values_only=True) if row[2] is not None]
    report = _report_json(tmp_path, capsys)
    assert a_count == 2
    assert _funnel_texts(home_funnel)[-1].startswith("2<br>")
    assert page_funnel[-1] == brief_funnel[-1] == a_count
    assert [s["reached"] for s in report["funnel"]] == page_funnel == [4, 2, 2, 2]


def test_the_funnel_percentages_are_conversions_from_the_stage_before_everywhere(tmp_path, capsys, deferred):
    at = _loaded(comparison_files.one_definition_csv())
    home_texts = _funnel_texts(next(p for p in plots(at) if "漏斗" in p["layout"]["title"]["text"]))
    brief = _brief(at, deferred)
    at.switch_page("views/funnel.py").run()
    page_texts = _funnel_texts(plots(at)[0])
    report = _report_json(tmp_path, capsys)
    # 4 -> 2 (50.0%) -> 2 (100.0%) -> 2 (100.0%): from the stage before, not of the first stage (50%, 50%)
    expected = ["4", "2<br>50.0%", "2<br>100.0%", "2<br>100.0%"]
    assert home_texts == page_texts == expected
    assert [s["conversion"] for s in report["funnel"]] == [None, 0.5, 1.0, 1.0]
    brief_conversion = [row[3] for row in brief["销售漏斗"].iter_rows(min_row=3, max_row=6, values_only=True)]
    assert brief_conversion == [None, 0.5, 1.0, 1.0]
