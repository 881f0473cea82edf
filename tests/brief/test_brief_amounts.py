"""The brief's funnel sheet says when only won deals carry an amount (issue #11 item 5)."""

import io

import crm_pipeline
import openpyxl
import retail_export

from core import ingest, store
from core.brief import workbook_bytes
from core.filters import Filters


def _funnel_notes(pipeline: bytes, lang: str) -> list[str]:
    con = store.connect()
    orders = ingest.load_file(con, retail_export.csv_bytes(), "Online Retail.csv")
    loaded = ingest.load_file(con, pipeline, "sales_pipeline.csv", table="pipeline")
    book = openpyxl.load_workbook(io.BytesIO(workbook_bytes(con, Filters(), orders, loaded, lang=lang)))
    ws = book["销售漏斗" if lang == "zh" else "Funnel"]
    return [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]


def test_values_only_on_won_deals_get_a_note_beside_the_win_rate_table():
    assert any(v.startswith("Only won deals carry an amount") for v in _funnel_notes(crm_pipeline.csv_bytes(), "en"))


def test_the_note_is_in_chinese_in_a_chinese_brief():
    assert any(v.startswith("金额只记录在赢单上") for v in _funnel_notes(crm_pipeline.csv_bytes(), "zh"))


def test_a_pipeline_with_values_on_lost_deals_gets_no_note():
    text = "Opportunity ID,Account,Deal Stage,Close Value\nO1,A,Won,100\nO2,B,Lost,50\n"
    assert not any(v.startswith("Only won deals") for v in _funnel_notes(text.encode(), "en"))
