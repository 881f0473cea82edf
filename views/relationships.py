"""客户关系: loyalty bands and Kotler's relationship levels, the customers behind them, the book's lifecycle."""

import streamlit as st

from core import outlook_tables
from core.labels import LIFECYCLE_LABELS, LOYALTY_LABELS, RELATIONSHIP_LABELS
from ui import filters as ui_filters
from ui import outlook_view
from ui import relationships_view as view
from ui import rules as ui_rules
from ui.text import t, t_raw

st.title(t("rel_title"))
filters = st.session_state.get("filters")
if filters is None or filters.as_of is None:
    st.info(t("no_data"))
    st.stop()
st.caption(view.rule_lines() + " · " + ui_filters.describe(filters))
if view.survey_line():
    st.caption(view.survey_line())
book = outlook_view.outlook(filters, ui_rules.current())
customers = book.customers
if customers.empty:
    st.info(t("no_customers_in_filter"))
    st.stop()

bands, levels = outlook_tables.loyalty_summary(customers), outlook_tables.relationship_summary(customers)
left, right = st.columns([2, 3], gap="medium")
with left:
    st.subheader(t("rel_loyalty_title"))
    st.dataframe(
        view.summary_table(bands, "loyalty_band", LOYALTY_LABELS, t_raw("rel_col_band")),
        hide_index=True,
        column_config=view.summary_config(),
    )
    st.plotly_chart(
        view.shares_figure(bands, "loyalty_band", LOYALTY_LABELS, t_raw("rel_col_band")), key="rel_bands_chart"
    )
with right:
    st.subheader(t("rel_levels_title"))
    st.dataframe(
        view.summary_table(levels, "relationship_level", RELATIONSHIP_LABELS, t_raw("rel_col_level"), contact=True),
        hide_index=True,
        column_config=view.summary_config(),
    )
    st.plotly_chart(
        view.shares_figure(levels, "relationship_level", RELATIONSHIP_LABELS, t_raw("rel_col_level")),
        key="rel_levels_chart",
    )

a, b = st.columns(2)
with a:
    picked_bands = view.url_multiselect("bands", view.band_word)
with b:
    picked_levels = view.url_multiselect("levels", lambda c: view.word(RELATIONSHIP_LABELS, c))
listed = customers[
    customers["loyalty_band"].isin(picked_bands or customers["loyalty_band"])
    & customers["relationship_level"].isin(picked_levels or customers["relationship_level"])
].sort_values(["net_revenue_cents", "customer"], ascending=[False, True])
st.subheader(t("rel_list_title", n=len(listed)))
if listed.empty:
    st.info(t("rel_list_empty"))
else:
    st.dataframe(view.customer_table(listed), hide_index=True, height=420, column_config=view.customer_config())

# the whole book's lifecycle here, not on a page of its own: the same customers and the same computed outlook
st.subheader(t("rel_lifecycle_title"))
st.caption(view.lifecycle_rule())
stages = outlook_tables.lifecycle_summary(customers)
left, right = st.columns([2, 3], gap="medium")
with left:
    st.dataframe(
        view.summary_table(stages, "lifecycle_stage", LIFECYCLE_LABELS, t_raw("rel_col_stage")),
        hide_index=True,
        column_config=view.summary_config(),
    )
with right:
    st.plotly_chart(
        view.shares_figure(stages, "lifecycle_stage", LIFECYCLE_LABELS, t_raw("rel_col_stage")), key="rel_stages_chart"
    )
stage = view.stage_picker()
behind = customers[customers["lifecycle_stage"] == stage].sort_values(
    ["net_revenue_cents", "customer"], ascending=[False, True]
)
st.markdown(f"**{t('rel_stage_list', stage=view.word(LIFECYCLE_LABELS, stage), n=len(behind))}**")
if not behind.empty:
    st.dataframe(view.stage_table(behind), hide_index=True, height=360, column_config=view.stage_config())
