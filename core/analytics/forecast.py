"""Who is alive and what they will buy (PRODUCT.md § Forecast): BG/NBD for purchase days, Gamma-Gamma for order value.

A customer's history is summarised from its purchase days (dates with a positive line, whole history up to
as_of; purchase_history.sql): x = frequency = purchase days - 1 (repeat purchase days), t_x = recency_days =
days from the first to the last purchase day, T = age_days = days from the first purchase day to as_of, and
order value m = net revenue to as_of / purchase days.

BG/NBD (Fader, Hardie & Lee 2005, "Counting your customers the easy way"). While alive a customer buys at a
Poisson rate lambda ~ Gamma(r, alpha); after each repeat purchase it drops out with probability p ~ Beta(a, b).
With B the beta function and delta = 1 when x > 0, else 0:

    L(r, alpha, a, b | x, t_x, T) = Gamma(r + x) alpha^r / Gamma(r) * B(a, b + x) / B(a, b)
                                    * [ (alpha + T)^-(r+x) + delta * a / (b + x - 1) * (alpha + t_x)^-(r+x) ]

fitted by maximising the sum of ln L over customers (scipy.optimize BFGS on the log parameters, with the
analytic gradient; forecast_models.py). Then, per customer:

    P(alive)        = 1 / (1 + delta * a / (b + x - 1) * ((alpha + T) / (alpha + t_x))^(r+x))
    E[Y(t)]         = (a + b + x - 1) / (a - 1)
                      * [1 - ((alpha + T) / (alpha + T + t))^(r+x) * 2F1(r + x, b + x; a + b + x - 1; t / (alpha + T + t))]
                      / (1 + delta * a / (b + x - 1) * ((alpha + T) / (alpha + t_x))^(r+x))
    P(Y(t) > 0)     = P(alive) * (1 - ((alpha + T) / (alpha + T + t))^(r+x))

E[Y(t)] is FHL 2005 eq. (10): the expected purchase days in the next t days (the horizon, 90 by default).
P(Y(t) > 0): an alive customer drops out only right after a purchase, so it buys nothing in t days exactly when
its Poisson process is silent, exp(-lambda t); lambda given the history and alive is Gamma(r + x, alpha + T).

Where the model does not hold, no number is printed (the codes are NOTES, words in core.labels):
- x = 0 (one purchase day): BG/NBD's P(alive) is 1 by construction (nobody drops out before a repeat purchase),
  so p_alive is null (one_purchase_day); its expected orders are given (delta = 0 above), and its order value is
  the Gamma-Gamma population mean p * gamma / (q - 1).
- fewer than ForecastRules.min_repeat_customers (30) customers with x > 0: no fit, every figure null
  (too_few_repeat_customers); likewise when the fit does not converge (fit_failed).

Gamma-Gamma (Fader, Hardie & Lee 2005b, "RFM and CLV: using iso-value curves"). The spend of each transaction
is Gamma(p, nu) with nu ~ Gamma(q, gamma); a customer with n transactions averaging m contributes

    ln L = lnGamma(p n + q) - lnGamma(p n) - lnGamma(q) + q ln gamma + (p n - 1) ln m + p n ln n
           - (p n + q) ln(gamma + n m)

and its expected order value is E[M | n, m] = p (gamma + n m) / (p n + q - 1). Fitted on the repeat buyers
(n = purchase days >= 2) with m > 0; a repeat buyer whose net revenue is not positive has no expected revenue
(non_positive_order_value). Expected revenue = expected orders x expected order value.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from core.rules import ForecastRules

if TYPE_CHECKING:
    from core.analytics.forecast_models import BgNbd, GammaGamma

# Codes of the places where the model does not hold; core.labels.FORECAST_NOTE_LABELS has their words.
NOTES = ("one_purchase_day", "no_purchase_day", "non_positive_order_value", "too_few_repeat_customers", "fit_failed")
STATUSES = ("fitted", "too_few_repeat_customers", "fit_failed")


# ---- per customer ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Forecast:
    """One forecast of the book: status (STATUSES), the fitted models, and one dict per customer."""

    status: str
    horizon_days: int
    customers_count: int
    repeat_customers_count: int
    bgnbd: BgNbd | None
    gamma_gamma: GammaGamma | None
    customers: (
        dict  # customer -> {p_alive, expected_orders, expected_order_value, expected_revenue, p_any_purchase, note}
    )


def customer_forecast(history: list[tuple], rules: ForecastRules = ForecastRules()) -> Forecast:
    """The forecast for each customer of `history`: (customer, frequency, recency_days, age_days, order_value)
    tuples, one per customer with a purchase day (purchase_history.sql). See the module docstring."""
    customers = [row[0] for row in history]
    repeat_count = sum(1 for row in history if row[1] > 0)
    if repeat_count < rules.min_repeat_customers:
        return _without_fit("too_few_repeat_customers", customers, repeat_count, rules)
    from core.analytics import forecast_models  # numpy and scipy: only for a book large enough to fit

    columns = [[row[i] for row in history] for i in (1, 2, 3, 4)]
    fitted = forecast_models.fit_book(*columns, horizon=rules.horizon_days, min_customers=rules.min_repeat_customers)
    if fitted is None:
        return _without_fit("fit_failed", customers, repeat_count, rules)
    bgnbd, gamma_gamma, predicted = fitted
    rows = {}
    for customer, (_, frequency, _, _, order_value), alive, orders, value, any_purchase in zip(
        customers, history, *predicted
    ):
        one_day, no_value = frequency == 0, frequency > 0 and order_value <= 0
        rows[customer] = {
            "p_alive": None if one_day else alive,
            "expected_orders": orders,
            "expected_order_value": None if no_value else value,
            "expected_revenue": None if no_value else orders * value,
            "p_any_purchase": any_purchase,
            "note": "one_purchase_day" if one_day else ("non_positive_order_value" if no_value else None),
        }
    return Forecast("fitted", rules.horizon_days, len(customers), repeat_count, bgnbd, gamma_gamma, rows)


def _without_fit(status: str, customers: list, repeat_count: int, rules: ForecastRules) -> Forecast:
    """Every figure null, the status as each customer's note: no number where the model was not fitted."""
    empty = dict.fromkeys(("p_alive", "expected_orders", "expected_order_value", "expected_revenue", "p_any_purchase"))
    rows = {c: {**empty, "note": status} for c in customers}
    return Forecast(status, rules.horizon_days, len(customers), repeat_count, None, None, rows)
