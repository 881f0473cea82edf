"""周会看板 / Weekly review: the KPI strip and ABC, funnel, churn and long tail on one screen at 1920×1080;
what changed, the call list and each view's rule below the fold (issue #11)."""

import streamlit as st

from ui import filters as ui_filters
from ui import outlook_view, presentation, weekly
from ui.changes import change_panel
from ui.text import t

present = presentation.requested()
st.html(presentation.page_css(present))  # style only: a tighter page frame, no room taken
title, switch, brief = st.columns([6, 2, 2], vertical_alignment="center")
title.title(t("weekly_title"))
with switch:
    presentation.toggle()
filters = st.session_state.get("filters")
data = weekly.load(filters)
if data is None:
    st.info(t("no_data"))
    st.stop()
with brief:
    weekly.brief_button(filters, data.rules)
st.caption(ui_filters.describe(filters) + " · " + weekly.describe_rules(data))
if data.tiers.empty:
    st.info(t("no_customers_in_filter"))
    st.stop()
weekly.kpi_strip(data)
top_warnings = weekly.four_views(data, present)
# below the fold: each view's rule, what changed since the last dataset, the call list
weekly.rule_lines(data)
change_panel(filters)  # what changed since the previous saved dataset (issue #6)
weekly.call_list(top_warnings)
outlook_view.expected_block(filters, data.rules)  # expected next 90 days per tier and manager (#14)
