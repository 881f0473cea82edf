"""What the loaded file can answer (issue #11): the optional fields it fills and the views the others take away."""

from __future__ import annotations

from core.analytics.fields import NEEDS, missing_needs, present_fields
from tests.analytics._orders_b import order, orders_store


def test_a_field_is_present_when_any_order_line_fills_it():
    con = orders_store(order("甲", 10, 100, product="85123"), order("乙", 20, 50, account_manager="王芳"))
    assert present_fields(con) == {"product", "account_manager"}


def test_a_field_left_blank_on_every_line_is_absent():
    con = orders_store(order("甲", 10, 100, region=None), order("乙", 20, 50))
    assert "region" not in present_fields(con)


def test_a_file_with_only_customer_date_and_amount_misses_every_view_that_needs_a_column():
    con = orders_store(order("甲", 10, 100))
    assert [view for view, _ in missing_needs(present_fields(con))] == [view for view, _ in NEEDS]


def test_gross_profit_needs_either_a_profit_or_a_cost():
    with_cost = missing_needs(frozenset({"cost"}))
    with_profit = missing_needs(frozenset({"profit"}))
    assert "gross_profit" not in [v for v, _ in with_cost] and "gross_profit" not in [v for v, _ in with_profit]
    assert ("gross_profit", ("profit", "cost")) in missing_needs(frozenset({"account_manager"}))
