"""Signing in (issue #12): a growing wait after each failure, a lockout after five in 15 minutes, all audited."""

import pytest

from core import audit, signin, users
from core.access import User

ADMIN = User("zhao", "admin")
PASSWORD = "correct horse battery"
WRONG = "hunter2-guess"
T0 = 1_800_000_000.0  # a fixed clock: the tests pass `now`, never sleep


@pytest.fixture
def ws(tmp_path):
    users.add_user(tmp_path, "wang", "editor", PASSWORD, actor=ADMIN, regions=["华东"])
    return tmp_path


def fail(ws, now: float, name: str = "wang") -> signin.SignInRefused:
    with pytest.raises(signin.SignInRefused) as caught:
        signin.sign_in(ws, name, WRONG, now=now)
    return caught.value


def test_the_right_password_signs_in_with_the_role_and_scope(ws):
    user = signin.sign_in(ws, "wang", PASSWORD, now=T0)
    assert (user.name, user.role, user.scope.regions) == ("wang", "editor", ("华东",))
    assert [(e["user"], e["action"]) for e in audit.entries(ws)][-1] == ("wang", "sign_in")


@pytest.mark.parametrize(("failures", "wait"), [(0, 0), (1, 1), (2, 2), (3, 4), (4, 8)])
def test_the_wait_doubles_with_each_failure(failures, wait):
    assert signin.delay_seconds(failures) == wait


def test_a_try_before_the_wait_is_over_is_refused_even_with_the_right_password(ws):
    fail(ws, T0)
    with pytest.raises(signin.SignInRefused) as caught:
        signin.sign_in(ws, "wang", PASSWORD, now=T0 + 0.5)  # one failure: wait 1 s
    assert 0.4 < caught.value.wait_seconds <= 0.5 and not caught.value.locked
    assert signin.sign_in(ws, "wang", PASSWORD, now=T0 + 1).name == "wang"


def test_the_second_failure_asks_for_two_seconds(ws):
    fail(ws, T0)
    assert fail(ws, T0 + 1).wait_seconds == 2
    with pytest.raises(signin.SignInRefused):
        signin.sign_in(ws, "wang", PASSWORD, now=T0 + 2.9)
    assert signin.sign_in(ws, "wang", PASSWORD, now=T0 + 3).name == "wang"


def test_five_failures_in_fifteen_minutes_lock_the_name_whatever_the_password(ws):
    now = T0
    for n in range(4):
        fail(ws, now)
        now += signin.delay_seconds(n + 1)  # 1 + 2 + 4 + 8: the fifth try at T0 + 15
    assert fail(ws, now).locked
    with pytest.raises(signin.SignInRefused) as caught:
        signin.sign_in(ws, "wang", PASSWORD, now=now + 60)
    assert caught.value.locked
    # the first failure (T0) ages out at T0 + 900: four left in the window, the wait after them is 8 s from T0 + 15
    assert signin.sign_in(ws, "wang", PASSWORD, now=T0 + 900.5).name == "wang"


def test_a_success_forgets_the_failures(ws):
    fail(ws, T0)
    signin.sign_in(ws, "wang", PASSWORD, now=T0 + 1)
    assert fail(ws, T0 + 1.1).wait_seconds == 1  # counted from zero again


def test_the_lockout_is_shared_through_the_workspace_by_every_session(ws):
    now = T0
    for n in range(5):
        with pytest.raises(signin.SignInRefused):
            signin.sign_in(str(ws), "wang", WRONG, now=now)  # each call reads the state afresh
        now += signin.delay_seconds(n + 1)
    assert (ws / signin.FOLDER).is_dir()
    assert fail(ws, now).locked


def test_a_password_reset_lifts_the_lockout(ws):
    now = T0
    for n in range(5):
        fail(ws, now)
        now += signin.delay_seconds(n + 1)
    users.reset_password(ws, "wang", "a brand new password", actor=ADMIN)
    assert signin.sign_in(ws, "wang", "a brand new password", now=now).name == "wang"


def test_an_unknown_name_fails_like_a_wrong_password_and_is_logged_as_unknown(ws):
    refused = fail(ws, T0, name="my secret password typed in the wrong box")
    assert "Wrong user name or password" in refused.message("en")
    entry = audit.entries(ws)[-1]
    assert (entry["user"], entry["action"], entry["detail"]["name_known"]) == (signin.UNKNOWN, "sign_in_failed", False)
    assert "my secret password" not in (ws / audit.FILE_NAME).read_text(encoding="utf-8")


def test_every_refused_try_is_audited_with_its_reason(ws):
    fail(ws, T0)
    with pytest.raises(signin.SignInRefused):
        signin.sign_in(ws, "wang", PASSWORD, now=T0 + 0.1)
    reasons = [e["detail"]["reason"] for e in audit.entries(ws) if e["action"] == "sign_in_failed"]
    assert reasons == ["wrong_password", "too_soon"]


def test_the_refusal_never_contains_the_password(ws):
    refused = fail(ws, T0)
    assert WRONG not in refused.message("en") + refused.message("zh")
