"""Loyalty bands and Kotler relationship levels (PRODUCT.md § Loyalty and relationship levels; seed 002).

- Loyalty band from the probability of at least one purchase in the next 90 days: the forecast's
  P(Y(90) > 0) when there is one for the customer, else the share of the customer's past 90-day periods with a
  purchase day (purchase_history.sql: periods counted back from as_of, from the one of its first purchase).
  high > 0.70, low < 0.30, medium in between, both boundaries included.
- Kotler's level from his grid of customer count × margin: the ABC tier stands for the count (A few, B medium,
  C many) and the margin band (margin_bands.sql) for the margin. Each level carries the contact pattern of
  Kotler's definition of it (the seed shows his grid as a picture; the words are the textbook ones).
- With a satisfaction or referral column (docs/outlook.md § Satisfaction and referrals), attitude adjusts the
  behavioural band as in Dick & Basu's (1994) grid of repeat patronage × relative attitude: a dissatisfied
  customer (latest score < 0.60) drops one step (a high band without the attitude is spurious loyalty), one
  who referred a customer and is not dissatisfied rises one step (latent loyalty shows in a referral).
Plain Python on codes: the report path (core/outlook.py) loads no DataFrame library.
"""

from __future__ import annotations

from core.rules import LoyaltyRules

LOYALTY_BANDS = ("high", "medium", "low")
LOYALTY_SOURCES = ("forecast", "past_periods")
RELATIONSHIP_LEVELS = ("basic", "reactive", "accountable", "proactive", "partnership")
MARGIN_BANDS = ("high", "medium", "low")

# PRODUCT.md's grid, (margin band, tier) -> level: few customers with a high margin are partners.
KOTLER_GRID = {
    ("high", "C"): "accountable",
    ("high", "B"): "proactive",
    ("high", "A"): "partnership",
    ("medium", "C"): "reactive",
    ("medium", "B"): "accountable",
    ("medium", "A"): "proactive",
    ("low", "C"): "basic",
    ("low", "B"): "reactive",
    ("low", "A"): "accountable",
}

# Kotler's contact pattern per level; core.labels.CONTACT_PATTERN_LABELS has the words.
CONTACT_PATTERNS = {
    "basic": "sell_only",  # sells, and does not contact the customer again
    "reactive": "customer_calls",  # sells, and asks the customer to call with questions or complaints
    "accountable": "call_after_sale",  # calls soon after the sale: did it meet expectations, what to improve
    "proactive": "regular_suggestions",  # keeps calling with better uses of the product and new products
    "partnership": "joint_improvement",  # works with the customer continuously to find ways to do better
}


def loyalty_band(probability: float, rules: LoyaltyRules = LoyaltyRules()) -> str:
    """high above rules.high_above (0.70), low below rules.low_below (0.30), else medium."""
    if probability > rules.high_above:
        return "high"
    if probability < rules.low_below:
        return "low"
    return "medium"


# Why the band is what it is, when the file has a satisfaction or referral column (words: core/labels.py).
LOYALTY_REASONS = (
    "lowered_dissatisfied",  # the latest score is below dissatisfied_below: one step down
    "kept_low_dissatisfied",  # dissatisfied, and already low
    "raised_referral",  # referred a customer and is not dissatisfied: one step up
    "kept_high_referral",  # referred, and already high
    "kept_satisfied",  # satisfied, no referral: the behaviour stands, now with the attitude to match
    "kept_neutral",  # a score between the two thresholds, no referral
    "not_surveyed",  # no score and no referral cell up to as_of
)


def attitude(satisfaction: float | None, rules: LoyaltyRules = LoyaltyRules()) -> str | None:
    """satisfied (>= rules.satisfied_from), dissatisfied (< rules.dissatisfied_below), neutral; None unsurveyed."""
    if satisfaction is None:
        return None
    if satisfaction >= rules.satisfied_from:
        return "satisfied"
    if satisfaction < rules.dissatisfied_below:
        return "dissatisfied"
    return "neutral"


def adjusted_band(
    behavioural: str, satisfaction: float | None, referrals: int | None, rules: LoyaltyRules = LoyaltyRules()
) -> tuple[str, str]:
    """(loyalty band, LOYALTY_REASONS code) from the behavioural band, the latest satisfaction score (0-1 or
    None) and the referrals up to as_of (None: no referral cell): dissatisfied lowers the band one step,
    a referral raises it one step when not dissatisfied."""
    step = LOYALTY_BANDS.index(behavioural)  # 0 high, 1 medium, 2 low
    felt = attitude(satisfaction, rules)
    if felt == "dissatisfied":
        return (LOYALTY_BANDS[step + 1], "lowered_dissatisfied") if step < 2 else ("low", "kept_low_dissatisfied")
    if referrals:
        return (LOYALTY_BANDS[step - 1], "raised_referral") if step > 0 else ("high", "kept_high_referral")
    if felt is None:
        return behavioural, "not_surveyed"
    return behavioural, f"kept_{felt}"


def relationship_level(tier: str, margin_band: str) -> str:
    """Kotler's level for an ABC tier and a margin band (KOTLER_GRID)."""
    return KOTLER_GRID[(margin_band, tier)]
