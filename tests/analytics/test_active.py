"""Active customers (issue #11): one definition for the home page, the brief and the report JSON."""

from __future__ import annotations

from conftest import AS_OF, load_orders, order
from core.analytics.active import active_customers
from core.analytics.customer_funnel import customer_funnel
from core.analytics.rfm import rfm_segments
from core.filters import Filters

WINDOW = Filters(as_of=AS_OF)


def test_a_customer_whose_order_was_returned_is_still_active(con):
    load_orders(
        con,
        order("甲", 5, 100),
        order("乙", 5, 100),
        order("乙", 3, -100),  # returned: net 0, but 乙 ordered in the window
        order("丙", 3, -50),  # only a return: never ordered
        order("丁", 400, 100),  # ordered before the window only
    )
    assert active_customers(con, WINDOW) == 2  # 甲 and 乙


def test_active_customers_are_the_rfm_population_and_the_funnels_first_stage(con):
    load_orders(con, order("甲", 5, 100), order("乙", 5, 100), order("乙", 3, -100), order("丙", 3, -50))
    first_stage = customer_funnel(con, WINDOW)["reached"].iloc[0]
    assert active_customers(con, WINDOW) == len(rfm_segments(con, WINDOW)) == first_stage == 2


def test_filters_apply_to_active_customers(con):
    load_orders(con, order("甲", 5, 100, region="华东"), order("乙", 5, 100, region="华南"))
    assert active_customers(con, Filters(as_of=AS_OF, region=("华南",))) == 1


def test_no_orders_means_no_active_customer(con):
    assert active_customers(con, WINDOW) == 0
