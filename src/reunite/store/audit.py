"""The audit log: append-only, hash-chained, with the details of each entry sealed.

Entry n's MAC is HMAC(key, entry n's fields || MAC of entry n-1), under a key derived from the
data key, so an entry cannot be edited, removed or moved without breaking the chain, and the
chain cannot be recomputed without the key. ``audit_head`` holds the last sequence number and
MAC, so that removing entries from the end is detected too. The database refuses UPDATE and
DELETE on the log (triggers, see migration 0004).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import insert, select, update

from reunite.store.registry import Tx
from reunite.store.tables import audit_head, audit_log

T = "audit_log"
GENESIS = b"\x00" * 32


@dataclass(frozen=True)
class AuditEntry:
    seq: int
    at: datetime
    actor: str
    action: str
    object_kind: str
    object_id: str
    outcome: str
    client: str
    detail: str


def _mac(tx: Tx, row: dict[str, Any], previous: bytes) -> bytes:
    fields = [str(row["seq"]), row["at"].isoformat(), row["actor"], row["action"],
              row["object_kind"], row["object_id"], row["outcome"], row["client"]]
    body = json.dumps(fields, ensure_ascii=False).encode() + bytes(row["detail_enc"])
    return tx.vault.mac("audit-chain", previous + body)


def append(tx: Tx, *, action: str, object_kind: str, object_id: str, outcome: str,
           client: str, detail: str) -> int:
    head = tx.conn.execute(select(audit_head).where(audit_head.c.id == 1)
                           .with_for_update()).first()
    seq = (head.seq if head else 0) + 1
    previous = bytes(head.mac) if head else GENESIS
    row: dict[str, Any] = {
        "seq": seq, "at": tx.now, "actor": tx.actor[:100], "action": action[:20],
        "object_kind": object_kind[:20], "object_id": object_id[:40], "outcome": outcome[:12],
        "client": client[:64], "detail_enc": tx.seal(T, str(seq), "detail", detail)}
    row["mac"] = _mac(tx, row, previous)
    tx.conn.execute(insert(audit_log).values(**row))
    if head is None:
        tx.conn.execute(insert(audit_head).values(id=1, seq=seq, mac=row["mac"]))
    else:
        tx.conn.execute(update(audit_head).where(audit_head.c.id == 1)
                        .values(seq=seq, mac=row["mac"]))
    return seq


@dataclass(frozen=True)
class Verification:
    entries: int
    problems: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


def verify(tx: Tx) -> Verification:
    """Walk the chain from the first entry; report every break."""
    problems: list[str] = []
    previous, expected, count = GENESIS, 1, 0
    for r in tx.conn.execute(select(audit_log).order_by(audit_log.c.seq)):
        row = dict(r._mapping)
        count += 1
        if row["seq"] != expected:
            problems.append(f"entries {expected}..{row['seq'] - 1} are missing")
        if _mac(tx, row, previous) != bytes(row["mac"]):
            problems.append(f"entry {row['seq']} does not match the chain: edited, reordered, "
                            "or an entry before it was removed")
        previous, expected = bytes(row["mac"]), row["seq"] + 1
    head = tx.conn.execute(select(audit_head)).first()
    last = expected - 1
    if head is None and count:
        problems.append("the chain's head record is missing")
    elif head is not None and (head.seq != last or bytes(head.mac) != previous):
        problems.append(f"the log ends at entry {last} but its head says {head.seq}: "
                        "entries were removed from the end")
    return Verification(count, tuple(problems))


def entries(tx: Tx, *, actor: str = "", action: str = "", object_id: str = "",
            since: datetime | None = None, until: datetime | None = None,
            limit: int = 200) -> list[AuditEntry]:
    query = select(audit_log).order_by(audit_log.c.seq.desc()).limit(limit)
    if actor:
        query = query.where(audit_log.c.actor == actor)
    if action:
        query = query.where(audit_log.c.action == action)
    if object_id:
        query = query.where(audit_log.c.object_id == object_id)
    if since is not None:
        query = query.where(audit_log.c.at >= since)
    if until is not None:
        query = query.where(audit_log.c.at < until)
    return [AuditEntry(r.seq, r.at, r.actor, r.action, r.object_kind, r.object_id, r.outcome,
                       r.client, tx.open(T, str(r.seq), "detail", r.detail_enc))
            for r in tx.conn.execute(query)]
