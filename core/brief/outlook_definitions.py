"""The Definitions sheet's rows for issue #14: forecast, loyalty, relationship levels, lifecycle, cohorts, bridge."""

from __future__ import annotations

from typing import TYPE_CHECKING

from core.analytics import loyalty
from core.brief.text import pct
from core.labels import CONTACT_PATTERN_LABELS, FORECAST_NOTE_LABELS, RELATIONSHIP_LABELS, label
from core.rules import ForecastRules, LifecycleRules, LoyaltyRules

if TYPE_CHECKING:
    from core.brief.model import Brief


def outlook_rows(b: Brief) -> list[tuple[str, str, object, str]]:
    """(analysis, rule in words, value, kind), in the order of the sheets."""
    zh = b.lang == "zh"

    def say(zh_text: str, en_text: str) -> str:
        return zh_text if zh else en_text

    fc, loyal, life = ForecastRules(), LoyaltyRules(), LifecycleRules()
    book = b.outlook.forecast
    topic = say("预测", "Forecast")
    rows: list[tuple[str, str, object, str]] = [
        (
            topic,
            say(
                "采购日 = 有正金额订单行的日期；用截至 as_of 的全部历史（受筛选条件限制）。x = 采购日数 − 1，"
                "t_x = 首末采购日相隔天数，T = 首个采购日到 as_of 的天数，客单价 m = 净销售额 / 采购日数。",
                "A purchase day is a date with a positive order line, over the whole history up to as_of (filters "
                "apply). x = purchase days − 1, t_x = days from the first to the last, T = days from the first "
                "to as_of, order value m = net revenue / purchase days.",
            ),
            None,
            "text",
        ),
        (
            topic,
            say(
                "购买频次模型（BG/NBD，最大似然拟合）给出存活概率与未来 90 天预计采购日数；客单价模型（Gamma-Gamma）给出预计客单价；"
                "预计销售额 = 预计采购日数 × 预计客单价，按分取整后求和。",
                "BG/NBD (maximum likelihood) gives P(alive) and the expected purchase days in the next 90 days; "
                "Gamma-Gamma the expected order value; expected revenue = expected purchase days × expected order "
                "value, rounded to the cent before it is summed.",
            ),
            fc.horizon_days,
            "count",
        ),
        (
            topic,
            say(
                f"复购客户（两个及以上采购日）少于 {fc.min_repeat_customers} 位时不拟合，不给出任何预测。本次："
                + label(FORECAST_NOTE_LABELS, book.status, b.lang),
                f"Fewer than {fc.min_repeat_customers} repeat customers (two purchase days or more): no fit and "
                "no forecast at all. This brief: " + label(FORECAST_NOTE_LABELS, book.status, b.lang),
            ),
            book.repeat_customers_count,
            "count",
        ),
        (
            topic,
            say(
                "只有一个采购日的客户：模型默认其活跃，不给存活概率；预计采购照常给出，客单价取全体均值。"
                "只有退货或净额不为正的客户不给预计销售额。",
                "A customer with one purchase day: the model takes it as active, so no P(alive); expected orders "
                "are given, with the population's mean order value. Only returns or a net that is not positive: "
                "no expected revenue.",
            ),
            None,
            "text",
        ),
    ]
    topic = say("客户关系", "Relationships")
    rows += [
        (
            topic,
            say(
                f"忠诚度：未来 90 天至少采购一次的概率 > {pct(loyal.high_above)} 为高，< {pct(loyal.low_below)} 为低，"
                "其余为中（含边界）。有预测时用模型概率，否则用客户过往每 90 天中有采购的比例（自 as_of 倒数）。",
                f"Loyalty: the chance of a purchase in the next 90 days above {pct(loyal.high_above)} is high, "
                f"below {pct(loyal.low_below)} low, else medium (both included): the forecast's chance, else the "
                "share of the customer's past 90-day periods (counted back from as_of) with a purchase.",
            ),
            loyal.high_above,
            "share",
        ),
    ]
    if b.has_field("satisfaction") or b.has_field("referrals"):  # never a rule about a column the file lacks
        rows.append(
            (
                topic,
                say(
                    f"文件有满意度或转介绍列时：截至 as_of 最近一次调研的满意度（按文件分制换算为 0–1）低于 "
                    f"{pct(loyal.dissatisfied_below)} 为不满意，忠诚度比复购表现下调一档；并非不满意且转介绍过客户的，"
                    f"上调一档；{pct(loyal.satisfied_from)} 及以上为满意。",
                    f"With a satisfaction or referral column: the latest survey score up to as_of (on the file's "
                    f"scale, as 0–1) below {pct(loyal.dissatisfied_below)} is dissatisfied and moves the band one "
                    f"step below its repeat purchases; a customer who referred someone and is not dissatisfied moves "
                    f"one step up; {pct(loyal.satisfied_from)} or more is satisfied.",
                ),
                loyal.dissatisfied_below,
                "share",
            )
        )
    rows += [
        (
            topic,
            say(
                f"毛利档：窗口内毛利 / 净销售额，不低于全体客户第 {loyal.margin_high_quantile * 100:.0f} 百分位为高，"
                f"低于第 {loyal.margin_low_quantile * 100:.0f} 百分位为低；未映射成本或毛利时为中。",
                f"Margin band: the window's gross profit / net revenue; from the book's "
                f"{loyal.margin_high_quantile * 100:.0f}th percentile high, below its "
                f"{loyal.margin_low_quantile * 100:.0f}th low; medium without a cost or profit column.",
            ),
            None,
            "text",
        ),
    ]
    for (margin, tier), level in loyalty.KOTLER_GRID.items():
        margin_words = {"high": say("高毛利", "high margin"), "medium": say("中毛利", "medium margin")}
        margin_words["low"] = say("低毛利", "low margin")
        rows.append(
            (
                topic,
                say(
                    f"关系层级（科特勒）：{tier} 类 × {margin_words[margin]}",
                    f"Kotler level: tier {tier} × {margin_words[margin]}",
                ),
                label(RELATIONSHIP_LABELS, level, b.lang),
                "text",
            )
        )
    for level, pattern in loyalty.CONTACT_PATTERNS.items():
        rows.append(
            (
                topic,
                say("建议联系方式：", "Recommended contact: ") + label(RELATIONSHIP_LABELS, level, b.lang),
                label(CONTACT_PATTERN_LABELS, pattern, b.lang),
                "text",
            )
        )
    topic = say("生命周期", "Lifecycle")
    rows.append(
        (
            topic,
            say(
                f"依次判断：流失预警为已流失 → 已流失；首次购买不足 {life.new_within_days} 天 → 新客户；高风险，或近 "
                f"{life.period_days} 天净销售额 < 此前 {life.period_days} 天 × {life.declining_ratio:g} → 衰退期；"
                f"> × {life.growing_ratio:g} → 成长期；其余为成熟期。各阶段销售额为分析窗口内净销售额。",
                f"In order: churn level lost → lost; first purchase under {life.new_within_days} days ago → new; "
                f"high risk, or the last {life.period_days} days' net revenue < the {life.period_days} days before × "
                f"{life.declining_ratio:g} → declining; > × {life.growing_ratio:g} → growing; else mature. Each "
                "stage's revenue is net revenue in the analysis window.",
            ),
            life.period_days,
            "count",
        )
    )
    rows.append(
        (
            say("客户留存", "Cohorts"),
            say(
                "客户群 = 首次正金额采购的月份（截至 as_of 的全部历史）；第 n 月 = 其中首购后第 n 个月有正金额采购的客户"
                "及其当月净销售额；第 0 月为整个客户群。",
                "Cohort = the month of the first positive purchase (whole history up to as_of); month n = its "
                "customers with a positive purchase n months later and their net revenue that month; month 0 is "
                "the whole cohort.",
            ),
            None,
            "text",
        )
    )
    rows.append(
        (
            say("增减桥", "Revenue bridge"),
            say(
                "每位客户的变化 Δ = 本窗口净销售额 − 上一窗口（等长）净销售额：新客户（上期 ≤ 0 < 本期）、流失（本期 ≤ 0 < "
                "上期）、增长 / 下降（两期都 > 0，Δ > 0 / < 0）、持平（其余）。五项按分求和，之和等于合计变化；分层、区域、"
                "客户经理取客户在上一窗口的值（上一窗口无订单时取本窗口的）。按净销售额计，下过单但净额 ≤ 0 的客户不算新客户，"
                "却算活跃客户：新客户 − 流失与活跃客户数的变化可相差这些客户。",
                "Per customer Δ = net revenue in this window − in the previous one of equal length: new (before ≤ "
                "0 < now), lost (now ≤ 0 < before), grown / shrunk (both > 0, Δ > 0 / < 0), steady (the rest). The "
                "five parts are sums of cents and add up to the total change; tier, region and manager are the "
                "customer's in the previous window (this one's when it had no orders before). By net revenue, a "
                "customer who ordered but netted ≤ 0 is not new though it is active: new − lost may differ from the "
                "change in active customers by such customers.",
            ),
            b.filters.window_days,
            "count",
        )
    )
    return rows
