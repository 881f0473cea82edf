"""Long tail (PRODUCT.md § Long tail): each test states one rule, numbers worked by hand."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from conftest import AS_OF, load_orders, order
from core.analytics.abc import abc_tiers
from core.analytics.long_tail import (
    fastest_growing_tail,
    gini,
    lorenz_points,
    tail_by_dimension,
    tail_per_manager,
    tail_shares,
)
from core.filters import Filters
from core.rules import LongTailRules

WINDOW = Filters(as_of=AS_OF)
ANY_GROWTH = LongTailRules(growth_min_share=0, growth_min_amount=0)  # every rise listed, however small
EMPTY = Filters(as_of=AS_OF, region=("西北",))


@pytest.fixture
def tail_con(con):
    """甲 800, 乙 150, 丙 50, 丁 15 (5 then 10), 戊 -10: positive total 1015.

    cum_before: 乙 800/1015 = 0.788 A, 丙 950/1015 = 0.936 B, 丁 1000/1015 = 0.985 C, 戊 negative C.
    """
    load_orders(
        con,
        order("甲", 1, 800, region="华东", account_manager="张三"),
        order("乙", 2, 150, region="华南", account_manager="李四"),
        order("丙", 3, 50, region="华南"),
        order("丁", 200, 5, region="华南", account_manager="张三"),
        order("丁", 4, 10, region="华北", account_manager="张三"),
        order("戊", 5, -10, region="华北"),
    )
    return con


def test_tail_holds_its_count_share_against_its_revenue_share(tail_con):
    result = tail_shares(abc_tiers(tail_con, WINDOW))
    # tail 丁 + 戊: 2 of 5 customers, 15 - 10 = 5 of 1005 net revenue
    expected = pd.DataFrame(
        {
            "customers_count": [5],
            "tail_customers_count": [2],
            "customer_share": [0.4],
            "net_revenue_cents": [100500],
            "tail_net_revenue_cents": [500],
            "tail_net_revenue": [5.0],
            "revenue_share": [500 / 100500],
        }
    )
    assert_frame_equal(result, expected)


def test_tail_can_be_widened_to_tiers_b_and_c(tail_con):
    result = tail_shares(abc_tiers(tail_con, WINDOW), LongTailRules(tail_tiers=("B", "C")))
    assert result["tail_customers_count"].tolist() == [3]  # 丙 joins
    assert result["tail_net_revenue_cents"].tolist() == [5500]  # 50 + 15 - 10


def test_lorenz_curve_starts_at_origin_and_sorts_customers_ascending(con):
    load_orders(con, order("甲", 1, 60), order("乙", 1, 30), order("丙", 1, 10), order("丁", 1, -5))
    result = lorenz_points(con, WINDOW)
    # 丁 nets below 0 and holds no share; 丙 10, 乙 30, 甲 60 of 100
    expected = pd.DataFrame(
        {
            "rank": [0, 1, 2, 3],
            "customer": [None, "丙", "乙", "甲"],
            "customer_share": [0.0, 1 / 3, 2 / 3, 1.0],
            "revenue_share": [0.0, 0.1, 0.4, 1.0],
        }
    )
    assert_frame_equal(result, expected, check_dtype=False)


def test_gini_follows_the_ranked_sum_formula(tail_con):
    result = gini(lorenz_points(tail_con, WINDOW))
    # positive x ascending 15, 50, 150, 800 (戊 excluded), n 4, sum 1015:
    # (-3 * 15 - 1 * 50 + 1 * 150 + 3 * 800) / (4 * 1015) = 2455 / 4060
    assert result == pytest.approx(2455 / 4060, rel=1e-12)


def test_gini_is_zero_when_every_customer_buys_the_same(con):
    load_orders(con, order("甲", 1, 100), order("乙", 1, 100), order("丙", 1, 100))
    assert gini(lorenz_points(con, WINDOW)) == pytest.approx(0.0, abs=1e-12)


def test_tail_revenue_by_region_splits_the_tail_orders(tail_con):
    result = tail_by_dimension(tail_con, WINDOW, "region")
    # tail orders in the window: 丁 5 华南, 丁 10 华北, 戊 -10 华北; tail net revenue 5
    expected = pd.DataFrame(
        {
            "dimension_value": ["华南", "华北"],
            "tail_customers_count": [1, 2],
            "net_revenue": [5.0, 0.0],
            "net_revenue_cents": [500, 0],
            "revenue_share": [1.0, 0.0],
        }
    )
    assert_frame_equal(result, expected, check_dtype=False)


def test_tail_by_a_name_outside_breakdowns_raises_value_error(tail_con):
    with pytest.raises(ValueError, match="breakdown"):
        tail_by_dimension(tail_con, WINDOW, 'region"; drop table orders; --')


def test_fastest_growing_tail_compares_the_last_half_of_the_window_with_the_first(con):
    load_orders(
        con,
        order("大", 1, 10000),
        # tail customers, first half (days_before 183..364) against last half (0..182)
        order("甲", 300, 10),
        order("甲", 10, 50),  # x5
        order("乙", 183, 20),
        order("乙", 182, 40),  # x2: day 183 is the first half, day 182 the last
        order("丙", 100, 30),  # nothing before: no ratio, ranks after the ratios
        order("丁", 300, 40),
        order("丁", 10, 10),  # declining: not listed
    )
    result = fastest_growing_tail(con, WINDOW, tail=ANY_GROWTH)[["customer", "growth_ratio", "revenue_change_cents"]]
    expected = pd.DataFrame(
        {"customer": ["甲", "乙", "丙"], "growth_ratio": [5.0, 2.0, None], "revenue_change_cents": [4000, 2000, 3000]}
    )
    assert_frame_equal(result, expected, check_dtype=False)


def test_fastest_growing_tail_keeps_the_top_n(con):
    load_orders(con, order("大", 1, 100000), *[order(f"c{i}", 10, 10 * i) for i in range(1, 6)])
    result = fastest_growing_tail(con, WINDOW, tail=replace(ANY_GROWTH, top_n=2))["customer"].tolist()
    # no first half anywhere: ranked by revenue_change, c5 50 then c4 40
    assert result == ["c5", "c4"]


def _growth_at_the_edges(con):
    """大 5,000,000 makes every other customer tier C (cum_before >= 5,000,000 / 5,071,000 = 0.986). First half
    (days_before 300) against the second (days_before 10)."""
    load_orders(
        con,
        order("大", 1, 5_000_000),
        order("甲", 300, 5000),
        order("甲", 10, 6000),  # +1,000 = exactly 20% and exactly ¥1,000: listed
        order("乙", 300, 5000),
        order("乙", 10, 5999),  # +999: 19.98% and ¥999, short of both
        order("丙", 300, 20000),
        order("丙", 10, 23000),  # +3,000 but only 15%
        order("丁", 300, 100),
        order("丁", 10, 900),  # +800%, but ¥800
        order("戊", 10, 1000),  # nothing before: no share to grow by, and exactly ¥1,000
        order("己", 10, 1),  # nothing before, ¥1: noise
    )


def test_fastest_growing_tail_lists_growth_of_at_least_20_percent_and_1000_yuan(con):
    _growth_at_the_edges(con)
    result = fastest_growing_tail(con, WINDOW)[["customer", "growth_ratio", "revenue_change_cents"]]
    expected = pd.DataFrame(
        {"customer": ["甲", "戊"], "growth_ratio": [1.2, None], "revenue_change_cents": [100000, 100000]}
    )
    assert_frame_equal(result, expected, check_dtype=False)


def test_lower_growth_thresholds_list_the_smaller_risers(con):
    _growth_at_the_edges(con)
    lower = LongTailRules(growth_min_share=0.15, growth_min_amount=800)
    result = fastest_growing_tail(con, WINDOW, tail=lower)["customer"].tolist()
    # now 乙 (+19.98%, ¥999), 丙 (+15%, ¥3,000) and 丁 (+800%, ¥800) qualify; 己 (¥1) still does not. By ratio:
    # 丁 900 / 100 = 9.0, 甲 1.2, 乙 5,999 / 5,000 = 1.1998, 丙 23,000 / 20,000 = 1.15, then 戊 with no ratio
    assert result == ["丁", "甲", "乙", "丙", "戊"]


def test_tail_customers_are_counted_per_account_manager(tail_con):
    result = tail_per_manager(abc_tiers(tail_con, WINDOW))
    # 丁 is 张三's (latest order), 戊 has no manager
    expected = pd.DataFrame(
        {
            "account_manager": ["张三", None],
            "tail_customers_count": [1, 1],
            "net_revenue": [15.0, -10.0],
            "net_revenue_cents": [1500, -1000],
        }
    )
    assert_frame_equal(result, expected, check_dtype=False)


def test_filter_leaving_no_orders_returns_empty_frames(tail_con):
    tiers = abc_tiers(tail_con, EMPTY)
    assert tail_shares(tiers).empty
    assert tail_per_manager(tiers).empty
    assert lorenz_points(tail_con, EMPTY).empty
    assert np.isnan(gini(lorenz_points(tail_con, EMPTY)))
    assert tail_by_dimension(tail_con, EMPTY, "product").empty
    assert fastest_growing_tail(tail_con, EMPTY).empty
