"""An open, unlocked registry and its transactions.

Every write happens inside :meth:`Registry.transaction`: either the whole command's changes
are committed or none are, so bad input half-way through leaves the database as it was.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import Connection, Engine, insert

from reunite.errors import NotInitialised
from reunite.store import keys, migrate
from reunite.store.crypto import Vault
from reunite.store.tables import change_log

INDEX_REVISION = "0005"  # the migration after which the name index is (re)built


@dataclass
class Tx:
    """One transaction: a connection, the vault, and who is acting when."""

    conn: Connection
    vault: Vault
    actor: str
    now: datetime
    today: date

    def seal(self, table: str, row_id: str, column: str, value: str) -> bytes:
        return self.vault.seal(table, row_id, column, value)

    def open(self, table: str, row_id: str, column: str, blob: bytes) -> str:
        return self.vault.open(table, row_id, column, blob)

    def log(self, action: str, table: str, row_id: str, fields: list[str]) -> None:
        """Record who changed which fields of which row (never the values)."""
        self.conn.execute(insert(change_log).values(
            at=self.now, actor=self.actor, action=action, table_name=table, row_id=row_id,
            fields=",".join(sorted(fields))))


def utc_now() -> datetime:
    return datetime.now(UTC)


class Registry:
    def __init__(self, engine: Engine, vault: Vault, actor: str,
                 clock: Callable[[], datetime] = utc_now) -> None:
        self.engine = engine
        self.vault = vault
        self.actor = actor
        self.clock = clock
        self.upgraded_from: str | None = None  # the revision an upgrade on opening started at

    @classmethod
    def open(cls, engine: Engine, passphrase: str, actor: str) -> Registry:
        """Unlock an initialised database, upgrading its schema if it is behind."""
        revision = migrate.current_revision(engine)
        if revision is None:
            raise NotInitialised("this database has no registry yet: run `reunite init` first")
        with engine.connect() as conn:
            vault = keys.unlock(conn, passphrase)
        registry = cls(engine, vault, actor)
        if revision != migrate.head_revision():
            migrate.upgrade(engine)
            registry.upgraded_from = revision
        return registry

    def needs_reindex(self) -> bool:
        """Whether the schema was upgraded from before the current name index; the index
        needs the key to be built, so the caller rebuilds it (store.reindex)."""
        return self.upgraded_from is not None and self.upgraded_from < INDEX_REVISION

    @classmethod
    def create(cls, engine: Engine, passphrase: str, actor: str,
               kdf: dict[str, int] | None = None) -> tuple[Registry, str]:
        """Create the schema and the keys; return the registry and the recovery key text."""
        migrate.upgrade(engine)
        with engine.begin() as conn:
            vault, recovery = keys.initialise(conn, passphrase, kdf)
        return cls(engine, vault, actor), recovery

    @contextmanager
    def transaction(self, actor: str | None = None) -> Iterator[Tx]:
        """One all-or-nothing transaction; ``actor`` overrides who is acting (web requests)."""
        now = self.clock()
        with self.engine.begin() as conn:
            yield Tx(conn, self.vault, actor or self.actor, now, now.date())
