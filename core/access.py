"""Who is acting and what they may do: roles and scopes, checked in core so every page and the CLI obey one rule.

PRODUCT.md § roles and scopes: viewer < editor < admin, each role allowed everything of the roles below it.
A user may be scoped to regions and/or account managers; a scoped user's every query runs on those rows only
(the scope reaches SQL as bound lists inside filtered_orders, never as a widget that can be cleared).
"""

from __future__ import annotations

import getpass
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from core.errors import InputError, Where

if TYPE_CHECKING:
    import duckdb

    from core.ingest import IngestReport

ROLES = ("viewer", "editor", "admin")

# action -> the least role allowed to do it. Names are the audit log's `action` words where one exists.
ACTIONS = {
    "view": "viewer",  # dashboards, profile, what changed
    "download": "viewer",  # exports and the brief, within the user's scope
    "explore": "viewer",  # an upload kept in the user's own session, never saved
    "upload": "editor",  # a confirmed upload saved as a dataset
    "import": "editor",
    "rename": "editor",  # label a dataset
    "merge": "editor",  # duplicate customers merged or kept apart: an unscoped editor only (UNSCOPED_ONLY)
    "confirm_mapping": "editor",
    "delete": "admin",
    "manage_users": "admin",
    "read_audit": "admin",
}

# Actions whose effect reaches past any scope, so only an unscoped user may do them. A merge rewrites a
# customer's name in every region's rows, today's and every saved week's, and its candidates are judged on
# names and phone numbers of the whole book: a manager who sees one region cannot see what they would merge.
UNSCOPED_ONLY = frozenset({"merge"})


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
        if action in UNSCOPED_ONLY and not self.scope.unrestricted:
            return False
        return ROLES.index(self.role) >= ROLES.index(ACTIONS[action])


class AccessDenied(InputError):
    """The acting user's role does not allow the action; nothing was changed."""

    def __init__(self, user: User, action: str) -> None:
        need = ACTIONS[action]
        zh_roles = {"viewer": "查看者", "editor": "编辑者", "admin": "管理员"}
        if ROLES.index(user.role) >= ROLES.index(need):  # the role would do: the scope is what refuses
            zh = "没有权限：此操作影响所有区域的数据，只有不限查看范围的用户可以执行，未做任何更改。"
            en = "Not allowed: this changes every region's data, so only a user without a scope may do it; nothing was changed."
        else:
            zh = f"没有权限：此操作需要{zh_roles[need]}角色（当前为{zh_roles[user.role]}），未做任何更改。"
            en = f"Not allowed: this needs the {need} role (you are {user.role}); nothing was changed."
        super().__init__(Where(user.name), zh=zh, en=en)
        self.user, self.action = user, action


def require(user: User, action: str) -> None:
    """Raise AccessDenied unless `user` may do `action` (an unknown action is our bug: KeyError)."""
    if not user.may(action):
        raise AccessDenied(user, action)


# The lines of a table a scope keeps, through the same macros every analysis reads (the pipeline's account
# manager is its owner). Only the scope's two lists are bound; the dimension filters stay empty.
_ROWS_IN_SCOPE = {
    "orders": "select count(*) from filtered_orders({empty}, $scope_region, $scope_account_manager)",
    "pipeline": "select count(*) from filtered_pipeline([], [], [], $scope_region, $scope_account_manager)",
}


def rows_in_scope(con: duckdb.DuckDBPyConnection, table: str, scope: Scope) -> int:
    """How many lines of `table` (orders or pipeline) the scope keeps."""
    from core.filters import DIMENSIONS  # core.filters imports this module

    sql = _ROWS_IN_SCOPE[table].format(empty=", ".join("[]" for _ in DIMENSIONS))
    return con.cursor().execute(sql, scope.params()).fetchone()[0]


def report_seen_by(con: duckdb.DuckDBPyConnection, report: IngestReport, scope: Scope) -> IngestReport:
    """A load's report as a user with `scope` may see it. Unscoped: the report itself. Scoped: its lines
    counted within the scope (read = loaded = the lines kept), and nothing of the whole file's rejected rows
    and cells, duplicates, notes and merges: they are raw lines and names of every region (issue #12)."""
    if scope.unrestricted:
        return report
    kept = rows_in_scope(con, report.table, scope)
    return replace(
        report,
        rows_read=kept,
        rows_loaded=kept,
        rejected_rows=[],
        rejected_cells=[],
        duplicate_pairs=[],
        notes=[],
        merged_customers=[],
    )


def local_admin() -> User:
    """The CLI's actor: whoever can run it on the server can read the workspace files anyway (issue #12)."""
    try:
        name = getpass.getuser()
    except (KeyError, OSError):  # no passwd entry (a container's numeric uid)
        name = "local"
    return User(name=name, role="admin")


# A single user on a laptop with sign-in off acts as an unscoped admin of their own workspace.
LOCAL_USER = User(name="local", role="admin")
