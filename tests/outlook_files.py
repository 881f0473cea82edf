"""Orders for the outlook tests (issue #14), as CSV bytes: a small hand-worked book too small to fit a forecast,
and a generated book of 120 customers (random.Random(42)) large enough to fit one.

SMALL, as_of 2024-12-31, window 365 days (2024-01-02 .. 2024-12-31; the one before: 2023-01-01 .. 2023-12-31):
- 甲: 100.00 on 2023-06-01, 200.00 on 2024-06-01, 300.00 on 2024-12-01 (window 500.00, before 100.00: grown +400)
- 乙: 500.00 on 2023-12-01 only (396 days ago: lost; window 0, before 500.00: lost −500)
- 丙: 80.00 on 2024-11-15 (first purchase 46 days ago: new; bridge new +80)
- 丁: 100.00 on 2023-09-01 and on 2024-09-01 (window 100, before 100: steady; nothing in the last quarter
  against 100 in the three before: decline 100%, churn high, so declining)
Two repeat customers (甲, 丁) are fewer than 30: no forecast.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

SMALL_AS_OF = date(2024, 12, 31)
SMALL = [
    ("甲", "2023-06-01", "100.00", "华东", "张伟"),
    ("甲", "2024-06-01", "200.00", "华东", "张伟"),
    ("甲", "2024-12-01", "300.00", "华东", "张伟"),
    ("乙", "2023-12-01", "500.00", "华南", "李强"),
    ("丙", "2024-11-15", "80.00", "华北", "李强"),
    ("丁", "2023-09-01", "100.00", "华北", ""),
    ("丁", "2024-09-01", "100.00", "华北", ""),
]

FITTED_AS_OF = date(2024, 12, 31)
MANAGERS = ("张伟", "李强", "王芳")


def _csv(header: list[str], rows: list[tuple]) -> bytes:
    return ("\n".join([",".join(header), *(",".join(r) for r in rows)]) + "\n").encode()


def small_csv(*, with_manager: bool = True) -> bytes:
    header = ["客户名称", "订单日期", "金额", "区域"] + (["客户经理"] if with_manager else [])
    return _csv(header, [r if with_manager else r[:4] for r in SMALL])


def fitted_rows() -> list[tuple[str, str, str, str]]:
    """120 customers drawn from the BG/NBD story (random.Random(42)): each first buys 60-720 days before as_of,
    then buys at its own rate (Gamma, a purchase every ~45 days on average) until it drops out (after each
    purchase with its own chance, Beta); amounts in cents. (customer, order date, amount, manager)."""
    r = random.Random(42)
    rows = []
    for n in range(120):
        customer, manager = f"客户{n:03d}", MANAGERS[n % 3]
        rate, drop = r.gammavariate(2.0, 1 / 90), r.betavariate(1.0, 4.0)
        day = r.randint(60, 720)
        size = r.uniform(200, 3000)
        while day >= 0:
            amount = round(size * r.uniform(0.5, 1.5), 2)
            rows.append((customer, (FITTED_AS_OF - timedelta(days=day)).isoformat(), f"{amount:.2f}", manager))
            if r.random() < drop:
                break
            day -= max(1, round(r.expovariate(rate)))
    return rows


def fitted_csv(*, with_manager: bool = True) -> bytes:
    header = ["客户名称", "订单日期", "金额"] + (["客户经理"] if with_manager else [])
    return _csv(header, [r if with_manager else r[:3] for r in fitted_rows()])
