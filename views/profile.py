import streamlit as st

from core.rules import LifecycleRules
from ui import cached, grid, outlook_view, profile_view, state
from ui import filters as ui_filters
from ui import rules as ui_rules
from ui.format import plain
from ui.global_filters import current
from ui.text import t

st.title(t("profile_title"))
con = state.connection()
filters = current(con)
rules = ui_rules.current()  # the cuts set on ABC 分层 and the thresholds set on 流失预警: every page judges alike
warnings = cached.get("churn_warnings", filters, rules.churn) if filters.as_of else None
if warnings is None or warnings.empty:
    st.info(t("profile_no_customers"))
    st.stop()
# the largest customers (net revenue in the window) first, as the picker promises
by_size = warnings.sort_values(["window_revenue", "customer"], ascending=[False, True])
customer = profile_view.pick_customer(by_size[["customer", "customer_name"]])
if customer is None:
    st.info(t("profile_pick_first"))
    st.stop()

warning = profile_view.row_of(warnings, customer)
tier = profile_view.row_of(cached.get("abc_tiers", filters, rules.abc), customer)
stage = profile_view.row_of(cached.get("lifecycle_stages", filters, churn_rules=rules.churn), customer)
name = profile_view.customer_word(customer, warning["customer_name"])
st.subheader(plain(name))
st.caption(profile_view.facts_line(warning, stage))
profile_view.cards(tier, profile_view.row_of(cached.get("rfm_segments", filters, rules.rfm), customer), warning, stage)
st.caption(profile_view.rule_line(rules, LifecycleRules()) + " " + ui_filters.describe(filters))
outlook_view.profile_panel(customer, filters, rules)

monthly = cached.get("customer_monthly", filters, customer)
st.plotly_chart(
    profile_view.history_figure(monthly, name, None if tier is None else tier["tier"]), key="profile_history"
)
st.markdown(f"**{t('profile_products')}**")
st.dataframe(
    profile_view.products_table(cached.get("customer_products", filters, customer)),
    hide_index=True,
    column_config=profile_view.money_config(t("net_revenue"), t("profile_window_revenue")),
)
lines = cached.get("customer_orders", filters, customer)
st.markdown(f"**{t('profile_orders', shown=min(len(lines), 200), total=len(lines))}**")
order_rows = profile_view.orders_table(lines)
st.dataframe(
    order_rows,
    hide_index=True,
    height=min(420, grid.rows_px(len(order_rows))),  # a customer with three lines: no empty rows under them
    column_config=profile_view.money_config(t("profile_amount")),
)
