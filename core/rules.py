"""Default rules of every analysis (PRODUCT.md § Analyses), each threshold configurable."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class AbcRules:
    # Pareto 80/20: the customers above whom less than 80% of revenue sits are the vital few.
    a_below: float = 0.80
    # The next 15% of revenue: customers worth regular visits.
    b_below: float = 0.95
    metric: str = "net_revenue"  # or "gross_profit" / "order_count" when mapped


@dataclass(frozen=True)
class ChurnRules:
    # Without 3 purchase days there are fewer than 2 gaps: a median says nothing, use a quarter.
    default_cycle_days: int = 90
    min_purchase_days_for_cycle: int = 3
    lost_after_days: int = 365  # a year without buying: the customer is gone, not at risk
    recent_days: int = 90  # "recent" = last quarter ...
    baseline_days: int = 360  # ... against the three quarters before it, averaged per quarter
    high_overdue: float = 3.0
    high_decline: float = 0.5
    medium_overdue: float = 2.0
    medium_decline: float = 0.3


@dataclass(frozen=True)
class FunnelRules:
    # The customer funnel from orders alone: a key account is one who came back often.
    repeat_orders: int = 4


@dataclass(frozen=True)
class LifecycleRules:
    # Stages are checked in this order: lost, new, declining, growing, else mature.
    # Churn level 'lost' (no purchase for a year, or only returns) is the same call as the warning
    # list makes, so a customer never reads 'lost' on one page and 'mature' on another.
    # A quarter since the first purchase: too soon to judge a trend, the customer is still new.
    new_within_days: int = 90
    # Half a year against the half year before it: long enough that one big order doesn't swing it.
    period_days: int = 180
    # +20% over the previous half year is growth a manager would act on, not noise.
    growing_ratio: float = 1.2
    # -20% is decline; so is churn level 'high' (very overdue or revenue down by half) even when
    # the half-year totals still look flat.
    declining_ratio: float = 0.8


@dataclass(frozen=True)
class ForecastRules:
    # PRODUCT.md § Forecast: a quarter ahead, the span of a weekly review's plans.
    horizon_days: int = 90
    # Four parameters from fewer than 30 repeat buyers would be noise dressed as a number: no forecast.
    min_repeat_customers: int = 30


@dataclass(frozen=True)
class LoyaltyRules:
    # Seed 002: a repeat-purchase probability above 70% is loyal, below 30% is not.
    high_above: float = 0.70
    low_below: float = 0.30
    # "the next period": a quarter, like the forecast's horizon; the fallback counts past quarters.
    loyalty_period_days: int = 90
    # PRODUCT.md § Loyalty and relationship levels: margin thirds of the book.
    margin_high_quantile: float = 0.67
    margin_low_quantile: float = 0.33


@dataclass(frozen=True)
class DuplicateRules:
    # PRODUCT.md § Duplicate customers: near-identical names after normalising (one typo in a long name),
    # not merely similar ones (深圳云帆电子 and 深圳云帆电子科技 score 0.86 and stay apart).
    min_similarity: float = 0.92


@dataclass(frozen=True)
class RfmRules:
    # Quintiles: the usual 1-5 RFM score, shown beside the mean-based segments of PRODUCT.md.
    score_buckets: int = 5


@dataclass(frozen=True)
class LongTailRules:
    # PRODUCT.md § Long tail: the small customers are tier C; a team may widen it to ("B", "C").
    tail_tiers: tuple[str, ...] = ("C",)
    # A call list for the weekly review: a screen's worth of customers with potential to move up.
    top_n: int = 10
