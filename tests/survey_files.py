"""Orders with survey columns for the loyalty tests (docs/outlook.md § Satisfaction and referrals).

SIX, as_of 2024-12-31, no forecast (fewer than 30 repeat customers): the behavioural band is the share of the
customer's past 90-day periods with a purchase (period = days_before // 90, from period 0 to the first
purchase's). Satisfaction on a 1-5 scale (every answer is 1-5): the score is answer / 5.
- 甲: days 200, 100, 0 -> periods 2, 1, 0 of 3 = 1.00 high; scores 5 then 2 -> latest 0.40, dissatisfied:
  medium (lowered_dissatisfied)
- 乙: days 100, 10 -> periods 1, 0 of 2 = 1.00 high; score 4 (0.80, satisfied), referrals 1 + 1 = 2: stays high
  (kept_high_referral)
- 丙: days 300, 10 -> periods 3, 0 of 4 = 0.50 medium; no score, referral 是 (1): high (raised_referral)
- 丁: day 400 -> period 4 of 5 = 0.20 low; score 1 (0.20) and a referral: dissatisfied wins, stays low
  (kept_low_dissatisfied)
- 戊: days 250, 20 -> periods 2, 0 of 3 = 0.67 medium; score 3 (0.60, neutral), referral 否 (0): medium
  (kept_neutral)
- 己: day 5 -> period 0 of 1 = 1.00 high; nothing answered: high (not_surveyed)
"""

from __future__ import annotations

from datetime import date, timedelta

AS_OF = date(2024, 12, 31)


def _day(days_before: int) -> str:
    return (AS_OF - timedelta(days=days_before)).isoformat()


SIX = [
    # customer, days before as_of, amount, satisfaction, referrals, region
    ("甲", 200, "100", "5", "", "华东"),
    ("甲", 100, "100", "", "", "华东"),
    ("甲", 0, "100", "2", "", "华东"),
    ("乙", 100, "100", "4", "1", "华东"),
    ("乙", 10, "100", "", "1", "华东"),
    ("丙", 300, "100", "", "是", "华南"),
    ("丙", 10, "100", "", "", "华南"),
    ("丁", 400, "100", "1", "1", "华南"),
    ("戊", 250, "100", "", "", "华北"),
    ("戊", 20, "100", "3", "否", "华北"),
    ("己", 5, "100", "", "", "华北"),
]


def six_csv(*, survey: bool = True) -> bytes:
    header = "客户,日期,金额,区域" + (",满意度,转介绍" if survey else "")
    lines = [f"{c},{_day(d)},{a},{r}" + (f",{s},{n}" if survey else "") for c, d, a, s, n, r in SIX]
    return ("\n".join([header, *lines]) + "\n").encode()
