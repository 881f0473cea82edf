"""The customer profile page's widgets and figures: the customer picker kept in the URL, cards, history."""

from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from core.labels import LEVEL_LABELS, LIFECYCLE_LABELS, SEGMENT_LABELS, TIER_LABELS, label
from core.rules import LifecycleRules, Rules
from ui import cached
from ui import rules as ui_rules
from ui.charts import PRIMARY, TIER_COLORS, _layout
from ui.format import money
from ui.session_user import current_user
from ui.text import lang, t, t_raw

QUERY_KEY = "customer"  # ?customer=<id>: a link pasted in the meeting chat reopens this customer
WIDGET_KEY = "profile_customer"
RETURN_COLOR = "#8c8c8c"


def customer_word(customer: str, name) -> str:
    if isinstance(name, str) and name and name != customer:
        return f"{name}（{customer}）" if lang() == "zh" else f"{name} ({customer})"
    return customer


def pick_customer(customers: pd.DataFrame) -> str | None:
    """A searchable select over customer, customer_name rows (in the order given), synced with ?customer=."""
    options = list(customers["customer"])
    words = {c: customer_word(c, n) for c, n in zip(customers["customer"], customers["customer_name"])}
    wanted = st.query_params.get(QUERY_KEY)
    if st.session_state.get(WIDGET_KEY) not in options:
        st.session_state.pop(WIDGET_KEY, None)
        if wanted in options:
            st.session_state[WIDGET_KEY] = wanted
    choice = st.selectbox(
        t("profile_pick"),
        options,
        key=WIDGET_KEY,
        format_func=words.get,
        help=t("profile_pick_help"),
        placeholder=t("profile_pick_placeholder"),
    )
    if wanted and wanted not in options:
        scoped = not current_user().scope.unrestricted
        st.warning(t("profile_not_in_scope" if scoped else "profile_not_found", customer=wanted))
    if choice is not None:
        st.query_params[QUERY_KEY] = choice
    return choice


def row_of(frame: pd.DataFrame, customer: str) -> pd.Series | None:
    rows = frame[frame["customer"] == customer]
    return None if rows.empty else rows.iloc[0]


def cards(tier: pd.Series | None, rfm: pd.Series | None, warning: pd.Series | None, stage: pd.Series | None) -> None:
    """Tier, RFM segment, churn warning and lifecycle stage, each with its evidence underneath: two by two,
    so 重要价值客户 or "Important to retain" fits a laptop's card whole (four abreast cut them, issue #11)."""
    a, b = st.columns(2)
    c, d = st.columns(2)
    # a long warning reason wraps inside its pill instead of ending in "…" (our constant CSS, style only)
    st.html(
        "<style>[data-testid=stMetricDelta] .stMarkdownEllipsis, [data-testid=stMetricDelta] p"
        " { white-space: normal; }</style>"
    )
    if tier is None:
        a.metric(
            t("profile_tier"), "—", t("profile_no_window_revenue"), delta_color="off", delta_arrow="off", border=True
        )
    else:
        a.metric(
            t("profile_tier"),
            label(TIER_LABELS, tier["tier"], lang()),
            t("profile_tier_evidence", rank=int(tier["rank"]), amount=money(tier["net_revenue"])),
            delta_color="off",
            delta_arrow="off",
            border=True,
        )
    if rfm is None:
        b.metric(
            t("profile_segment"), "—", t("profile_no_window_revenue"), delta_color="off", delta_arrow="off", border=True
        )
    else:
        b.metric(
            t("profile_segment"),
            label(SEGMENT_LABELS, rfm["segment"], lang()),
            t(
                "profile_rfm_scores",
                r=int(rfm["r_score"]),
                f=int(rfm["f_score"]),
                m=int(rfm["m_score"]),
                days=int(rfm["recency_days"]),
                orders=int(rfm["frequency"]),
            ),
            delta_color="off",
            delta_arrow="off",
            border=True,
        )
    if warning is not None:
        reason = warning["reason_zh" if lang() == "zh" else "reason_en"] or t("profile_no_warning_reason")
        c.metric(
            t("profile_warning"),
            label(LEVEL_LABELS, warning["level"], lang()),
            reason,
            delta_color="off",
            delta_arrow="off",
            border=True,
        )
    if stage is not None:
        d.metric(
            t("profile_lifecycle"),
            label(LIFECYCLE_LABELS, stage["stage"], lang()),
            t(
                "profile_lifecycle_evidence",
                current=money(stage["current_period_revenue"]),
                previous=money(stage["previous_period_revenue"]),
            ),
            delta_color="off",
            delta_arrow="off",
            border=True,
        )


