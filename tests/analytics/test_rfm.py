"""RFM segments (PRODUCT.md § RFM): each test states one rule, numbers worked by hand."""

from __future__ import annotations

import pandas as pd
from pandas.testing import assert_frame_equal

from conftest import AS_OF, load_orders, order
from core.analytics.rfm import SEGMENTS, rfm_segments, segment_summary
from core.filters import Filters

WINDOW = Filters(as_of=AS_OF)


def column_by_customer(con, column: str, filters=WINDOW) -> dict:
    return dict(rfm_segments(con, filters)[["customer", column]].values)


def test_recency_equal_to_the_mean_is_low(con):
    load_orders(con, order("甲", 10, 100), order("乙", 20, 100), order("丙", 30, 100))
    result = column_by_customer(con, "is_recency_high")
    # mean R = (10 + 20 + 30) / 3 = 20: high only if R < 20
    assert result == {"甲": True, "乙": False, "丙": False}


def test_frequency_equal_to_the_mean_is_low(con):
    load_orders(
        con,
        order("甲", 1, 100),
        *[order("乙", d, 50) for d in (1, 2)],
        *[order("丙", d, 30) for d in (1, 2, 3)],
    )
    result = column_by_customer(con, "is_frequency_high")
    # mean F = (1 + 2 + 3) / 3 = 2: high only if F > 2
    assert result == {"甲": False, "乙": False, "丙": True}


def test_monetary_equal_to_the_mean_is_low_to_the_cent(con):
    load_orders(con, order("甲", 1, "0.10"), order("乙", 1, "0.20"), order("丙", 1, "0.30"))
    result = column_by_customer(con, "is_monetary_high")
    # mean M = 0.60 / 3 = 0.20 exactly (in floats 0.1 + 0.2 + 0.3 is not 0.6): 乙 is not above it
    assert result == {"甲": False, "乙": False, "丙": True}


def test_segments_follow_the_product_table(con):
    load_orders(
        con,
        order("甲", 5, 1000),  # R 5, F 1, M 1000
        *[order("乙", d, 10) for d in (100, 110, 120)],  # R 100, F 3, M 30
        order("丙", 200, 50),  # R 200, F 2, M 100
        order("丙", 300, 50),
    )
    result = column_by_customer(con, "segment")
    # means: R 305/3 = 101.7, F 6/3 = 2, M 1130/3 = 376.7
    # 甲 R high F low M high; 乙 R high F high M low; 丙 R low F low (2 == mean) M low
    assert result == {"甲": "important_develop", "乙": "general_value", "丙": "general_winback"}


def test_customer_with_only_returns_is_not_segmented(con):
    load_orders(con, order("甲", 1, 100), order("乙", 5, -40))
    result = set(rfm_segments(con, WINDOW)["customer"])
    assert result == {"甲"}


def test_recency_counts_from_the_last_positive_order_not_a_later_return(con):
    load_orders(con, order("甲", 40, 100), order("甲", 3, -20))
    result = rfm_segments(con, WINDOW)[["recency_days", "frequency", "monetary_cents"]]
    expected = pd.DataFrame({"recency_days": [40], "frequency": [1], "monetary_cents": [8000]})  # 100 - 20
    assert_frame_equal(result, expected)


def test_frequency_counts_distinct_order_ids_of_positive_lines(con):
    load_orders(
        con,
        order("甲", 1, 10, order_id="SO-1"),
        order("甲", 1, 20, order_id="SO-1"),  # another line of SO-1
        order("甲", 1, 30, order_id="SO-2"),  # a second order on the same day
        order("甲", 2, -10, order_id="CN-1"),  # a credit note is not an order
    )
    assert rfm_segments(con, WINDOW)["frequency"].tolist() == [2]


def test_frequency_without_order_id_counts_distinct_purchase_days(con):
    load_orders(con, order("甲", 1, 10), order("甲", 1, 20), order("甲", 8, 30))
    assert rfm_segments(con, WINDOW)["frequency"].tolist() == [2]  # days 1 and 8


def test_scores_are_quintiles_with_recency_reversed(con):
    load_orders(con, *[order(f"c{i}", days_before=10 * i, amount=100 * i) for i in range(1, 6)])
    result = rfm_segments(con, WINDOW).sort_values("customer")[["customer", "r_score", "m_score"]]
    # c1 is the most recent (5) and the smallest (1); c5 the oldest (1) and the largest (5)
    expected = pd.DataFrame(
        {"customer": ["c1", "c2", "c3", "c4", "c5"], "r_score": [5, 4, 3, 2, 1], "m_score": [1, 2, 3, 4, 5]}
    )
    assert_frame_equal(result.reset_index(drop=True), expected)


def test_region_filter_changes_the_population_means(con):
    load_orders(
        con,
        order("甲", 1, 1000, region="华东"),
        order("乙", 1, 300, region="华南"),
        order("丙", 1, 100, region="华南"),
    )
    result = column_by_customer(con, "is_monetary_high", Filters(as_of=AS_OF, region=("华南",)))
    # 华南 alone: mean M = 200, so 乙 is high (with 甲 the mean is 466.7 and it would be low)
    assert result == {"乙": True, "丙": False}


def test_filter_leaving_no_orders_returns_empty_frames(con):
    load_orders(con, order("甲", 1, 100, region="华东"))
    segments = rfm_segments(con, Filters(as_of=AS_OF, region=("西北",)))
    assert segments.empty
    assert segment_summary(segments).empty


def test_segment_summary_lists_every_segment_and_sums_to_the_net_revenue(con):
    load_orders(con, order("甲", 5, 1000), *[order("乙", d, 10) for d in (100, 110, 120)], order("乙", 90, "-0.01"))
    result = segment_summary(rfm_segments(con, WINDOW))
    assert result["segment"].tolist() == list(SEGMENTS)
    assert result["customers_count"].sum() == 2
    assert result["net_revenue_cents"].sum() == 102999  # 1000 + 30 - 0.01
