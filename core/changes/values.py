"""JSON-safe values for the changes: null for NaN/NA, whole numbers, cents as currency units, ISO dates."""

from __future__ import annotations

import math

import pandas as pd


def none(value):
    """None for NaN/NA, the value otherwise: JSON gets null, never NaN."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    return value


def as_int(value) -> int:
    value = none(value)
    return 0 if value is None else int(value)


def int_or_none(value) -> int | None:
    value = none(value)
    return None if value is None else int(value)


def money(cents) -> float | None:
    value = none(cents)
    return None if value is None else int(value) / 100


def iso(value) -> str | None:
    return value.isoformat() if value is not None else None
