"""Customer profile queries: one customer's months, products and order lines up to as_of, filters applied."""

from __future__ import annotations

from datetime import date

from core.analytics.customer_profile import customer_monthly, customer_orders, customer_products
from core.filters import Filters
from tests.analytics._orders_b import AS_OF, order, orders_store

AT_AS_OF = Filters(as_of=AS_OF)


def test_monthly_history_nets_returns_and_ignores_other_customers_and_later_orders():
    con = orders_store(
        order("甲", 0, "100.00"),
        order("甲", 1, "-30.00"),
        order("甲", 40, "50.00"),
        order("乙", 0, "999.00"),
        order("甲", -1, "500.00"),  # after as_of: not yet happened
    )
    result = customer_monthly(con, AT_AS_OF, "甲")
    assert [m.isoformat()[:7] for m in result["month"].dt.date] == ["2024-11", "2024-12"]
    assert list(result["net_revenue"]) == [50.0, 70.0]  # December: 100 - 30
    assert list(result["order_lines"]) == [1, 2]


def test_history_covers_all_months_not_only_the_window():
    con = orders_store(order("甲", 700, "10.00"), order("甲", 0, "20.00"))
    assert len(customer_monthly(con, AT_AS_OF, "甲")) == 2


def test_products_sum_all_history_and_the_window_separately():
    con = orders_store(
        order("甲", 400, "70.00", product="A", quantity="7"),
        order("甲", 10, "30.00", product="A", quantity="3"),
        order("甲", 5, "50.00", product="B", quantity="1"),
    )
    result = customer_products(con, AT_AS_OF, "甲")
    assert list(result["product"]) == ["A", "B"]  # by net revenue: 100 before 50
    assert list(result["net_revenue"]) == [100.0, 50.0]
    assert list(result["window_revenue"]) == [30.0, 50.0]  # 400 days before as_of is outside the 365-day window
    assert list(result["quantity"]) == [10.0, 1.0]


def test_orders_are_newest_first_and_follow_the_global_filters():
    con = orders_store(
        order("甲", 20, "1.00", region="华东"),
        order("甲", 10, "2.00", region="华南"),
        order("甲", 0, "3.00", region="华东"),
    )
    everything = customer_orders(con, AT_AS_OF, "甲")
    assert list(everything["amount"]) == [3.0, 2.0, 1.0]
    east = customer_orders(con, Filters(as_of=AS_OF, region=("华东",)), "甲")
    assert list(east["amount"]) == [3.0, 1.0]
    assert everything["order_date"].iloc[0].date() == date(2024, 12, 31)


def test_an_unknown_customer_has_no_rows():
    con = orders_store(order("甲", 0, "1.00"))
    assert customer_orders(con, AT_AS_OF, "=1+1").empty and customer_monthly(con, AT_AS_OF, "=1+1").empty
