"""Which record an organisation's external id stands for (see tables.external_ids)."""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import insert, select, update

from reunite.store.registry import Tx
from reunite.store.tables import external_ids

T = "external_ids"


@dataclass(frozen=True)
class Known:
    record_id: str
    digest: bytes  # of the row as last imported


def _key(tx: Tx, organisation: str, kind: str, external_id: str) -> bytes:
    return tx.vault.blind_index("external id", f"{organisation}\x00{kind}\x00{external_id}")


def row_digest(tx: Tx, values: dict[str, str]) -> bytes:
    """A keyed digest of a row's values (equal rows, equal digests; nothing else)."""
    return tx.vault.blind_index("import row", json.dumps(values, sort_keys=True,
                                                         ensure_ascii=False))


def lookup(tx: Tx, organisation: str, kind: str, ids: list[str]) -> dict[str, Known]:
    keys = {_key(tx, organisation, kind, i): i for i in ids}
    found: dict[str, Known] = {}
    wanted = list(keys)
    for start in range(0, len(wanted), 500):
        rows = tx.conn.execute(select(external_ids.c.key, external_ids.c.record_id,
                                      external_ids.c.digest)
                               .where(external_ids.c.key.in_(wanted[start:start + 500])))
        for r in rows:
            found[keys[bytes(r.key)]] = Known(r.record_id, bytes(r.digest))
    return found


def remember(tx: Tx, organisation: str, kind: str, external_id: str, record_id: str,
             digest: bytes, *, known: bool) -> None:
    key = _key(tx, organisation, kind, external_id)
    if known:
        tx.conn.execute(update(external_ids).where(external_ids.c.key == key).values(
            digest=digest, updated_by=tx.actor, updated_at=tx.now))
        return
    tx.conn.execute(insert(external_ids).values(
        key=key, kind=kind, record_id=record_id, organisation=organisation,
        external_enc=tx.seal(T, record_id, f"external_id:{kind}", external_id),
        digest=digest, created_by=tx.actor, created_at=tx.now))


def external_ids_of(tx: Tx, kind: str, record_ids: list[str]) -> dict[str, str]:
    """The external id each record was imported under (records made here are absent)."""
    found = {}
    for start in range(0, len(record_ids), 500):
        for r in tx.conn.execute(select(external_ids).where(
                external_ids.c.kind == kind,
                external_ids.c.record_id.in_(record_ids[start:start + 500]))):
            found[r.record_id] = tx.open(T, r.record_id, f"external_id:{kind}", r.external_enc)
    return found
