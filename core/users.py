"""Accounts kept in the workspace (issue #12): users.json with a role, a scope, an e-mail and an argon2 hash each.

The first user added turns sign-in on for the workspace. users.json is replaced atomically (root.write_json),
so a reader sees the old list or the new one; only the hash of a password is ever stored, never the password,
and no function here returns a hash (list_users and find_user give names, roles and scopes).
Every change takes the acting user, checks its role (manage_users: admin) and writes an audit entry.
"""

from __future__ import annotations

import contextlib
import os
import threading
import unicodedata

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from core import audit
from core.access import ROLES, Scope, User, require
from core.workspace.root import WorkspaceError, default_path, open_root, read_json, write_json

FILE_NAME = "users.json"
MIN_PASSWORD_LENGTH = 8
MAX_NAME_LENGTH = 64
# argon2id at OWASP's recommended setting (Password Storage Cheat Sheet: 19 MiB, 2 passes, 1 lane), salted per
# hash: a stolen users.json still costs an attacker 19 MiB and two passes per guess. argon2-cffi's default
# (RFC 9106's low-memory profile: 64 MiB, 3 passes, 4 lanes) took 0.17 CPU-s and 64 MiB per check: twenty
# sessions signing in at once held 1.3 GB for the checks alone on a 2-core server (bench/load.py, issue #12);
# this one takes ~0.02 CPU-s and 19 MiB. A hash made with other settings (the old default) still verifies and
# is replaced by one of these on its next match, so every account's check costs the same (a wrong name, checked
# against _DUMMY_HASH, takes as long as a wrong password).
TIME_COST, MEMORY_COST_KIB, PARALLELISM = 2, 19 * 1024, 1
_HASHER = PasswordHasher(time_cost=TIME_COST, memory_cost=MEMORY_COST_KIB, parallelism=PARALLELISM)
# At most one check per core at a time: twenty sign-ins at once queue for a few hundredths of a second each
# instead of twenty checks sharing two cores and holding twenty blocks of memory (argon2's C code runs
# without the GIL, so the other sessions' scripts go on meanwhile).
_CHECKS = threading.BoundedSemaphore(max(1, os.cpu_count() or 1))
# verified against when the name is unknown, so a wrong name takes as long as a wrong password
_DUMMY_HASH = _HASHER.hash("no such user: the time of a real check")


def _hash(password: str) -> str:
    with _CHECKS:
        return _HASHER.hash(password)


def _verify(password_hash: str, password: str) -> None:
    """argon2's verify (VerifyMismatchError on a wrong password), one per core at a time."""
    with _CHECKS:
        _HASHER.verify(password_hash, password)


# ---- reading --------------------------------------------------------------------------------------


def _records(path) -> dict[str, dict]:
    root = open_root(path, create=False)
    if root is None or not (root / FILE_NAME).exists():
        return {}
    return dict(read_json(root / FILE_NAME).get("users", {}))


def has_users(path: str | os.PathLike | None) -> bool:
    """True once the workspace has an account: sign-in is then required for every session.

    A workspace path that is no folder (none yet, or a file) has no accounts; a users.json that cannot be
    read raises, so the gate fails closed instead of opening the app to everyone.
    """
    if not default_path(path).is_dir():
        return False
    root = open_root(path, create=False)
    return root is not None and (root / FILE_NAME).exists() and bool(_records(root))


def _user(name: str, record: dict) -> User:
    scope = Scope(regions=tuple(record.get("regions", ())), managers=tuple(record.get("managers", ())))
    return User(name=name, role=record["role"], scope=scope, email=record.get("email"))


def find_user(path: str | os.PathLike | None, name: str) -> User | None:
    """The account called `name` (as typed, trimmed), else None."""
    record = _records(path).get(_clean_name(name, check=False))
    return _user(_clean_name(name, check=False), record) if record else None


def user_by_email(path: str | os.PathLike | None, email: str | None) -> User | None:
    """The account with this e-mail (case-insensitive), else None: how a single sign-on user gets a role."""
    wanted = _clean_email(email)
    if not wanted:
        return None
    for name, record in _records(path).items():
        if record.get("email") == wanted:
            return _user(name, record)
    return None


def list_users(path: str | os.PathLike | None) -> list[dict]:
    """One dict per account, by name: name, role, regions, managers, email (never the hash)."""
    return [
        {
            "name": name,
            "role": r["role"],
            "regions": list(r.get("regions", ())),
            "managers": list(r.get("managers", ())),
            "email": r.get("email"),
        }
        for name, r in sorted(_records(path).items())
    ]


