"""Navigation and the shared sidebar; every page lives in views/."""

from pathlib import Path

import streamlit as st

from core import access
from core.filters import DIMENSIONS
from ui import filters as ui_filters
from ui import presentation, signin, state, upload
from ui import rules as ui_rules
from ui.text import LANGS, lang, t

# Query params that mean the same on every page: a page link carries them along (the rules too: one set
# of thresholds for every page, the brief and a pasted link).
SHARED_PARAMS = ("lang", "period", "as_of", "start", *DIMENSIONS, *ui_rules.PARAMS)

st.set_page_config(page_title="大客户看板 · Key-Account Dashboard", page_icon=":material/dashboard:", layout="wide")

# The language lives in the URL so a shared link opens in the same language.
if "lang" not in st.session_state:
    st.session_state.lang = st.query_params.get("lang", "zh") if st.query_params.get("lang") in LANGS else "zh"
st.sidebar.title(t("app_title"))
nav_box = st.sidebar.container()  # filled below, once the filters have written the URL the links carry
st.sidebar.selectbox(t("language"), LANGS, key="lang", format_func=lambda c: {"zh": "中文", "en": "English"}[c])
st.query_params["lang"] = lang()
# Signed out with sign-in on: the pages are declared (a pasted /churn?… link keeps its page) but only the
# sign-in form is drawn, and no data is loaded.
user = signin.signed_in_user()

# (file, title key, icon): the meeting's order; a page not in this checkout yet is left out.
# Each page's URL is its file's stem (/abc, /churn …). The folder is views/, not pages/: Streamlit still
# treats a pages/ folder beside the main script as a legacy multipage app, so a shared deep link popped
# up "Page not found" and AppTest ran a page without app.py (no sidebar) after switch_page.
# Material icons, not emoji: machines without a colour emoji font draw emoji as empty boxes.
PAGES = [
    ("views/home.py", "page_weekly", ":material/dashboard:"),
    ("views/abc.py", "page_abc", ":material/stacked_bar_chart:"),
    ("views/rfm.py", "page_rfm", ":material/bubble_chart:"),
    ("views/relationships.py", "page_relationships", ":material/handshake:"),
    ("views/churn.py", "page_churn", ":material/warning:"),
    ("views/long_tail.py", "page_long_tail", ":material/ssid_chart:"),
    ("views/funnel.py", "page_funnel", ":material/filter_alt:"),
    ("views/profile.py", "page_profile", ":material/person_search:"),
    ("views/changes.py", "page_changes", ":material/compare_arrows:"),
    ("views/cohorts.py", "page_cohorts", ":material/grid_on:"),
    ("views/duplicates.py", "page_duplicates", ":material/join_inner:"),
    ("views/datasets.py", "page_datasets", ":material/folder_open:"),
    ("views/upload.py", "page_upload", ":material/upload_file:"),
]
# admin only; declared signed out too, so a pasted link to it survives the sign-in form
if user is None or user.may("read_audit"):
    PAGES.append(("views/audit.py", "page_audit", ":material/policy:"))
HERE = Path(__file__).resolve().parent
pages = [
    st.Page(file, title=t(key), icon=icon, default=file == "views/home.py")
    for file, key, icon in PAGES
    if (HERE / file).exists()
]
navigation = st.navigation(pages, position="hidden")
if user is None:
    signin.form()
    st.stop()
# 演示模式 (?present=1): the weekly review alone on the projector, sidebar and header hidden (issue #11)
presentation.apply(on_home=navigation.url_path == "")
signin.sidebar_account(user)
con = state.connection()
# One place draws the global filters; every page reads st.session_state["filters"].
st.session_state["filters"] = ui_filters.sidebar(con)
# One set of rules too: set on their pages (a widget's callback stores it before this run), read everywhere.
ui_rules.sync_url()
shared = {k: st.query_params.get_all(k) for k in st.query_params if k in SHARED_PARAMS}
for page in pages:
    nav_box.page_link(page, query_params=shared)
if state.is_sample():
    st.sidebar.info(t("data_source_sample"))
else:
    st.sidebar.caption(t("data_source_file", file=state.reports()["orders"].file))
if "pipeline" in state.reports():
    p = access.report_seen_by(con, state.reports()["pipeline"], user.scope)  # a scoped user counts their own
    st.sidebar.caption(t("pipeline_loaded", n=p.rows_loaded, file=p.file))
upload.sidebar_uploader()
navigation.run()
