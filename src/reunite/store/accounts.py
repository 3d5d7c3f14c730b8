"""Storage of web accounts, their sessions, and explicit grants of access to cases."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, insert, select, update

from reunite.domain.access import Role
from reunite.errors import NotFound
from reunite.store.registry import Tx
from reunite.store.tables import case_grants, sessions, users

T = "users"


@dataclass(frozen=True)
class User:
    id: str
    username: str
    password_hash: str
    role: Role
    team: str
    language: str
    totp_secret: str  # empty until the user enrols a second factor
    totp_required: bool
    last_totp_step: int | None
    disabled: bool
    failed_logins: int
    locked_until: datetime | None
    created_at: datetime


def _user(tx: Tx, r: Any) -> User:
    secret = tx.open(T, r.id, "totp_secret", r.totp_secret_enc) if r.totp_secret_enc else ""
    return User(r.id, r.username, r.password_hash, Role(r.role), r.team, r.language, secret,
                r.totp_required, r.last_totp_step, r.disabled, r.failed_logins, r.locked_until,
                r.created_at)


def insert_user(tx: Tx, user: User) -> None:
    tx.conn.execute(insert(users).values(
        id=user.id, username=user.username, password_hash=user.password_hash,
        role=user.role.value, team=user.team, language=user.language, totp_secret_enc=None,
        totp_required=user.totp_required, last_totp_step=None, disabled=user.disabled,
        failed_logins=0, locked_until=None, created_by=tx.actor, created_at=tx.now,
        password_changed_at=tx.now))
    tx.log("create", T, user.id, ["username", "role", "team", "language", "totp_required"])


def find_user(tx: Tx, username: str) -> User | None:
    row = tx.conn.execute(select(users).where(users.c.username == username)).first()
    return _user(tx, row) if row else None


def get_user(tx: Tx, user_id: str) -> User:
    row = tx.conn.execute(select(users).where(users.c.id == user_id)).first()
    if row is None:
        raise NotFound(f"no user with id {user_id}")
    return _user(tx, row)


def require_user(tx: Tx, username: str) -> User:
    found = find_user(tx, username)
    if found is None:
        raise NotFound(f"no user named {username!r}")
    return found


def list_users(tx: Tx) -> list[User]:
    return [_user(tx, r) for r in tx.conn.execute(select(users).order_by(users.c.username))]


def teams_of(tx: Tx, usernames: list[str]) -> dict[str, str]:
    rows = tx.conn.execute(select(users.c.username, users.c.team)
                           .where(users.c.username.in_(usernames)))
    return {r.username: r.team for r in rows}


def update_user(tx: Tx, user_id: str, *, log: bool = True, **values: Any) -> None:
    """Update columns of a user; ``totp_secret`` is sealed, ``log`` records the change."""
    if "totp_secret" in values:
        secret = values.pop("totp_secret")
        values["totp_secret_enc"] = tx.seal(T, user_id, "totp_secret", secret) if secret else None
    tx.conn.execute(update(users).where(users.c.id == user_id).values(**values))
    if log:
        tx.log("update", T, user_id, [k.removesuffix("_enc") for k in values])


def insert_session(tx: Tx, token_hash: bytes, user_id: str, stage: str) -> None:
    tx.conn.execute(insert(sessions).values(token_hash=token_hash, user_id=user_id, stage=stage,
                                            created_at=tx.now, last_seen_at=tx.now))


@dataclass(frozen=True)
class Session:
    user_id: str
    stage: str
    created_at: datetime
    last_seen_at: datetime


def get_session(tx: Tx, token_hash: bytes) -> Session | None:
    row = tx.conn.execute(select(sessions).where(sessions.c.token_hash == token_hash)).first()
    return Session(row.user_id, row.stage, row.created_at, row.last_seen_at) if row else None


def touch_session(tx: Tx, token_hash: bytes, **values: Any) -> None:
    tx.conn.execute(update(sessions).where(sessions.c.token_hash == token_hash)
                    .values(last_seen_at=tx.now, **values))


def delete_session(tx: Tx, token_hash: bytes) -> None:
    tx.conn.execute(delete(sessions).where(sessions.c.token_hash == token_hash))


def delete_sessions_of(tx: Tx, user_id: str) -> None:
    tx.conn.execute(delete(sessions).where(sessions.c.user_id == user_id))


def insert_grant(tx: Tx, case_id: str, user_id: str) -> None:
    tx.conn.execute(insert(case_grants).values(case_id=case_id, user_id=user_id,
                                               granted_by=tx.actor, granted_at=tx.now))
    tx.log("create", "case_grants", case_id, ["user_id"])


def grants_of_case(tx: Tx, case_ids: list[str]) -> dict[str, set[str]]:
    """Case id -> usernames it is explicitly granted to."""
    rows = tx.conn.execute(select(case_grants.c.case_id, users.c.username)
                           .join(users, users.c.id == case_grants.c.user_id)
                           .where(case_grants.c.case_id.in_(case_ids)))
    out: dict[str, set[str]] = {}
    for r in rows:
        out.setdefault(r.case_id, set()).add(r.username)
    return out
