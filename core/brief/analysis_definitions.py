"""The Definitions sheet's rows for the five base analyses: ABC tiers, RFM segments, churn warnings, long tail
and funnel (outlook_definitions.py: the analyses of issue #14)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from core.analytics import abc, rfm
from core.brief.text import pct
from core.labels import LEVEL_LABELS, SEGMENT_LABELS, SERVICE_LABELS, TIER_LABELS, label

if TYPE_CHECKING:
    from core.brief.model import Brief

# PRODUCT.md § RFM: the segment each (R high, F high, M high) combination gets.
_SEGMENT_RULES = {
    "important_value": (True, True, True),
    "important_develop": (True, False, True),
    "important_retain": (False, True, True),
    "important_winback": (False, False, True),
    "general_value": (True, True, False),
    "general_develop": (True, False, False),
    "general_retain": (False, True, False),
    "general_winback": (False, False, False),
}
_METRIC_WORDS = {
    "net_revenue": ("净销售额", "net revenue"),
    "gross_profit": ("毛利", "gross profit"),
    "order_count": ("订单数", "order count"),
}


def analysis_rows(b: Brief, say) -> list[tuple[str, str, object, str]]:
    """(analysis, rule in words, value, kind) for ABC, RFM, churn, long tail and funnel, in the order of the sheets."""
    return abc_rows(b, say) + rfm_rows(b, say) + churn_rows(b, say) + tail_rows(b, say) + funnel_rows(b, say)


def abc_rows(b: Brief, say) -> list[tuple[str, str, object, str]]:
    """ABC tiers: the metric, cum_before, the three tiers and the service each gets."""
    zh, r_abc = b.lang == "zh", b.rules.abc
    rows: list[tuple[str, str, object, str]] = []
    metric = _METRIC_WORDS.get(r_abc.metric, (r_abc.metric, r_abc.metric))[0 if zh else 1]
    topic = say("ABC 分层", "ABC tiers")
    rows += [
        (
            topic,
            say(
                f"指标：窗口内{metric}。按指标从高到低排序，相同时按客户编号升序。",
                f"Metric: {metric} in the window, ranked high to low, ties by customer key ascending.",
            ),
            metric,
            "text",
        ),
        (
            topic,
            say(
                "前序累计占比 cum_before = 排在该客户之前的客户的指标之和 ÷ 全部正指标之和。",
                "cum_before = the metric of the customers ranked above ÷ the total of positive metrics.",
            ),
            None,
            "text",
        ),
        (
            topic,
            say(
                f"A 类：cum_before < {pct(r_abc.a_below)}（帕累托 80/20：贡献前 {pct(r_abc.a_below)} 销售额的少数客户）。",
                f"Tier A: cum_before < {pct(r_abc.a_below)} (Pareto 80/20: the few customers that bring the "
                f"first {pct(r_abc.a_below)} of revenue).",
            ),
            r_abc.a_below,
            "share",
        ),
        (
            topic,
            say(
                f"B 类：{pct(r_abc.a_below)} ≤ cum_before < {pct(r_abc.b_below)}。",
                f"Tier B: {pct(r_abc.a_below)} ≤ cum_before < {pct(r_abc.b_below)}.",
            ),
            r_abc.b_below,
            "share",
        ),
        (
            topic,
            say(
                f"C 类：cum_before ≥ {pct(r_abc.b_below)}，以及指标 ≤ 0 的客户。",
                f"Tier C: cum_before ≥ {pct(r_abc.b_below)}, and every customer whose metric is ≤ 0.",
            ),
            None,
            "text",
        ),
    ]
    for tier, service in abc.SERVICE_LEVELS.items():
        rows.append(
            (
                topic,
                say("建议服务方式：", "Recommended service: ") + label(TIER_LABELS, tier, b.lang),
                label(SERVICE_LABELS, service, b.lang),
                "text",
            )
        )
    return rows


def rfm_rows(b: Brief, say) -> list[tuple[str, str, object, str]]:
    """RFM segments: the population, R, F and M against their means, the eight segments, the score."""
    r_rfm = b.rules.rfm
    rows: list[tuple[str, str, object, str]] = []
    topic = say("RFM 分群", "RFM segments")
    segments = b.segments
    mean = (lambda col: float(segments[col].mean())) if not segments.empty else (lambda col: None)
    rows += [
        (
            topic,
            say(
                "范围：窗口内至少有一笔正金额订单的客户。",
                "Population: customers with at least one positive order in the window.",
            ),
            len(segments),
            "count",
        ),
        (
            topic,
            say(
                "R = 最近一次正金额订单距 as_of 的天数；R 高 = R 低于平均值（右侧为平均值）。",
                "R = days from the last positive order to as_of; R is high when below the mean (shown).",
            ),
            mean("recency_days"),
            "number",
        ),
        (
            topic,
            say(
                "F = 正金额订单的不同订单号数（无订单号时按不同下单日）；F 高 = 高于平均值。",
                "F = distinct order ids of positive lines (distinct order days without an id); high above the mean.",
            ),
            mean("frequency"),
            "number",
        ),
        (
            topic,
            say(
                "M = 窗口内净销售额（含退货）；M 高 = 高于平均值；等于平均值算低。",
                "M = net revenue in the window, returns included; high above the mean; equal to the mean is low.",
            ),
            mean("monetary"),
            "amount",
        ),
    ]
    high, low = say("高", "high"), say("低", "low")
    for segment in rfm.SEGMENTS:
        r, f, m = (high if flag else low for flag in _SEGMENT_RULES[segment])
        rows.append((topic, f"R {r} · F {f} · M {m}", label(SEGMENT_LABELS, segment, b.lang), "text"))
    rows.append(
        (
            topic,
            say(
                f"RFM 评分：R、F、M 各按排名分 {r_rfm.score_buckets} 档（5 = 最近、最多、最高），仅供参考，不影响分群。",
                f"RFM score: R, F and M each ranked into {r_rfm.score_buckets} buckets (5 = most recent, "
                "most orders, most revenue); for display only, segments do not use it.",
            ),
            r_rfm.score_buckets,
            "count",
        )
    )
    return rows


def churn_rows(b: Brief, say) -> list[tuple[str, str, object, str]]:
    """Churn warnings: purchase days, cycle, overdue, decline and the four levels."""
    r = b.rules.churn
    topic = say("流失预警", "Churn warnings")
    words = {lv: label(LEVEL_LABELS, lv, b.lang) for lv in ("lost", "high", "medium", "ok")}
    return [
        (
            topic,
            say(
                "购买日：截至 as_of 的全部历史中，有正金额订单的不同日期。",
                "Purchase days: distinct dates with a positive amount, over all history up to as_of.",
            ),
            None,
            "text",
        ),
        (
            topic,
            say(
                f"周期 cycle：购买日 ≥ {r.min_purchase_days_for_cycle} 个时取相邻购买日间隔的中位数，否则取默认周期（天）。",
                f"cycle: the median gap between consecutive purchase days with at least "
                f"{r.min_purchase_days_for_cycle} of them, else the default cycle (days).",
            ),
            r.default_cycle_days,
            "count",
        ),
        (
            topic,
            say("超期倍数 overdue = 距上次购买天数 ÷ 周期。", "overdue = days since the last purchase ÷ cycle."),
            None,
            "text",
        ),
        (
            topic,
            say(
                f"降幅 decline = 1 − 近期 ÷ 基期季均；近期 = days_before < {r.recent_days} 的净销售额，"
                f"基期 = {r.recent_days} ≤ days_before < {r.baseline_days} 的净销售额，"
                f"按 {r.recent_days} 天折算平均；仅在基期 > 0 时计算。",
                f"decline = 1 − recent ÷ the baseline's average; recent = net revenue with days_before < "
                f"{r.recent_days}, baseline = {r.recent_days} ≤ days_before < {r.baseline_days}, averaged per "
                f"{r.recent_days} days; only when the baseline > 0.",
            ),
            r.recent_days,
            "count",
        ),
        (
            topic,
            say(
                f"{words['lost']}：距上次购买 > {r.lost_after_days} 天，或只有退货没有购买。",
                f"{words['lost']}: no purchase for more than {r.lost_after_days} days, or only returns.",
            ),
            r.lost_after_days,
            "count",
        ),
        (
            topic,
            say(
                f"{words['high']}：overdue ≥ {r.high_overdue:g} 或 decline ≥ {pct(r.high_decline)}。",
                f"{words['high']}: overdue ≥ {r.high_overdue:g} or decline ≥ {pct(r.high_decline)}.",
            ),
            r.high_decline,
            "share",
        ),
        (
            topic,
            say(
                f"{words['medium']}：overdue ≥ {r.medium_overdue:g} 或 decline ≥ {pct(r.medium_decline)}。",
                f"{words['medium']}: overdue ≥ {r.medium_overdue:g} or decline ≥ {pct(r.medium_decline)}.",
            ),
            r.medium_decline,
            "share",
        ),
        (
            topic,
            say(
                f"{words['ok']}：以上都不满足。风险销售额 = {words['high']}和{words['medium']}客户在分析窗口内的净销售额"
                f"（不低于 0），{words['lost']}和{words['ok']}客户为 0；名单按其降序排列。近期销售额一列写作"
                "「下降 46%」「增长 35%」「持平」，超过 100% 记为 ≥100%。",
                f"{words['ok']}: none of the above. Revenue at risk = the window's net revenue of {words['high']} "
                f"and {words['medium']} customers (never below 0), 0 for {words['lost']} and {words['ok']}; the "
                "call list sorts by it. The last quarter reads 'down 46%', 'up 35%' or 'flat'; over 100% reads ≥100%.",
            ),
            None,
            "text",
        ),
    ]


def tail_rows(b: Brief, say) -> list[tuple[str, str, object, str]]:
    """Long tail: the tail's tiers, the Gini coefficient, the fastest growing."""
    zh, r_tail = b.lang == "zh", b.rules.long_tail
    rows: list[tuple[str, str, object, str]] = []
    topic = say("长尾客户", "Long tail")
    tail_tiers = "、".join(r_tail.tail_tiers) if zh else ", ".join(r_tail.tail_tiers)
    rows += [
        (
            topic,
            say(
                f"长尾 = {tail_tiers} 类客户（与 ABC 分层同一规则）。",
                f"The tail = tier {tail_tiers} customers (the same rule as the ABC tiers).",
            ),
            tail_tiers,
            "text",
        ),
        (
            topic,
            say(
                "基尼系数 G = 1 − Σ (X_k − X_(k−1)) × (Y_k + Y_(k−1))，按正净销售额的洛伦兹曲线计算；0 = 人人相同，越接近 1 越集中。",
                "Gini G = 1 − Σ (X_k − X_(k−1)) × (Y_k + Y_(k−1)) over the Lorenz curve of positive net revenue; "
                "0 = everyone buys the same, near 1 = concentrated.",
            ),
            b.gini,
            "number",
        ),
        (
            topic,
            say(
                f"增长最快：后半窗口销售额比前半窗口增长至少 {pct(r_tail.growth_min_share)}、且至少 "
                f"¥{r_tail.growth_min_amount:,.0f} 的长尾客户，按增长倍数排序，取前 {r_tail.top_n} 名。",
                f"Fastest growing: tail customers whose last half-window beats the first by at least "
                f"{pct(r_tail.growth_min_share)} and at least ¥{r_tail.growth_min_amount:,.0f}, by growth ratio, "
                f"top {r_tail.top_n}.",
            ),
            r_tail.top_n,
            "count",
        ),
    ]
    return rows


