"""The signed-in user of this browser session: the sign-in puts a core.access.User in st.session_state["user"]."""

import streamlit as st

from core import access


def current_user() -> access.User:
    """The session's user; with sign-in off, the local unscoped admin (access.LOCAL_USER)."""
    return st.session_state.get("user", access.LOCAL_USER)
