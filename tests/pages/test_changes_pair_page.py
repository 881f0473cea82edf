"""What changed on screen (issue #11 item 4): the default pair has an earlier as_of, the pair is kept in the
link, a zero change has no arrow or colour, the datasets page says which datasets have a pipeline."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

import weekly_files
from app_run import frame, open_page, plots
from streamlit.proto.Metric_pb2 import Metric as MetricProto
from streamlit.testing.v1 import AppTest

from core import workspace

GRAY_NO_ARROW = (MetricProto.MetricColor.GRAY, MetricProto.MetricDirection.NONE)


def _save(week: int, label: str, *, with_pipeline: bool = True) -> None:
    con, reports = weekly_files.loaded(week, with_pipeline=with_pipeline)
    workspace.save_dataset(
        Path(os.environ["KA_WORKSPACE"]), con, reports, label, uploaded_at=datetime(2024, 7, 15, tzinfo=UTC)
    )


def _week_2_twice() -> None:
    """#1 week-1 (as of 06-30), #2 week-2 (07-12), #3 week-2 again (07-12, no pipeline)."""
    _save(1, "week-1")
    _save(2, "week-2")
    _save(2, "week-2", with_pipeline=False)


def _app(page: str | None = None, **query) -> AppTest:
    return open_page(page, **query)


def _metric(at: AppTest, label: str):
    return next(m for m in at.metric if m.label == label)


def test_home_panel_compares_the_latest_week_with_the_week_before_not_its_own_reupload():
    _week_2_twice()
    at = _app()
    assert "week-1 (2024-06-30) → week-2 (#3, 2024-07-12)" in [c.value for c in at.caption]
    assert _metric(at, "分层变动客户").value == "4"  # week 1 -> 2 by hand, not the zeros of #2 -> #3


def test_changes_page_defaults_to_an_earlier_as_of_and_puts_the_pair_in_the_link():
    _week_2_twice()
    at = _app("views/changes.py")
    assert (at.selectbox(key="chg_from").value, at.selectbox(key="chg_to").value) == (1, 3)
    assert (at.query_params["from"], at.query_params["to"]) in (("1", "3"), (["1"], ["3"]))


def test_same_labels_are_told_apart_in_the_pickers_and_the_trend():
    _week_2_twice()
    at = _app("views/changes.py")
    options = at.selectbox(key="chg_to").options
    assert options == ["week-1 (2024-06-30)", "week-2 (#2, 2024-07-12)", "week-2 (#3, 2024-07-12)"]
    trend = next(p for p in plots(at) if p["data"][0].get("mode") == "lines+markers")
    assert len(set(trend["data"][0]["x"])) == 3  # three points, not two on a merged category


def test_a_pasted_link_reopens_its_pair_and_a_zero_change_has_no_arrow_or_colour():
    _week_2_twice()
    at = _app("views/changes.py", **{"from": "2", "to": "3"})
    assert (at.selectbox(key="chg_from").value, at.selectbox(key="chg_to").value) == (2, 3)
    revenue = _metric(at, "净销售额变化")
    assert revenue.proto.delta == "¥0"
    assert (revenue.proto.color, revenue.proto.direction) == GRAY_NO_ARROW
    assert any("同一周的两次导入" in w.value for w in at.warning)


def test_a_link_with_unknown_ids_falls_back_to_the_default_pair():
    _week_2_twice()
    at = _app("views/changes.py", **{"from": "99", "to": "abc"})
    assert (at.selectbox(key="chg_from").value, at.selectbox(key="chg_to").value) == (1, 3)


def test_only_one_week_uploaded_twice_says_there_is_no_earlier_week():
    _save(2, "week-2")
    _save(2, "week-2")
    at = _app("views/changes.py")
    assert at.selectbox(key="chg_from").value is None
    assert "没有截至日期早于 2024-07-12 的数据集" in at.info[0].value
    home = _app()
    assert any("没有截至日期早于 2024-07-12" in c.value for c in home.caption)


def test_datasets_page_says_which_datasets_have_a_pipeline():
    _week_2_twice()
    at = _app("views/datasets.py")
    listed = frame(at, "商机文件")
    assert list(listed["商机文件"]) == [
        "无",
        "有 · pipeline_week2.csv（5 条商机）",
        "有 · pipeline_week1.csv（4 条商机）",
    ]


def test_a_side_without_a_pipeline_shows_no_funnel_change_and_no_raw_none():
    _week_2_twice()  # the default pair: #1 with a pipeline, #3 without
    at = _app("views/changes.py")
    stages = frame(at, "现到达数")
    assert list(stages["现到达数"]) == ["—", "—", "—"] and set(stages["变化"]) == {"—"}
    assert any("「week-2 (#3, 2024-07-12)」没有商机数据" in c.value for c in at.caption)
