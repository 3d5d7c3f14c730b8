"""Case intake in one step: who is searching, for whom, what is known, the source, consent.

Everything is recorded in the caller's transaction through the same services as the CLI, so
an error in any part leaves nothing behind.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reunite.domain.cases import Case, Priority
from reunite.domain.dates import BirthDate, FuzzyDate
from reunite.domain.events import EventKind
from reunite.domain.persons import (
    DocumentKind,
    DocumentStatus,
    PersonStatus,
    Publication,
    RelationshipKind,
    Sex,
)
from reunite.domain.sources import Grade, SourceKind
from reunite.errors import InvalidInput
from reunite.services import cases, events, persons, sources
from reunite.services.persons import DocumentInput, NameInput
from reunite.store.registry import Tx


@dataclass(frozen=True)
class PersonIntake:
    names: Sequence[NameInput]
    sex: Sex = Sex.UNKNOWN
    birth: BirthDate | None = None
    hometown: str = ""
    status: PersonStatus = PersonStatus.UNKNOWN
    passport: DocumentStatus | None = None
    contact: str = ""
    tracing: bool = False
    sharing: bool = False
    publication: Publication = Publication.NONE


@dataclass(frozen=True)
class Intake:
    searcher: PersonIntake
    relation: RelationshipKind  # what the searcher is to each sought person
    sought: Sequence[PersonIntake]
    source_kind: SourceKind
    source_title: str
    grade: Grade
    organisation: str
    source_date: FuzzyDate | None = None
    last_contact: FuzzyDate | None = None
    summary: str = ""
    priority: Priority = Priority.NORMAL


def _add(tx: Tx, p: PersonIntake, source_id: str) -> str:
    documents = ([DocumentInput(DocumentKind.PASSPORT, p.passport)] if p.passport else [])
    contacts = [("contact", p.contact)] if p.contact.strip() else []
    added = persons.add_person(
        tx, names=p.names, source_ids=[source_id], sex=p.sex, birth=p.birth,
        hometown=p.hometown, status=p.status, documents=documents, contacts=contacts,
        consent=(p.tracing, p.sharing, p.publication))
    return added.id


def open_intake(tx: Tx, *, intake: Intake) -> Case:
    if not intake.sought:
        raise InvalidInput("an intake needs at least one sought person")
    source = sources.add_source(tx, kind=intake.source_kind, title=intake.source_title,
                                reliability=intake.grade.reliability,
                                credibility=intake.grade.credibility,
                                obtained=intake.source_date)
    searcher = _add(tx, intake.searcher, source.id)
    sought = [_add(tx, p, source.id) for p in intake.sought]
    for pid in sought:
        persons.relate(tx, from_person=searcher, kind=intake.relation, to_person=pid,
                       source_ids=[source.id])
    case = cases.open_case(tx, searchers=[searcher], sought=sought,
                           organisation=intake.organisation, priority=intake.priority,
                           summary=intake.summary)
    if intake.last_contact is not None:
        events.add_event(tx, kind=EventKind.LAST_CONTACT, when=intake.last_contact,
                         source_ids=[source.id], participants=sought, case_id=case.id,
                         description="last contact with the family, as stated at intake")
    return case
