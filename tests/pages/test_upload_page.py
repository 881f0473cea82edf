"""The import page through AppTest: real uploads, the mapping screen, the report, bad files."""

from pathlib import Path

import pytest
from bad_files import BAD_FILES
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[2] / "app.py")

MESSY = (
    "2024年销售明细（ERP导出）\n"
    "\n"
    "客户名称,开票日期,价税合计\n"
    '华东精密,2024年1月5日,"￥1,234.50"\n'
    ",2024年1月6日,30\n"
    "深圳云帆,2024/1/7,(12)\n"
    "合计,,1252.5\n"
).encode("gbk")


def _app() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    return at


def _metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_app_opens_on_the_sample_data_and_says_so():
    at = _app()
    assert "示例数据" in at.sidebar.info[0].value
    assert str(at.date_input(key="f_as_of").value) == "2025-11-28"


def test_uploading_a_messy_gbk_csv_shows_the_mapping_then_loads_it():
    at = _app()
    at.file_uploader[0].upload("订单.csv", MESSY, "text/csv").run()
    assert not at.exception
    assert "表头在第 3 行，4 行数据" in at.success[0].value
    mapped = {s.label: s.value for s in at.selectbox if s.key and s.key.startswith("map_")}
    assert mapped["客户 *"] == "客户名称" and mapped["订单日期 *"] == "开票日期" and mapped["金额 *"] == "价税合计"
    at.button(key="load_button").click().run()
    assert not at.exception
    assert _metrics(at) == {"读取行数": "4", "导入行数": "2", "拒绝行数": "2", "重复行": "0"}
    rejected = at.dataframe[0].value
    assert list(rejected["行号"]) == [5, 7]
    assert list(rejected["原因"]) == ["客户为空", "合计/总计行，已排除"]
    assert "订单.csv" in at.sidebar.caption[0].value


def test_a_fixed_mapping_is_what_gets_loaded():
    at = _app()
    at.file_uploader[0].upload("o.csv", "A,B,C\n甲,2024-01-05,7\n乙,2024-01-06,8\n".encode(), "text/csv").run()
    # header words say nothing and two distinct names are no evidence of a customer column: the user picks it
    assert at.button(key="load_button").disabled

    def pick(field, column):
        at.selectbox(key=next(s.key for s in at.selectbox if s.key and s.key.endswith(f"_orders_{field}"))).set_value(
            column
        ).run()

    pick("customer", "A")
    pick("amount", "C")
    at.button(key="load_button").click().run()
    assert _metrics(at)["导入行数"] == "2"
    assert at.session_state.last_report.mapping.columns == {"customer": "A", "order_date": "B", "amount": "C"}


def test_required_column_missing_offers_the_mapping_and_disables_loading():
    at = _app()
    at.file_uploader[0].upload("o.csv", "客户,备注\n甲,x\n".encode(), "text/csv").run()
    assert "缺少必需字段：订单日期、金额" in at.warning[0].value
    assert at.button(key="load_button").disabled


@pytest.mark.parametrize("kind", [k for k in BAD_FILES if k != "required_column_missing"])
def test_bad_file_shows_a_message_and_keeps_the_earlier_data(kind):
    name, make, zh, _ = BAD_FILES[kind]
    at = _app()
    at.file_uploader[0].upload(name, make(), "application/octet-stream").run()
    assert not at.exception
    assert zh in at.error[0].value and name in at.error[0].value
    at.switch_page("views/home.py").run()
    assert "示例数据" in at.sidebar.info[0].value  # the sample data is still there
    assert "至 2025-11-28" in at.caption[0].value


def test_english_switch_changes_the_labels():
    at = _app()
    at.selectbox(key="lang").set_value("en").run()
    assert at.title[0].value == "Weekly review"
    assert at.query_params["lang"] == "en"


def test_language_comes_from_the_link():
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["lang"] = "en"
    at.run()
    assert at.title[0].value == "Weekly review"


def test_duplicates_are_kept_then_dropped_in_one_click():
    at = _app()
    data = "客户,日期,金额\n甲,2024-01-05,1\n甲,2024-01-05,1\n乙,2024-01-06,2\n".encode()
    at.file_uploader[0].upload("dup.csv", data, "text/csv").run()
    at.button(key="load_button").click().run()
    assert _metrics(at) == {"读取行数": "3", "导入行数": "3", "拒绝行数": "0", "重复行": "1"}
    at.button(key="drop_duplicates_now").click().run()
    assert not at.exception
    assert _metrics(at) == {"读取行数": "3", "导入行数": "2", "拒绝行数": "1", "重复行": "1"}
    assert list(at.dataframe[0].value["行号"]) == [3]


def test_a_file_name_with_markdown_is_shown_as_written():
    at = _app()
    at.file_uploader[0].upload(
        "[点我](http://evil.example)**.csv", "客户,日期,金额\n甲,2024-01-05,1\n".encode(), "text/csv"
    ).run()
    shown = at.success[0].value
    assert "\\[点我\\](http\\:\u2060//evil.example)\\*\\*.csv" in shown  # escaped: rendered as text, never as a link
