"""Loyalty bands and Kotler relationship levels (PRODUCT.md § Loyalty and relationship levels), by hand."""

from __future__ import annotations

import pytest

from core import store
from core.analytics.loyalty import CONTACT_PATTERNS, KOTLER_GRID, RELATIONSHIP_LEVELS, loyalty_band, relationship_level
from core.analytics.window import params
from core.filters import Filters
from core.labels import CONTACT_PATTERN_LABELS, RELATIONSHIP_LABELS
from core.rules import LoyaltyRules
from tests.analytics._orders_b import AS_OF, order, orders_store

AT_AS_OF = Filters(as_of=AS_OF)


@pytest.mark.parametrize(
    ("probability", "band"),
    [(0.71, "high"), (0.70, "medium"), (0.5, "medium"), (0.30, "medium"), (0.29, "low"), (0.0, "low")],
)
def test_loyalty_is_high_above_70_percent_low_below_30_and_medium_between_both_included(probability, band):
    assert loyalty_band(probability) == band


@pytest.mark.parametrize(
    ("tier", "margin_band", "level"),
    [
        ("A", "high", "partnership"),
        ("A", "medium", "proactive"),
        ("A", "low", "accountable"),
        ("B", "high", "proactive"),
        ("B", "medium", "accountable"),
        ("B", "low", "reactive"),
        ("C", "high", "accountable"),
        ("C", "medium", "reactive"),
        ("C", "low", "basic"),
    ],
)
def test_kotler_level_follows_the_grid_of_tier_and_margin(tier, margin_band, level):
    assert relationship_level(tier, margin_band) == level


def test_every_level_has_a_contact_pattern_in_both_languages():
    assert set(KOTLER_GRID.values()) == set(RELATIONSHIP_LEVELS) == set(CONTACT_PATTERNS) == set(RELATIONSHIP_LABELS)
    assert set(CONTACT_PATTERNS.values()) == set(CONTACT_PATTERN_LABELS)


def margin_bands(con) -> dict[str, str]:
    rules = LoyaltyRules()
    rows = store.run_query(
        con,
        "margin_bands",
        **params(con, AT_AS_OF),
        margin_high_quantile=rules.margin_high_quantile,
        margin_low_quantile=rules.margin_low_quantile,
    )
    return dict(zip(rows["customer"], rows["margin_band"]))


def test_margin_band_is_high_from_the_67th_percentile_and_low_below_the_33rd():
    # margins 10%, 20%, 30%, 40%: 33rd percentile (linear) 0.1 + 0.99 × 0.1 = 0.199, 67th 0.1 + 2.01 × 0.1 = 0.301
    con = orders_store(
        order("甲", 10, 100, profit=10),
        order("乙", 10, 100, profit=20),
        order("丙", 10, 100, profit=30),
        order("丁", 10, 100, profit=40),
    )
    assert margin_bands(con) == {"甲": "low", "乙": "medium", "丙": "medium", "丁": "high"}


def test_without_profit_or_cost_every_margin_band_is_medium():
    con = orders_store(order("甲", 10, 100), order("乙", 10, 500))
    assert margin_bands(con) == {"甲": "medium", "乙": "medium"}


def test_past_period_share_counts_90_day_periods_from_the_first_purchase_to_as_of():
    # purchase days 10, 100, 200, 370 days before: periods 0, 1, 2 and 4 of 0..4 -> 4 of 5; a return is no purchase
    con = orders_store(
        order("甲", 10, 5), order("甲", 100, 5), order("甲", 200, 5), order("甲", 370, 5), order("甲", 280, -5)
    )
    rows = store.run_query(con, "purchase_history", **params(con, AT_AS_OF), loyalty_period_days=90)
    assert rows[["periods_count", "active_periods_count", "purchase_period_share"]].values.tolist() == [[5, 4, 0.8]]
