"""Which table a file is, from its headers and values (issue #11 item 5)."""

import crm_pipeline
import pyarrow as pa
import pytest
import retail_export

from core.ingest import read_table
from core.ingest.kind import file_kind


def _kind_of(data: bytes, name: str):
    raw = read_table(data, name)
    return file_kind(raw.headers, raw.data)


@pytest.mark.parametrize("header", [crm_pipeline.HEADER, crm_pipeline.SNAKE_HEADER], ids=["titled", "snake"])
def test_crm_opportunity_export_is_a_pipeline(header):
    assert _kind_of(crm_pipeline.csv_bytes(header), "sales_pipeline.csv").kind == "pipeline"


def test_pipeline_evidence_names_the_stage_column_its_stage_words_the_id_and_close_date():
    result = _kind_of(crm_pipeline.csv_bytes(), "sales_pipeline.csv")
    stage = result.clue("stage_values")
    assert stage.column == "Deal Stage"
    assert set(stage.examples) == {"Prospecting", "Engaging", "Won", "Lost"}
    assert result.clue("opportunity_id").column == "Opportunity ID"
    assert result.clue("close_date").column == "Close Date"
    assert result.clue("no_order_date") is not None


def test_retail_export_is_orders_with_its_order_date_as_evidence():
    result = _kind_of(retail_export.csv_bytes(), "Online Retail.csv")
    assert result.kind == "orders"
    assert result.clue("order_date").column == "InvoiceDate"
    assert result.clue("quantity_price") is not None


def test_stage_words_under_an_unknown_header_make_a_pipeline():
    data = pa.table({"客户": ["甲", "乙", "丙"], "进度": ["线索", "谈判", "赢单"], "预计金额": ["1", "2", "3"]})
    result = file_kind(data.column_names, data)
    assert result.kind == "pipeline"
    assert result.clue("stage_values").column == "进度"


def test_orders_with_a_status_column_of_other_words_stay_orders():
    data = pa.table(
        {
            "客户": ["甲", "乙", "丙"],
            "订单日期": ["2024-01-05", "2024-01-06", "2024-01-07"],
            "金额": ["1", "2", "3"],
            "status": ["已发货", "已签收", "已发货"],
        }
    )
    assert file_kind(data.column_names, data).kind == "orders"


def test_orders_with_an_order_date_and_one_stage_like_word_stay_orders():
    # one 关闭 among the remarks is no stage column
    data = pa.table(
        {"客户": ["甲", "乙"], "订单日期": ["2024-01-05", "2024-01-06"], "金额": ["1", "2"], "备注": ["关闭", "加急"]}
    )
    assert file_kind(data.column_names, data).kind == "orders"


def test_a_stage_header_with_custom_stage_names_and_no_order_columns_is_a_pipeline():
    data = pa.table({"Account": ["A", "B"], "Deal Stage": ["Pilot", "Rollout"]})
    result = file_kind(data.column_names, data)
    assert result.kind == "pipeline"
    assert result.clue("stage_header").column == "Deal Stage"
