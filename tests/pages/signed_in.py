"""Open an AppTest session as a signed-in user, as the sign-in page leaves it (issue #12).

The account is created in the test's workspace (which turns sign-in on there) and the session holds the user
and how they signed in; app.py re-reads the account on every run, so the role and scope come from the
workspace, exactly as for a real user.
"""

import os

from streamlit.testing.v1 import AppTest

from core import access, users
from core.access import User

PASSWORD = "correct horse battery staple"


def sign_in(at: AppTest, user: User) -> AppTest:
    """Give `user` an account in the workspace (once) and mark the session signed in by password."""
    path = os.environ["KA_WORKSPACE"]
    if users.find_user(path, user.name) is None:
        users.add_user(
            path,
            user.name,
            user.role,
            PASSWORD,
            actor=access.local_admin(),
            regions=user.scope.regions,
            managers=user.scope.managers,
        )
    at.session_state["user"] = user
    at.session_state["user_via"] = "password"
    return at
