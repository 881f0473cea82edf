import streamlit as st

from core.analytics.funnel import FUNNEL_BREAKDOWNS, funnel_by, pipeline_after_as_of, stage_order
from ui import cached, funnel_view, state
from ui import filters as ui_filters
from ui import rules as ui_rules
from ui.global_filters import current
from ui.text import t

st.title(t("fnl_title"))
con = state.connection()
filters = current(con)
has_pipeline = cached.get("has_pipeline", filters)
detected = stage_order(con, filters) if has_pipeline else []
if detected:
    order = funnel_view.stage_editor(detected)
    funnel = cached.get("pipeline_funnel", filters, order)
    st.caption(funnel_view.rule_line(funnel))
    if after := funnel_view.after_as_of_note(pipeline_after_as_of(con, filters), filters.as_of):
        st.info(after, icon=":material/event_busy:")
    rates = cached.get("win_rate", filters, order)
    amounts = funnel_view.amounts_meaningful(rates)  # not when only won deals carry a value (issue #11)
    funnel_view.win_rate_metrics(rates)
    by_count, by_amount = st.columns(2)
    by_count.plotly_chart(funnel_view.funnel_figure(funnel, weighted=False), key="funnel_count")
    if amounts:
        by_amount.plotly_chart(funnel_view.funnel_figure(funnel, weighted=True), key="funnel_amount")
    else:
        by_amount.info(funnel_view.amount_note(rates), icon=":material/info:")
    with st.expander(t("fnl_conversion_table"), expanded=True):
        st.dataframe(
            funnel_view.conversion_table(funnel, amounts),
            hide_index=True,
            column_config=funnel_view.conversion_config(),
        )
    st.subheader(t("fnl_by_group"))
    by_dimension = {dimension: funnel_by(con, filters, dimension, order) for dimension in FUNNEL_BREAKDOWNS}
    for column, dimension in zip(st.columns(len(FUNNEL_BREAKDOWNS)), FUNNEL_BREAKDOWNS):
        with column:
            funnel_view.group_panel(by_dimension[dimension], dimension, funnel)
    for dimension in FUNNEL_BREAKDOWNS:
        funnel_view.group_table(by_dimension[dimension], dimension)
    st.stop()

# Without opportunities the orders still tell how customers convert, so the view is never empty.
st.info(t("fnl_no_opportunities") if has_pipeline else t("fnl_no_pipeline"), icon=":material/info:")
st.page_link("views/upload.py", label=t("fnl_go_upload"), icon=":material/upload_file:")
repeat, abc_rules = funnel_view.repeat_control(), ui_rules.current().abc
customers = cached.get("customer_funnel", filters, repeat, abc_rules) if filters.as_of else None
if customers is None or customers.empty:
    st.info(t("fnl_no_customers"))
    st.stop()
st.caption(
    funnel_view.customer_rule_line(repeat, abc_rules) + ui_rules.where_set("abc") + " " + ui_filters.describe(filters)
)
chart, table = st.columns([3, 2])
chart.plotly_chart(funnel_view.customer_funnel_figure(customers, repeat.repeat_orders), key="funnel_customers")
table.dataframe(funnel_view.customer_funnel_table(customers, repeat.repeat_orders), hide_index=True, width="stretch")
