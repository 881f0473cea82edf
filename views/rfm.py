"""RFM 分群: segment map, customers and revenue per segment with advice, the customer table."""

import streamlit as st

from core.analytics import rfm
from ui import cached, grid, rfm_view
from ui import filters as ui_filters
from ui.format import code_label
from ui.text import t

st.title(t("rfm_title"))
filters = st.session_state.get("filters")
if filters is None or filters.as_of is None:
    st.info(t("no_data"))
    st.stop()
st.caption(t("rfm_rule") + " · " + ui_filters.describe(filters))
segments = cached.get("rfm_segments", filters)
if segments.empty:
    st.info(t("no_customers_in_filter"))
    st.stop()
summary = rfm.segment_summary(segments)

left, right = st.columns([3, 2], gap="medium")
with left:
    st.plotly_chart(rfm_view.segment_map(segments), key="rfm_map")
with right:
    st.plotly_chart(rfm_view.revenue_figure(summary), key="rfm_revenue")

st.subheader(t("rfm_summary_title"))
summary_shown = rfm_view.summary_table(summary)
st.dataframe(summary_shown, hide_index=True, **grid.fit(summary_shown, grid.MAIN, wrap=[t("advice")]))

st.subheader(t("rfm_table_title"))
chosen = st.multiselect(
    t("segment"),
    list(rfm.SEGMENTS),
    format_func=lambda c: code_label("segment", c),
    key="rfm_pick",
    placeholder=t("all"),
)
shown = segments[segments["segment"].isin(chosen)] if chosen else segments
listed = rfm_view.customer_table(shown)
st.dataframe(listed, hide_index=True, **grid.fit(listed, grid.MAIN, rfm_view.table_config(), height=420))
st.caption(t("rfm_score_note"))
