"""Storage of events and institutions."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import delete, insert, select, update

from reunite.domain.dates import FuzzyDate
from reunite.domain.events import Event, EventKind, Institution, InstitutionKind
from reunite.errors import NotFound
from reunite.store.citations import cite, cited
from reunite.store.registry import Tx
from reunite.store.tables import event_participants, events, institution_names, institutions


def _values(tx: Tx, e: Event) -> dict[str, object]:
    return {"case_id": e.case_id, "kind": e.kind.value, "when_text": e.when.text,
            "when_min": e.when.earliest, "when_max": e.when.latest,
            "place_enc": tx.seal("events", e.id, "place", e.place),
            "institution_id": e.institution_id,
            "description_enc": tx.seal("events", e.id, "description", e.description)}


def _write_participants(tx: Tx, e: Event) -> None:
    tx.conn.execute(delete(event_participants).where(event_participants.c.event_id == e.id))
    if e.participants:
        tx.conn.execute(insert(event_participants),
                        [{"event_id": e.id, "person_id": p} for p in sorted(set(e.participants))])


def insert_event(tx: Tx, e: Event) -> None:
    tx.conn.execute(insert(events).values(id=e.id, created_by=tx.actor, created_at=tx.now,
                                          **_values(tx, e)))
    _write_participants(tx, e)
    cite(tx, "event", e.id, e.source_ids, new=True)
    tx.log("create", "events", e.id, ["kind", "when", "place", "institution", "description",
                                      "participants"])


def update_event(tx: Tx, e: Event, changed: list[str]) -> None:
    tx.conn.execute(update(events).where(events.c.id == e.id).values(
        updated_by=tx.actor, updated_at=tx.now, **_values(tx, e)))
    _write_participants(tx, e)
    cite(tx, "event", e.id, e.source_ids)
    tx.log("update", "events", e.id, changed)


def get_events(tx: Tx, case_id: str | None = None,
               person_ids: list[str] | None = None) -> list[Event]:
    """Events of a case and/or involving any of ``person_ids`` (union of both)."""
    query = select(events)
    conditions = []
    if case_id is not None:
        conditions.append(events.c.case_id == case_id)
    if person_ids:
        conditions.append(events.c.id.in_(select(event_participants.c.event_id)
                                          .where(event_participants.c.person_id.in_(person_ids))))
    if conditions:
        cond = conditions[0]
        for extra in conditions[1:]:
            cond = cond | extra
        query = query.where(cond)
    rows = list(tx.conn.execute(query.order_by(events.c.when_min, events.c.id)))
    ids = [r.id for r in rows]
    who: dict[str, list[str]] = defaultdict(list)
    for p in tx.conn.execute(select(event_participants)
                             .where(event_participants.c.event_id.in_(ids))
                             .order_by(event_participants.c.person_id)):
        who[p.event_id].append(p.person_id)
    sources = cited(tx, "event", ids)
    return [Event(
        id=r.id, kind=EventKind(r.kind), when=FuzzyDate.parse(r.when_text),
        source_ids=sources.get(r.id, ()), participants=tuple(who[r.id]), case_id=r.case_id,
        place=tx.open("events", r.id, "place", r.place_enc), institution_id=r.institution_id,
        description=tx.open("events", r.id, "description", r.description_enc)) for r in rows]


def insert_institution(tx: Tx, inst: Institution) -> None:
    tx.conn.execute(insert(institutions).values(
        id=inst.id, kind=inst.kind.value, place=inst.place,
        notes_enc=tx.seal("institutions", inst.id, "notes", inst.notes),
        created_by=tx.actor, created_at=tx.now))
    tx.conn.execute(insert(institution_names), [
        {"institution_id": inst.id, "position": i, "text": n} for i, n in enumerate(inst.names)])
    tx.log("create", "institutions", inst.id, ["kind", "names", "place", "notes"])


def get_institutions(tx: Tx, ids: list[str] | None = None) -> dict[str, Institution]:
    query = select(institutions).order_by(institutions.c.created_at, institutions.c.id)
    if ids is not None:
        query = query.where(institutions.c.id.in_(ids))
    rows = list(tx.conn.execute(query))
    names: dict[str, list[str]] = defaultdict(list)
    for n in tx.conn.execute(select(institution_names)
                             .where(institution_names.c.institution_id.in_([r.id for r in rows]))
                             .order_by(institution_names.c.position)):
        names[n.institution_id].append(n.text)
    return {r.id: Institution(r.id, InstitutionKind(r.kind), tuple(names[r.id]), r.place,
                              tx.open("institutions", r.id, "notes", r.notes_enc))
            for r in rows}


def require_institution(tx: Tx, inst_id: str) -> None:
    if not get_institutions(tx, [inst_id]):
        raise NotFound(f"no institution with id {inst_id}")
