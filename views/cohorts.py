"""客户留存 / Cohorts: customers and revenue by first-purchase month, retained month by month (issue #14)."""

import streamlit as st

from ui import cohorts_view as view
from ui import downloads, grid
from ui.text import t, t_raw

MONTHS_SHOWN = 8

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
shown = view.table(frame, measure)
# a month per column does not fit a laptop past the first year: eight months at a time, picked above the table
months = [c for c in shown.columns if c not in (t_raw("coh_col_cohort"), t_raw("coh_col_size"))]
spans = {f"{i}": months[i : i + MONTHS_SHOWN] for i in range(0, len(months), MONTHS_SHOWN)}
# past two years the heatmap labels the months the table shows (the picker's value from the click, before it draws)
picked = st.session_state.get("coh_months")
first = int(picked) if picked in spans else 0
st.plotly_chart(view.heatmap(frame, measure, range(first, first + len(spans[str(first)]))), key="coh_heatmap")
if len(months) > view.LABEL_ALL:
    st.caption(t("coh_labels_span"))
st.subheader(t("coh_table"))
labels = {  # a last span of one month is named as its column is ("Month 24"), not "Months 24–24"
    k: t_raw("grid_view_months", a=int(k), b=int(k) + len(v) - 1) if len(v) > 1 else v[0] for k, v in spans.items()
}
shown = grid.column_view(shown, [t_raw("coh_col_cohort"), t_raw("coh_col_size")], spans, "coh_months", labels)
st.dataframe(shown, hide_index=True, key="coh_table", **grid.fit(shown, grid.MAIN))
downloads.export_buttons(view.long_frame(frame), "cohorts", key="dl_cohorts")
st.caption(t("coh_rule"))
