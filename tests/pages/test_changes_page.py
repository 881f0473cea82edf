"""The workspace in the app (issue #6): the home change panel, the changes and datasets pages, saved uploads."""

import os
from datetime import UTC, datetime
from pathlib import Path

import pytest
import weekly_files
from app_run import open_page
from streamlit.testing.v1 import AppTest

from core import workspace


def _workspace() -> Path:
    return Path(os.environ["KA_WORKSPACE"])


def _save_weeks(*weeks):
    for week in weeks:
        con, reports = weekly_files.loaded(week)
        workspace.save_dataset(
            _workspace(), con, reports, f"week-{week}", uploaded_at=datetime(2024, 7, 15, tzinfo=UTC)
        )


def _app(page: str | None = None, lang: str = "zh") -> AppTest:
    return open_page(page, lang=lang)


def _metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def _table(at, column: str):
    """The first data frame on the page with this column."""
    return next(d.value for d in at.dataframe if column in d.value.columns)


def test_empty_workspace_opens_on_the_sample_without_a_change_panel():
    at = _app()
    assert "示例数据" in at.sidebar.info[0].value
    assert "本周变化" not in [s.value for s in at.subheader]


def test_app_reopens_on_the_latest_dataset():
    _save_weeks(1, 2)
    at = _app()
    assert not at.sidebar.info or "示例数据" not in at.sidebar.info[0].value
    assert any("orders\\_week2.csv" in c.value for c in at.sidebar.caption)  # markdown-escaped
    assert at.session_state.dataset_id == 2


def test_home_panel_names_the_tier_moves_and_new_warnings():
    _save_weeks(1, 2)
    at = _app()
    metrics = _metrics(at)
    assert (metrics["分层变动客户"], metrics["新晋 A 类客户"], metrics["新增流失预警"], metrics["解除的流失预警"]) == (
        "4",
        "1",
        "1",
        "1",
    )
    moves = _table(at, "原分层")
    assert list(zip(moves["客户"], moves["原分层"], moves["现分层"])) == [
        ("丁", "B 类客户", "A 类客户"),
        ("丙", "A 类客户", "B 类客户"),
        ("戊", "C 类客户", "B 类客户"),
        ("己", "（无）", "C 类客户"),
    ]
    warnings = _table(at, "原因")
    assert list(warnings["客户"]) == ["乙"] and warnings["原因"][0] == "已超出常规5天采购周期2.4倍"


def test_home_panel_with_one_dataset_asks_for_another_week():
    _save_weeks(1)
    at = _app()
    assert "再导入一周的数据" in " ".join(c.value for c in at.caption)


def test_changes_page_shows_every_section_for_the_two_latest():
    _save_weeks(1, 2)
    at = _app("views/changes.py")
    assert at.selectbox(key="chg_from").value == 1 and at.selectbox(key="chg_to").value == 2
    cleared = [d.value for d in at.dataframe if "原因" in d.value.columns][1]  # new, then cleared
    assert list(cleared["客户"]) == ["戊"]
    assert (cleared["风险等级"][0], cleared["原等级"][0]) == ("正常", "高风险")  # now ok, was high
    by_tier = _table(at, "分层")
    assert list(by_tier["变化"]) == ["¥460", "¥130", "-¥20"]
    stages = _table(at, "原到达数")
    assert list(stages["现到达数"]) == ["5", "3", "2"]
    assert _metrics(at)["赢率"] == "66.7%"
    assert len(at.get("plotly_chart")) >= 3 + 3  # a change bar per tab and three trend lines


def test_changes_page_can_compare_the_other_way_round():
    _save_weeks(1, 2)
    at = _app("views/changes.py")
    at.selectbox(key="chg_from").set_value(2).run()
    at.selectbox(key="chg_to").set_value(1).run()
    assert not at.exception
    new_warnings = _table(at, "原因")
    assert list(new_warnings["客户"]) == ["戊"]  # backwards, the cleared warning is new


def test_home_panel_in_english():
    # one run only: a second AppTest run in English trips over the period selectbox's format_func
    _save_weeks(1, 2)
    at = _app(lang="en")
    assert "What changed" in [s.value for s in at.subheader]
    new_warnings = _table(at, "Reason")
    assert list(new_warnings["Reason"]) == ["2.4× past its usual 5-day cycle"]


