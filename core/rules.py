"""Default rules of every analysis (PRODUCT.md § Analyses), each threshold configurable."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, replace


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
    # docs/outlook.md § Satisfaction and referrals: the latest survey score (0-1) at or above this is satisfied
    # (4-5 of 5, 8-10 of 10, 80 of 100: the top-two-box of a five-point survey), below the next dissatisfied
    # (1-2 of 5, 0-5 of 10, under 60 of 100: a failing mark); a dissatisfied customer's band drops one step,
    # one who referred a customer and is not dissatisfied rises one step.
    satisfied_from: float = 0.80
    dissatisfied_below: float = 0.60


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
    # ... and only growth a manager would call about, not noise: the second half of the window beats the first
    # by at least 20% (what the lifecycle calls growing, LifecycleRules.growing_ratio) AND by at least ¥1,000
    # (a ¥10 customer buying ¥11 is +10%, a ¥1 rise on ¥5,000 is nothing; neither is a call). A customer with
    # nothing in the first half has no share to grow by: it needs the amount only.
    growth_min_share: float = 0.20
    growth_min_amount: int = 1_000


@dataclass(frozen=True)
class ComparisonRules:
    # "vs previous" is only like with like: a previous window that the data covers for 9 of its 365 days
    # read as +2524.7% revenue, which measures the missing file, not the business. Below 90% covered (more
    # than five weeks of a year missing, more than a typical month's seasonal swing) no change is shown,
    # only how many of the window's days have data. Coverage is defined in core/analytics/coverage.py.
    min_coverage: float = 0.90


@dataclass(frozen=True)
class Rules:
    """Every analysis's rules in one value: what each page, the Excel brief, the CLI and a shared link use,
    so the projector and the handed-out workbook never disagree."""

    abc: AbcRules = AbcRules()
    rfm: RfmRules = RfmRules()
    churn: ChurnRules = ChurnRules()
    funnel: FunnelRules = FunnelRules()
    long_tail: LongTailRules = LongTailRules()
    comparison: ComparisonRules = ComparisonRules()  # not a setting: no link or flag changes it


ABC_METRICS = ("net_revenue", "gross_profit", "order_count")
# The tail is the smallest tiers: C alone (PRODUCT.md), or B and C for a team that serves B lightly too.
TAIL_CHOICES = ("C", "BC")


@dataclass(frozen=True)
class Setting:
    """One rule a person may change: its name in a link (?abc_a=0.70) and on the command line (--abc-a),
    the field of Rules it sets, and the values it may take. The default is the dataclass's own."""

    name: str
    group: str  # a field of Rules: "abc", "churn", ...
    field: str  # a field of that group's rules
    low: float = 0
    high: float = 0
    decimals: int = 2  # 0: a whole number of days or orders
    choices: tuple[str, ...] = ()  # a word rule (metric, tail) instead of a number

    def default(self) -> float | int | str | tuple[str, ...]:
        return getattr(getattr(Rules(), self.group), self.field)

    def parse(self, text: str) -> float | int | str | tuple[str, ...]:
        """The value written in text, inside [low, high]; ValueError names what is allowed."""
        text = text.strip()
        if self.choices:
            if text not in self.choices:
                raise ValueError(f"{self.name}: one of {', '.join(self.choices)}, not {text!r}")
            return tuple(text) if self.field == "tail_tiers" else text
        try:
            value = float(text)  # 'nan' and 'inf' parse, and fail the range below
        except ValueError:
            value = math.nan
        if not self.low <= value <= self.high:
            raise ValueError(f"{self.name}: a number from {self.low:g} to {self.high:g}, not {text!r}")
        return self.number(value)

    def clamp(self, text: str) -> float | int | str | tuple[str, ...]:
        """As parse, but a number outside the range is moved to its edge and anything unreadable is the
        default: a hand-edited link never stops a page."""
        try:
            return self.parse(text)
        except ValueError:
            pass
        try:
            value = float(text)
        except ValueError:
            return self.default()
        if not math.isfinite(value) or self.choices:  # nan, inf, or a number where a word belongs
            return self.default()
        return self.number(min(max(value, self.low), self.high))

    def number(self, value: float) -> float | int:
        return round(value) if self.decimals == 0 else round(value, self.decimals)

    def text(self, value) -> str:
        """The value as written in a link: '0.70', '120', 'BC'."""
        if self.choices:
            return "".join(value) if isinstance(value, tuple) else str(value)
        return str(int(value)) if self.decimals == 0 else f"{value:.{self.decimals}f}"


# The rules a person may change, in the order the pages show them. Ranges are the widgets' ranges.
SETTINGS = (
    Setting("abc_a", "abc", "a_below", 0.50, 0.95),
    Setting("abc_b", "abc", "b_below", 0.55, 0.99),
    Setting("abc_metric", "abc", "metric", choices=ABC_METRICS),
    Setting("churn_cycle", "churn", "default_cycle_days", 7, 730, decimals=0),
    Setting("churn_lost", "churn", "lost_after_days", 30, 1095, decimals=0),
    Setting("churn_high_overdue", "churn", "high_overdue", 1.0, 20.0),
    Setting("churn_medium_overdue", "churn", "medium_overdue", 1.0, 20.0),
    Setting("churn_high_decline", "churn", "high_decline", 0.01, 1.0),
    Setting("churn_medium_decline", "churn", "medium_decline", 0.01, 1.0),
    Setting("tail", "long_tail", "tail_tiers", choices=TAIL_CHOICES),
    Setting("tail_growth", "long_tail", "growth_min_share", 0.0, 10.0),
    Setting("tail_growth_min", "long_tail", "growth_min_amount", 0, 100_000_000, decimals=0),
    # 3 at least: the stage before it is the second purchase, so the stages stay nested.
    Setting("funnel_repeat", "funnel", "repeat_orders", 3, 20, decimals=0),
)
SETTING = {s.name: s for s in SETTINGS}


def with_values(values: dict[str, object], rules: Rules = Rules()) -> Rules:
    """rules with {setting name: value} applied (values already parsed or clamped by their Setting)."""
    groups: dict[str, dict[str, object]] = {}
    for s in SETTINGS:
        if s.name in values:
            groups.setdefault(s.group, {})[s.field] = values[s.name]
    return ordered(replace(rules, **{g: replace(getattr(rules, g), **fields) for g, fields in groups.items()}))


def ordered(rules: Rules) -> Rules:
    """rules with tier B's cut above tier A's, as the ABC page's sliders keep them: an empty tier B is never
    what was meant."""
    if rules.abc.b_below > rules.abc.a_below:
        return rules
    b_below = min(round(rules.abc.a_below + 0.01, 2), SETTING["abc_b"].high)
    return replace(rules, abc=replace(rules.abc, b_below=b_below))


def from_params(get: Callable[[str], str | None]) -> Rules:
    """The rules a link carries (get(name) -> its text or None); a missing name keeps its default, an
    unreadable one falls back to it and an out-of-range one is clamped, never an exception."""
    values = {}
    for s in SETTINGS:
        text = get(s.name)
        if isinstance(text, str) and text:
            values[s.name] = s.clamp(text)
    return with_values(values)


def values(rules: Rules) -> dict[str, object]:
    """{setting name: value in force} for every setting, as the report's JSON shows them."""
    return {s.name: getattr(getattr(rules, s.group), s.field) for s in SETTINGS}


def to_params(rules: Rules) -> dict[str, str]:
    """{setting name: text} of the settings that differ from the defaults: a link stays short."""
    default, used = values(Rules()), values(rules)
    return {s.name: s.text(used[s.name]) for s in SETTINGS if used[s.name] != default[s.name]}
