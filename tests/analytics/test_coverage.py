"""How much of the previous window the data covers (issue #11): a change is shown only like with like.

AS_OF = 2024-12-31 and a 365-day window: this window is days_before 0..364, the previous one 365..729
(2023-01-02 .. 2024-01-01). A first order at days_before 373 gives the previous window 9 days with data
(365..373).
"""

from __future__ import annotations

from datetime import date

from conftest import AS_OF, load_orders, order
from core.analytics.abc import tier_migration
from core.analytics.coverage import coverage, previous_window
from core.filters import Filters
from core.rules import ComparisonRules

WINDOW = Filters(as_of=AS_OF)


def test_previous_window_with_nine_days_of_data_is_not_comparable(con):
    load_orders(con, order("甲", 373, 100), order("甲", 1, 100))
    covered = previous_window(con, WINDOW)
    assert (covered.start, covered.end) == (date(2023, 1, 2), date(2024, 1, 1))
    assert (covered.days_with_data, covered.window_days, covered.comparable) == (9, 365, False)


def test_previous_window_covered_for_90_percent_of_its_days_is_comparable(con):
    # 0.90 × 365 = 328.5 days: 329 days with data is enough, 328 is not
    load_orders(con, order("甲", 365 + 328, 100), order("甲", 1, 100))
    assert (previous_window(con, WINDOW).days_with_data, previous_window(con, WINDOW).comparable) == (329, True)


def test_previous_window_one_day_short_of_90_percent_is_not_comparable(con):
    load_orders(con, order("甲", 365 + 327, 100), order("甲", 1, 100))
    assert (previous_window(con, WINDOW).days_with_data, previous_window(con, WINDOW).comparable) == (328, False)


def test_data_that_starts_inside_this_window_leaves_the_previous_window_empty(con):
    load_orders(con, order("甲", 200, 100), order("甲", 1, 100))
    assert previous_window(con, WINDOW).days_with_data == 0


def test_the_span_is_the_files_not_the_filtered_rows(con):
    # 华南 started buying this year, but the file covers last year: its growth is real, not missing data
    load_orders(con, order("甲", 700, 100, region="华东"), order("乙", 10, 100, region="华南"))
    assert previous_window(con, Filters(as_of=AS_OF, region=("华南",))).comparable


def test_a_window_past_the_latest_order_counts_only_the_days_with_data(con):
    load_orders(con, order("甲", 100, 100), order("甲", 10, 100))
    # the 30 days ending at AS_OF: the data stops 10 days before it, so 20 of 30 days have data
    assert coverage(con, AS_OF, 30).days_with_data == 20


def test_the_threshold_is_a_rule(con):
    load_orders(con, order("甲", 373, 100), order("甲", 1, 100))
    assert previous_window(con, WINDOW, ComparisonRules(min_coverage=0.02)).comparable  # 9/365 = 2.5%


def test_tier_migration_carries_the_previous_windows_coverage(con):
    load_orders(con, order("甲", 373, 100), order("乙", 1, 100))
    migration = tier_migration(con, WINDOW)
    assert (migration.previous.days_with_data, migration.previous.comparable) == (9, False)


def test_without_orders_there_is_no_coverage(con):
    assert previous_window(con, WINDOW) is None
