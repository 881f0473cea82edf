"""The workspace on screen: the saved datasets, opening, renaming and deleting one, the save notice."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core import workspace
from core.errors import InputError
from ui import state
from ui.format import plain
from ui.session_user import current_user
from ui.text import lang, t, t_raw


def save_notice() -> None:
    """Say where the last confirmed upload went: saved as dataset N, or why it was not saved."""
    notice = st.session_state.get("save_notice")
    if not notice:
        return
    if notice[0] == "error":
        st.warning(t("ds_not_saved", error=notice[1]))
        return
    if notice[0] == "private":  # a viewer's upload (issue #12)
        st.info(t("ds_private_upload"), icon=":material/lock:")
        return
    try:
        saved = workspace.get_dataset(state.workspace_path(), notice[1])
    except InputError:
        return  # deleted meanwhile
    st.success(t("ds_saved", id=saved["id"], label=saved["label"], as_of=saved["as_of"]))


def _pipeline_words(d: dict, scoped: bool = False) -> str:
    """Whether the dataset has a pipeline, in words: 有 · pipeline.xlsx（4 条）/ 无 (without the count for a
    scoped user). A table cell, not markdown: the file name as it is (t_raw)."""
    if not d["has_pipeline"]:
        return t_raw("ds_no_pipeline")
    if scoped:
        return d["pipeline_source"] or ""
    return t_raw("ds_has_pipeline", file=d["pipeline_source"], n=d["pipeline_rows_loaded"])


def datasets_frame(datasets: list[dict], current: int | None, *, scoped: bool = False) -> pd.DataFrame:
    """One row per dataset, newest first, with column names in the UI language. For a scoped user the row
    counts are left out: they count every region's lines, and the user may see only their own (issue #12)."""
    rows = [
        {
            t("ds_col_open"): "●" if d["id"] == current else "",
            t("ds_col_id"): d["id"],
            t("ds_col_label"): d["label"],
            t("ds_col_as_of"): d["as_of"],
            t("ds_col_source"): d["source"],
            **({} if scoped else {t("ds_col_rows"): d["rows_loaded"]}),
            t("ds_col_pipeline"): _pipeline_words(d, scoped),
            t("ds_col_uploaded"): d["uploaded_at"].replace("T", " ")[:16],
        }
        for d in reversed(datasets)
    ]
    return pd.DataFrame(rows)


def manage(datasets: list[dict]) -> None:
    """Pick a dataset, then open, rename or delete it."""
    by_id = {d["id"]: d for d in datasets}
    ids = [d["id"] for d in reversed(datasets)]
    current = state.dataset_id()
    chosen = st.selectbox(
        t("ds_pick"),
        ids,
        index=ids.index(current) if current in ids else 0,
        format_func=lambda i: f"#{i} · {by_id[i]['label']} · {t('ds_col_as_of')} {by_id[i]['as_of']}",
        key="ds_pick",
    )
    label = by_id[chosen]["label"]
    path, user = state.workspace_path(), current_user()
    # a role sees only the buttons it may use; core refuses the rest whatever the page shows
    open_col, rename_col, delete_col = st.columns(3)
    with open_col:
        if st.button(t("ds_open"), type="primary", disabled=chosen == current, key="ds_open"):
            _act(lambda: state.open_dataset(chosen), t("ds_opened", label=label))
    if user.may("rename"):
        with rename_col:
            new_label = st.text_input(t("ds_new_label"), value=label, key=f"ds_label_{chosen}")
            renamed = t("ds_renamed", label=new_label.strip())
            if st.button(t("ds_rename"), key="ds_rename", disabled=not new_label.strip() or new_label.strip() == label):
                _act(lambda: workspace.rename_dataset(path, chosen, new_label, actor=user), renamed)
    if user.may("delete"):
        with delete_col:
            sure = st.checkbox(t("ds_confirm_delete"), key=f"ds_sure_{chosen}")
            if st.button(t("ds_delete"), disabled=not sure, key="ds_delete"):
                _act(lambda: _delete(path, chosen, user), t("ds_deleted", label=label))


def _delete(path, dataset_id: int, user) -> None:
    workspace.delete_dataset(path, dataset_id, actor=user)
    state.forget_dataset(dataset_id)


def private_upload_notice() -> None:
    """On the import page, before a viewer loads anything: what happens to their file (issue #12)."""
    if not state.may_save_uploads():
        st.info(t("ds_private_upload_intro"), icon=":material/lock:")


def _act(action, done: str) -> None:
    try:
        action()
    except InputError as error:
        st.error(plain(error.message(lang())))
        return
    st.session_state.ds_done = done
    st.rerun()
