"""Every messy way of writing the same orders reads back as the same table."""

from decimal import Decimal

import pytest
import sales_files

from core import ingest, store


def _loaded(con):
    rows = con.execute("select customer, order_date, amount from orders order by customer, order_date").fetchall()
    return sorted(rows)


@pytest.mark.parametrize("variant", sales_files.VARIANTS)
def test_messy_variant_reads_back_as_the_orders_table(variant):
    name, data = sales_files.build(variant)
    con = store.connect()
    report = ingest.load_file(con, data, name)
    result = _loaded(con)
    expected = sorted(sales_files.ORDERS)
    assert result == expected
    totals = 1 if variant == "totals_row" else 0
    assert report.rows_read == len(sales_files.ORDERS) + totals
    assert report.rows_loaded == len(sales_files.ORDERS)
    assert report.rows_rejected == totals


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1"])
def test_western_european_csv_is_decoded_without_asking(encoding):
    name, data = (
        "orders.csv",
        sales_files.csv_text(
            sales_files.rows_as_text(sales_files.LATIN_ORDERS), header=["Customer", "Order Date", "Sales"]
        ).encode(encoding),
    )
    con = store.connect()
    ingest.load_file(con, data, name)
    assert _loaded(con) == sorted(sales_files.LATIN_ORDERS)


def test_fully_returned_order_nets_to_exactly_zero():
    data = "客户,日期,金额\n甲,2024-01-05,1234.57\n甲,2024-01-09,-1234.57\n乙,2024-01-09,0.1\n乙,2024-01-09,0.2\n"
    con = store.connect()
    ingest.load_file(con, data.encode(), "o.csv")
    result = dict(con.execute("select customer, sum(amount) from orders group by customer").fetchall())
    assert result == {"甲": Decimal("0.00"), "乙": Decimal("0.30")}
