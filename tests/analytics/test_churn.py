"""Churn warnings (PRODUCT.md § Churn warnings), numbers worked out by hand from days before AS_OF."""

from __future__ import annotations

import random

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from core.analytics.churn import AT_RISK_LEVELS, churn_warnings, warning_summary
from core.filters import Filters
from core.labels import trend_words
from tests.analytics._orders_b import AS_OF, order, orders_store

AT_AS_OF = Filters(as_of=AS_OF)


def warning_of(con, customer: str) -> pd.Series:
    warnings = churn_warnings(con, AT_AS_OF)
    return warnings.set_index("customer").loc[customer]


def test_cycle_with_exactly_three_purchase_days_is_the_median_of_the_two_gaps():
    con = orders_store(order("甲", 100, 10), order("甲", 60, 10), order("甲", 10, 10))
    result = warning_of(con, "甲")
    assert result["cycle_days"] == 45.0  # gaps 40 and 50
    assert result["overdue"] == pytest.approx(10 / 45)


def test_cycle_from_two_gaps_that_differ_by_one_day_keeps_the_half_day():
    con = orders_store(order("甲", 81, 10), order("甲", 41, 10), order("甲", 0, 10))
    assert warning_of(con, "甲")["cycle_days"] == 40.5  # gaps 40 and 41: DuckDB's median averages them


@pytest.mark.parametrize("purchase_days_before", [(30,), (60, 30)], ids=["one_purchase_day", "two_purchase_days"])
def test_customer_with_fewer_than_three_purchase_days_gets_the_default_90_day_cycle(purchase_days_before):
    con = orders_store(*(order("甲", d, 10) for d in purchase_days_before))
    result = warning_of(con, "甲")
    assert (result["cycle_days"], result["days_since_last"]) == (90.0, 30)
    assert result["overdue"] == pytest.approx(30 / 90)


def test_two_lines_on_one_date_are_one_purchase_day():
    con = orders_store(order("甲", 100, 10), order("甲", 100, 20), order("甲", 60, 10))
    result = warning_of(con, "甲")
    assert (result["purchase_days_count"], result["cycle_days"]) == (2, 90.0)


def test_a_return_is_not_a_purchase_day():
    con = orders_store(order("甲", 100, 10), order("甲", 20, -5))
    result = warning_of(con, "甲")
    assert (result["purchase_days_count"], result["days_since_last"]) == (1, 100)


def test_decline_is_null_when_baseline_revenue_is_zero():
    con = orders_store(order("甲", 50, 10), order("甲", 10, 10))  # both inside the last 90 days
    result = warning_of(con, "甲")
    assert pd.isna(result["decline"])
    assert result["level"] == "ok"


def test_decline_compares_recent_revenue_with_a_third_of_baseline_revenue():
    # baseline 90 <= days_before < 360: 200 + 200 + 200 = 600, a third is 200; recent 100 -> 1 - 100/200
    con = orders_store(order("甲", 300, 200), order("甲", 200, 200), order("甲", 100, 200), order("甲", 10, 100))
    result = warning_of(con, "甲")
    assert (result["recent_revenue"], result["baseline_revenue"], result["decline"]) == (100, 600, 0.5)


def test_decline_of_exactly_half_is_high():
    # cycle median(100, 100, 90) = 100, overdue 0.1: only the decline of 0.5 can make it high
    con = orders_store(order("甲", 300, 200), order("甲", 200, 200), order("甲", 100, 200), order("甲", 10, 100))
    assert warning_of(con, "甲")["level"] == "high"


def test_decline_of_exactly_30_percent_is_medium_despite_floating_point():
    # 1 - 70 / (300 / 3) is 0.30000000000000004 in doubles; the rule means 30%
    con = orders_store(order("甲", 300, 100), order("甲", 200, 100), order("甲", 100, 100), order("甲", 10, 70))
    result = warning_of(con, "甲")
    assert (result["decline"], result["level"]) == (0.3, "medium")


def test_customer_with_only_returns_is_lost():
    con = orders_store(order("甲", 10, -50))
    result = warning_of(con, "甲")
    assert (result["level"], result["purchase_days_count"]) == ("lost", 0)
    assert result["reason_en"] == "no purchase, only returns"
    assert pd.isna(result["days_since_last"]) and pd.isna(result["last_purchase_date"])


@pytest.mark.parametrize(("days_since_last", "level"), [(365, "high"), (366, "lost")])
def test_customer_is_lost_only_after_more_than_365_days_without_a_purchase(days_since_last, level):
    con = orders_store(order("甲", days_since_last, 10))  # 365 / 90 = 4.1 cycles overdue: high, not yet lost
    assert warning_of(con, "甲")["level"] == level


