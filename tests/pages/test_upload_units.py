"""The mapping screen says the unit a money header names (金额(万元): ×10,000) beside its field (#10)."""

from pathlib import Path

from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[2] / "app.py")


def _mapping_screen(csv: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.file_uploader[0].upload("o.csv", csv.encode("utf-8"), "text/csv").run()
    assert not at.exception
    return at


def test_a_unit_in_the_amount_header_is_shown_beside_the_field():
    at = _mapping_screen("客户,日期,金额(万元)\n甲,2024-01-05,1.5\n")
    assert [c.value for c in at.caption if c.value.startswith("×")] == ["×10,000（万元）"]
    at.button(key="load_button").click().run()
    assert at.session_state.last_report.notes[0][0] == "「金额(万元)」的单位是「万元」：每个值已乘以 10,000。"


def test_a_currency_in_the_header_shows_no_scale():
    at = _mapping_screen("客户,日期,金额(元)\n甲,2024-01-05,1.5\n")
    assert [c.value for c in at.caption if c.value.startswith("×")] == []
