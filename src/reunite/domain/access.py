"""Who may do what: roles, permissions, and the need-to-know rule for cases (pure).

Every web route declares one :class:`Permission`. A role grants a set of permissions; on top
of that, case data is need-to-know: a caseworker or read-only user sees a case only when it
is assigned to them, to someone of their team, or explicitly granted to them. Coordinators
and administrators see every case; analysts see no case at all, only aggregate figures.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from enum import StrEnum


class Role(StrEnum):
    ADMIN = "admin"
    COORDINATOR = "coordinator"
    CASEWORKER = "caseworker"
    ANALYST = "analyst"
    READ_ONLY = "read_only"


class Permission(StrEnum):
    PUBLIC = "public"                # login page, static files: no account needed
    SECOND_FACTOR = "second_factor"  # the one-time code step between password and session
    ACCOUNT = "account"              # any signed-in user: dashboard, own password, language
    CASE_READ = "case_read"          # case, person and timeline pages (need-to-know applies)
    CASE_WRITE = "case_write"        # intake and every form that records facts
    SEARCH = "search"                # search the registry by name
    REVIEW = "review"                # the match review queue and its decisions
    STATISTICS = "statistics"        # aggregate figures, never a name
    EXPORT = "export"                # documents made from a case: dossiers (audited, consented)
    GRANT = "grant"                  # give a user access to a case
    ADMIN = "admin"                  # accounts and the audit log


_ALL_CASES = frozenset({Role.ADMIN, Role.COORDINATOR})

ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.ADMIN: frozenset(Permission),
    Role.COORDINATOR: frozenset({
        Permission.ACCOUNT, Permission.CASE_READ, Permission.CASE_WRITE, Permission.SEARCH,
        Permission.REVIEW, Permission.STATISTICS, Permission.GRANT, Permission.EXPORT}),
    Role.CASEWORKER: frozenset({
        Permission.ACCOUNT, Permission.CASE_READ, Permission.CASE_WRITE, Permission.SEARCH,
        Permission.EXPORT}),
    Role.ANALYST: frozenset({Permission.ACCOUNT, Permission.STATISTICS}),
    Role.READ_ONLY: frozenset({Permission.ACCOUNT, Permission.CASE_READ}),
}
_ANYONE = frozenset({Permission.PUBLIC, Permission.SECOND_FACTOR})


@dataclass(frozen=True)
class Actor:
    """A signed-in user as the access rules see them."""

    user_id: str
    username: str
    role: Role
    team: str

    def may(self, permission: Permission) -> bool:
        return permission in _ANYONE or permission in ROLE_PERMISSIONS[self.role]

    @property
    def sees_all_cases(self) -> bool:
        return self.role in _ALL_CASES


def may_see_case(actor: Actor, *, assignee: str, assignee_team: str,
                 granted_to: Collection[str]) -> bool:
    """The need-to-know rule for one case."""
    if not actor.may(Permission.CASE_READ):
        return False
    if actor.sees_all_cases:
        return True
    if assignee == actor.username or actor.username in granted_to:
        return True
    return bool(actor.team) and assignee_team == actor.team


LOCAL_USER_ID = "local"


def local_actor(username: str) -> Actor:
    """Whoever works at the command line: they hold the passphrase, and so the data key, of
    the whole registry, so no rule of need-to-know can stand between them and its data; what
    they read is still audited under their name."""
    return Actor(LOCAL_USER_ID, username, Role.ADMIN, "")