def test_overdue_of_exactly_3_is_high():
    con = orders_store(order("甲", 85, 10), order("甲", 68, 10), order("甲", 51, 10))  # cycle 17, 51 / 17 = 3
    result = warning_of(con, "甲")
    assert (result["overdue"], result["level"]) == (3.0, "high")


def test_overdue_just_under_3_is_medium():
    con = orders_store(order("甲", 84, 10), order("甲", 67, 10), order("甲", 50, 10))  # cycle 17, 50 / 17 = 2.94
    assert warning_of(con, "甲")["level"] == "medium"


def test_overdue_of_exactly_2_is_medium():
    con = orders_store(order("甲", 80, 10), order("甲", 60, 10), order("甲", 40, 10))  # cycle 20, 40 / 20 = 2
    result = warning_of(con, "甲")
    assert (result["overdue"], result["level"]) == (2.0, "medium")


def test_revenue_at_risk_of_a_risky_customer_is_its_net_revenue_in_the_analysis_window():
    # one purchase day 200 days ago (inside the window) with a return 20 days ago: 200 / 90 = 2.2 cycles, medium;
    # days 364 and 365: 365 is outside 0 <= days_before < 365. Purchase days 364, 365, 200: cycle median(1, 164)
    con = orders_store(order("甲", 200, 500), order("甲", 20, -100), order("甲", 364, 50), order("甲", 365, 1000))
    result = warning_of(con, "甲")
    assert (result["level"], result["window_revenue"], result["revenue_at_risk"]) == ("high", 450, 450)


def test_an_ok_customer_has_no_revenue_at_risk_but_keeps_its_window_revenue():
    con = orders_store(order("甲", 10, 500), order("甲", 20, -100))
    result = warning_of(con, "甲")
    assert (result["level"], result["window_revenue"], result["revenue_at_risk"]) == ("ok", 400, 0)


def test_a_lost_customer_whose_window_holds_only_a_return_has_no_revenue_at_risk_not_a_negative_one():
    con = orders_store(order("甲", 400, 1000), order("甲", 30, -250))  # last purchase 400 days ago: lost
    result = warning_of(con, "甲")
    assert (result["level"], result["window_revenue"], result["revenue_at_risk"]) == ("lost", -250, 0)


def test_a_risky_customer_whose_window_nets_below_zero_has_zero_at_risk():
    # baseline 300 (average 100); recent 70 - 500 = -430: decline 5.3, high. Window 300 + 70 - 500 = -130
    con = orders_store(
        order("甲", 300, 100), order("甲", 200, 100), order("甲", 100, 100), order("甲", 10, 70), order("甲", 5, -500)
    )
    result = warning_of(con, "甲")
    assert (result["level"], result["window_revenue"], result["revenue_at_risk"]) == ("high", -130, 0)


# medium by decline: baseline 300 (average 100), recent 70, decline exactly 30%; window 370
MEDIUM = ((300, 100), (200, 100), (100, 100), (10, 70))


def test_revenue_at_risk_is_counted_only_for_the_at_risk_levels():
    con = orders_store(
        order("ok", 10, 100),
        *(order("medium", d, a) for d, a in MEDIUM),
        order("high", 300, 700),  # nothing in the last 90 days: decline 100%
        order("lost", 400, 900),
    )
    result = churn_warnings(con, AT_AS_OF).set_index("customer")
    assert result["level"].to_dict() == {"ok": "ok", "medium": "medium", "high": "high", "lost": "lost"}
    assert result["revenue_at_risk"].to_dict() == {"high": 700, "medium": 370, "ok": 0, "lost": 0}
    assert AT_RISK_LEVELS == ("high", "medium")


def test_warnings_sort_by_revenue_at_risk_then_window_revenue_descending_then_customer():
    con = orders_store(
        order("C", 300, 100),  # high, 100 at risk
        order("A", 300, 100),  # high, 100 at risk
        order("B", 300, 300),  # high, 300 at risk
        order("E", 10, 50),  # ok: nothing at risk, 50 in the window
        order("D", 400, 1000),  # lost: nothing at risk, nothing in the window
    )
    result = churn_warnings(con, AT_AS_OF)[["customer", "revenue_at_risk", "window_revenue"]]
    expected = pd.DataFrame(
        {
            "customer": ["B", "A", "C", "E", "D"],
            "revenue_at_risk": [300.0, 100.0, 100.0, 0.0, 0.0],
            "window_revenue": [300.0, 100.0, 100.0, 50.0, 0.0],
        }
    )
    assert_frame_equal(result, expected, check_dtype=False)


def test_summary_by_level_counts_revenue_at_risk_for_high_and_medium_only():
    con = orders_store(
        order("ok", 10, 100),
        *(order("medium", d, a) for d, a in MEDIUM),
        order("lost", 400, 900),
        order("lost", 5, -40),
    )
    result = warning_summary(con, AT_AS_OF).set_index("level")["revenue_at_risk"].to_dict()
    assert result == {"lost": 0.0, "high": 0.0, "medium": 370.0, "ok": 0.0}


