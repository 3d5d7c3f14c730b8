"""Adding, editing and looking at persons; relationships; consent."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from reunite.domain.access import Actor
from reunite.domain.cases import Case
from reunite.domain.dates import BirthDate, DaysSince
from reunite.domain.events import Event
from reunite.domain.ids import new_id
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
    Sex,
)
from reunite.domain.sources import Source
from reunite.errors import InvalidInput, ReuniteError
from reunite.names.describe import NameDescription, describe_name
from reunite.names.scripts import detect_script
from reunite.services import audit
from reunite.services.access import require_person, visible_case_ids, visible_person_ids
from reunite.services.checks import country_code, text_field
from reunite.services.contact import LastContact, last_contact
from reunite.store import cases as case_store
from reunite.store import events as event_store
from reunite.store import matches as match_store
from reunite.store import persons as store
from reunite.store import sources as source_store
from reunite.store.registry import Tx


@dataclass(frozen=True)
class NameInput:
    text: str
    kind: NameKind
    language: str = ""


@dataclass(frozen=True)
class DocumentInput:
    kind: DocumentKind
    status: DocumentStatus
    number: str = ""
    country: str = ""


def names_of(inputs: Sequence[NameInput]) -> list[PersonName]:
    out = []
    for n in inputs:
        text = " ".join(n.text.split())
        if not text:
            raise InvalidInput("a name must not be empty")
        out.append(PersonName(text, n.kind, detect_script(text), n.language.strip().lower(),
                              new_id("name")))
    return out


def _documents(inputs: Sequence[DocumentInput]) -> list[IdentityDocument]:
    return [IdentityDocument(d.kind, d.status, text_field(d.number, "document number", 100),
                             country_code(d.country), new_id("document")) for d in inputs]


def _check_birth(birth: BirthDate | None, today: date) -> None:
    if birth and birth.earliest and birth.earliest > today:
        raise InvalidInput(f"birth date {birth.text!r} is in the future (today is {today})")


def add_person(tx: Tx, *, names: Sequence[NameInput], source_ids: Sequence[str],
               sex: Sex = Sex.UNKNOWN, birth: BirthDate | None = None, hometown: str = "",
               status: PersonStatus = PersonStatus.UNKNOWN, notes: str = "",
               documents: Sequence[DocumentInput] = (),
               contacts: Sequence[tuple[str, str]] = (),
               consent: tuple[bool, bool, Publication] | None = None) -> Person:
    if not source_ids:
        raise InvalidInput("a person must cite at least one source (--source)")
    _check_birth(birth, tx.today)
    person = Person(
        id=new_id("person"), names=tuple(names_of(names)), sex=sex, birth=birth,
        hometown=text_field(hometown, "hometown", 300), status=status,
        notes=text_field(notes, "notes"), documents=tuple(_documents(documents)),
        contacts=tuple(ContactDetail(k.strip().lower(), text_field(v, "contact", 300),
                                     new_id("contact")) for k, v in contacts),
        source_ids=tuple(source_ids))
    store.insert_person(tx, person)
    if consent is not None:
        record_consent(tx, person_id=person.id, tracing=consent[0], sharing=consent[1],
                       publication=consent[2])
    return dataclasses.replace(person, created_by=tx.actor, created_at=tx.now)


def edit_person(tx: Tx, *, person_id: str, source_ids: Sequence[str] = (),
                sex: Sex | None = None, birth: BirthDate | None = None,
                hometown: str | None = None, status: PersonStatus | None = None,
                notes: str | None = None, add_names: Sequence[NameInput] = (),
                add_documents: Sequence[DocumentInput] = ()) -> Person:
    current = store.get_person(tx, person_id)
    changes: dict[str, object] = {}
    if sex is not None:
        changes["sex"] = sex
    if birth is not None:
        _check_birth(birth, tx.today)
        changes["birth"] = birth
    if hometown is not None:
        changes["hometown"] = text_field(hometown, "hometown", 300)
    if status is not None:
        changes["status"] = status
    if notes is not None:
        changes["notes"] = text_field(notes, "notes")
    if add_names:
        changes["names"] = current.names + tuple(names_of(add_names))
    if add_documents:
        changes["documents"] = current.documents + tuple(_documents(add_documents))
    facts = set(changes) - {"notes"}
    if facts and not source_ids:
        raise InvalidInput("a change of facts must cite the source it comes from (--source)")
    if source_ids:
        changes["source_ids"] = tuple(dict.fromkeys(current.source_ids + tuple(source_ids)))
    if not changes:
        raise InvalidInput("nothing to change: give at least one field to edit")
    updated = dataclasses.replace(current, **changes)  # type: ignore[arg-type]
    store.update_person(tx, updated, sorted(changes))
    return store.get_person(tx, person_id)


def record_consent(tx: Tx, *, person_id: str, tracing: bool, sharing: bool,
                   publication: Publication, note: str = "") -> Consent:
    store.require_persons(tx, [person_id])
    consent = Consent(tracing, sharing, publication, tx.actor, tx.now,
                      text_field(note, "consent note"), new_id("consent"))
    store.insert_consent(tx, person_id, consent)
    return consent


def relate(tx: Tx, *, from_person: str, kind: RelationshipKind, to_person: str,
           source_ids: Sequence[str]) -> Relationship:
    store.require_persons(tx, [from_person, to_person])
    rel = Relationship(new_id("relationship"), from_person, kind, to_person, tuple(source_ids))
    store.insert_relationship(tx, rel)
    return rel


def list_persons(tx: Tx, *, status: PersonStatus | None = None) -> list[Person]:
    people = store.get_persons(tx).values()
    return [p for p in people if status is None or p.status is status]


@dataclass(frozen=True)
class Relative:
    kind: RelationshipKind
    person: Person
    source_ids: tuple[str, ...]


@dataclass(frozen=True)
class PersonView:
    person: Person
    consent: Consent
    relatives: tuple[Relative, ...]
    cases: tuple[Case, ...]
    last_contact: LastContact | None
    days_since_contact: DaysSince | None
    as_of: date
    duplicates: tuple[Person, ...] = ()  # confirmed to be the same person (linked records)


def person_view(tx: Tx, *, person_id: str, as_of: date) -> PersonView:
    person = store.get_person(tx, person_id)
    rels = store.relationships_of(tx, person_id)
    seen = [r.seen_from(person_id) for r in rels]
    others = store.get_persons(tx, [other for _, other in seen])
    relatives = tuple(Relative(kind, others[other], r.source_ids)
                      for (kind, other), r in zip(seen, rels, strict=True))
    contact = last_contact(tx, person_id=person_id, as_of=as_of)
    linked = store.get_persons(tx, match_store.confirmed_with(tx, person_id))
    return PersonView(person, store.current_consent(tx, person_id), relatives,
                      tuple(case_store.get_cases(tx, person_id=person_id)), contact,
                      contact.days_since(as_of) if contact else None, as_of,
                      tuple(linked.values()))


@dataclass(frozen=True)
class PersonFile:
    """A person as a signed-in user may see them: relatives and cases outside their
    need-to-know are withheld (a relative's kind of relation stays, never who they are)."""

    view: PersonView
    readings: tuple[tuple[PersonName, NameDescription | None], ...]
    events: tuple[Event, ...]  # involving the person, oldest first
    sources: dict[str, Source]
    withheld_relatives: tuple[RelationshipKind, ...]


def person_file(tx: Tx, actor: Actor, person_id: str, *, as_of: date,
                client: str = "") -> PersonFile:
    require_person(tx, actor, person_id)
    view = person_view(tx, person_id=person_id, as_of=as_of)
    if not actor.sees_all_cases:
        visible = visible_person_ids(tx, actor)
        cases = set(visible_case_ids(tx, actor, [c.id for c in view.cases]))
        withheld = tuple(r.kind for r in view.relatives if r.person.id not in visible)
        view = dataclasses.replace(
            view, relatives=tuple(r for r in view.relatives if r.person.id in visible),
            cases=tuple(c for c in view.cases if c.id in cases),
            duplicates=tuple(d for d in view.duplicates if d.id in visible))
    else:
        withheld = ()
    readings: list[tuple[PersonName, NameDescription | None]] = []
    for name in view.person.names:
        try:
            readings.append((name, describe_name(name.text)))
        except ReuniteError:
            readings.append((name, None))
    events = sorted(event_store.get_events(tx, person_ids=[person_id]),
                    key=lambda e: e.when.sort_key())
    cited = source_store.get_sources(
        tx, sorted({s for e in events for s in e.source_ids} | set(view.person.source_ids)))
    audit.record(tx, action="read", object_kind="person", object_id=person_id, client=client)
    return PersonFile(view, tuple(readings), tuple(events), cited, withheld)
