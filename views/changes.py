"""本周变化 / What changed: tier moves, warnings, revenue, funnel and the trend between saved snapshots."""

import streamlit as st

from core.errors import InputError
from ui import changes
from ui.format import plain
from ui.text import lang, t

st.title(t("chg_title"))
try:
    changes.full_page(st.session_state.get("filters"))
except InputError as error:  # e.g. a dataset deleted by another session meanwhile
    st.error(plain(error.message(lang())))