def facts_line(warning: pd.Series | None, stage: pd.Series | None) -> str:
    if warning is None:
        return ""
    first = stage["first_purchase_date"] if stage is not None else None
    facts = dict(
        first=pd.Timestamp(first).date().isoformat() if first is not None and pd.notna(first) else "—",
        last=warning["last_purchase_date"].date().isoformat() if pd.notna(warning["last_purchase_date"]) else "—",
        cycle=f"{warning['cycle_days']:g}",
        days=warning["purchase_days_count"],
    )
    if not cached.has_field("account_manager"):  # the file has no manager column: say nothing about one
        return t("profile_facts_no_manager", **facts)
    owner = warning["account_manager"]
    return t("profile_facts", owner=owner if isinstance(owner, str) else t("no_manager"), **facts)


def history_figure(monthly: pd.DataFrame, name: str, tier_code) -> go.Figure:
    """Net revenue per month, bars in the customer's tier colour (returns-only months in grey); a month without
    orders is an empty slot, so a gap in buying shows as a gap."""
    if len(monthly):
        every = pd.date_range(monthly["month"].min(), monthly["month"].max(), freq="MS")
        monthly = (
            monthly.set_index("month")
            .reindex(every)
            .rename_axis("month")
            .reset_index()
            .fillna({"net_revenue": 0, "order_lines": 0})
            .astype({"order_lines": "int64"})
        )
    months = monthly["month"].dt.strftime("%Y-%m")
    color = TIER_COLORS.get(tier_code, PRIMARY)
    fig = go.Figure(
        go.Bar(
            x=months,
            y=monthly["net_revenue"],
            marker_color=[color if v >= 0 else RETURN_COLOR for v in monthly["net_revenue"]],
            customdata=monthly["order_lines"],
            hovertemplate="%{x}<br>"
            + html.escape(t("net_revenue"))
            + ": ¥%{y:,.2f}<br>"
            + html.escape(t("profile_order_lines"))
            + ": %{customdata}<extra></extra>",
        )
    )
    fig.update_xaxes(title_text=t("month"), type="category")
    fig.update_yaxes(title_text=t("net_revenue"), tickformat=",.0f")
    return _layout(fig, t_raw("profile_history_title", customer=name))


def products_table(products: pd.DataFrame, top: int = 15) -> pd.DataFrame:
    shown = products.head(top)
    table = pd.DataFrame(
        {
            t("profile_product"): shown["product"].fillna(t("profile_no_product")),
            t("net_revenue"): shown["net_revenue"],
            t("profile_window_revenue"): shown["window_revenue"],
            t("profile_quantity"): _quantity_words(shown["quantity"]),
            t("profile_order_lines"): shown["order_lines"],
            t("last_order_date"): shown["last_order_date"].dt.date,
        }
    )
    if not cached.has_field("quantity"):  # no quantity column in the file: no column of dashes
        table = table.drop(columns=t("profile_quantity"))
    return table


def _quantity_words(quantity: pd.Series) -> pd.Series:
    """Quantities as they are; as text ("1,200", "2.50") with a dash where the file left one blank, since a grid
    prints None for a null."""
    if quantity.notna().all():
        return quantity
    return quantity.map(lambda q: "—" if pd.isna(q) else f"{q:,.0f}" if float(q).is_integer() else f"{q:,.2f}")


def orders_table(orders: pd.DataFrame, top: int = 200) -> pd.DataFrame:
    """The latest order lines; a field the file does not have gets no column, a blank cell a word, never "None"."""
    shown = orders.head(top)
    table = pd.DataFrame({t("profile_order_date"): shown["order_date"].dt.date})
    if cached.has_field("order_id"):
        table[t("profile_order_id")] = shown["order_id"].fillna("—")
    if cached.has_field("product"):
        table[t("profile_product")] = shown["product"].fillna(t("profile_no_product"))
    if cached.has_field("quantity"):
        table[t("profile_quantity")] = _quantity_words(shown["quantity"])
    table[t("profile_amount")] = shown["amount"]
    if cached.has_field("account_manager"):
        table[t("profile_owner")] = shown["account_manager"].fillna(t("no_manager"))
    return table


def money_config(*headers: str) -> dict:
    return {h: st.column_config.NumberColumn(format="accounting") for h in headers}


def rule_line(rules: Rules, life: LifecycleRules) -> str:
    """The rules behind the cards: the session's (ui.rules), each group naming the page it is set on."""
    abc, churn = rules.abc, rules.churn
    return t(
        "profile_rule_metric",
        metric=t(f"metric_{abc.metric}") if lang() == "zh" else t(f"metric_{abc.metric}").lower(),
        abc_where=ui_rules.where_set("abc", rules),
        churn_where=ui_rules.where_set("churn", rules),
        a=f"{abc.a_below:.0%}",
        b=f"{abc.b_below:.0%}",
        lost=churn.lost_after_days,
        ho=f"{churn.high_overdue:g}",
        hd=f"{churn.high_decline:.0%}",
        mo=f"{churn.medium_overdue:g}",
        md=f"{churn.medium_decline:.0%}",
        new=life.new_within_days,
        period=life.period_days,
        up=f"{life.growing_ratio - 1:.0%}",
        down=f"{1 - life.declining_ratio:.0%}",
    )