def test_reasons_name_the_overdue_cycle_and_the_decline_in_both_languages():
    # cycle median(30, 30) = 30, 81 days since: 2.7x; baseline 300 (a third 100), recent 54: -46%
    con = orders_store(order("甲", 141, 150), order("甲", 111, 150), order("甲", 81, 54))
    result = warning_of(con, "甲")
    assert result["level"] == "medium"
    assert result["reason_en"] == "2.7× past its usual 30-day cycle; last 90 days down 46% vs its prior average"
    assert result["reason_zh"] == "已超出常规30天采购周期2.7倍；近90天销售额较前期均值下降46%"


def test_reason_of_a_customer_without_a_cycle_of_its_own_says_default_cycle():
    con = orders_store(order("甲", 200, 100))  # 200 / 90 = 2.2; nothing in the last 90 days: -100%
    result = warning_of(con, "甲")
    assert result["reason_en"] == "2.2× past its default 90-day cycle; last 90 days down 100% vs its prior average"
    assert result["reason_zh"] == "已超出默认90天采购周期2.2倍；近90天销售额较前期均值下降100%"


def test_reason_of_a_lost_customer_says_how_long_since_the_last_purchase():
    con = orders_store(order("甲", 400, 100))
    result = warning_of(con, "甲")
    assert (result["reason_en"], result["reason_zh"]) == ("no purchase for 400 days", "已400天未采购")


def test_ok_customer_has_no_reason():
    con = orders_store(order("甲", 10, 100))
    assert (warning_of(con, "甲")["reason_en"], warning_of(con, "甲")["reason_zh"]) == ("", "")


def test_owner_is_the_account_manager_of_the_latest_order_that_names_one():
    con = orders_store(
        order("甲", 50, 10, account_manager="王"),
        order("甲", 20, 10, account_manager="李"),
        order("甲", 10, 10),  # no manager on the latest line
        order("甲", 5, -10, account_manager="赵"),  # a return is not an order
    )
    assert warning_of(con, "甲")["account_manager"] == "李"


def test_customer_name_is_the_latest_non_null_one():
    con = orders_store(
        order("C1", 50, 10, customer_name="旧名"), order("C1", 20, 10, customer_name="新名"), order("C1", 10, 10)
    )
    assert warning_of(con, "C1")["customer_name"] == "新名"


def test_orders_after_as_of_are_ignored():
    con = orders_store(order("甲", 100, 10), order("甲", -5, 10))  # 5 days after AS_OF
    assert warning_of(con, "甲")["days_since_last"] == 100


def test_filters_keep_only_matching_order_lines():
    con = orders_store(
        order("甲", 10, 100, region="华东"), order("甲", 400, 100, region="华南"), order("乙", 10, 5, region="华南")
    )
    result = churn_warnings(con, Filters(as_of=AS_OF, region=("华南",)))[["customer", "level"]]
    expected = pd.DataFrame({"customer": ["乙", "甲"], "level": ["ok", "lost"]})
    assert_frame_equal(result, expected, check_dtype=False)


def test_warning_summary_counts_customers_and_revenue_per_level_with_zeros():
    con = orders_store(order("甲", 10, 100), order("乙", 10, 50), order("丙", 400, 70), order("丁", 5, -20))
    result = warning_summary(con, AT_AS_OF)
    expected = pd.DataFrame(
        {
            "level": ["lost", "high", "medium", "ok"],
            "customers_count": [2, 0, 0, 2],
            "revenue_at_risk": [0.0, 0, 0, 0],  # lost (丙 0, 丁 -20 in the window) and ok (150) are not at risk
        }
    )
    assert_frame_equal(result, expected, check_dtype=False)


def test_levels_match_a_plain_pandas_reading_of_the_rules_for_thousands_of_random_customers():
    rng = random.Random(42)
    rows = []
    for n in range(3000):
        for _ in range(rng.randint(1, 12)):
            cents = rng.randint(-20_000, 200_000) if rng.random() < 0.15 else rng.randint(1, 200_000)
            rows.append(order(f"C{n:04d}", rng.randint(0, 800), f"{cents / 100:.2f}"))
    con = orders_store(*rows)

    result = churn_warnings(con, AT_AS_OF).set_index("customer").sort_index()[["level", "cycle_days"]]
    expected = _levels_in_pandas(pd.DataFrame(rows))
    assert_frame_equal(result, expected, check_dtype=False)


