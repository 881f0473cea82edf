"""Generated orders for issue #11 (items 3 and 6): a partial previous window, and a file where the old
definitions of "active" and of the funnel's tier A stage disagreed. Worked by hand below.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

AS_OF = date(2024, 12, 31)
# The previous 365-day window is 2023-01-02 .. 2024-01-01; the first order is on 2023-12-24, 373 days
# before as_of, so that window has data on 9 of its 365 days (2023-12-24 .. 2024-01-01).
FIRST_DAY = AS_OF - timedelta(days=373)


def partial_previous_csv(customers: int = 40) -> bytes:
    """A year and nine days of orders: numeric customer codes, every customer buying 2-6 times."""
    rng = random.Random(42)
    lines = ["客户编号,客户名称,订单日期,金额,区域"]
    regions = ("华东", "华南", "华北")
    for n in range(customers):
        code = 10400 + n
        for _ in range(rng.randint(2, 6)):
            day = AS_OF - timedelta(days=rng.randint(0, 373))
            lines.append(f"{code},客户{code},{day.isoformat()},{rng.randint(100, 5000)}.00,{regions[n % 3]}")
    lines.append(f"10400,客户10400,{FIRST_DAY.isoformat()},100.00,华东")  # the first day of the data
    lines.append(f"10401,客户10401,{AS_OF.isoformat()},100.00,华南")  # as_of is the latest order date
    return ("\n".join(lines) + "\n").encode("utf-8")


# as_of 2024-12-31, all in the window. Positive total 5000 + 2000 + 1000 = 8000:
#   甲 5000 in 1 order: cum_before 0 -> A          乙 2000 in 4 orders: 5000/8000 = .625 -> A
#   丙 1000 in 1 order: 7000/8000 = .875 -> B       丁 100 then returned -100: net 0 -> C
#   戊 only a return -50: C, never ordered
# Active (an order with amount > 0 in the window): 甲 乙 丙 丁 = 4; "net revenue > 0" would say 3.
# Customer funnel (a tier A customer reached every stage): first purchase 4, second purchase 2 (乙, and
# 甲 as tier A), 4+ orders 2, tier A 2 = the ABC page's A count; "4+ orders and A" would say 1.
ONE_DEFINITION_ROWS = [
    ("甲", "2024-12-01", "5000.00", "华东"),
    ("乙", "2024-09-01", "500.00", "华东"),
    ("乙", "2024-10-01", "500.00", "华东"),
    ("乙", "2024-11-01", "500.00", "华东"),
    ("乙", "2024-12-01", "500.00", "华东"),
    ("丙", "2024-12-20", "1000.00", "华南"),
    ("丁", "2024-12-10", "100.00", "华南"),
    ("丁", "2024-12-30", "-100.00", "华南"),
    ("戊", "2024-12-31", "-50.00", "华南"),
]


def one_definition_csv() -> bytes:
    lines = ["客户名称,订单日期,金额,区域"] + [",".join(row) for row in ONE_DEFINITION_ROWS]
    return ("\n".join(lines) + "\n").encode("utf-8")
