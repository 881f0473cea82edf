"""Numbers and codes in words for the screen: money in ¥/万, shares in %, tier/segment/level labels."""

from __future__ import annotations

import math

from core import labels
from ui.markdown import plain as plain  # the one escaper; pages import it from here too
from ui.text import lang


def money(value: float | None) -> str:
    """¥ with 万/亿 in Chinese, K/M/B in English, so a projector row stays short."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    sign, v = ("-" if value < 0 else ""), abs(float(value))
    if lang() == "zh":
        if v >= 1e8:
            return f"{sign}¥{v / 1e8:,.2f}亿"
        if v >= 1e7:  # "¥3,102万" not "¥3,101.9万": fits a KPI card on a laptop
            return f"{sign}¥{v / 1e4:,.0f}万"
        if v >= 1e4:
            return f"{sign}¥{v / 1e4:,.1f}万"
        return f"{sign}¥{v:,.0f}"
    if v >= 1e9:
        return f"{sign}¥{v / 1e9:,.2f}B"
    if v >= 1e8:  # "¥220.1M" not "¥220.13M": fits a KPI card on a laptop (issue #11)
        return f"{sign}¥{v / 1e6:,.1f}M"
    if v >= 1e6:
        return f"{sign}¥{v / 1e6:,.2f}M"
    if v >= 1e3:
        return f"{sign}¥{v / 1e3:,.1f}K"
    return f"{sign}¥{v:,.0f}"


def money_scale(largest: float) -> tuple[float, str]:
    """(divisor, unit) for a money axis: 万元 in Chinese; ¥K or ¥M in English."""
    if lang() == "zh":
        # below 10万 the axis reads in 元: 0.18 万元 ticks would round to 0
        return (1e8, "亿元") if largest >= 1e9 else (1e4, "万元") if largest >= 1e5 else (1, "元")
    return (1e6, "¥M") if largest >= 1e7 else (1e3, "¥K") if largest >= 1e4 else (1, "¥")


def pct(share: float | None, digits: int = 1) -> str:
    if share is None or (isinstance(share, float) and math.isnan(share)):
        return "—"
    value = share * 100
    if round(value, digits) == 0:  # a share of -0.0004 (a few returns) reads "0.0%", not "-0.0%" (issue #11)
        value = 0.0
    return f"{value:.{digits}f}%"


def code_label(kind: str, code) -> str:
    """The word for a code ('A', 'important_value', 'high', ...) from core.labels; the code itself if unknown."""
    table = {
        "tier": labels.TIER_LABELS,
        "segment": labels.SEGMENT_LABELS,
        "level": labels.LEVEL_LABELS,
        "service": labels.SERVICE_LABELS,
        "customer_funnel": labels.CUSTOMER_FUNNEL_LABELS,
    }[kind]
    return labels.label(table, code, lang())


def field_label(name: str) -> str:
    pair = labels.FIELD_LABELS.get(name, (name, name))
    return pair[0] if lang() == "zh" else pair[1]


def delta_style(change: float | None) -> dict:
    """st.metric's delta colour and arrow: none for a change that is zero as shown (issue #11: a green ↑¥0
    said something moved); Streamlit's own rule only knows the literal "0"."""
    if change is None or change == 0:
        return {"delta_color": "off", "delta_arrow": "off"}
    return {}
