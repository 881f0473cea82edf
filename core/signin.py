"""Signing in with a workspace account: slowed after a failure, locked after repeated ones, every try audited.

The failures of one user name are lines in <workspace>/signin/<hash of the name>.log, appended with O_APPEND,
so every session and every replica sharing the workspace sees the same count and no writer rewrites another's.
After n failures within WINDOW_SECONDS the next try is accepted only DELAY_SECONDS(n) after the last one
(1, 2, 4, 8 s); MAX_FAILURES within the window lock the name until the oldest of them ages out. A refused or
locked try never checks the password. The audit log names the account, or "(unknown)" for a name that is
not one: a password typed into the name field must not land in the log.
"""

from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path

from core import audit, users
from core.access import User
from core.errors import InputError, Where
from core.workspace.root import default_path, open_root

MAX_FAILURES = 5
WINDOW_SECONDS = 15 * 60
UNKNOWN = "(unknown)"
FOLDER = "signin"


def delay_seconds(failures: int) -> int:
    """Seconds to wait after `failures` recent failures before the next try: 0, then 1, 2, 4, 8."""
    return 0 if failures <= 0 else 2 ** (failures - 1)


class SignInRefused(InputError):
    """Wrong name or password, or a try too soon after failures; wait_seconds says how long until the next."""

    def __init__(self, *, zh: str, en: str, wait_seconds: float = 0, locked: bool = False) -> None:
        super().__init__(Where(""), zh=zh, en=en)
        self.wait_seconds, self.locked = wait_seconds, locked

    def message(self, lang: str) -> str:  # no "where": the form is the place
        return self.zh if lang == "zh" else self.en


def sign_in(path: str | os.PathLike | None, name: str, password: str, *, now: float | None = None) -> User:
    """The account whose name and password these are, audited as sign_in; else SignInRefused, audited."""
    now = time.time() if now is None else now
    root = open_root(path, create=False) or default_path(path)
    name = str(name or "").strip()
    known = users.find_user(root, name) is not None
    who = name if known else UNKNOWN
    failures = _recent_failures(root, name, now)
    if len(failures) >= MAX_FAILURES:
        wait = failures[-MAX_FAILURES] + WINDOW_SECONDS - now
        audit.record(root, who, "sign_in_failed", {"reason": "locked", "name_known": known})
        raise _locked(wait)
    ready_at = failures[-1] + delay_seconds(len(failures)) if failures else now
    if now < ready_at:
        audit.record(root, who, "sign_in_failed", {"reason": "too_soon", "name_known": known})
        wait = ready_at - now
        raise SignInRefused(
            zh=f"尝试过于频繁，请 {_ceil(wait)} 秒后再试。",
            en=f"Too many tries; try again in {_ceil(wait)} s.",
            wait_seconds=wait,
        )
    user = users.password_matches(root, name, password)
    if user is None:
        _add_failure(root, name, now)
        audit.record(root, who, "sign_in_failed", {"reason": "wrong_password", "name_known": known})
        count = len(failures) + 1
        if count >= MAX_FAILURES:
            raise _locked(WINDOW_SECONDS)
        wait = delay_seconds(count)
        raise SignInRefused(
            zh=f"用户名或密码不正确。请 {wait} 秒后再试；再失败 {MAX_FAILURES - count} 次将锁定 15 分钟。",
            en=f"Wrong user name or password. Try again in {wait} s; "
            f"{MAX_FAILURES - count} more failures lock the name for 15 minutes.",
            wait_seconds=wait,
        )
    clear_failures(root, name)
    audit.record(root, user.name, "sign_in", {"via": "password"})
    return user


def _locked(wait: float) -> SignInRefused:
    minutes = max(1, _ceil(wait / 60))
    return SignInRefused(
        zh=f"失败次数过多，此用户名已锁定，请约 {minutes} 分钟后再试，或请管理员重置密码。",
        en=f"Too many failures: this name is locked; try again in about {minutes} min, or ask an admin "
        "to reset the password.",
        wait_seconds=wait,
        locked=True,
    )


def _ceil(x: float) -> int:
    return max(1, int(-(-x // 1)))


def _file(root: Path, name: str) -> Path:
    # a hash, not the name: any text typed into the name field makes a safe file name
    return root / FOLDER / (hashlib.sha256(name.casefold().encode("utf-8")).hexdigest()[:32] + ".log")


def _recent_failures(root: Path, name: str, now: float) -> list[float]:
    """Times of this name's failures within the window, oldest first."""
    try:
        lines = _file(root, name).read_text(encoding="ascii").split()
    except FileNotFoundError:
        return []
    times = []
    for line in lines:
        try:
            t = float(line)
        except ValueError:  # a line cut short by a crash
            continue
        if now - WINDOW_SECONDS < t <= now:
            times.append(t)
    return sorted(times)


def _add_failure(root: Path, name: str, now: float) -> None:
    file = _file(root, name)
    file.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(file, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        os.write(fd, f"{now:.3f}\n".encode("ascii"))
    finally:
        os.close(fd)


def clear_failures(path: str | os.PathLike | None, name: str) -> None:
    """Forget a name's failures (a successful sign-in, a password reset)."""
    root = open_root(path, create=False) or default_path(path)
    _file(root, str(name or "").strip()).unlink(missing_ok=True)


def oidc_sign_in(path: str | os.PathLike | None, email: str | None) -> User | None:
    """The workspace account with this single sign-on e-mail, audited as sign_in; None (audited) when none has it."""
    root = open_root(path, create=False) or default_path(path)
    user = users.user_by_email(root, email)
    if user is None:
        audit.record(root, UNKNOWN, "sign_in_failed", {"reason": "unknown_email", "via": "oidc", "email": email})
        return None
    audit.record(root, user.name, "sign_in", {"via": "oidc"})
    return user
