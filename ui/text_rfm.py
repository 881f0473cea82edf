"""The RFM 分群 page (views/rfm.py, ui/rfm_view.py): the segment map and each segment's advice.

key -> (中文, English); ui/text.py merges every part into TEXT and refuses a key defined twice.
"""

RFM_TEXT: dict[str, tuple[str, str]] = {
    # —— RFM 分群 ——
    "rfm_title": ("RFM 分群", "RFM segments"),
    "rfm_rule": (
        "口径：R = 最近一次下单距截至日的天数，F = 下单次数，M = 净销售额；与全体客户的平均值比较：R 低于均值、F 和 M 高于均值为「高」，组合成 8 个客户群。",
        "Rule: R = days since the last order, F = orders, M = net revenue; each against the mean of all customers: "
        "R below the mean, F and M above it are 'high'; the combinations make 8 segments.",
    ),
    "rfm_map_title": (
        "客户分群图：最近一次下单 × 下单次数（气泡大小 = 金额）",
        "Segment map: recency × frequency (size = revenue)",
    ),
    "rfm_x": ("距最近一次下单天数 (R)", "Days since last order (R)"),
    "rfm_y": ("下单次数 (F)", "Orders (F)"),
    "mean_r": ("R 均值", "mean R"),
    "mean_f": ("F 均值", "mean F"),
    "rfm_revenue_title": ("各分群净销售额", "Net revenue per segment"),
    "rfm_summary_title": ("分群汇总与经营建议", "Segments and what to do"),
    "advice": ("建议", "What to do"),
    "rfm_table_title": ("客户 RFM 明细", "Customers with R, F, M"),
    "recency_days": ("R：距最近下单天数", "R: days since order"),
    "frequency": ("F：下单次数", "F: orders"),
    "monetary": ("M：净销售额", "M: net revenue"),
    "rfm_score_note": (
        "R/F/M 列为 1–5 分（五分位，5 = 最近、最频繁、金额最高），仅供排序参考；分群按均值划分。",
        "The R/F/M columns are 1–5 scores (quintiles, 5 = most recent, most orders, most revenue) for "
        "sorting; segments use the means.",
    ),
    "advice_important_value": (
        "最有价值的客户：保持高频互动和专属服务，优先保障资源。",
        "Your best customers: keep close contact and dedicated service; protect them first.",
    ),
    "advice_important_develop": (
        "最近买过、金额高但次数少：提高购买频次，推荐复购和关联产品。",
        "Recent and big but infrequent: raise frequency with repeat offers and related products.",
    ),
    "advice_important_retain": (
        "买得多、金额高但近期没来：重点保持，主动回访了解原因。",
        "Frequent and big but not recent: keep them; call to find out why.",
    ),
    "advice_important_winback": (
        "愿意花钱但不常买、近期也没来：重点挽留，尽快安排拜访。",
        "Big spenders who rarely buy and haven't lately: win them back with a visit soon.",
    ),
    "advice_general_value": (
        "常买、近期也买，但金额小：推荐升级或搭配，提高客单价。",
        "Recent and frequent but small: upsell and bundle to raise order value.",
    ),
    "advice_general_develop": (
        "近期买过但次数少、金额小：培养习惯，低成本跟进。",
        "Recent but few, small orders: build the habit with low-cost follow-up.",
    ),
    "advice_general_retain": (
        "买得多但金额小、近期没来：定期关怀，低成本维护。",
        "Frequent but small and not recent: regular low-cost care.",
    ),
    "advice_general_winback": (
        "不常买、金额小、近期也没来：价值最低，自动化触达即可。",
        "Rare, small and not recent: lowest value; automated contact is enough.",
    ),
}
