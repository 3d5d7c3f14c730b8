"""Web accounts: creation, passwords (Argon2id), second factor (TOTP), sign-in with throttling,
and sessions with idle expiry."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pyotp
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from reunite.domain.access import Actor, Role
from reunite.domain.ids import new_id
from reunite.errors import InvalidInput
from reunite.store import accounts as store
from reunite.store.accounts import User
from reunite.store.registry import Tx

LANGUAGES = ("en", "ug", "tr", "zh")
MIN_PASSWORD = 12
MAX_FAILURES = 5              # failed sign-ins before the account is locked for a while
LOCKOUT = timedelta(minutes=15)
_hasher = PasswordHasher()
# Verified against when the username is unknown, so that timing does not tell who has an account.
_DUMMY_HASH = _hasher.hash(secrets.token_hex(16))


def _check_password(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise InvalidInput(f"a password needs at least {MIN_PASSWORD} characters")
    if len(password) > 1000:
        raise InvalidInput("a password may have at most 1000 characters")
    return password


def _check_username(username: str) -> str:
    name = username.strip()
    if not name or len(name) > 100 or any(c.isspace() for c in name):
        raise InvalidInput("a username is 1-100 characters without spaces")
    return name


def add_user(tx: Tx, *, username: str, password: str, role: Role, team: str = "",
             language: str = "en", totp_required: bool = False) -> User:
    name = _check_username(username)
    if store.find_user(tx, name) is not None:
        raise InvalidInput(f"a user named {name!r} already exists")
    if language not in LANGUAGES:
        raise InvalidInput(f"unknown language {language!r}; choose one of: {', '.join(LANGUAGES)}")
    user = User(new_id("user"), name, _hasher.hash(_check_password(password)), role,
                team.strip()[:100], language, "", totp_required, None, False, 0, None, tx.now)
    store.insert_user(tx, user)
    return store.get_user(tx, user.id)


def list_users(tx: Tx) -> list[User]:
    return store.list_users(tx)


def disable_user(tx: Tx, *, username: str) -> User:
    user = store.require_user(tx, username)
    store.update_user(tx, user.id, disabled=True)
    store.delete_sessions_of(tx, user.id)
    return store.get_user(tx, user.id)


def reset_user(tx: Tx, *, username: str, password: str, clear_totp: bool = False,
               require_totp: bool | None = None) -> User:
    """New password set by an administrator; re-enables and unlocks the account."""
    user = store.require_user(tx, username)
    values: dict[str, Any] = {
        "password_hash": _hasher.hash(_check_password(password)), "disabled": False,
        "failed_logins": 0, "locked_until": None, "password_changed_at": tx.now}
    if clear_totp:
        values.update(totp_secret="", last_totp_step=None)
    if require_totp is not None:
        values["totp_required"] = require_totp
    store.update_user(tx, user.id, **values)
    store.delete_sessions_of(tx, user.id)
    return store.get_user(tx, user.id)


def change_password(tx: Tx, *, user_id: str, current: str, new: str) -> None:
    user = store.get_user(tx, user_id)
    if not _verify(user.password_hash, current):
        raise InvalidInput("the current password is wrong")
    store.update_user(tx, user.id, password_hash=_hasher.hash(_check_password(new)),
                      password_changed_at=tx.now)


def set_language(tx: Tx, *, user_id: str, language: str) -> None:
    if language not in LANGUAGES:
        raise InvalidInput(f"unknown language {language!r}")
    store.update_user(tx, user_id, language=language)


def _verify(hashed: str, password: str) -> bool:
    try:
        return _hasher.verify(hashed, password)
    except (VerificationError, InvalidHashError):
        return False


def _count_failure(tx: Tx, user: User) -> None:
    failures = user.failed_logins + 1
    locked = tx.now + LOCKOUT if failures >= MAX_FAILURES else None
    store.update_user(tx, user.id, log=False, failed_logins=0 if locked else failures,
                      locked_until=locked)


def check_password(tx: Tx, *, username: str, password: str) -> User | None:
    """First step of signing in: the user, or None. A failure is counted (commit the
    transaction either way) and locks the account for a while after too many."""
    user = store.find_user(tx, username.strip())
    if user is None:
        _verify(_DUMMY_HASH, password)
        return None
    if user.locked_until is not None and user.locked_until > tx.now:
        return None
    if user.disabled or not _verify(user.password_hash, password):
        _count_failure(tx, user)
        return None
    store.update_user(tx, user.id, log=False, failed_logins=0, locked_until=None)
    return user


def new_totp_secret() -> str:
    return pyotp.random_base32()


def totp_uri(*, secret: str, username: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=username, issuer_name="Reunite")


def _code_step(secret: str, code: str, tx: Tx) -> int | None:
    """The time step a code belongs to (one step of clock drift allowed), or None."""
    digits = code.strip().replace(" ", "")
    totp = pyotp.TOTP(secret)
    now = int(tx.now.timestamp())
    for drift in (0, -30, 30):
        if secrets.compare_digest(totp.at(now + drift), digits):
            return (now + drift) // 30
    return None


def check_code(tx: Tx, *, user_id: str, code: str) -> bool:
    """Second step of signing in. A code is accepted once (no replay); failures count
    towards the lock-out like wrong passwords."""
    user = store.get_user(tx, user_id)
    if user.locked_until is not None and user.locked_until > tx.now:
        return False
    step = _code_step(user.totp_secret, code, tx) if user.totp_secret else None
    if step is None or (user.last_totp_step is not None and step <= user.last_totp_step):
        _count_failure(tx, user)
        return False
    store.update_user(tx, user.id, log=False, last_totp_step=step, failed_logins=0)
    return True


def enrol_totp(tx: Tx, *, user_id: str, secret: str, code: str) -> None:
    """Turn on the second factor once the user shows a code from the new secret."""
    if len(secret) < 16:
        raise InvalidInput("the secret is malformed")
    step = _code_step(secret, code, tx)
    if step is None:
        raise InvalidInput("the code does not match: check the clock of your device")
    store.update_user(tx, user_id, totp_secret=secret, last_totp_step=step)


@dataclass(frozen=True)
class SessionInfo:
    user: User
    stage: str  # "password": waiting for the second factor; "full": signed in


def _token_hash(token: str) -> bytes:
    return hashlib.sha256(token.encode()).digest()


def start_session(tx: Tx, *, user: User) -> tuple[str, str]:
    """A new session token; the stage says whether a second factor is still needed."""
    token = secrets.token_urlsafe(32)
    stage = "password" if user.totp_secret else "full"
    store.insert_session(tx, _token_hash(token), user.id, stage)
    return token, stage


def promote_session(tx: Tx, *, token: str) -> None:
    store.touch_session(tx, _token_hash(token), stage="full")


def resume_session(tx: Tx, *, token: str, idle: timedelta,
                   lifetime: timedelta) -> SessionInfo | None:
    """The session behind a token, or None when unknown, idle too long or too old."""
    key = _token_hash(token)
    found = store.get_session(tx, key)
    if found is None:
        return None
    if tx.now - found.last_seen_at > idle or tx.now - found.created_at > lifetime:
        store.delete_session(tx, key)
        return None
    user = store.get_user(tx, found.user_id)
    if user.disabled:
        store.delete_session(tx, key)
        return None
    store.touch_session(tx, key)
    return SessionInfo(user, found.stage)


def end_session(tx: Tx, *, token: str) -> None:
    store.delete_session(tx, _token_hash(token))


def actor_of(user: User) -> Actor:
    return Actor(user.id, user.username, user.role, user.team)