def test_changes_page_with_one_dataset_says_what_to_do():
    _save_weeks(1)
    at = _app("views/changes.py")
    assert "再导入一周的数据" in at.info[0].value


def test_datasets_page_lists_renames_opens_and_deletes():
    _save_weeks(1, 2)
    at = _app("views/datasets.py")
    listed = _table(at, "名称")
    assert list(listed["名称"]) == ["week-2", "week-1"] and list(listed["当前"]) == ["●", ""]
    at.selectbox(key="ds_pick").set_value(1).run()
    at.text_input(key="ds_label_1").set_value("第26周").run()
    at.button(key="ds_rename").click().run()
    assert workspace.get_dataset(_workspace(), 1)["label"] == "第26周"
    at.button(key="ds_open").click().run()
    assert not at.exception and at.session_state.dataset_id == 1
    assert any("orders\\_week1.csv" in c.value for c in at.sidebar.caption)  # markdown-escaped
    at.selectbox(key="ds_pick").set_value(2).run()
    at.checkbox(key="ds_sure_2").check().run()
    at.button(key="ds_delete").click().run()
    assert [d["id"] for d in workspace.list_datasets(_workspace())] == [1]
    assert "已删除" in at.success[0].value


def test_a_confirmed_upload_is_saved_and_found_after_a_restart():
    at = _app()
    at.file_uploader[0].upload("orders_week1.csv", weekly_files.orders_csv(1), "text/csv").run()
    at.button(key="load_button").click().run()
    assert not at.exception
    assert "已保存为数据集 #1" in at.success[-1].value
    restarted = _app()  # a new session, as after a server restart
    assert restarted.session_state.dataset_id == 1
    assert any("orders\\_week1.csv" in c.value for c in restarted.sidebar.caption)
    assert restarted.session_state.reports["orders"].rows_loaded == 9


def test_pipeline_uploaded_after_its_orders_joins_the_same_dataset():
    at = _app()
    at.file_uploader[0].upload("orders_week1.csv", weekly_files.orders_csv(1), "text/csv").run()
    at.button(key="load_button").click().run()
    at.file_uploader[0].upload("pipeline_week1.csv", weekly_files.pipeline_csv(1), "text/csv").run()
    at.button(key="load_button").click().run()
    assert not at.exception
    [dataset] = workspace.list_datasets(_workspace())
    assert (dataset["rows_loaded"], dataset["pipeline_rows_loaded"]) == (9, 4)


def test_same_headers_next_week_get_last_weeks_mapping_in_one_click():
    first = "A,B,C\n甲,2024-01-05,7\n乙,2024-01-06,8\n".encode()
    at = _app()
    at.file_uploader[0].upload("w1.csv", first, "text/csv").run()

    def pick(field, column):
        key = next(s.key for s in at.selectbox if s.key and s.key.endswith(f"_orders_{field}"))
        at.selectbox(key=key).set_value(column).run()

    pick("customer", "A")
    pick("amount", "C")
    at.button(key="load_button").click().run()
    nextweek = _app()
    nextweek.file_uploader[0].upload("w2.csv", "A,B,C\n丙,2024-01-12,9\n".encode(), "text/csv").run()
    assert "已套用上次确认的映射" in nextweek.info[0].value
    assert not nextweek.button(key="load_button").disabled
    nextweek.button(key="load_button").click().run()
    assert nextweek.session_state.last_report.mapping.columns == {"customer": "A", "order_date": "B", "amount": "C"}


def test_unwritable_workspace_still_loads_the_upload_and_says_it_was_not_saved(tmp_path, monkeypatch):
    blocker = tmp_path / "a_file"
    blocker.write_text("")
    monkeypatch.setenv("KA_WORKSPACE", str(blocker))  # a file where the folder should be
    at = _app()
    at.file_uploader[0].upload("orders_week1.csv", weekly_files.orders_csv(1), "text/csv").run()
    at.button(key="load_button").click().run()
    assert not at.exception
    assert "未能保存到工作区" in at.warning[0].value
    assert _metrics(at)["导入行数"] == "9"


@pytest.mark.parametrize("page", ["views/changes.py", "views/datasets.py"])
def test_workspace_pages_open_on_an_empty_workspace(page):
    at = _app(page)
    assert not at.exception and at.info
