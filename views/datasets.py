"""数据集 / Datasets: every saved weekly snapshot; open, rename or delete one."""

import streamlit as st

from core import workspace
from core.errors import InputError
from ui import datasets, state
from ui.format import plain
from ui.session_user import current_user
from ui.text import lang, t

st.title(t("ds_title"))
st.caption(t("ds_intro"))
if st.session_state.get("ds_done"):
    st.success(st.session_state.pop("ds_done"))
try:
    found = workspace.list_datasets(state.workspace_path(), seen_by=current_user())
except InputError as error:  # say why, e.g. a workspace written by a newer version
    st.error(plain(error.message(lang())))
    st.stop()
if not found:
    st.info(t("ds_empty"))
else:
    scoped = any(d["rows_loaded"] is None for d in found)  # list_datasets leaves a scoped user's counts out
    st.dataframe(datasets.datasets_frame(found, state.dataset_id(), scoped=scoped), hide_index=True)
    datasets.manage(found)
# the server's filesystem path is for whoever runs the server: a viewer or editor never sees it (issue #11)
if current_user().may("manage_users"):
    st.caption(t("ds_where", path=state.workspace_path()))
