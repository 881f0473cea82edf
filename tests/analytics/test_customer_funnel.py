"""Customer funnel from orders (PRODUCT.md § Funnel conversion, orders only), numbers worked by hand."""

from __future__ import annotations

import pandas as pd
from pandas.testing import assert_frame_equal

from conftest import AS_OF, load_orders, order
from core.analytics.abc import abc_tiers
from core.analytics.customer_funnel import customer_funnel
from core.filters import Filters
from core.rules import AbcRules, FunnelRules

WINDOW = Filters(as_of=AS_OF)
# cuts at 0: no customer has less than 0% of revenue above it, so nobody is tier A (a stage count alone)
NOBODY_A = AbcRules(a_below=0.0, b_below=0.0)


def test_funnel_reaches_each_stage_with_conversion_from_the_one_before(con):
    load_orders(
        con,
        *[order("甲", d, 100) for d in (1, 2, 3, 4, 5)],  # 5 orders, 500: tier A
        *[order("乙", d, 10) for d in (1, 2, 3, 4)],  # 4 orders, 40: cum_before 500/560 = 0.89, B
        order("丙", 1, 10),
        order("丙", 2, 10),  # 2 orders
        order("丁", 1, 0.01),  # 1 order
        order("戊", 1, -3),  # only a return: never purchased
    )
    result = customer_funnel(con, WINDOW)
    expected = pd.DataFrame(
        {
            "stage_index": [1, 2, 3, 4],
            "stage": ["first_purchase", "second_purchase", "repeat_4", "tier_a"],
            "reached": [4, 3, 2, 1],
            "conversion": [None, 3 / 4, 2 / 3, 1 / 2],
        }
    )
    assert_frame_equal(result, expected, check_dtype=False)


def test_tier_a_customer_with_one_order_reached_every_stage_like_a_won_deal(con):
    load_orders(con, order("甲", 1, 1000), *[order("乙", d, 1) for d in (1, 2, 3, 4)])
    result = dict(customer_funnel(con, WINDOW)[["stage", "reached"]].values)
    # 甲 is tier A with one order: it counts at every stage (issue #11: tier_a is the ABC page's A count);
    # 乙 has 4 orders but is C (cum_before 1000/1004)
    assert result == {"first_purchase": 2, "second_purchase": 2, "repeat_4": 2, "tier_a": 1}


def test_tier_a_stage_counts_every_tier_a_customer_of_the_abc_tiers(con):
    load_orders(
        con,
        order("甲", 1, 500),  # one order: cum_before 0, A
        order("乙", 1, 300),  # one order: cum_before 500/1000 = 0.5, A
        *[order("丙", d, 40) for d in (1, 2, 3, 4, 5)],  # 200 in 5 orders: cum_before 0.8, B
    )
    tiers = abc_tiers(con, WINDOW)
    result = dict(customer_funnel(con, WINDOW)[["stage", "reached"]].values)
    assert result["tier_a"] == (tiers["tier"] == "A").sum() == 2
    assert result == {"first_purchase": 3, "second_purchase": 3, "repeat_4": 3, "tier_a": 2}


def test_lines_of_one_order_id_count_as_one_order(con):
    load_orders(con, *[order("甲", 1, 10, order_id="SO-1") for _ in range(4)])
    result = dict(customer_funnel(con, WINDOW, abc_rules=NOBODY_A)[["stage", "reached"]].values)
    assert result["second_purchase"] == 0


def test_repeat_threshold_is_configurable(con):
    load_orders(con, *[order("甲", d, 10) for d in (1, 2, 3)])
    result = dict(customer_funnel(con, WINDOW, FunnelRules(repeat_orders=3))[["stage", "reached"]].values)
    assert result["repeat_4"] == 1 and result["tier_a"] == 1  # the only customer is A


def test_stage_after_an_empty_stage_has_no_conversion(con):
    load_orders(con, order("甲", 1, 10))
    result = customer_funnel(con, WINDOW, abc_rules=NOBODY_A)["conversion"].tolist()
    # 1 -> 0 second purchases -> 0/0 is null, not an error
    assert pd.isna(result[0]) and result[1] == 0.0 and pd.isna(result[2]) and pd.isna(result[3])


def test_filter_leaving_no_orders_returns_an_empty_frame(con):
    load_orders(con, order("甲", 1, 10, region="华东"))
    assert customer_funnel(con, Filters(as_of=AS_OF, region=("西北",))).empty
