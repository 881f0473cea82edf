"""客户去重 / Duplicate customers: candidate groups to merge into one customer or keep apart (issue #14)."""

import streamlit as st

from core.errors import InputError
from ui import duplicates_view as view
from ui.format import plain
from ui.text import lang, t

st.title(t("dup_title"))
st.caption(t("dup_intro"))
view.notices()
filters = st.session_state.get("filters")
try:
    groups = view.review_groups(filters)
except InputError as error:  # a merges file that cannot be read
    st.error(plain(error.message(lang())))
    st.stop()
decided = view.decisions()
view.counts(groups, decided)
may_merge = view.actor().may("merge")
if not may_merge:
    st.info(t("dup_viewer" if view.actor().scope.unrestricted else "dup_scoped"))
if not groups:
    st.success(t("dup_none"))
for number, group in enumerate(groups[: view.SHOWN_GROUPS], start=1):
    view.group_card(number, group, may_merge)
if len(groups) > view.SHOWN_GROUPS:
    st.caption(t("dup_more", shown=view.SHOWN_GROUPS, n=len(groups)))
view.history(decided)
st.caption(t("dup_rule"))
