"""长尾客户: count vs revenue share, Lorenz and Gini, tail revenue by dimension, growing tail, owners."""

import streamlit as st

from core.analytics import long_tail
from ui import abc_view, cached, grid, long_tail_view
from ui import filters as ui_filters
from ui import rules as ui_rules
from ui.format import field_label
from ui.text import lang, t

st.title(t("tail_title"))
filters = st.session_state.get("filters")
if filters is None or filters.as_of is None:
    st.info(t("no_data"))
    st.stop()
tail = long_tail_view.tail_control()
rules = ui_rules.current().abc  # the tail is ABC tiers: the cuts set on the ABC page
st.caption(
    t("tail_rule", tail=long_tail_view.tail_words(tail))
    + " · "
    + abc_view.rule_line(rules)
    + ui_rules.where_set("abc")
    + " · "
    + ui_filters.describe(filters)
)
tiers = cached.get("abc_tiers", filters, rules)
if tiers.empty:
    st.info(t("no_customers_in_filter"))
    st.stop()
shares = long_tail.tail_shares(tiers, tail).iloc[0]
points = cached.get("lorenz_points", filters)

left, right = st.columns([1, 2], gap="medium")
with left:
    st.plotly_chart(long_tail_view.shares_figure(shares), key="tail_shares")
with right:
    st.plotly_chart(
        long_tail_view.lorenz_figure(points, long_tail.gini(points), shares["customer_share"], shares["revenue_share"]),
        key="tail_lorenz",
    )
    st.caption(t("gini_rule"))

dimensions = [d for d in long_tail_view.TAIL_DIMENSIONS if not tiers.empty and cached.get("column_has_data", None, d)]
left, right = st.columns(2, gap="medium")
with left:
    if dimensions:
        dimension = st.selectbox(t("tail_dimension"), dimensions, format_func=field_label, key="tail_dimension")
        by = cached.get("tail_by_dimension", filters, dimension, rules, tail)
        st.plotly_chart(long_tail_view.by_dimension_figure(by, dimension), key="tail_by")
    else:
        st.info(t("tail_no_dimension"))
with right:
    st.subheader(t("growing_title"))
    growing = cached.get("fastest_growing_tail", filters, rules, tail)
    threshold = long_tail_view.growth_threshold(tail)
    if growing.empty:
        st.info(t("growing_none_min", **threshold))
    else:
        growing_shown = long_tail_view.growing_table(growing)
        st.dataframe(
            growing_shown, hide_index=True, **grid.fit(growing_shown, grid.HALF, wrap=[growing_shown.columns[0]])
        )
    st.caption(t("growing_rule", n=tail.top_n) + ("" if lang() == "zh" else " ") + t("growing_rule_min", **threshold))
    st.subheader(t("tail_managers_title"))
    if cached.has_field("account_manager"):
        per_manager = long_tail.tail_per_manager(tiers, tail)
        managers = long_tail_view.per_manager_table(per_manager)
        st.dataframe(managers, hide_index=True, **grid.fit(managers, grid.HALF, height=300))
    else:  # one "(no account manager)" row would say nothing
        st.caption(t("tail_managers_need_column"))
