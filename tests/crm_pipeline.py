"""A generated pipeline in the shape of the public "CRM sales opportunities" export (issue #11): Opportunity ID,
Sales Agent, Product, Account, Deal Stage (Prospecting / Engaging / Won / Lost), Engage Date, Close Date,
Close Value. As in that export, only won deals carry a value: lost ones say 0, open ones nothing; prospecting
deals have no engage date yet, open deals no close date. Made from random.Random(42), never from disk.

STAGE_COUNTS is the stage mix: Engaging outnumbers Prospecting, as in the real file, so neither counts nor
dates put Prospecting first; only its name does."""

from __future__ import annotations

import csv
import io
import random
from datetime import date, timedelta

HEADER = [
    "Opportunity ID",
    "Sales Agent",
    "Product",
    "Account",
    "Deal Stage",
    "Engage Date",
    "Close Date",
    "Close Value",
]
SNAKE_HEADER = [
    "opportunity_id",
    "sales_agent",
    "product",
    "account",
    "deal_stage",
    "engage_date",
    "close_date",
    "close_value",
]
STAGE_COUNTS = {"Prospecting": 5, "Engaging": 16, "Won": 12, "Lost": 7}
AGENTS = ["Moses Frase", "Darcel Schlecht", "Zane Levy"]
ACCOUNTS = ["Cancity", "Isdom", "Codehow", "Hottechi", "Sonron"]
FIRST_ENGAGE = date(2016, 10, 20)
WON_VALUE = 1000  # every won deal closes at 1,000 + 100 x its number: WON_TOTAL below


def rows() -> list[list[str]]:
    r = random.Random(42)
    stages = [stage for stage, n in STAGE_COUNTS.items() for _ in range(n)]
    r.shuffle(stages)
    out = []
    won = 0
    for i, stage in enumerate(stages, start=1):
        engage = FIRST_ENGAGE + timedelta(days=r.randint(0, 400))
        close = engage + timedelta(days=r.randint(5, 120))
        if stage == "Won":
            value = str(WON_VALUE + 100 * won)
            won += 1
        else:
            value = "0" if stage == "Lost" else ""
        out.append(
            [
                f"OPP{i:05d}",
                r.choice(AGENTS),
                r.choice(["GTX Basic", "MG Special", "GTXPro"]),
                r.choice(ACCOUNTS),
                stage,
                "" if stage == "Prospecting" else engage.isoformat(),
                close.isoformat() if stage in ("Won", "Lost") else "",
                value,
            ]
        )
    return out


# 12 won deals: 1,000 + 1,100 + ... + 2,100 = 12 x 1,000 + 100 x (0 + 1 + ... + 11) = 12,000 + 6,600
WON_TOTAL = 18_600


def csv_bytes(header: list[str] = HEADER) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows())
    return out.getvalue().encode()