def password_matches(path: str | os.PathLike | None, name: str, password: str) -> User | None:
    """The account when `password` is its password, else None; an unknown name costs one hash check too.

    A hash made with other parameters than today's is replaced by a new one on a match.
    """
    key = _clean_name(name, check=False)
    records = _records(path)
    record = records.get(key)
    try:
        _verify((record or {}).get("password_hash") or _DUMMY_HASH, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return None
    if record is None or not record.get("password_hash"):
        return None
    if _HASHER.check_needs_rehash(record["password_hash"]):
        _rehash(path, key, record["password_hash"], _hash(password))
    return _user(key, record)


def _rehash(path, name: str, old_hash: str, new_hash: str) -> None:
    """Store a new hash of the same password, unless the account changed since it was read.

    users.json is read again here, not reused from before the checks: twenty sessions signing in at once
    each rehash their own account, and an admin may have removed the account or reset its password
    meanwhile; writing the list read before the (slow) checks would undo those changes.
    """
    records = _records(path)
    if records.get(name, {}).get("password_hash") == old_hash:
        records[name] = {**records[name], "password_hash": new_hash}
        _write(path, records)


# ---- changing -------------------------------------------------------------------------------------


def add_user(
    path: str | os.PathLike | None,
    name: str,
    role: str,
    password: str | None,
    *,
    actor: User,
    regions: tuple[str, ...] | list[str] = (),
    managers: tuple[str, ...] | list[str] = (),
    email: str | None = None,
) -> User:
    """Create an account (refused when the name or e-mail is taken); the first one turns sign-in on.

    password None: a single sign-on account, reached only through its e-mail (it needs one).
    """
    require(actor, "manage_users")
    root = open_root(path, create=True)
    name = _clean_name(name)
    if role not in ROLES:
        raise WorkspaceError(
            root,
            zh=f"未知角色「{role}」：可选 viewer、editor、admin。",
            en=f"Unknown role '{role}': viewer, editor or admin.",
        )
    email = _clean_email(email)
    if password is None and not email:
        raise WorkspaceError(
            root,
            zh="没有密码的用户只能通过单点登录进入，需要 --email。",
            en="A user without a password signs in only by single sign-on and needs an --email.",
        )
    if password is not None:
        _check_password(root, password)
    records = _records(root)
    if name in records:
        raise WorkspaceError(root, zh=f"用户「{name}」已存在。", en=f"The user '{name}' already exists.")
    if email and any(r.get("email") == email for r in records.values()):
        raise WorkspaceError(
            root, zh=f"邮箱 {email} 已属于另一个用户。", en=f"The e-mail {email} belongs to another user."
        )
    record = {
        "role": role,
        "regions": _clean_list(regions),
        "managers": _clean_list(managers),
        "email": email,
        "password_hash": _hash(password) if password is not None else None,
    }
    _write(root, {**records, name: record})
    detail = {k: record[k] for k in ("role", "regions", "managers", "email")}
    audit.record(root, actor.name, "user_add", {"name": name, **detail})
    return _user(name, record)


def remove_user(path: str | os.PathLike | None, name: str, *, actor: User) -> None:
    """Delete an account; removing the last one turns sign-in off again."""
    require(actor, "manage_users")
    root = open_root(path, create=False) or default_path(path)
    records = _records(path)
    name = _clean_name(name, check=False)
    if name not in records:
        raise _no_user(root, name)
    del records[name]
    _write(root, records)
    audit.record(root, actor.name, "user_remove", {"name": name})


def reset_password(path: str | os.PathLike | None, name: str, password: str, *, actor: User) -> None:
    """Give an account a new password; it also lifts a lockout of that name."""
    require(actor, "manage_users")
    root = open_root(path, create=False) or default_path(path)
    records = _records(path)
    name = _clean_name(name, check=False)
    if name not in records:
        raise _no_user(root, name)
    _check_password(root, password)
    records[name] = {**records[name], "password_hash": _hash(password)}
    _write(root, records)
    from core import signin  # signin imports this module

    signin.clear_failures(root, name)
    audit.record(root, actor.name, "password_reset", {"name": name})


def _write(path, records: dict[str, dict]) -> None:
    root = open_root(path, create=True)
    write_json(root / FILE_NAME, {"users": records})
    with contextlib.suppress(OSError):  # a filesystem without modes (SMB) still works
        os.chmod(root / FILE_NAME, 0o600)  # hashes are slow to attack, better still unread


# ---- checks ---------------------------------------------------------------------------------------


def _clean_name(name: str, *, check: bool = True) -> str:
    name = unicodedata.normalize("NFC", str(name or "")).strip()
    if check and (not name or len(name) > MAX_NAME_LENGTH or any(unicodedata.category(c)[0] == "C" for c in name)):
        raise WorkspaceError(
            name or "?",
            zh=f"用户名须为 1–{MAX_NAME_LENGTH} 个可见字符。",
            en=f"A user name is 1 to {MAX_NAME_LENGTH} visible characters.",
        )
    return name


def _clean_email(email: str | None) -> str | None:
    email = str(email or "").strip().casefold()
    return email or None


def _clean_list(values) -> list[str]:
    return [v for v in dict.fromkeys(str(v).strip() for v in values) if v]


def _check_password(root, password: str) -> None:
    if not isinstance(password, str) or len(password) < MIN_PASSWORD_LENGTH:
        raise WorkspaceError(
            root,
            zh=f"密码至少需要 {MIN_PASSWORD_LENGTH} 个字符。",
            en=f"A password needs at least {MIN_PASSWORD_LENGTH} characters.",
        )


def _no_user(root, name: str) -> WorkspaceError:
    return WorkspaceError(root, zh=f"没有名为「{name}」的用户。", en=f"No user named '{name}'.")
