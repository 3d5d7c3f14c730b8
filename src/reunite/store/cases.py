"""Storage of cases and who is in them."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import delete, insert, select, update

from reunite.domain.cases import Case, CaseRole, CaseStatus, Priority
from reunite.errors import NotFound
from reunite.store.registry import Tx
from reunite.store.tables import case_persons, cases

T = "cases"


def _values(tx: Tx, c: Case) -> dict[str, Any]:
    return {
        "status": c.status.value, "priority": c.priority.value,
        "organisation": c.organisation, "assignee": c.assignee, "opened_on": c.opened_on,
        "closed_on": c.closed_on,
        "summary_enc": tx.seal(T, c.id, "summary", c.summary),
        "close_reason_enc": tx.seal(T, c.id, "close_reason", c.close_reason),
    }


def _write_members(tx: Tx, c: Case) -> None:
    tx.conn.execute(delete(case_persons).where(case_persons.c.case_id == c.id))
    rows = [{"case_id": c.id, "person_id": pid, "role": role.value, "position": i}
            for role, ids in ((CaseRole.SEARCHER, c.searchers), (CaseRole.SOUGHT, c.sought),
                              (CaseRole.OTHER, c.others))
            for i, pid in enumerate(ids)]
    tx.conn.execute(insert(case_persons), rows)


def insert_case(tx: Tx, c: Case) -> None:
    tx.conn.execute(insert(cases).values(id=c.id, created_by=tx.actor, created_at=tx.now,
                                         **_values(tx, c)))
    _write_members(tx, c)
    tx.log("create", T, c.id, ["status", "priority", "organisation", "assignee", "summary",
                               "members"])


def update_case(tx: Tx, c: Case, changed: list[str]) -> None:
    tx.conn.execute(update(cases).where(cases.c.id == c.id).values(
        updated_by=tx.actor, updated_at=tx.now, **_values(tx, c)))
    _write_members(tx, c)
    tx.log("update", T, c.id, changed)


def get_cases(tx: Tx, ids: list[str] | None = None, status: CaseStatus | None = None,
              person_id: str | None = None) -> list[Case]:
    query = select(cases).order_by(cases.c.opened_on, cases.c.id)
    if ids is not None:
        query = query.where(cases.c.id.in_(ids))
    if status is not None:
        query = query.where(cases.c.status == status.value)
    if person_id is not None:
        query = query.where(cases.c.id.in_(
            select(case_persons.c.case_id).where(case_persons.c.person_id == person_id)))
    rows = list(tx.conn.execute(query))
    members: dict[tuple[str, str], list[str]] = defaultdict(list)
    for m in tx.conn.execute(select(case_persons)
                             .where(case_persons.c.case_id.in_([r.id for r in rows]))
                             .order_by(case_persons.c.position)):
        members[(m.case_id, m.role)].append(m.person_id)
    return [Case(
        id=r.id, status=CaseStatus(r.status), priority=Priority(r.priority),
        organisation=r.organisation, assignee=r.assignee, opened_on=r.opened_on,
        searchers=tuple(members[(r.id, "searcher")]), sought=tuple(members[(r.id, "sought")]),
        others=tuple(members[(r.id, "other")]),
        summary=tx.open(T, r.id, "summary", r.summary_enc), closed_on=r.closed_on,
        close_reason=tx.open(T, r.id, "close_reason", r.close_reason_enc)) for r in rows]


def assignees(tx: Tx, ids: list[str] | None = None) -> dict[str, str]:
    """Case id -> assignee, read without decrypting anything (for access checks)."""
    query = select(cases.c.id, cases.c.assignee)
    if ids is not None:
        query = query.where(cases.c.id.in_(ids))
    return {r.id: r.assignee for r in tx.conn.execute(query)}


def get_case(tx: Tx, case_id: str) -> Case:
    found = get_cases(tx, [case_id])
    if not found:
        raise NotFound(f"no case with id {case_id}")
    return found[0]


def require_case(tx: Tx, case_id: str) -> None:
    if tx.conn.scalar(select(cases.c.id).where(cases.c.id == case_id)) is None:
        raise NotFound(f"no case with id {case_id}")
