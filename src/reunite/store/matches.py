"""Storage of the match review queue: candidate duplicate pairs and the decisions on them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import insert, select, update

from reunite.errors import NotFound
from reunite.store.registry import Tx
from reunite.store.tables import match_candidates

T = "match_candidates"
STATUSES = ("potential", "confirmed", "rejected", "undecided")


@dataclass(frozen=True)
class Candidate:
    id: str
    person_a: str
    person_b: str
    probability: float
    evidence: str
    status: str
    decided_by: str
    decided_at: datetime | None
    decided_evidence: str
    reason: str


def _from_row(tx: Tx, r: object) -> Candidate:
    m = r._mapping  # type: ignore[attr-defined]
    return Candidate(m["id"], m["person_a"], m["person_b"], m["probability"], m["evidence"],
                     m["status"], m["decided_by"] or "", m["decided_at"],
                     m["decided_evidence"] or "", tx.open(T, m["id"], "reason", m["reason_enc"]))


def by_pair(tx: Tx) -> dict[tuple[str, str], Candidate]:
    return {(c.person_a, c.person_b): c
            for c in (_from_row(tx, r) for r in tx.conn.execute(select(match_candidates)))}


def insert_candidate(tx: Tx, cid: str, a: str, b: str, probability: float,
                     evidence: str) -> None:
    tx.conn.execute(insert(match_candidates).values(
        id=cid, person_a=a, person_b=b, probability=probability, evidence=evidence,
        status="potential", reason_enc=tx.seal(T, cid, "reason", ""), created_at=tx.now,
        updated_at=tx.now))
    tx.log("create", T, cid, ["pair", "probability", "status"])


def rescore(tx: Tx, cid: str, probability: float, evidence: str,
            status: str | None = None) -> None:
    values: dict[str, object] = {"probability": probability, "evidence": evidence,
                                 "updated_at": tx.now}
    if status is not None:
        values["status"] = status
    tx.conn.execute(update(match_candidates).where(match_candidates.c.id == cid)
                    .values(**values))
    tx.log("update", T, cid, sorted(k for k in values if k != "updated_at"))


def decide(tx: Tx, cid: str, status: str, reason: str) -> Candidate:
    current = get(tx, cid)
    tx.conn.execute(update(match_candidates).where(match_candidates.c.id == cid).values(
        status=status, decided_by=tx.actor, decided_at=tx.now,
        decided_evidence=current.evidence, reason_enc=tx.seal(T, cid, "reason", reason),
        updated_at=tx.now))
    tx.log("update", T, cid, ["status", "decided_by", "reason"])
    return get(tx, cid)


def get(tx: Tx, cid: str) -> Candidate:
    row = tx.conn.execute(select(match_candidates).where(match_candidates.c.id == cid)).first()
    if row is None:
        raise NotFound(f"no match candidate with id {cid}")
    return _from_row(tx, row)


def listing(tx: Tx, status: str | None = None) -> list[Candidate]:
    query = select(match_candidates).order_by(match_candidates.c.probability.desc(),
                                              match_candidates.c.id)
    if status is not None:
        query = query.where(match_candidates.c.status == status)
    return [_from_row(tx, r) for r in tx.conn.execute(query)]


def confirmed_with(tx: Tx, person_id: str) -> list[str]:
    rows = tx.conn.execute(select(match_candidates.c.person_a, match_candidates.c.person_b)
                           .where(match_candidates.c.status == "confirmed")
                           .where((match_candidates.c.person_a == person_id)
                                  | (match_candidates.c.person_b == person_id)))
    return sorted({b if a == person_id else a for a, b in rows})
