"""The unit a money header names (金额(万元), Sales (USD thousands)): the factor its values are multiplied by."""

from __future__ import annotations

import re
from typing import NamedTuple

# Units a header names (PRODUCT.md § Canonical data): a scale multiplies the column's values, a currency
# does not. 金额(万元) is ×10,000, 销售额（千元） ×1,000; 金额(元), Amount (RMB), Sales (USD) name a currency.
SCALES = {
    "万": 10_000,
    "千": 1_000,
    "百万": 1_000_000,
    "亿": 100_000_000,
    "k": 1_000,
    "thousand": 1_000,
    "thousands": 1_000,
    "'000": 1_000,
    "000": 1_000,
    "000s": 1_000,
    "m": 1_000_000,
    "mn": 1_000_000,
    "mm": 1_000_000,
    "million": 1_000_000,
    "millions": 1_000_000,
}

# The fields whose values are money: a unit in their header scales them (quantity is a count, never scaled).
SCALED_FIELDS = frozenset({"amount", "unit_price", "cost", "profit"})
_BRACKETED = re.compile(r"[(（\[【]([^)）\]】]*)[)）\]】]")
_CURRENCY_WORDS = re.compile(r"人民币|美元|港元|港币|欧元|元|rmb|cny|usd|hkd|eur|¥|￥|\$|\bin\b|[\s,，/、]+")
_UNIT_SUFFIX = re.compile(r"(?:(百万|万|千|亿)元|[/_\-\s:：](百万|万|千|亿)元?)$")


class HeaderUnit(NamedTuple):
    factor: int  # 10000 for 万元
    word: str  # the unit as the header writes it: 万元, 千元, USD thousands


def header_unit(header: str) -> HeaderUnit | None:
    """The scale a header's unit names, or None: '金额(万元)' -> (10000, '万元'), '销售额/千元' -> (1000, '千元'),
    'Sales (USD thousands)' -> (1000, 'USD thousands'); '金额(元)', 'Amount (USD)' -> None (a currency)."""
    text = str(header)
    for inner in _BRACKETED.findall(text):
        factor = SCALES.get(_CURRENCY_WORDS.sub("", inner.strip().lower()))
        if factor:
            return HeaderUnit(factor, inner.strip())
    suffix = _UNIT_SUFFIX.search(_BRACKETED.sub("", text).strip())
    if suffix:
        word = suffix.group(1) or suffix.group(2)
        return HeaderUnit(SCALES[word], word + "元")
    return None
