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
    "phone": ("电话", "Phone"),
    "tax_id": ("税号", "Tax ID"),
    "satisfaction": ("客户满意度", "Satisfaction"),
    "referrals": ("转介绍客户数", "Referrals"),
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


# core.analytics.forecast: where the model gives no number, and why (NOTES and STATUSES).
FORECAST_NOTE_LABELS = {
    "fitted": ("已拟合预测模型", "Forecast fitted"),
    "one_purchase_day": (
        "仅有一个采购日：模型默认其仍在活跃，存活概率不予显示；预计订单照常给出，客单价按全体客户均值估算",
        "Only one purchase day: the model assumes such a customer is active, so P(alive) is not shown; "
        "expected orders are, with the population's mean order value",
    ),
    "no_purchase_day": ("无采购日（仅有退货），无法预测", "No purchase day (only returns): no forecast"),
    "non_positive_order_value": (
        "净销售额不为正（退货抵消了采购），无法估算客单价，不给出预计销售额",
        "Net revenue is not positive (returns cancel the purchases): no order value, so no expected revenue",
    ),
    "too_few_repeat_customers": (
        "复购客户太少（不足 30 位在两个以上日期采购），无法拟合模型，不给出预测",
        "Too few repeat customers (fewer than 30 bought on two days or more) to fit the model: no forecast",
    ),
    "fit_failed": ("模型拟合未收敛，不给出预测", "The model did not converge: no forecast"),
}

LOYALTY_LABELS = {
    "high": ("高忠诚度（复购概率 70% 以上）", "High loyalty (repeat purchase above 70%)"),
    "medium": ("中忠诚度（复购概率 30%–70%）", "Medium loyalty (repeat purchase 30–70%)"),
    "low": ("低忠诚度（复购概率 30% 以下）", "Low loyalty (repeat purchase below 30%)"),
}

LOYALTY_SOURCE_LABELS = {
    "forecast": ("预测模型：未来 90 天至少采购一次的概率", "Forecast: chance of a purchase in the next 90 days"),
    "past_periods": ("过往每 90 天中有采购的比例", "Share of its past 90-day periods with a purchase"),
}

# Why the band is what it is, when the file has a satisfaction or referral column (loyalty.LOYALTY_REASONS)
LOYALTY_REASON_LABELS = {
    "lowered_dissatisfied": ("不满意（<60%），下调一档", "Dissatisfied (<60%): one band down"),
    "kept_low_dissatisfied": ("不满意（<60%），已是低", "Dissatisfied (<60%); already low"),
    "raised_referral": ("有转介绍，上调一档", "Referred someone: one band up"),
    "kept_high_referral": ("有转介绍，已是高", "Referred someone; already high"),
    "kept_satisfied": ("满意（≥80%），按复购", "Satisfied (≥80%): from purchases"),
    "kept_neutral": ("满意度一般，按复购", "Neutral: from purchases"),
    "not_surveyed": ("未调研、无转介绍，按复购", "Not surveyed: from purchases"),
}

MARGIN_BAND_LABELS = {
    "high": ("高毛利", "High margin"),
    "medium": ("中毛利", "Medium margin"),
    "low": ("低毛利", "Low margin"),
}

# Kotler's five relationship levels (seed 002) and the contact pattern of each.
RELATIONSHIP_LABELS = {
    "basic": ("基本型", "Basic"),
    "reactive": ("被动型", "Reactive"),
    "accountable": ("负责型", "Accountable"),
    "proactive": ("能动型", "Proactive"),
    "partnership": ("伙伴型", "Partnership"),
}

CONTACT_PATTERN_LABELS = {
    "sell_only": ("售出产品后不再联系客户", "Sell the product; no further contact"),
    "customer_calls": (
        "售出产品并鼓励客户在有问题或意见时主动联系",
        "Sell, and encourage the customer to call with questions or complaints",
    ),
    "call_after_sale": (
        "售后及时回访，了解产品是否符合期望，征求改进意见",
        "Call soon after the sale: did it meet expectations, what could be better",
    ),
    "regular_suggestions": (
        "经常联系客户，提供改进产品用途的建议和新产品信息",
        "Keep in touch with ideas for better use of the product and news of new products",
    ),
    "joint_improvement": (
        "与客户持续合作，共同寻找更好地创造价值的方法",
        "Work with the customer continuously to find better ways to deliver value",
    ),
}

DUPLICATE_REASON_LABELS = {
    "same_name": ("去掉后缀、括号和标点后名称相同", "Same name once suffixes, brackets and punctuation are removed"),
    "similar_name": ("名称高度相似", "Very similar names"),
}

# core.analytics.bridge: the parts of a revenue change.
BRIDGE_PART_LABELS = {
    "new": ("新客户", "New customers"),
    "lost": ("流失客户", "Lost customers"),
    "grown": ("增长客户", "Grown"),
    "shrunk": ("下降客户", "Shrunk"),
    "steady": ("持平客户", "Steady"),
    "total_change": ("合计变化", "Total change"),
}


def label(mapping: dict[str, tuple[str, str]], code, lang: str) -> str:
    """The word for a code in lang ('zh' or 'en'); an unknown code comes back as itself, blank for none."""
    if code is None or code != code:  # None or NaN: no code, no word
        return ""
    words = mapping.get(code)
    if words is None:
        return str(code)
    return words[0] if lang == "zh" else words[1]


def customer_funnel_label(stage, lang: str, repeat_orders: int = 4) -> str:
    """The word for a customer funnel stage; the repeat stage (code 'repeat_4', a public name) says the
    number of orders in force (rules.funnel.repeat_orders), not always 4."""
    if stage == "repeat_4":
        return f"累计 {repeat_orders} 单及以上" if lang == "zh" else f"{repeat_orders}+ orders"
    return label(CUSTOMER_FUNNEL_LABELS, stage, lang)


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
