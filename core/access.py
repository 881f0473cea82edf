"""Who is acting and what they may do: roles and scopes, checked in core so every page and the CLI obey one rule.

PRODUCT.md § roles and scopes: viewer < editor < admin, each role allowed everything of the roles below it.
A user may be scoped to regions and/or account managers; a scoped user's every query runs on those rows only
(the scope reaches SQL as bound lists inside filtered_orders, never as a widget that can be cleared).
"""

from __future__ import annotations

import getpass
from dataclasses import dataclass, field

from core.errors import InputError, Where

ROLES = ("viewer", "editor", "admin")

# action -> the least role allowed to do it. Names are the audit log's `action` words where one exists.
ACTIONS = {
    "view": "viewer",  # dashboards, profile, what changed
    "download": "viewer",  # exports and the brief, within the user's scope
    "explore": "viewer",  # an upload kept in the user's own session, never saved
    "upload": "editor",  # a confirmed upload saved as a dataset
    "import": "editor",
    "rename": "editor",  # label a dataset
    "merge": "editor",  # duplicate customers merged or kept
    "confirm_mapping": "editor",
    "delete": "admin",
    "manage_users": "admin",
    "read_audit": "admin",
}


@dataclass(frozen=True)
class Scope:
    """The rows a user may see: empty tuples on both sides mean every row (no scope).

    With regions and managers both set, a row must match both (a manager's customers within a region).
    """

    regions: tuple[str, ...] = ()
    managers: tuple[str, ...] = ()

    @property
    def unrestricted(self) -> bool:
        return not self.regions and not self.managers

    def params(self) -> dict[str, list[str] | None]:
        """Bind values for the scope lists of filtered_orders: None means no restriction on that column."""
        return {
            "scope_region": list(self.regions) if self.regions else None,
            "scope_account_manager": list(self.managers) if self.managers else None,
        }


EVERYTHING = Scope()


@dataclass(frozen=True)
class User:
    name: str
    role: str = "viewer"
    scope: Scope = field(default_factory=Scope)
    email: str | None = None

    def __post_init__(self) -> None:
        if self.role not in ROLES:
            raise ValueError(f"unknown role {self.role!r}; one of {ROLES}")

    def may(self, action: str) -> bool:
        return ROLES.index(self.role) >= ROLES.index(ACTIONS[action])


class AccessDenied(InputError):
    """The acting user's role does not allow the action; nothing was changed."""

    def __init__(self, user: User, action: str) -> None:
        need = ACTIONS[action]
        zh_roles = {"viewer": "查看者", "editor": "编辑者", "admin": "管理员"}
        super().__init__(
            Where(user.name),
            zh=f"没有权限：此操作需要{zh_roles[need]}角色（当前为{zh_roles[user.role]}），未做任何更改。",
            en=f"Not allowed: this needs the {need} role (you are {user.role}); nothing was changed.",
        )
        self.user, self.action = user, action


def require(user: User, action: str) -> None:
    """Raise AccessDenied unless `user` may do `action` (an unknown action is our bug: KeyError)."""
    if not user.may(action):
        raise AccessDenied(user, action)


def local_admin() -> User:
    """The CLI's actor: whoever can run it on the server can read the workspace files anyway (issue #12)."""
    try:
        name = getpass.getuser()
    except (KeyError, OSError):  # no passwd entry (a container's numeric uid)
        name = "local"
    return User(name=name, role="admin")


# A single user on a laptop with sign-in off acts as an unscoped admin of their own workspace.
LOCAL_USER = User(name="local", role="admin")
