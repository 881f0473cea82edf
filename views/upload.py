import streamlit as st

from ui import datasets, state, upload
from ui.session_user import current_user
from ui.text import t

st.title(t("upload_title"))
st.caption(t("upload_intro"))
datasets.private_upload_notice()
upload.page_uploader()  # the page's own, at its top: the sidebar's is below the fold on a laptop (issue #11)
if st.session_state.get("upload_error"):
    st.error(st.session_state.upload_error)
    st.caption(t("load_failed"))
upload.mapping_screen()
report = st.session_state.get("last_report")
if report is not None:
    datasets.save_notice()
    upload.validation_report(report)
    st.page_link("views/home.py", label=t("go_home"), icon=":material/dashboard:")
elif not st.session_state.get("pending") and current_user().scope.unrestricted:
    # the loaded file's rejected rows are raw lines of every region: not for a user scoped to some (issue #12)
    for loaded in state.reports().values():
        upload.validation_report(loaded)