def _levels_in_pandas(rows: pd.DataFrame) -> pd.DataFrame:
    """PRODUCT.md § Churn warnings, read directly into pandas."""
    days_before = (pd.Timestamp(AS_OF) - pd.to_datetime(rows["order_date"])).dt.days
    rows = rows.assign(amount=rows["amount"].astype(float), days_before=days_before)
    customers = pd.DataFrame(index=pd.Index(sorted(rows["customer"].unique()), name="customer"))
    purchases = rows[rows["amount"] > 0].drop_duplicates(["customer", "days_before"]).sort_values("days_before")
    gaps = purchases.groupby("customer")["days_before"].diff()
    count = purchases.groupby("customer").size().reindex(customers.index, fill_value=0)
    median_gap = gaps.groupby(purchases["customer"]).median().reindex(customers.index)
    cycle = median_gap.where(count >= 3, 90.0)
    since = purchases.groupby("customer")["days_before"].min().reindex(customers.index)
    overdue = since / cycle

    def revenue(in_period: pd.Series) -> pd.Series:
        return rows[in_period].groupby("customer")["amount"].sum().reindex(customers.index, fill_value=0)

    recent = revenue(rows["days_before"] < 90)
    baseline = revenue(rows["days_before"].between(90, 359))
    decline = (1 - recent / (baseline / 3)).where(baseline > 0)
    level = pd.Series("ok", index=customers.index)
    level[(overdue >= 2) | (decline >= 0.3)] = "medium"
    level[(overdue >= 3) | (decline >= 0.5)] = "high"
    level[since.isna() | (since > 365)] = "lost"
    return pd.DataFrame({"level": level, "cycle_days": cycle})


# The decline as a manager reads it (issue #11): a rise is "up", never a negative decline; capped at 100%.
# recent = net revenue with days_before < 90; the prior average = baseline (90 <= days_before < 360) / 3.


def test_a_rise_reads_up_with_its_percentage():
    # baseline 300 (average 100), recent 135: decline 1 - 135/100 = -0.35
    con = orders_store(order("甲", 300, 100), order("甲", 200, 100), order("甲", 100, 100), order("甲", 10, 135))
    result = warning_of(con, "甲")
    assert (result["decline"], result["trend"], result["trend_pct"], result["trend_capped"]) == (-0.35, "up", 35, False)


def test_a_rise_of_thousands_of_percent_is_capped_at_100():
    # baseline 3 x 10 = 30 (average 10), recent 657.339: decline 1 - 65.7339 = -64.7339, printed -6,473.39% before
    con = orders_store(order("甲", 300, 10), order("甲", 200, 10), order("甲", 100, 10), order("甲", 10, 657.34))
    result = warning_of(con, "甲")
    assert result["decline"] == pytest.approx(-64.734)
    assert (result["trend"], result["trend_pct"], result["trend_capped"]) == ("up", 100, True)
    assert (trend_words("up", 100, True, "zh"), trend_words("up", 100, True, "en")) == ("增长 ≥100%", "up ≥100%")


def test_no_sales_in_the_last_quarter_is_down_100_not_capped():
    con = orders_store(order("甲", 300, 100), order("甲", 200, 100), order("甲", 100, 100))  # recent 0: decline 1
    result = warning_of(con, "甲")
    assert (result["trend"], result["trend_pct"], result["trend_capped"]) == ("down", 100, False)
    assert trend_words(result["trend"], result["trend_pct"], result["trend_capped"], "zh") == "下降 100%"


def test_returns_outweighing_the_last_quarters_sales_are_a_decline_above_100_shown_as_at_least_100():
    # baseline 300 (average 100), recent -50 (a return): decline 1 - (-50 / 100) = 1.5
    con = orders_store(order("甲", 300, 100), order("甲", 200, 100), order("甲", 100, 100), order("甲", 10, -50))
    result = warning_of(con, "甲")
    assert (result["decline"], result["trend"], result["trend_pct"], result["trend_capped"]) == (1.5, "down", 100, True)
    assert result["reason_zh"].endswith("近90天销售额较前期均值下降≥100%")
    assert result["reason_en"].endswith("last 90 days down ≥100% vs its prior average")


def test_a_change_under_half_a_percent_is_flat():
    # baseline 300 (average 100), recent 100.4: decline -0.004
    con = orders_store(order("甲", 300, 100), order("甲", 200, 100), order("甲", 100, 100), order("甲", 10, 100.4))
    result = warning_of(con, "甲")
    assert (result["trend"], result["trend_pct"]) == ("flat", 0)
    assert (trend_words("flat", 0, False, "zh"), trend_words("flat", 0, False, "en")) == ("持平", "flat")


def test_without_a_baseline_there_is_no_trend_and_the_words_say_a_dash():
    con = orders_store(order("甲", 50, 10), order("甲", 10, 10))
    result = warning_of(con, "甲")
    assert pd.isna(result["trend"]) and pd.isna(result["trend_pct"]) and pd.isna(result["trend_capped"])
    assert trend_words(result["trend"], result["trend_pct"], result["trend_capped"], "en") == "—"
