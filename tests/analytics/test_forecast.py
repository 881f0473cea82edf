"""The forecast (PRODUCT.md § Forecast): BG/NBD and Gamma-Gamma against the published CDNOW fits, the formulas
on hand examples, and where the model gives no number."""

from __future__ import annotations

import csv
import importlib.util
import math
import os
import random

import pytest
from scipy import special

from core import store
from core.analytics import forecast_models
from core.analytics.forecast import customer_forecast
from core.analytics.forecast_models import BgNbd, GammaGamma
from core.analytics.window import params
from core.filters import Filters
from core.rules import ForecastRules
from tests.analytics._orders_b import AS_OF, order, orders_store


def cdnow(name: str) -> list[dict]:
    """A CSV the archived `lifetimes` package ships (a test-only dependency), read from its folder. The package
    is never imported: it is unmaintained (its import works with numpy 2.4 and pandas 3.1 today, nothing says it
    will tomorrow), and the data is all these tests need."""
    folder = next(iter(importlib.util.find_spec("lifetimes").submodule_search_locations))
    with open(os.path.join(folder, "datasets", name), encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def three_figures(value: float) -> float:
    return float(f"{value:.3g}")


def test_bgnbd_fit_reproduces_the_published_cdnow_parameters():
    rows = cdnow("cdnow_customers_summary.csv")  # 2,357 customers, time in weeks
    x, t_x, T = ([float(r[k]) for r in rows] for k in ("frequency", "recency", "T"))
    model = forecast_models.fit_bgnbd(x, t_x, T)
    result = tuple(three_figures(v) for v in (model.r, model.alpha, model.a, model.b))
    expected = (0.243, 4.41, 0.793, 2.43)  # Fader, Hardie & Lee 2005: r 0.243, alpha 4.414, a 0.793, b 2.426
    assert len(rows) == 2357
    assert result == expected


def test_bgnbd_fit_reaches_the_published_cdnow_log_likelihood():
    rows = cdnow("cdnow_customers_summary.csv")
    x, t_x, T = ([float(r[k]) for r in rows] for k in ("frequency", "recency", "T"))
    model = forecast_models.fit_bgnbd(x, t_x, T)
    assert round(float(forecast_models.bgnbd_log_likelihood(model, x, t_x, T).sum()), 1) == -9582.4  # FHL 2005


def test_expected_purchases_reproduce_the_published_cdnow_example():
    # FHL's BG/NBD note: a customer with 2 repeat purchases, the last at week 30.43, observed for 38.86 weeks,
    # is expected to make 1.226 purchases in the next 39 weeks
    model = BgNbd(r=0.243, alpha=4.414, a=0.793, b=2.426)
    result = float(forecast_models.expected_purchases(model, [2], [30.43], [38.86], 39)[0])
    assert round(result, 3) == 1.226


def test_gamma_gamma_fit_reproduces_the_published_cdnow_parameters():
    rows = cdnow("cdnow_customers_summary_with_transactions.csv")  # x repeat purchases, zbar their mean value
    repeat = [r for r in rows if float(r["x"]) > 0]
    model = forecast_models.fit_gamma_gamma([float(r["x"]) for r in repeat], [float(r["zbar"]) for r in repeat])
    result = tuple(three_figures(v) for v in (model.p, model.q, model.gamma))
    expected = (6.25, 3.74, 15.4)  # Fader, Hardie & Lee 2005b: p 6.25, q 3.74, gamma 15.44
    assert len(repeat) == 946
    assert result == expected


def test_p_alive_of_a_repeat_buyer_is_one_over_one_plus_its_dropout_odds():
    model = BgNbd(r=1.0, alpha=1.0, a=1.0, b=2.0)
    # x 1, t_x 1, T 3: odds = a / (b + x - 1) * ((alpha + T) / (alpha + t_x))^(r + x) = 1/2 * (4/2)^2 = 2
    result = float(forecast_models.p_alive(model, [1], [1], [3])[0])
    assert result == pytest.approx(1 / 3)


def test_p_any_purchase_is_p_alive_times_one_minus_the_silent_chance():
    model = BgNbd(r=1.0, alpha=1.0, a=1.0, b=2.0)
    # P(alive) 1/3 as above; silent over 4 more: ((alpha + T) / (alpha + T + 4))^(r + x) = (4/8)^2 = 1/4
    result = float(forecast_models.p_any_purchase(model, [1], [1], [3], 4)[0])
    assert result == pytest.approx(1 / 3 * (1 - 1 / 4))


def test_expected_order_value_weighs_the_customer_mean_against_the_population():
    model = GammaGamma(p=2.0, q=3.0, gamma=10.0)
    # p (gamma + n m) / (p n + q - 1) = 2 (10 + 4 × 25) / (8 + 2) = 22; the population mean is 2 × 10 / 2 = 10
    assert float(forecast_models.expected_order_value(model, [4], [25])[0]) == pytest.approx(22.0)
    assert model.population_mean() == pytest.approx(10.0)


def simulated_history(repeat_customers: int, one_day_customers: int, seed: int = 42) -> list[tuple]:
    """(customer, frequency, recency_days, age_days, order_value) from the two models' own story, in whole days:
    from its first purchase a customer buys at a Poisson rate (Gamma(r 0.5, alpha 20 days) across customers)
    and drops out after a repeat purchase with a chance p (Beta(a 0.8, b 2.5)), watched for 100 to 700 days;
    each purchase is worth Gamma(p 6, nu) with nu ~ Gamma(q 4, gamma 15) per customer. Customers are drawn
    until `repeat_customers` have a repeat purchase; of those without one, the first `one_day_customers` are
    kept (named o0, o1, ...)."""
    rng = random.Random(seed)
    repeat: list[tuple] = []
    once: list[tuple] = []
    while len(repeat) < repeat_customers:
        rate, dropout, age = rng.gammavariate(0.5, 1 / 20), rng.betavariate(0.8, 2.5), rng.randint(100, 700)
        nu = rng.gammavariate(4, 1 / 15)
        day, last, repeats = 0.0, 0.0, 0
        while True:
            day += rng.expovariate(rate)
            if day > age:
                break
            repeats, last = repeats + 1, day
            if rng.random() < dropout:
                break
        spend = sum(rng.gammavariate(6, 1 / nu) for _ in range(repeats + 1)) / (repeats + 1)
        if repeats > 0:
            repeat.append((f"r{len(repeat)}", repeats, min(int(last), age), age, round(spend, 2)))
        elif len(once) < one_day_customers:
            once.append((f"o{len(once)}", 0, 0, age, round(spend, 2)))
    return repeat + once


def test_a_customer_with_one_purchase_day_has_no_p_alive_but_expected_orders_at_the_population_value():
    history = simulated_history(200, 10)
    book = customer_forecast(history)
    model, values = book.bgnbd, book.gamma_gamma
    result = book.customers["o0"]
    T = next(h[3] for h in history if h[0] == "o0")
    # x = 0: E[Y(90)] = (a + b - 1) / (a - 1) [1 - ((alpha + T) / (alpha + T + 90))^r 2F1(r, b; a + b - 1; 90 / (alpha + T + 90))]
    silent = ((model.alpha + T) / (model.alpha + T + 90)) ** model.r
    hyper = special.hyp2f1(model.r, model.b, model.a + model.b - 1, 90 / (model.alpha + T + 90))
    expected_orders = (model.a + model.b - 1) / (model.a - 1) * (1 - silent * hyper)
    assert book.status == "fitted"
    assert result["p_alive"] is None and result["note"] == "one_purchase_day"
    assert result["expected_orders"] == pytest.approx(expected_orders)
    assert result["expected_order_value"] == pytest.approx(values.p * values.gamma / (values.q - 1))


def test_expected_revenue_is_expected_orders_times_expected_order_value():
    book = customer_forecast(simulated_history(200, 0))
    result = book.customers["r0"]
    assert result["p_alive"] is not None and 0 <= result["p_alive"] <= 1
    assert result["expected_revenue"] == pytest.approx(result["expected_orders"] * result["expected_order_value"])


def test_fewer_than_30_repeat_customers_give_no_forecast_at_all():
    book = customer_forecast(simulated_history(29, 50))
    figures = {k for c in book.customers.values() for k, v in c.items() if k != "note" and v is not None}
    assert book.status == "too_few_repeat_customers" and book.repeat_customers_count == 29
    assert book.bgnbd is None and book.gamma_gamma is None
    assert figures == set()
    assert {c["note"] for c in book.customers.values()} == {"too_few_repeat_customers"}


def test_30_repeat_customers_are_enough_to_fit():
    book = customer_forecast(simulated_history(30, 0), ForecastRules(min_repeat_customers=30))
    assert book.status == "fitted" and book.repeat_customers_count == 30


def test_a_repeat_buyer_whose_returns_cancel_its_purchases_has_no_expected_revenue():
    history = simulated_history(200, 0)
    history[0] = (history[0][0], 3, 200, 400, -5.0)
    result = customer_forecast(history).customers[history[0][0]]
    assert result["note"] == "non_positive_order_value"
    assert result["expected_revenue"] is None and result["expected_orders"] is not None


def test_purchase_history_counts_purchase_days_over_the_whole_history():
    con = orders_store(
        order("甲", 800, 100),  # before the 12-month window: still history
        order("甲", 40, 300),
        order("甲", 40, 50),  # same day: one purchase day
        order("甲", 10, 150),
        order("甲", 5, -100),  # a return: not a purchase day, but it lowers the order value
        order("乙", 3, 70),
    )
    rows = store.run_query(con, "purchase_history", **params(con, Filters(as_of=AS_OF)), loyalty_period_days=90)
    result = {r.customer: (r.frequency, r.recency_days, r.age_days, r.order_value) for r in rows.itertuples()}
    # 甲: purchase days 800, 40, 10 before as_of -> x 2, t_x 790, T 800; (100 + 350 + 150 - 100) / 3 days
    expected = {"甲": (2, 790, 800, 500 / 3), "乙": (0, 0, 3, 70.0)}
    assert result.keys() == expected.keys()
    for customer, values in expected.items():
        assert result[customer][:3] == values[:3]
        assert math.isclose(result[customer][3], values[3])


def test_a_book_the_model_cannot_fit_gives_no_forecast_rather_than_a_limit():
    # 40 customers alike in every way: no heterogeneity, the likelihood's maximum lies at infinity
    history = [(f"c{i}", 2, 100, 200, 500.0) for i in range(40)]
    book = customer_forecast(history)
    assert book.status == "fit_failed"
    assert {c["expected_orders"] for c in book.customers.values()} == {None}
