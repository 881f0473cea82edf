"""Orders small enough to work by hand, where the rules decide the outcome (issue #10, one set of rules).
as_of = 2024-06-30 (乙 buys that day); orders every 30 days:

| customer | days before as_of (amount)                  | window revenue | ABC cum_before |
|----------|---------------------------------------------|----------------|----------------|
| 乙       | 0, 30, …, 330 (12 × 100)                    | 1,200          | 0              |
| 己       | 15, 45, 75 (× 60); 105, 135, …, 345 (9 × 100)| 1,080          | 1200/4400 = .273 |
| 甲       | 10, 40, 70 (× 40); 100, 130, …, 340 (9 × 100)| 1,020          | 2280/4400 = .518 |
| 丙       | 5, 50 (× 350)                               | 700            | 3300/4400 = .750 |
| 丁       | 20 (300)                                    | 300            | 4000/4400 = .909 |
| 戊       | 60 (100)                                    | 100            | 4300/4400 = .977 |

ABC, default cuts 80% / 95%: A = 乙 己 甲 丙, B = 丁, C = 戊. Cuts 70% / 90%: A = 乙 己 甲, B = 丙, C = 丁 戊.

Churn: 甲 and 己 buy every 30 days (cycle 30, 10 and 15 days since the last purchase: overdue 0.33 and 0.5).
Their last 90 days against the quarterly average of the 270 days before: 甲 1 − 120 / (900 / 3) = 60% down,
己 1 − 180 / 300 = 40% down. Default thresholds (high at 50%, medium at 30%): 甲 high, 己 medium; revenue at
risk 1,020 + 1,080 = 2,100 from 2 customers. With high at 70% and medium at 45%: 甲 medium, 己 ok; 1,020 from
1 customer. Every other customer is ok under both (丙 丁 戊 have no baseline revenue, overdue < 1).
"""

from __future__ import annotations

from datetime import date, timedelta

AS_OF = date(2024, 6, 30)
ORDERS = {  # customer -> [(days before as_of, amount)]
    "乙": [(d, 100) for d in range(0, 360, 30)],
    "己": [(d, 60) for d in (15, 45, 75)] + [(d, 100) for d in range(105, 360, 30)],
    "甲": [(d, 40) for d in (10, 40, 70)] + [(d, 100) for d in range(100, 360, 30)],
    "丙": [(5, 350), (50, 350)],
    "丁": [(20, 300)],
    "戊": [(60, 100)],
}


def orders_csv() -> bytes:
    """The orders as a UTF-8 CSV with an order number per line, as an ERP exports them."""
    lines = ["订单号,客户,订单日期,金额"]
    n = 0
    for customer, orders in ORDERS.items():
        for days, amount in orders:
            n += 1
            lines.append(f"SO{n:03d},{customer},{(AS_OF - timedelta(days=days)).isoformat()},{amount}")
    return ("\n".join(lines) + "\n").encode()
