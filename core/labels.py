"""Canonical field names in words (中文, English), for messages from core and the mapping screen."""

FIELD_LABELS = {
    "customer": ("客户", "Customer"),
    "customer_name": ("客户名称（客户列为编号时）", "Customer name (when Customer is an ID)"),
    "order_date": ("订单日期", "Order date"),
    "amount": ("金额", "Amount"),
    "order_id": ("订单号", "Order ID"),
    "product": ("产品", "Product"),
    "category": ("品类", "Category"),
    "quantity": ("数量", "Quantity"),
    "unit_price": ("单价", "Unit price"),
    "cost": ("成本", "Cost"),
    "profit": ("毛利", "Gross profit"),
    "region": ("区域", "Region"),
    "province": ("省份", "Province"),
    "city": ("城市", "City"),
    "industry": ("行业", "Industry"),
    "customer_type": ("客户类型", "Customer type"),
    "account_manager": ("客户经理", "Account manager"),
    "team": ("部门", "Team"),
    "channel": ("渠道", "Channel"),
    "opportunity_id": ("商机编号", "Opportunity ID"),
    "stage": ("阶段", "Stage"),
    "created_date": ("创建日期", "Created date"),
    "close_date": ("预计成交日期", "Close date"),
    "owner": ("负责人", "Owner"),
    "lost_stage": ("输单阶段", "Lost at stage"),
}

# Codes the analytics return, in words (中文, English). Codes stay in the data (STYLE.md § Naming);
# the UI and the Excel brief turn them into words here, once.

TIER_LABELS = {
    "A": ("A 类客户", "Tier A"),
    "B": ("B 类客户", "Tier B"),
    "C": ("C 类客户", "Tier C"),
}

# PRODUCT.md § RFM table, in its order.
SEGMENT_LABELS = {
    "important_value": ("重要价值客户", "Important value"),
    "important_develop": ("重要发展客户", "Important to develop"),
    "important_retain": ("重要保持客户", "Important to retain"),
    "important_winback": ("重要挽留客户", "Important to win back"),
    "general_value": ("一般价值客户", "General value"),
    "general_develop": ("一般发展客户", "General to develop"),
    "general_retain": ("一般保持客户", "General to retain"),
    "general_winback": ("一般挽留客户", "General to win back"),
}

LEVEL_LABELS = {
    "ok": ("正常", "OK"),
    "medium": ("中风险", "Medium risk"),
    "high": ("高风险", "High risk"),
    "lost": ("已流失", "Lost"),
}

LIFECYCLE_LABELS = {
    "new": ("新客户", "New"),
    "growing": ("成长期", "Growing"),
    "mature": ("成熟期", "Mature"),
    "declining": ("衰退期", "Declining"),
    "lost": ("已流失", "Lost"),
}

# core.analytics.abc.SERVICE_LEVELS: the recommended service per tier.
SERVICE_LABELS = {
    "senior_account_manager": ("资深客户经理专人服务", "Senior account manager"),
    "regular_visits": ("定期拜访", "Regular visits"),
    "automated_basic": ("自动化/基础服务", "Automated / basic service"),
}

CUSTOMER_FUNNEL_LABELS = {
    "first_purchase": ("首次购买", "First purchase"),
    "second_purchase": ("再次购买", "Second purchase"),
    "repeat_4": ("累计 4 单及以上", "4+ orders"),
    "tier_a": ("成为 A 类客户", "Became tier A"),
}

FUNNEL_KIND_LABELS = {
    "open": ("进行中", "Open"),
    "won": ("赢单", "Won"),
    "lost": ("输单", "Lost"),
}


def label(mapping: dict[str, tuple[str, str]], code, lang: str) -> str:
    """The word for a code in lang ('zh' or 'en'); an unknown code comes back as itself, blank for none."""
    if code is None or code != code:  # None or NaN: no code, no word
        return ""
    words = mapping.get(code)
    if words is None:
        return str(code)
    return words[0] if lang == "zh" else words[1]


# core.analytics.churn.TRENDS: the last quarter against the prior average, as the churn list words it.
TREND_LABELS = {
    "up": ("增长", "up"),
    "flat": ("持平", "flat"),
    "down": ("下降", "down"),
}


def trend_words(trend, pct, capped, lang: str) -> str:
    """'下降 46%', 'up ≥100%', '持平' from churn_warnings' trend, trend_pct and trend_capped; '—' without a
    baseline to compare with. One wording for the churn page, the home page and the Excel brief."""
    word = label(TREND_LABELS, trend, lang)
    if not word:
        return "—"
    if trend == "flat":
        return word
    return f"{word} {'≥' if bool(capped) else ''}{int(pct)}%"
