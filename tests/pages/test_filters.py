"""Sidebar filters: they change the numbers and live in the URL."""

from pathlib import Path

from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[2] / "app.py")


def _revenue(at) -> str:
    return next(m.value for m in at.metric if m.label == "窗口内净销售额")


def test_region_filter_changes_the_figures_and_the_url():
    at = AppTest.from_file(APP, default_timeout=60).run()
    everything = _revenue(at)
    at.multiselect(key="f_region").set_value(["华东"]).run()
    assert not at.exception
    assert _revenue(at) != everything
    assert at.query_params["region"] == ["华东"] or at.query_params["region"] == "华东"


def test_filters_are_restored_from_the_link():
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["region"] = "华南"
    at.query_params["as_of"] = "2025-06-30"
    at.run()
    assert at.multiselect(key="f_region").value == ["华南"]
    assert str(at.date_input(key="f_as_of").value) == "2025-06-30"
    assert any("至 2025-06-30" in c.value for c in at.caption)  # the window line names the as_of used


def test_a_new_upload_resets_as_of_to_its_own_latest_order_date():
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert str(at.date_input(key="f_as_of").value) == "2025-11-28"
    at.file_uploader[0].upload(
        "o.csv", "客户,日期,金额\n甲,2024-03-05,10\n乙,2024-03-09,5\n".encode(), "text/csv"
    ).run()
    at.button(key="load_button").click().run()
    assert not at.exception
    assert str(next(d for d in at.date_input if d.label == "数据截至日期").value) == "2024-03-09"
    assert "as_of" not in at.query_params
