"""summary.report_text lays the report out exactly as json.dumps(indent=2) does, whatever the names hold."""

import json
from datetime import date
from decimal import Decimal

from core.summary import CUSTOMER_FIELDS, report_text

NASTY = [
    'a "quoted" name',
    "brace }, {",
    'key-like , "revenue": 1',
    "line\nbreak",
    "tab\tand\\backslash",
    '{"customer": ',
    "}, {\n",
    "宁波锦程机械有限公司",
    "emoji 🙂",
    "\u0000",
    "",
    " spaced ",
]


def _default(value):
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(type(value).__name__)


def _result(customers):
    return {
        "as_of": date(2024, 12, 31),
        "window_days": 365,
        "ingest": {"file": "x.csv", "rejected": [{"row": 3, "value": '"\u0000"', "reason": "x"}], "notes": ["\u0000"]},
        "customers": customers,
        "funnel": [{"stage": "first_purchase", "reached": 3, "conversion": None}],
        "funnel_source": "orders",
        "win_rate": None,
    }


def test_report_text_equals_json_dumps_on_awkward_names_and_values():
    customers = [
        dict(zip(CUSTOMER_FIELDS, (name, other, revenue, tier, segment, level, day)))
        for name, other, revenue, tier, segment, level, day in zip(
            NASTY,
            reversed(NASTY),
            [0.0, -1.5, 2846958695.79, 1e-7, 12.3, 0.1 + 0.2, 5, 6, 7, 8, 9, 10],
            "ABCABCABCABC",
            [None, "important_value"] * 6,
            ["ok", "lost", "high", None] * 3,
            ["2024-06-24", None] * 6,
        )
    ]
    for result in (_result(customers), _result(customers[:1]), _result([])):
        assert report_text(result, default=_default) == json.dumps(
            result, ensure_ascii=False, indent=2, default=_default
        )


def test_report_text_falls_back_when_a_customer_has_other_fields():
    result = _result([{"customer": "a", "extra": 1}])
    assert report_text(result, default=_default) == json.dumps(result, ensure_ascii=False, indent=2, default=_default)
