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
