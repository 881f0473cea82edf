"""ABC 分层: thresholds, Pareto, tier summary with service levels, migration, manager coverage, full table."""

import streamlit as st

from core.analytics import abc
from ui import abc_view, cached, grid, outlook_view
from ui import filters as ui_filters
from ui import rules as ui_rules
from ui.text import t, t_raw

st.title(t("abc_title"))
filters = st.session_state.get("filters")
if filters is None or filters.as_of is None:
    st.info(t("no_data"))
    st.stop()
rules = abc_view.controls()
st.caption(abc_view.rule_line(rules) + " · " + ui_filters.describe(filters))
tiers = cached.get("abc_tiers", filters, rules)
if tiers.empty:
    st.info(t("no_customers_in_filter"))
    st.stop()

migration = cached.get("tier_migration", filters, rules)
coverage = abc.manager_coverage(tiers)
left, right = st.columns(2, gap="medium")
with left:
    st.plotly_chart(abc_view.pareto_figure(tiers, rules), key="abc_pareto")
with right:
    abc_view.migration_panel(migration, filters.window_days)

# the tier summary across the page: in half a laptop's width its share columns scrolled sideways (issue #11)
st.subheader(t("tier_summary_title"))
summary = abc_view.summary_table(tiers)
st.dataframe(summary, hide_index=True, **grid.fit(summary, grid.MAIN, wrap=[t("service_level")]))
st.caption(t("service_rule"))

if not cached.has_field("account_manager"):  # no advice about a column the file does not have
    st.caption(t("coverage_needs_manager"))
else:
    left, _ = st.columns(2, gap="medium")
    with left:
        if coverage["has_manager"].any():
            st.plotly_chart(abc_view.coverage_figure(coverage), key="abc_coverage")
        unowned = int(coverage.loc[~coverage["has_manager"], "a_customers_count"].sum())
        if unowned:
            st.warning(t("a_without_manager", n=unowned))
        else:
            st.caption(t("a_all_covered"))

st.subheader(t("abc_table_title", n=len(tiers)))
book = outlook_view.outlook(filters, ui_rules.current())
config = {**abc_view.full_table_config(), **outlook_view.forecast_column_config(book.horizon_days)}
config = grid.forecast_labels(config, book.horizon_days)
table = abc_view.full_table(tiers, book)
days = book.horizon_days  # eleven columns do not fit a laptop: revenue and manager, or the forecast, one at a time
shown = grid.column_view(
    table,
    [t("rank"), t("customer"), t("tier"), t("net_revenue")],
    {
        "revenue": [t("metric_gross_profit"), t("metric_order_count"), t("cum_share"), t("owner")],
        "forecast": [t_raw("fc_col_p_alive"), t_raw("fc_col_orders", days=days), t_raw("fc_col_revenue", days=days)],
    },
    key="abc_columns",
)
st.dataframe(shown, hide_index=True, **grid.fit(shown, grid.MAIN, config, wrap=[t("customer")], height=460))
st.caption(outlook_view.table_note(book))
