"""Header words -> canonical fields, with confidence; values decide when the words do not."""

import pyarrow as pa
import pytest

from core.ingest.header import propose_mapping
from core.ingest.synonyms import normalize_header


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Sales Amount (USD)", "amount"),
        ("net_sales", "amount"),
        ("dollar_value", "amount"),
        ("金额(元)", "amount"),
        ("价税合计", "amount"),
        ("Revenue", "amount"),
        ("客户名称*", "customer"),
        ("CustomerID", "customer"),
        ("单位名称", "customer"),
        ("Customer Name", "customer"),
        ("开票日期", "order_date"),
        ("InvoiceDate", "order_date"),
        ("Order Date", "order_date"),
        ("订单号", "order_id"),
        ("客户经理", "account_manager"),
        ("销售", "account_manager"),
        ("大区", "region"),
        ("部门", "team"),
        ("渠道", "channel"),
        ("毛利", "profit"),
    ],
)
def test_decorated_headers_map_to_their_field(header, field):
    mapping = propose_mapping("orders", [header, "其他"])
    assert mapping.columns.get(field) == header
    assert mapping.confidence[field] == 1.0


def test_units_case_and_separators_are_ignored():
    assert normalize_header("Sales Amount (USD)") == normalize_header("sales_amount") == "salesamount"


def test_words_inside_a_longer_header_map_with_lower_confidence():
    mapping = propose_mapping("orders", ["本月销售额", "客户名称", "下单日期"])
    assert mapping.columns["amount"] == "本月销售额"
    assert mapping.confidence["amount"] < 1.0


def test_id_column_takes_customer_and_name_column_becomes_customer_name():
    mapping = propose_mapping("orders", ["客户名称", "客户编号", "日期", "金额"])
    assert mapping.columns["customer"] == "客户编号"
    assert mapping.columns["customer_name"] == "客户名称"


def test_unnamed_columns_are_mapped_by_their_values():
    headers = ["A", "B", "C"]
    data = pa.table(
        {
            "A": ["甲", "乙", "甲", "甲"],
            "B": ["2024-01-05", "2024/1/6", "2024-01-07", "20240108"],
            "C": ["1,234.50", "¥30", "12", "(5)"],
        }
    )
    mapping = propose_mapping("orders", headers, data)
    assert mapping.columns == {"order_date": "B", "amount": "C", "customer": "A"}
    assert all(c < 1.0 for c in mapping.confidence.values())
    assert mapping.missing_required() == []


def test_missing_required_fields_are_named():
    assert propose_mapping("orders", ["客户", "备注"]).missing_required() == ["order_date", "amount"]


def test_quantity_and_unit_price_stand_in_for_amount():
    assert propose_mapping("orders", ["客户", "日期", "数量", "单价"]).missing_required() == []


def test_pipeline_headers_from_crm_exports():
    mapping = propose_mapping(
        "pipeline",
        ["opportunity_id", "sales_agent", "account", "deal_stage", "engage_date", "close_date", "close_value"],
    )
    assert mapping.columns == {
        "opportunity_id": "opportunity_id",
        "owner": "sales_agent",
        "customer": "account",
        "stage": "deal_stage",
        "created_date": "engage_date",
        "close_date": "close_date",
        "amount": "close_value",
    }


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("联系电话", "phone"),
        ("手机", "phone"),
        ("Phone", "phone"),
        ("税号", "tax_id"),
        ("统一社会信用代码", "tax_id"),
        ("纳税人识别号", "tax_id"),
        ("Tax ID", "tax_id"),
    ],
)
def test_phone_and_tax_number_headers_map_to_their_fields(header, field):
    headers = ["客户", "订单日期", "金额", header]
    assert propose_mapping("orders", headers).columns.get(field) == header
