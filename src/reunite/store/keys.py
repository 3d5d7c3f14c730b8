"""Key material kept in the database: creating, unlocking, re-wrapping."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from sqlalchemy import Connection, delete, insert, select

from reunite.errors import InvalidInput, LockedError, NotInitialised
from reunite.store import crypto
from reunite.store.crypto import KeySlot, Vault
from reunite.store.tables import keyslots


def _slot(conn: Connection, kind: str) -> KeySlot | None:
    row = conn.execute(select(keyslots).where(keyslots.c.kind == kind)).first()
    if row is None:
        return None
    return KeySlot(row.kind, bytes(row.salt), row.params, bytes(row.wrapped))


def _store(conn: Connection, slot: KeySlot) -> None:
    conn.execute(delete(keyslots).where(keyslots.c.kind == slot.kind))
    conn.execute(insert(keyslots).values(kind=slot.kind, salt=slot.salt, params=slot.params,
                                         wrapped=slot.wrapped, created_at=datetime.now(UTC)))


def is_initialised(conn: Connection) -> bool:
    return _slot(conn, "passphrase") is not None


def initialise(conn: Connection, passphrase: str,
               kdf: dict[str, int] | None = None) -> tuple[Vault, str]:
    """Create the data key; return the vault and the recovery key's printable text."""
    if is_initialised(conn):
        raise InvalidInput("this registry already has keys; use `reunite key change-passphrase`")
    secret = crypto.check_passphrase(passphrase)
    data_key = crypto.new_data_key()
    recovery_raw, recovery_text = crypto.new_recovery_key()
    _store(conn, crypto.wrap("passphrase", secret, data_key, kdf))
    _store(conn, crypto.wrap("recovery", recovery_raw, data_key))
    return Vault(data_key), recovery_text


def _require(conn: Connection, kind: str) -> KeySlot:
    slot = _slot(conn, kind)
    if slot is None:
        raise NotInitialised("this database has no keys yet: run `reunite init` first")
    return slot


def unlock(conn: Connection, passphrase: str) -> Vault:
    return Vault(_require(conn, "passphrase").unwrap(passphrase.encode("utf-8")))


def change_passphrase(conn: Connection, old: str, new: str) -> None:
    """Re-wrap the data key under a new passphrase; the data itself is not re-encrypted."""
    slot = _require(conn, "passphrase")
    data_key = slot.unwrap(old.encode("utf-8"))
    _store(conn, crypto.wrap("passphrase", crypto.check_passphrase(new), data_key,
                             _kdf_of(slot)))


def recover(conn: Connection, recovery_text: str, new_passphrase: str) -> None:
    """Set a new passphrase using the recovery key printed at `init`."""
    data_key = _require(conn, "recovery").unwrap(crypto.parse_recovery_key(recovery_text))
    passphrase_slot = _require(conn, "passphrase")
    _store(conn, crypto.wrap("passphrase", crypto.check_passphrase(new_passphrase), data_key,
                             _kdf_of(passphrase_slot)))


def _kdf_of(slot: KeySlot) -> dict[str, int]:
    params: dict[str, int] = json.loads(slot.params)
    if not params:
        raise LockedError("passphrase slot has no KDF parameters")
    return params
