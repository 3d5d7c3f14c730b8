"""Storage of persons with their names, documents, contact details and consent."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from sqlalchemy import delete, insert, select, update

from reunite.domain.dates import BirthDate
from reunite.domain.persons import (
    Consent,
    ContactDetail,
    DocumentKind,
    DocumentStatus,
    IdentityDocument,
    NameKind,
    Person,
    PersonName,
    PersonStatus,
    Publication,
    Relationship,
    RelationshipKind,
    Script,
    Sex,
)
from reunite.errors import NotFound
from reunite.store.citations import cite, cited
from reunite.store.name_index import index_person
from reunite.store.registry import Tx
from reunite.store.tables import (
    consents,
    person_contacts,
    person_documents,
    person_names,
    persons,
    relationships,
)


def _person_values(tx: Tx, p: Person) -> dict[str, Any]:
    return {
        "sex": p.sex.value, "status": p.status.value,
        "birth_text": p.birth.text if p.birth else None,
        "birth_min": p.birth.earliest if p.birth else None,
        "birth_max": p.birth.latest if p.birth else None,
        "hometown_enc": tx.seal("persons", p.id, "hometown", p.hometown),
        "notes_enc": tx.seal("persons", p.id, "notes", p.notes),
    }


def _write_parts(tx: Tx, p: Person) -> None:
    for table in (person_names, person_documents, person_contacts):
        tx.conn.execute(delete(table).where(table.c.person_id == p.id))
    if p.names:
        tx.conn.execute(insert(person_names), [
            {"id": n.id, "person_id": p.id, "position": i, "kind": n.kind.value,
             "script": n.script.value, "language": n.language,
             "text_enc": tx.seal("person_names", n.id, "text", n.text)}
            for i, n in enumerate(p.names)])
    if p.documents:
        tx.conn.execute(insert(person_documents), [
            {"id": d.id, "person_id": p.id, "kind": d.kind.value, "status": d.status.value,
             "country": d.country, "number_enc": tx.seal("person_documents", d.id, "number",
                                                         d.number)}
            for d in p.documents])
    if p.contacts:
        tx.conn.execute(insert(person_contacts), [
            {"id": c.id, "person_id": p.id, "kind": c.kind,
             "value_enc": tx.seal("person_contacts", c.id, "value", c.value)}
            for c in p.contacts])


def insert_person(tx: Tx, p: Person) -> None:
    tx.conn.execute(insert(persons).values(id=p.id, created_by=tx.actor, created_at=tx.now,
                                           **_person_values(tx, p)))
    _write_parts(tx, p)
    index_person(tx, p)
    cite(tx, "person", p.id, p.source_ids, new=True)
    tx.log("create", "persons", p.id, ["names", "sex", "birth", "hometown", "status", "notes",
                                       "documents", "contacts"])


def update_person(tx: Tx, p: Person, changed: list[str]) -> None:
    tx.conn.execute(update(persons).where(persons.c.id == p.id).values(
        updated_by=tx.actor, updated_at=tx.now, **_person_values(tx, p)))
    _write_parts(tx, p)
    index_person(tx, p)
    cite(tx, "person", p.id, p.source_ids)
    tx.log("update", "persons", p.id, changed)


def person_exists(tx: Tx, person_id: str) -> bool:
    return tx.conn.scalar(select(persons.c.id).where(persons.c.id == person_id)) is not None


def require_persons(tx: Tx, ids: list[str]) -> None:
    found = set(tx.conn.scalars(select(persons.c.id).where(persons.c.id.in_(ids))))
    missing = [i for i in ids if i not in found]
    if missing:
        raise NotFound(f"no person with id {', '.join(missing)}")


# Ids per IN (...) list: SQLite refuses statements with more than 32,766 parameters.
CHUNK = 5000


def get_persons(tx: Tx, ids: list[str] | None = None) -> dict[str, Person]:
    """Persons by id (all when ``ids`` is None), in creation order."""
    if ids is None:
        ids = list(tx.conn.scalars(select(persons.c.id)))
    found: dict[str, Person] = {}
    for start in range(0, len(ids), CHUNK):
        found.update(_persons(tx, ids[start:start + CHUNK]))
    ordered = sorted(found.values(), key=lambda p: (p.created_at or tx.now, p.id))
    return {p.id: p for p in ordered}


def _persons(tx: Tx, ids: list[str]) -> dict[str, Person]:
    rows = list(tx.conn.execute(select(persons).where(persons.c.id.in_(ids))))
    wanted = [r.id for r in rows]
    names: dict[str, list[PersonName]] = defaultdict(list)
    for r in tx.conn.execute(select(person_names).where(person_names.c.person_id.in_(wanted))
                             .order_by(person_names.c.person_id, person_names.c.position)):
        names[r.person_id].append(PersonName(
            tx.open("person_names", r.id, "text", r.text_enc), NameKind(r.kind),
            Script(r.script), r.language, r.id))
    docs: dict[str, list[IdentityDocument]] = defaultdict(list)
    for r in tx.conn.execute(select(person_documents)
                             .where(person_documents.c.person_id.in_(wanted))
                             .order_by(person_documents.c.id)):
        docs[r.person_id].append(IdentityDocument(
            DocumentKind(r.kind), DocumentStatus(r.status),
            tx.open("person_documents", r.id, "number", r.number_enc), r.country, r.id))
    contacts: dict[str, list[ContactDetail]] = defaultdict(list)
    for r in tx.conn.execute(select(person_contacts)
                             .where(person_contacts.c.person_id.in_(wanted))
                             .order_by(person_contacts.c.id)):
        contacts[r.person_id].append(ContactDetail(
            r.kind, tx.open("person_contacts", r.id, "value", r.value_enc), r.id))
    sources = cited(tx, "person", wanted)
    return {
        r.id: Person(
            id=r.id, names=tuple(names[r.id]), sex=Sex(r.sex),
            birth=BirthDate.parse(r.birth_text) if r.birth_text else None,
            hometown=tx.open("persons", r.id, "hometown", r.hometown_enc),
            status=PersonStatus(r.status),
            notes=tx.open("persons", r.id, "notes", r.notes_enc),
            documents=tuple(docs[r.id]), contacts=tuple(contacts[r.id]),
            source_ids=sources.get(r.id, ()), created_by=r.created_by,
            created_at=r.created_at, updated_by=r.updated_by or "", updated_at=r.updated_at)
        for r in rows}


def get_person(tx: Tx, person_id: str) -> Person:
    found = get_persons(tx, [person_id])
    if person_id not in found:
        raise NotFound(f"no person with id {person_id}")
    return found[person_id]


def insert_consent(tx: Tx, person_id: str, consent: Consent) -> None:
    tx.conn.execute(insert(consents).values(
        id=consent.id, person_id=person_id, tracing=consent.tracing, sharing=consent.sharing,
        publication=consent.publication.value,
        note_enc=tx.seal("consents", consent.id, "note", consent.note),
        recorded_by=consent.recorded_by, recorded_at=consent.recorded_at))
    tx.log("create", "consents", consent.id, ["tracing", "sharing", "publication", "note"])


def consent_history(tx: Tx, person_id: str) -> list[Consent]:
    rows = tx.conn.execute(select(consents).where(consents.c.person_id == person_id)
                           .order_by(consents.c.recorded_at, consents.c.id))
    return [Consent(r.tracing, r.sharing, Publication(r.publication), r.recorded_by,
                    r.recorded_at, tx.open("consents", r.id, "note", r.note_enc), r.id)
            for r in rows]


def tracing_allowed(tx: Tx, person_ids: list[str]) -> set[str]:
    """Which of these persons' newest consent statement allows tracing (one query per
    CHUNK ids)."""
    newest: dict[str, tuple[object, str, bool]] = {}
    rows = (row for start in range(0, len(person_ids), CHUNK)
            for row in tx.conn.execute(
                select(consents.c.person_id, consents.c.recorded_at, consents.c.id,
                       consents.c.tracing)
                .where(consents.c.person_id.in_(person_ids[start:start + CHUNK]))))
    for person_id, at, cid, tracing in rows:
        if person_id not in newest or (at, cid) > newest[person_id][:2]:
            newest[person_id] = (at, cid, tracing)
    return {pid for pid, (_, _, tracing) in newest.items() if tracing}


def sex_and_birth(tx: Tx, person_ids: list[str]) -> dict[str, tuple[str, date | None,
                                                                     date | None]]:
    """Sex and birth range of these persons, from the columns stored in clear (nothing is
    decrypted: a search ranks its candidates by these before opening any)."""
    rows = (row for start in range(0, len(person_ids), CHUNK)
            for row in tx.conn.execute(
                select(persons.c.id, persons.c.sex, persons.c.birth_min, persons.c.birth_max)
                .where(persons.c.id.in_(person_ids[start:start + CHUNK]))))
    return {pid: (sex, low, high) for pid, sex, low, high in rows}


def current_consent(tx: Tx, person_id: str) -> Consent:
    history = consent_history(tx, person_id)
    return history[-1] if history else Consent.nothing("", tx.now)


def insert_relationship(tx: Tx, rel: Relationship) -> None:
    tx.conn.execute(insert(relationships).values(
        id=rel.id, from_person=rel.from_person, kind=rel.kind.value, to_person=rel.to_person,
        created_by=tx.actor, created_at=tx.now))
    cite(tx, "relationship", rel.id, rel.source_ids, new=True)
    tx.log("create", "relationships", rel.id, ["from_person", "kind", "to_person"])


def update_relationship(tx: Tx, rel: Relationship, changed: list[str]) -> None:
    tx.conn.execute(update(relationships).where(relationships.c.id == rel.id).values(
        from_person=rel.from_person, kind=rel.kind.value, to_person=rel.to_person,
        updated_by=tx.actor, updated_at=tx.now))
    cite(tx, "relationship", rel.id, rel.source_ids)
    tx.log("update", "relationships", rel.id, changed)


def relationships_of(tx: Tx, person_id: str) -> list[Relationship]:
    rows = list(tx.conn.execute(select(relationships).where(
        (relationships.c.from_person == person_id) | (relationships.c.to_person == person_id))
        .order_by(relationships.c.created_at, relationships.c.id)))
    sources = cited(tx, "relationship", [r.id for r in rows])
    return [Relationship(r.id, r.from_person, RelationshipKind(r.kind), r.to_person,
                         sources.get(r.id, ())) for r in rows]
