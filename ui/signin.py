"""The sign-in gate (issue #12): who the session is each run, the sign-in form, the sidebar's account line.

With sign-in on and nobody signed in, app.py shows only the form: no data is loaded and nothing but the
title and the language switch is drawn. The link the session was opened with (its page and its query) is
kept, so a link pasted in the team's chat lands, after signing in, on the page and filters it names.
"""

from __future__ import annotations

import streamlit as st
from streamlit.errors import StreamlitAuthError

from core import access, audit, signin, users
from ui import session_user, state
from ui.format import plain
from ui.text import lang, t

DEEP_LINK_KEY = "after_sign_in"  # the query the signed-out session was opened with
_KEEP_ON_RESET = ("lang", DEEP_LINK_KEY)


def signed_in_user() -> access.User | None:
    """This run's user, re-read from the workspace (a removed account or a changed role takes effect at once);
    None when sign-in is on and nobody is signed in."""
    if not session_user.sign_in_required():
        if session_user.via() in ("password", "oidc"):
            _reset_session()  # sign-in turned off (last account removed): start over as the local user
        session_user.set_user(access.LOCAL_USER, "local")
        return access.LOCAL_USER
    path = state.workspace_path()
    user, via = st.session_state.get(session_user.USER_KEY), session_user.via()
    fresh = None
    if via == "password":
        fresh = users.find_user(path, user.name)
    elif via == "oidc" and _oidc_logged_in():
        fresh = users.user_by_email(path, user.email)
    if fresh is None and user is not None:
        _reset_session()  # account removed, SSO session ended, or sign-in just turned on under a local session
    if fresh is None and session_user.oidc_configured() and _oidc_logged_in():
        fresh, via = _oidc_user(path), "oidc"
    if fresh is None:
        session_user.set_user(None, None)
        return None
    session_user.set_user(fresh, via)
    return fresh


def _oidc_logged_in() -> bool:
    return bool(st.user.get("is_logged_in", False))  # .get: AppTest's default user has no is_logged_in


def _oidc_user(path) -> access.User | None:
    """The workspace account of the SSO e-mail, audited once per session; None (and a message) when none."""
    email = st.user.get("email")
    if st.session_state.get("oidc_refused") == (email or ""):
        return None
    user = signin.oidc_sign_in(path, email)
    if user is None:
        st.session_state.oidc_refused = email or ""
        return None
    _reset_session()
    return user


def form() -> None:
    """The sign-in page: user name, password, 登录 / Sign in (and the SSO button when configured); nothing else."""
    st.session_state.setdefault(DEEP_LINK_KEY, {k: st.query_params.get_all(k) for k in st.query_params})
    st.title(t("signin_title"))
    st.caption(t("signin_intro"))
    if session_user.oidc_configured():
        _sso()
    if users.has_users(state.workspace_path()):
        _password_form()


def _sso() -> None:
    refused = st.session_state.get("oidc_refused")
    if refused is not None and _oidc_logged_in():
        st.error(t("signin_unknown_email", email=refused) if refused else t("signin_sso_no_email"))
        if st.button(t("sign_out"), key="sso_sign_out"):
            st.session_state.pop("oidc_refused", None)
            st.logout()
        return
    if st.button(t("signin_sso"), type="primary", key="sso_sign_in"):
        try:
            st.login()
        except StreamlitAuthError as error:  # no Authlib, an incomplete [auth]: say why, keep the page
            st.error(t("signin_sso_off", error=str(error)))
    if users.has_users(state.workspace_path()):
        st.caption(t("signin_or"))


def _password_form() -> None:
    # clear_on_submit: the typed password does not stay in the session's state after the try
    with st.form("sign_in", clear_on_submit=True):
        name = st.text_input(t("signin_name"), key="signin_name", autocomplete="username")
        password = st.text_input(
            t("signin_password"), type="password", key="signin_password", autocomplete="current-password"
        )
        submitted = st.form_submit_button(t("signin_button"), type="primary")
    if not submitted:
        return
    st.session_state.pop("signin_password", None)  # gone from the session's state now, whatever the outcome
    if not name.strip() or not password:
        st.error(t("signin_empty"))
        return
    try:
        user = signin.sign_in(state.workspace_path(), name, password)
    except signin.SignInRefused as refused:
        st.error(plain(refused.message(lang())))
        return
    _reset_session()
    session_user.set_user(user, "password")
    _return_to_link()


def _return_to_link() -> None:
    """Back to the page and query the session was opened with, in the language chosen meanwhile."""
    wanted = st.session_state.pop(DEEP_LINK_KEY, {}) or {}
    st.query_params.from_dict({**wanted, "lang": lang()})
    st.rerun()


def sidebar_account(user: access.User) -> None:
    """Who is signed in, and the sign-out button; nothing with sign-in off."""
    if session_user.via() not in ("password", "oidc"):
        return
    st.sidebar.caption(t("signed_in_as", name=user.name, role=t(f"role_{user.role}")))
    if not user.scope.unrestricted:  # say whose rows every figure is computed on
        sep = "、" if lang() == "zh" else ", "
        st.sidebar.caption(t("signed_in_scope", scope=sep.join((*user.scope.regions, *user.scope.managers))))
    if st.sidebar.button(t("sign_out"), key="sign_out", icon=":material/logout:"):
        audit.record(state.workspace_path(), user.name, "sign_out")
        was_oidc = session_user.via() == "oidc"
        _reset_session()
        session_user.set_user(None, None)
        if was_oidc:
            st.logout()
        st.rerun()


def _reset_session() -> None:
    """Forget the session's data, filters and widgets (another user may sign in next), keep the language."""
    for key in list(st.session_state.keys()):
        if key not in _KEEP_ON_RESET:
            del st.session_state[key]
