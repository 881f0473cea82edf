"""python -m core report: the outlook fields of issue #14 (forecast, loyalty, relationship level, lifecycle stage,
duplicate candidates, cohorts), worked out by hand on small files."""

import json
import random
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
AS_OF = date(2024, 12, 31)


def report(tmp_path: Path, text: str) -> dict:
    orders = tmp_path / "orders.csv"
    orders.write_text(text, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "core", "report", str(orders), "--json", "-"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


ANALYSED = (
    "客户,日期,金额\n"
    "甲,2024-11-01,200\n甲,2024-12-01,250\n甲,2024-12-31,250\n"  # purchase days 60, 30, 0 days before as_of
    "乙,2024-12-20,100\n"  # 11 days before
    "丙,2023-06-01,100\n"  # 579 days before
)


def test_too_few_repeat_customers_give_null_forecasts_and_say_so(tmp_path):
    result = report(tmp_path, ANALYSED)
    figures = {(c["p_alive"], c["expected_orders_90d"], c["expected_revenue_90d"]) for c in result["customers"]}
    assert figures == {(None, None, None)}
    assert {c["forecast_note"] for c in result["customers"]} == {"too_few_repeat_customers"}
    assert result["forecast"]["status"] == "too_few_repeat_customers"
    assert result["forecast"]["repeat_customers_count"] == 1  # only 甲 bought on two days or more
    assert "fewer than 30" in result["forecast"]["notes"]["too_few_repeat_customers"]


def test_loyalty_without_a_forecast_is_the_share_of_past_90_day_periods_with_a_purchase(tmp_path):
    result = {c["customer"]: c["loyalty_band"] for c in report(tmp_path, ANALYSED)["customers"]}
    # 甲: all purchases in period 0 of 0..0 -> 1.0; 乙 the same; 丙: period 6 of 0..6 -> 1/7 = 0.14
    assert result == {"甲": "high", "乙": "high", "丙": "low"}


def test_relationship_level_without_profit_is_the_medium_margin_row_of_the_grid(tmp_path):
    result = {c["customer"]: c["relationship_level"] for c in report(tmp_path, ANALYSED)["customers"]}
    # tiers A, B, C (test_cli.py): medium margin -> proactive, accountable, reactive
    assert result == {"甲": "proactive", "乙": "accountable", "丙": "reactive"}


def test_relationship_level_uses_the_margin_band_against_the_book(tmp_path):
    text = "客户,日期,金额,毛利\n甲,2024-12-01,600,300\n乙,2024-12-02,300,30\n丙,2024-12-03,100,20\n"
    result = {c["customer"]: (c["abc_tier"], c["relationship_level"]) for c in report(tmp_path, text)["customers"]}
    # tiers: 甲 A (cum_before 0), 乙 A (0.6), 丙 B (0.9); margins 0.5, 0.1, 0.2: 67th percentile 0.302,
    # 33rd 0.166 -> 甲 high (partnership), 乙 low (A: accountable), 丙 medium (B: accountable)
    assert result == {"甲": ("A", "partnership"), "乙": ("A", "accountable"), "丙": ("B", "accountable")}


def test_lifecycle_stage_of_each_customer(tmp_path):
    result = {c["customer"]: c["lifecycle_stage"] for c in report(tmp_path, ANALYSED)["customers"]}
    # 甲 first bought 60 days ago, 乙 11: new; 丙 nothing for 579 days: lost
    assert result == {"甲": "new", "乙": "new", "丙": "lost"}


def test_cohorts_by_first_purchase_month_with_retention_and_revenue(tmp_path):
    cohorts = report(tmp_path, ANALYSED)["cohorts"]
    result = {(c["cohort"], c["month"]): (c["customers"], c["revenue"]) for c in cohorts}
    assert result[("2024-11", 0)] == (1, 200.0)  # 甲
    assert result[("2024-11", 1)] == (1, 500.0)  # 甲 again in December
    assert result[("2024-12", 0)] == (1, 100.0)  # 乙
    assert result[("2023-06", 0)] == (1, 100.0)  # 丙
    assert result[("2023-06", 18)] == (0, 0.0)  # to as_of's month, nobody back
    assert len(cohorts) == 2 + 1 + 19


def test_duplicate_candidates_name_the_customers_and_the_reason(tmp_path):
    text = "客户,日期,金额\n深圳云帆电子,2024-11-01,200\n深圳云帆电子有限公司,2024-12-31,300\n乙,2024-12-01,5\n"
    result = report(tmp_path, text)["duplicate_candidates"]
    assert result == [
        {
            "customers": ["深圳云帆电子", "深圳云帆电子有限公司"],
            "names": ["深圳云帆电子", "深圳云帆电子有限公司"],
            "reason": "same_name",
            "score": 1.0,
        }
    ]


def bgnbd_orders(customers: int, seed: int = 42) -> str:
    """A CSV of `customers` repeat buyers as BG/NBD tells it (own rate, own drop-out, own typical value) up to
    2024-12-31, and one customer who bought once, 20 days before."""
    rng = random.Random(seed)
    lines = ["客户,日期,金额", "一次客户,2024-12-11,500", "末位,2024-12-31,1"]  # 末位 fixes as_of
    made = 0
    while made < customers:
        rate, dropout, start = rng.gammavariate(1.5, 1 / 30), rng.betavariate(1, 4), rng.randint(100, 700)
        typical, day, days_before = rng.gammavariate(3, 300), float(start), [start]
        while rng.random() >= dropout:
            day -= rng.expovariate(rate)
            if day < 0:
                break
            days_before.append(int(day))
        if len(set(days_before)) > 1:
            for d in days_before:
                lines.append(f"客户{made:02d},{AS_OF - timedelta(days=d)},{round(rng.gammavariate(4, typical / 4), 2)}")
            made += 1
    return "\n".join(lines) + "\n"


def test_a_fitted_forecast_gives_p_alive_to_repeat_buyers_and_expected_orders_to_everyone(tmp_path):
    result = report(tmp_path, bgnbd_orders(60))
    customers = {c["customer"]: c for c in result["customers"]}
    assert result["forecast"]["status"] == "fitted"
    repeat = customers["客户00"]
    assert 0 <= repeat["p_alive"] <= 1 and repeat["expected_orders_90d"] > 0 and repeat["expected_revenue_90d"] > 0
    assert repeat["forecast_note"] is None
    once = customers["一次客户"]
    assert once["p_alive"] is None and once["forecast_note"] == "one_purchase_day"
    # its order value is the population mean: expected revenue = expected orders × p gamma / (q - 1)
    assert (
        abs(once["expected_revenue_90d"] - once["expected_orders_90d"] * result["forecast"]["population_order_value"])
        < 1e-6
    )


def test_a_report_that_fits_the_forecast_loads_scipy_but_no_dataframe_library(tmp_path):
    """numpy and scipy load for the fit (~0.3-0.5 s); pandas and pyarrow still never do (test_cli.py)."""
    orders = tmp_path / "orders.csv"
    orders.write_text(bgnbd_orders(60), encoding="utf-8")
    code = (
        "import runpy, sys\n"
        f"sys.argv = ['core', 'report', {str(orders)!r}, '--json', {str(tmp_path / 'out.json')!r}]\n"
        "try:\n    runpy.run_module('core', run_name='__main__')\nexcept SystemExit as exit:\n    assert not exit.code\n"
        "print(sorted(m for m in ('pandas', 'pyarrow', 'numpy', 'scipy', 'openpyxl') if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "['numpy', 'scipy']"
    assert json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))["forecast"]["status"] == "fitted"
