"""客户留存 / Cohorts: customers and revenue by first-purchase month, retained month by month (issue #14)."""

import streamlit as st

from ui import cohorts_view as view
from ui import downloads
from ui.text import t, t_raw

st.title(t("coh_title"))
st.caption(t("coh_intro"))
frame = view.retention_frame(st.session_state.get("filters"))
if frame.empty:
    st.info(t("coh_empty"))
    st.stop()
measure = st.radio(
    t("coh_measure"),
    view.MEASURES,
    format_func=lambda m: t_raw(f"coh_measure_{m}"),
    horizontal=True,
    key="coh_measure",
)
st.plotly_chart(view.heatmap(frame, measure), key="coh_heatmap")
st.subheader(t("coh_table"))
shown = view.table(frame, measure)
st.dataframe(shown, hide_index=True, key="coh_table")
downloads.export_buttons(view.long_frame(frame), "cohorts", key="dl_cohorts")
st.caption(t("coh_rule"))
