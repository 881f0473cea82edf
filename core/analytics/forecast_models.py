"""BG/NBD and Gamma-Gamma on numpy and scipy: likelihoods, fits and per-customer predictions.

The formulas, their sources and where they do not hold are in core/analytics/forecast.py's docstring; the
per-customer forecast (and the rule of when not to fit) is there too. This module is imported only when a
forecast is fitted, so a report of a book too small to fit loads neither numpy nor scipy.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy import optimize, special


@dataclass(frozen=True)
class BgNbd:
    r: float
    alpha: float  # in the time unit of the data it was fitted on (days here, weeks for CDNOW)
    a: float
    b: float


@dataclass(frozen=True)
class GammaGamma:
    p: float
    q: float
    gamma: float

    def population_mean(self) -> float:
        """E[M] = p gamma / (q - 1): the order value of a customer the model knows nothing about."""
        return self.p * self.gamma / (self.q - 1) if self.q > 1 else math.inf


# ---- BG/NBD ----------------------------------------------------------------------------------------------


def bgnbd_log_likelihood(model: BgNbd, x, t_x, T) -> np.ndarray:
    """ln L per customer (see core/analytics/forecast.py)."""
    return _bgnbd(model, *(np.asarray(v, dtype=float) for v in (x, t_x, T)), gradient=False)[0]


def _bgnbd(model: BgNbd, x: np.ndarray, t_x: np.ndarray, T: np.ndarray, *, gradient: bool):
    """ln L per customer and, when asked, its derivatives by ln r, ln alpha, ln a, ln b (4 rows).

    ln L = A1 + A2 + ln(exp(A3) + delta exp(A4)) with A1 = lnG(r + x) - lnG(r) + r ln alpha,
    A2 = lnG(a + b) + lnG(b + x) - lnG(b) - lnG(a + b + x), A3 = -(r + x) ln(alpha + T),
    A4 = ln a - ln(b + x - 1) - (r + x) ln(alpha + t_x); w3, w4 are the shares of the two terms in the sum."""
    r, alpha, a, b = model.r, model.alpha, model.a, model.b
    # x takes few values (whole purchase days): the special functions of x are computed once per value
    values, at = np.unique(x, return_inverse=True)

    def of_x(function, shift: float) -> np.ndarray:
        return function(shift + values)[at]

    repeat = x > 0
    b_x_1 = np.where(repeat, b + x - 1, 1.0)  # b + x - 1 appears only for repeat buyers, where it is > 0
    log_t, log_tx = np.log(alpha + T), np.log(alpha + t_x)
    a1 = of_x(special.gammaln, r) - special.gammaln(r) + r * np.log(alpha)
    a2 = special.gammaln(a + b) + of_x(special.gammaln, b) - special.gammaln(b) - of_x(special.gammaln, a + b)
    a3 = -(r + x) * log_t
    a4 = np.where(repeat, np.log(a) - np.log(b_x_1) - (r + x) * log_tx, -np.inf)
    total = np.logaddexp(a3, a4)
    if not gradient:
        return a1 + a2 + total, None
    w3, w4 = np.exp(a3 - total), np.exp(a4 - total)
    psi_ab, psi_abx = special.digamma(a + b), of_x(special.digamma, a + b)
    d_r = of_x(special.digamma, r) - special.digamma(r) + np.log(alpha) - w3 * log_t - w4 * log_tx
    d_alpha = r / alpha - (r + x) * (w3 / (alpha + T) + w4 / (alpha + t_x))
    d_a = psi_ab - psi_abx + w4 / a
    d_b = psi_ab + of_x(special.digamma, b) - special.digamma(b) - psi_abx - w4 / b_x_1
    return a1 + a2 + total, np.stack([r * d_r, alpha * d_alpha, a * d_a, b * d_b])


def fit_bgnbd(x, t_x, T, weights=None) -> BgNbd | None:
    """The maximum-likelihood BG/NBD parameters; None when the optimiser does not converge.

    weights: how many customers share each (x, t_x, T), so a summary grouped by those values fits the same.
    Times are divided by their mean before fitting, so the start point r = alpha = a = b = 1 suits any unit;
    alpha is scaled back (the likelihood's other parameters do not depend on the unit)."""
    x, t_x, T = (np.asarray(v, dtype=float) for v in (x, t_x, T))
    w = np.ones_like(x) if weights is None else np.asarray(weights, dtype=float)
    w = w / w.sum()
    scale = float((w * T).sum()) or 1.0
    t_x, T = t_x / scale, T / scale

    def cost(log_params: np.ndarray) -> tuple[float, np.ndarray]:
        value, slope = _bgnbd(BgNbd(*np.exp(log_params)), x, t_x, T, gradient=True)
        return -float((w * value).sum()), -(slope * w).sum(axis=1)

    found = _minimise(cost, np.zeros(4))
    if found is None:
        return None
    r, alpha, a, b = np.exp(found)
    return BgNbd(float(r), float(alpha * scale), float(a), float(b))


def p_alive(model: BgNbd, x, t_x, T) -> np.ndarray:
    """P(alive at T | x, t_x, T); 1 for x = 0 by the model's construction (the caller shows it as null)."""
    x, t_x, T = (np.asarray(v, dtype=float) for v in (x, t_x, T))
    return 1.0 / (1.0 + _dropout_odds(model, x, t_x, T))


def expected_purchases(model: BgNbd, x, t_x, T, horizon) -> np.ndarray:
    """E[Y(horizon) | x, t_x, T]: expected purchase days in the next `horizon` time units (FHL 2005 eq. 10)."""
    x, t_x, T = (np.asarray(v, dtype=float) for v in (x, t_x, T))
    r, alpha, a, b = model.r, model.alpha, model.a, model.b
    z = horizon / (alpha + T + horizon)
    silent = ((alpha + T) / (alpha + T + horizon)) ** (r + x)
    head = (a + b + x - 1) / (a - 1)
    return (
        head * (1 - silent * special.hyp2f1(r + x, b + x, a + b + x - 1, z)) / (1.0 + _dropout_odds(model, x, t_x, T))
    )


def p_any_purchase(model: BgNbd, x, t_x, T, horizon) -> np.ndarray:
    """P(Y(horizon) > 0 | x, t_x, T) = P(alive) (1 - ((alpha + T) / (alpha + T + horizon))^(r + x))."""
    x, t_x, T = (np.asarray(v, dtype=float) for v in (x, t_x, T))
    silent = ((model.alpha + T) / (model.alpha + T + horizon)) ** (model.r + x)
    return p_alive(model, x, t_x, T) * (1 - silent)


def _dropout_odds(model: BgNbd, x: np.ndarray, t_x: np.ndarray, T: np.ndarray) -> np.ndarray:
    """delta * a / (b + x - 1) * ((alpha + T) / (alpha + t_x))^(r + x): the odds that a repeat buyer is gone."""
    repeat = x > 0
    ratio = ((model.alpha + T) / (model.alpha + t_x)) ** (model.r + x)
    return np.where(repeat, model.a / np.where(repeat, model.b + x - 1, 1.0) * ratio, 0.0)


# ---- Gamma-Gamma -----------------------------------------------------------------------------------------


def gamma_gamma_log_likelihood(model: GammaGamma, n, m) -> np.ndarray:
    """ln L per customer with n transactions of mean value m > 0 (see core/analytics/forecast.py)."""
    return _gamma_gamma(model, np.asarray(n, dtype=float), np.asarray(m, dtype=float), gradient=False)[0]


def _gamma_gamma(model: GammaGamma, n: np.ndarray, m: np.ndarray, *, gradient: bool):
    """ln L per customer and, when asked, its derivatives by ln p, ln q, ln gamma (3 rows)."""
    p, q, gamma = model.p, model.q, model.gamma
    pn = p * n
    log_spend = np.log(gamma + n * m)
    value = (
        special.gammaln(pn + q)
        - special.gammaln(pn)
        - special.gammaln(q)
        + q * np.log(gamma)
        + (pn - 1) * np.log(m)
        + pn * np.log(n)
        - (pn + q) * log_spend
    )
    if not gradient:
        return value, None
    psi_pnq = special.digamma(pn + q)
    d_p = n * (psi_pnq - special.digamma(pn) + np.log(m) + np.log(n) - log_spend)
    d_q = psi_pnq - special.digamma(q) + np.log(gamma) - log_spend
    d_gamma = q / gamma - (pn + q) / (gamma + n * m)
    return value, np.stack([p * d_p, q * d_q, gamma * d_gamma])


def fit_gamma_gamma(n, m) -> GammaGamma | None:
    """The maximum-likelihood Gamma-Gamma parameters over customers with n >= 1 transactions of mean m > 0;
    None when the optimiser does not converge. Values are divided by their mean first (gamma scales back)."""
    n, m = np.asarray(n, dtype=float), np.asarray(m, dtype=float)
    scale = float(m.mean()) or 1.0
    m = m / scale

    def cost(log_params: np.ndarray) -> tuple[float, np.ndarray]:
        value, slope = _gamma_gamma(GammaGamma(*np.exp(log_params)), n, m, gradient=True)
        return -float(value.mean()), -slope.mean(axis=1)

    found = _minimise(cost, np.zeros(3))
    if found is None:
        return None
    p, q, gamma = np.exp(found)
    return GammaGamma(float(p), float(q), float(gamma * scale))


def expected_order_value(model: GammaGamma, n, m) -> np.ndarray:
    """E[M | n, m] = p (gamma + n m) / (p n + q - 1)."""
    n, m = np.asarray(n, dtype=float), np.asarray(m, dtype=float)
    return model.p * (model.gamma + n * m) / (model.p * n + model.q - 1)


def _minimise(cost, start: np.ndarray) -> np.ndarray | None:
    """BFGS on (value, gradient) from `start`, to a gradient of 1e-9 (1e-6 when floating point stops it short):
    tight enough for the published four figures. None unless it converged to a point whose parameters are finite and below e^20 (the scaled
    parameters of a real book are near 1): a book the model does not fit (every customer alike) has its
    maximum only in the limit r, alpha -> infinity, and a point on the way there is no fit.

    BFGS, not L-BFGS-B: for four parameters its update is a few numpy operations, where L-BFGS-B's core
    calls into OpenBLAS, whose threads made it ~10x slower (0.5 s on CDNOW) on a busy 2-core machine."""
    with np.errstate(all="ignore"):  # a trial step far out may overflow; the line search steps back
        found = optimize.minimize(cost, start, jac=True, method="BFGS", options={"gtol": 1e-9, "maxiter": 500})
    # "precision loss": the line search can no longer improve in floating point, at the optimum when the
    # gradient there is as small as floating point allows
    converged = found.success or np.max(np.abs(found.jac)) < 1e-6
    if not converged or not math.isfinite(found.fun) or np.any(np.abs(found.x) > _LOG_LIMIT):
        return None
    return found.x


_LOG_LIMIT = 20.0


def fit_book(x, t_x, T, m, *, horizon: int, min_customers: int):
    """Both models fitted on one book, and per customer (as lists, in the given order): P(alive), expected
    purchases and order value, P(any purchase) over the horizon. x repeat purchase days, t_x recency, T age,
    m mean value per purchase day. The order value of a one-day customer is the population mean; of a repeat
    buyer with m <= 0, NaN. None when either fit fails, or too few repeat buyers with m > 0 for Gamma-Gamma
    (min_customers), or q <= 1 (no finite population mean), or a prediction is not a finite number."""
    x, t_x, T, m = (np.asarray(v, dtype=float) for v in (x, t_x, T, m))
    triples, counts = np.unique(np.stack([x, t_x, T], axis=1), axis=0, return_counts=True)
    purchases = fit_bgnbd(triples[:, 0], triples[:, 1], triples[:, 2], weights=counts)
    n = x + 1
    valued = (x > 0) & (m > 0)
    values = fit_gamma_gamma(n[valued], m[valued]) if valued.sum() >= min_customers else None
    if purchases is None or values is None or values.q <= 1:
        return None
    order_value = np.where(valued, expected_order_value(values, n, np.where(valued, m, 1.0)), values.population_mean())
    order_value = np.where((x > 0) & (m <= 0), np.nan, order_value)
    alive = p_alive(purchases, x, t_x, T)
    orders = expected_purchases(purchases, x, t_x, T, horizon)
    any_purchase = p_any_purchase(purchases, x, t_x, T, horizon)
    if not (np.isfinite(alive).all() and np.isfinite(orders).all() and np.isfinite(any_purchase).all()):
        return None  # 2F1 out of its numerical range: no number rather than a wrong one
    return purchases, values, [alive.tolist(), orders.tolist(), order_value.tolist(), any_purchase.tolist()]
