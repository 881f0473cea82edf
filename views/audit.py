"""审计日志 / Audit log (admins): who did what, when — newest first, filtered by user and action."""

import pandas as pd
import streamlit as st

from core import audit
from core.errors import InputError
from ui import state
from ui.format import plain
from ui.session_user import current_user
from ui.text import lang, t, t_raw


def detail_words(detail: dict) -> str:
    """An entry's detail as `key: value` pairs, lists joined, yes/no in words, empty and null values left out
    (no raw JSON)."""
    sep = "、" if lang() == "zh" else ", "
    words = []
    for key, value in detail.items():
        if value is None or value == [] or value == "":
            continue
        if isinstance(value, bool):
            shown = {True: ("是", "yes"), False: ("否", "no")}[value][lang() != "zh"]
        elif isinstance(value, list):
            shown = sep.join(str(v) for v in value)
        else:
            shown = str(value)
        words.append(f"{key}: {shown}")
    return " · ".join(words)


st.title(t("audit_title"))
st.caption(t("audit_intro"))
path, user = state.workspace_path(), current_user()
try:
    everything = audit.newest_first(path, actor=user)  # refused in core for anyone but an admin
except InputError as error:
    st.error(plain(error.message(lang())))
    st.stop()
if not everything:
    st.info(t("audit_empty"))
    st.stop()
ALL = "__all__"
left, right = st.columns(2)
who = left.selectbox(
    t("audit_user"),
    [ALL, *sorted({e["user"] for e in everything})],
    format_func=lambda u: t_raw("audit_all") if u == ALL else u,
    key="audit_user",
)
what = right.selectbox(
    t("audit_action"),
    [ALL, *audit.ACTIONS],
    format_func=lambda a: t_raw("audit_all") if a == ALL else t_raw(f"action_{a}"),
    key="audit_action",
)
shown = audit.newest_first(path, actor=user, user=None if who == ALL else who, action=None if what == ALL else what)
st.caption(t("audit_count", n=len(shown)))
frame = pd.DataFrame(
    {
        t_raw("audit_col_time"): [e["time"].replace("T", " ").rstrip("Z") for e in shown],
        t_raw("audit_col_user"): [e["user"] for e in shown],
        t_raw("audit_col_action"): [t_raw(f"action_{e['action']}") for e in shown],
        t_raw("audit_col_detail"): [detail_words(e["detail"]) for e in shown],
    }
)
st.dataframe(frame, hide_index=True)
