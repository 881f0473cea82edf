"""周会看板 / Weekly review: the KPI strip and ABC, funnel, churn and long tail side by side."""

import streamlit as st

from ui import abc_view, outlook_view, weekly
from ui import filters as ui_filters
from ui import rules as ui_rules
from ui.changes import change_panel
from ui.text import t

st.title(t("weekly_title"))
filters = st.session_state.get("filters")
data = weekly.load(filters)
if data is None:
    st.info(t("no_data"))
    st.stop()
st.caption(ui_filters.describe(filters) + " · " + weekly.describe_rules(data))
if data.tiers.empty:
    st.info(t("no_customers_in_filter"))
    st.stop()
weekly.kpi_strip(data)
weekly.brief_button(filters, data.rules)
change_panel(filters)  # what changed since the previous saved dataset (issue #6)

top = st.columns(2, gap="medium")
with top[0]:
    st.plotly_chart(abc_view.pareto_figure(data.tiers, data.rules.abc), key="home_pareto")
    st.caption(abc_view.rule_line(data.rules.abc) + ui_rules.where_set("abc", data.rules))
with top[1]:
    st.plotly_chart(weekly.funnel_figure(data), key="home_funnel")
    st.caption(weekly.funnel_rule(data))
bottom = st.columns(2, gap="medium")
with bottom[0]:
    top_warnings = weekly.top_warnings(data.warnings)
    if top_warnings.empty:
        st.info(t("no_warnings"))
    else:
        st.plotly_chart(weekly.warnings_figure(top_warnings), key="home_warnings")
        st.dataframe(
            weekly.warnings_table(top_warnings),
            hide_index=True,
            height=248,
            column_config=weekly.warnings_table_config(),
        )
    st.caption(weekly.churn_rule(data))
with bottom[1]:
    st.plotly_chart(weekly.tail_figure(data), key="home_tail")
    st.caption(weekly.tail_rule(data))
outlook_view.expected_block(filters, data.rules)  # expected next 90 days per tier and manager (#14)
