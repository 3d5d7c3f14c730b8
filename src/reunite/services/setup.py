"""Creating, unlocking and re-keying a registry."""

from __future__ import annotations

from sqlalchemy import Engine

from reunite.errors import NotInitialised
from reunite.store import keys, migrate
from reunite.store.registry import Registry
from reunite.store.reindex import rebuild


def init_registry(*, engine: Engine, passphrase: str, actor: str,
                  kdf: dict[str, int] | None = None) -> tuple[Registry, str]:
    """New schema and keys. Returns the registry and the recovery key, to be shown once."""
    return Registry.create(engine, passphrase, actor, kdf)


def open_registry(*, engine: Engine, passphrase: str, actor: str) -> Registry:
    """Unlock a registry; after an upgrade from before the current name index, rebuild it."""
    registry = Registry.open(engine, passphrase, actor)
    if registry.needs_reindex():
        with registry.transaction() as tx:
            rebuild(tx)
    return registry


def change_passphrase(*, engine: Engine, old: str, new: str) -> None:
    _require_schema(engine)
    with engine.begin() as conn:
        keys.change_passphrase(conn, old, new)


def recover_with_key(*, engine: Engine, recovery_key: str, new_passphrase: str) -> None:
    _require_schema(engine)
    with engine.begin() as conn:
        keys.recover(conn, recovery_key, new_passphrase)


def _require_schema(engine: Engine) -> None:
    if migrate.current_revision(engine) is None:
        raise NotInitialised("this database has no registry yet: run `reunite init` first")
