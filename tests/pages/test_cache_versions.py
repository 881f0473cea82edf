"""Cached figures are keyed by the data version beside the filters (issue #13): the same filters on new data
never show the old data's figures."""

from pathlib import Path

from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[2] / "app.py")

# the sample's latest order date and one of its regions: after the upload the filters are exactly the same
NEW_ORDERS = "客户,日期,金额,区域\n甲,2025-11-01,100,华东\n乙,2025-11-20,200,华东\n丙,2025-11-28,300,华南\n".encode()


def _active(at: AppTest) -> str:
    return next(m.value for m in at.metric if m.label == "活跃客户")


def test_a_filter_chosen_again_after_an_upload_shows_the_new_data_not_the_cached_old_figures():
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.multiselect(key="f_region").set_value(["华东"]).run()
    on_the_sample = _active(at)
    at.file_uploader[0].upload("new.csv", NEW_ORDERS, "text/csv").run()
    at.button(key="load_button").click().run()
    at.switch_page("views/home.py").run()
    region = next(m for m in at.multiselect if m.label == "区域")
    assert region.options == ["华东", "华南"]  # the sidebar's values are the new file's too
    region.set_value(["华东"]).run()
    assert not at.exception
    assert str(next(d for d in at.date_input if d.label == "数据截至日期").value) == "2025-11-28"
    assert _active(at) == "2" != on_the_sample  # 甲 and 乙 ordered in 华东
