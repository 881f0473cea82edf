"""Who this browser session acts as: the one place pages, the scope and the sign-in gate read it from.

st.session_state["user"] holds the signed-in core.access.User; with sign-in off it is access.LOCAL_USER
(a single user on a laptop acts as the admin of their own workspace). Sign-in is on for a workspace as soon
as it has an account (core.users) or single sign-on is configured ([auth] in .streamlit/secrets.toml).
"""

from __future__ import annotations

import streamlit as st

from core import access, users
from ui import state

USER_KEY = "user"
VIA_KEY = "user_via"  # "local" (sign-in off), "password" or "oidc": how the session's user was established


def oidc_configured() -> bool:
    """True when .streamlit/secrets.toml has an [auth] section: st.login (OIDC) is the team's sign-in."""
    try:
        return bool(st.secrets.get("auth"))
    except FileNotFoundError:  # no secrets.toml at all
        return False


def sign_in_required() -> bool:
    return oidc_configured() or users.has_users(state.workspace_path())


def current_user() -> access.User:
    """The session's user; LOCAL_USER with sign-in off. With sign-in on and nobody signed in the run stops
    here, so a page that forgot the gate still shows nothing."""
    user = st.session_state.get(USER_KEY)
    if user is not None:
        return user
    if not sign_in_required():
        return access.LOCAL_USER
    st.stop()


def set_user(user: access.User | None, via: str | None) -> None:
    if user is None:
        st.session_state.pop(USER_KEY, None)
        st.session_state.pop(VIA_KEY, None)
        return
    st.session_state[USER_KEY] = user
    st.session_state[VIA_KEY] = via


def via() -> str | None:
    return st.session_state.get(VIA_KEY)