def funnel_rows(b: Brief, say) -> list[tuple[str, str, object, str]]:
    """Funnel: the pipeline's stages, reached and conversion, else the customer funnel."""
    r_funnel = b.rules.funnel
    rows: list[tuple[str, str, object, str]] = []
    topic = say("销售漏斗", "Funnel")
    if b.funnel_source == "pipeline":
        order = " → ".join(str(s) for s in b.funnel["stage"]) if not b.funnel.empty else None
        rows += [
            (
                topic,
                say(
                    "阶段顺序：按常见阶段名与 CRM 默认阶段识别，未知阶段按日期或数量放置。",
                    "Stage order: detected from common and CRM default stage names; an unknown stage is "
                    "placed by its dates, else its counts.",
                ),
                order,
                "text",
            ),
            (
                topic,
                say(
                    "到达数 = 当前阶段在该阶段或之后的商机数；赢单商机到达每个阶段，输单商机到达其记录的输单阶段，否则只算第一阶段。",
                    "Reached = opportunities whose current stage is at or beyond the stage; a won one reached "
                    "every stage, a lost one the stage recorded for it, else only the first.",
                ),
                None,
                "text",
            ),
            (
                topic,
                say(
                    "转化率 = 本阶段到达数 ÷ 上一阶段到达数；赢单率 = 赢单数 ÷（赢单数 + 输单数）。",
                    "Conversion = reached ÷ reached at the stage before; win rate = won ÷ (won + lost).",
                ),
                None,
                "text",
            ),
        ]
    else:
        rows.append(
            (
                topic,
                say(
                    f"未上传商机：客户转化漏斗 = 首次购买 → 再次购买 → 累计 {r_funnel.repeat_orders} 单及以上 → A 类；"
                    "订单数同 RFM 的 F；A 类客户（与 ABC 分层的 A 类客户数相同）视为到达每个阶段，如同赢单的商机；"
                    "首次购买即活跃客户；转化率 = 本阶段到达数 ÷ 上一阶段到达数。",
                    f"No pipeline: customer funnel = first purchase → second purchase → "
                    f"{r_funnel.repeat_orders}+ orders → tier A; orders count as RFM's F; a tier A customer (the "
                    "ABC sheet's A count) reached every stage, like a won deal; first purchase = the active "
                    "customers; conversion = reached ÷ reached at the stage before.",
                ),
                r_funnel.repeat_orders,
                "count",
            )
        )
    return rows
