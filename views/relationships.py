"""客户关系: loyalty bands and Kotler's relationship levels, the customers behind them, the book's lifecycle."""

import streamlit as st

from core import outlook_tables
from core.labels import LIFECYCLE_LABELS, LOYALTY_LABELS, RELATIONSHIP_LABELS
from ui import filters as ui_filters
from ui import grid, outlook_view
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
# each summary table across the page (in a third of a laptop's width its columns scrolled sideways), the two
# share charts side by side under them
st.subheader(t("rel_loyalty_title"))
band_table = view.summary_table(bands, "loyalty_band", LOYALTY_LABELS, t_raw("rel_col_band"))
st.dataframe(band_table, hide_index=True, **grid.fit(band_table, grid.MAIN, view.summary_config()))
st.subheader(t("rel_levels_title"))
level_table = view.summary_table(
    levels, "relationship_level", RELATIONSHIP_LABELS, t_raw("rel_col_level"), contact=True
)
st.dataframe(
    level_table,
    hide_index=True,
    **grid.fit(level_table, grid.MAIN, view.summary_config(), wrap=[t_raw("rel_col_contact")]),
)
left, right = st.columns(2, gap="medium")
with left:
    st.plotly_chart(
        view.shares_figure(bands, "loyalty_band", LOYALTY_LABELS, t_raw("rel_col_band")), key="rel_bands_chart"
    )
with right:
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
    # the recommended contact follows from the level, and the levels' table above says it: not repeated per row
    customer_rows = view.customer_table(listed).drop(columns=[t_raw("rel_col_contact")], errors="ignore")
    customer_rows = grid.column_view(  # ten columns do not fit a laptop: loyalty, or relationship, at a time
        customer_rows,
        [t_raw("customer"), t_raw("tier"), t_raw("rel_window_revenue")],
        {
            "loyalty": [t_raw("rel_col_band"), t_raw("rel_col_p_repeat"), t_raw("rel_col_source"), t_raw("owner")],
            # only when the file has survey columns: the answers, the band from purchases and why it moved
            "survey": [
                t_raw("rel_col_band"),
                t_raw("rel_col_satisfaction"),
                t_raw("rel_col_referrals"),
                t_raw("rel_col_behavioural"),
                t_raw("rel_col_reason"),
            ],
            "relationship": [t_raw("rel_col_margin"), t_raw("rel_col_level"), t_raw("rel_col_stage"), t_raw("owner")],
        },
        key="rel_columns",
    )
    st.dataframe(
        customer_rows,
        hide_index=True,
        **grid.fit(
            customer_rows,
            grid.MAIN,
            view.customer_config(),
            wrap=[t_raw("customer"), t_raw("tier"), t_raw("rel_col_reason")],
            height=420,
        ),
    )

# the whole book's lifecycle here, not on a page of its own: the same customers and the same computed outlook
st.subheader(t("rel_lifecycle_title"))
st.caption(view.lifecycle_rule())
stages = outlook_tables.lifecycle_summary(customers)
stage_summary = view.summary_table(stages, "lifecycle_stage", LIFECYCLE_LABELS, t_raw("rel_col_stage"))
st.dataframe(stage_summary, hide_index=True, **grid.fit(stage_summary, grid.MAIN, view.summary_config()))
left, _ = st.columns(2, gap="medium")  # the table across the page (issue #11), its chart under it
with left:
    st.plotly_chart(
        view.shares_figure(stages, "lifecycle_stage", LIFECYCLE_LABELS, t_raw("rel_col_stage")), key="rel_stages_chart"
    )
stage = view.stage_picker()
behind = customers[customers["lifecycle_stage"] == stage].sort_values(
    ["net_revenue_cents", "customer"], ascending=[False, True]
)
st.markdown(f"**{t('rel_stage_list', stage=view.word(LIFECYCLE_LABELS, stage), n=len(behind))}**")
if not behind.empty:
    # the window's net revenue and the relationship level are in the customer list above: not repeated here
    stage_rows = view.stage_table(behind).drop(
        columns=[t_raw("rel_window_revenue"), t_raw("rel_col_level")], errors="ignore"
    )
    st.dataframe(
        stage_rows,
        hide_index=True,
        **grid.fit(stage_rows, grid.MAIN, view.stage_config(), wrap=[t_raw("customer")], height=360),
    )
