"""Navigation and the shared sidebar; every page lives in pages/."""

import streamlit as st

from ui import state, upload
from ui.text import LANGS, TEXT, lang, t

st.set_page_config(page_title="大客户看板 · Key-Account Dashboard", page_icon="📊", layout="wide")

# The language lives in the URL so a shared link opens in the same language.
if "lang" not in st.session_state:
    st.session_state.lang = st.query_params.get("lang", "zh") if st.query_params.get("lang") in LANGS else "zh"
st.sidebar.selectbox(t("language"), LANGS, key="lang", format_func=lambda c: {"zh": "中文", "en": "English"}[c])
st.query_params["lang"] = lang()

pages = [
    st.Page("pages/home.py", title=t("page_home"), icon="📊", default=True, url_path="overview"),
    st.Page("pages/upload.py", title=t("page_upload"), icon="📥", url_path="import"),
]
navigation = st.navigation(pages)
st.sidebar.title(t("app_title"))
state.connection()
if state.is_sample():
    st.sidebar.info(t("data_source_sample"))
else:
    st.sidebar.caption(t("data_source_file", file=state.reports()["orders"].file))
if "pipeline" in state.reports():
    p = state.reports()["pipeline"]
    st.sidebar.caption(t("pipeline_loaded", n=p.rows_loaded, file=p.file))
upload.sidebar_uploader()
navigation.run()
