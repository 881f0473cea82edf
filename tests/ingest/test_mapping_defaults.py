"""Mapping defaults on a real export (issue #11 item 9): the public "Online Retail" shape."""

import pyarrow as pa
import retail_export

from core.ingest import propose_mapping, read_table


def _retail_mapping():
    raw = read_table(retail_export.csv_bytes(), "Online Retail.csv")
    return propose_mapping("orders", raw.headers, raw.data)


def test_country_column_is_proposed_as_region():
    assert _retail_mapping().columns["region"] == "Country"


def test_chinese_country_header_is_proposed_as_region():
    assert propose_mapping("orders", ["客户", "日期", "金额", "国家/地区"]).columns["region"] == "国家/地区"


def test_a_region_column_wins_over_a_country_column():
    mapping = propose_mapping("orders", ["客户", "日期", "金额", "Country", "Region"])
    assert mapping.columns["region"] == "Region"


def test_pipeline_country_column_is_proposed_as_region():
    assert propose_mapping("pipeline", ["Account", "Stage", "Country"]).columns["region"] == "Country"


def test_description_wins_over_numeric_stock_code_as_product():
    assert _retail_mapping().columns["product"] == "Description"


def test_numeric_stock_code_is_left_unmapped_not_guessed_as_amount():
    # amount = Quantity x UnitPrice; StockCode's digits look like money but its header names a code
    mapping = _retail_mapping()
    assert "StockCode" not in mapping.columns.values()
    assert "amount" not in mapping.columns
    assert mapping.missing_required() == []


def test_retail_export_maps_every_other_column_to_its_field():
    expected = {
        "customer": "CustomerID",
        "order_date": "InvoiceDate",
        "order_id": "InvoiceNo",
        "product": "Description",
        "quantity": "Quantity",
        "unit_price": "UnitPrice",
        "region": "Country",
    }
    assert _retail_mapping().columns == expected


def test_product_column_of_codes_gives_way_to_a_product_column_of_names():
    # 产品 comes before 商品 among the header words; its values are codes, 商品's are names
    data = pa.table(
        {
            "客户": ["甲", "乙", "甲"],
            "日期": ["2024-01-05", "2024-01-06", "2024-01-07"],
            "金额": ["10", "20", "30"],
            "产品": ["1001", "1002", "1001"],
            "商品": ["螺丝", "垫片", "螺丝"],
        }
    )
    mapping = propose_mapping("orders", data.column_names, data)
    assert mapping.columns["product"] == "商品"


def test_product_column_of_names_is_kept_when_the_other_candidate_holds_codes_too():
    data = pa.table({"客户": ["甲"], "日期": ["2024-01-05"], "金额": ["10"], "产品": ["螺丝"], "物料编码": ["1001"]})
    assert propose_mapping("orders", data.column_names, data).columns["product"] == "产品"


def test_amount_is_still_found_by_its_values_when_no_quantity_and_price_stand_in():
    data = pa.table({"客户": ["甲", "乙", "甲"], "日期": ["2024-01-05"] * 3, "X": ["10.50", "20", "30"]})
    assert propose_mapping("orders", data.column_names, data).columns["amount"] == "X"
