import streamlit as st

from ui import charts, overview, state
from ui import filters as ui_filters
from ui.text import t

st.title(t("home_title"))
con = state.connection()
filters = ui_filters.sidebar(con)
summary = overview.summary(con, filters)
if summary is None:
    st.info(t("no_data"))
    st.stop()
overview.kpis(summary)
left, right = st.columns([3, 2])
with left:
    st.plotly_chart(charts.monthly_revenue(summary.monthly), key="monthly")
with right:
    st.markdown(f"**{t('top_customers')}**")
    st.dataframe(overview.top_customers_frame(summary.customers), hide_index=True, height=420)
st.caption(ui_filters.describe(summary.filters) + " · " + t("rule_window"))
