import streamlit as st

from core.analytics.window import latest_order_date
from ui import cached, churn_view, downloads, grid, outlook_view, state
from ui import filters as ui_filters
from ui import rules as ui_rules
from ui.global_filters import current
from ui.text import t, t_raw

st.title(t("churn_title"))
con = state.connection()
filters = current(con)
if latest_order_date(con) is None:
    st.info(t("no_data"))
    st.stop()
rules = churn_view.rules_editor()
st.caption(churn_view.rule_line(rules))
st.caption(ui_filters.describe(filters))
warnings = cached.get("churn_warnings", filters, rules)
if warnings.empty:
    st.info(t("churn_no_customers"))
    st.stop()

levels, owners = churn_view.list_filters(warnings)
scoped = churn_view.for_owners(warnings, owners)
by_level = churn_view.summary(scoped)
churn_view.summary_panel(by_level)
listed = scoped[scoped["level"].isin(levels)]
st.subheader(t("churn_list_title"))
if listed.empty:
    st.info(t("churn_list_empty"))
    st.stop()
st.caption(t("churn_list_count", n=f"{len(listed):,}", amount=f"{listed['revenue_at_risk'].sum():,.2f}"))
book = outlook_view.outlook(filters, ui_rules.current())
call_list = churn_view.call_list(listed, book)
config = {**churn_view.column_config(), **outlook_view.forecast_column_config(book.horizon_days)}
config = grid.forecast_labels(config, book.horizon_days)
# twelve columns do not fit a laptop: the call list, the figures behind the level and the forecast, one at a time
days = book.horizon_days
shown = grid.column_view(
    call_list,
    [t("customer"), t("churn_col_level"), t("churn_col_revenue_at_risk")],
    {
        "call": [t("churn_col_reason"), t("churn_col_owner"), t("churn_col_last_purchase")],
        "figures": [
            t("churn_col_last_purchase"),
            t("churn_col_cycle_days"),
            t("churn_col_overdue"),
            t("churn_col_decline"),
        ],
        "forecast": [t_raw("fc_col_p_alive"), t_raw("fc_col_orders", days=days), t_raw("fc_col_revenue", days=days)],
    },
    key="churn_columns",
)
wrap = [t("customer"), t("churn_col_reason")]
st.dataframe(shown, hide_index=True, **grid.fit(shown, grid.MAIN, config, wrap=wrap, height=460))
st.caption(outlook_view.table_note(book))
downloads.export_buttons(call_list, t("page_churn"), key="churn", number_formats=churn_view.excel_formats())
