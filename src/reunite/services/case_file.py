"""The case file: the one picture of a case that the case page, `reunite case show`, the
timeline and the dossier all render.

:func:`case_file` is the door: it takes the acting user, applies need-to-know (a case they
may not see answers exactly like one that does not exist), records the read in the audit log,
and returns a view object that holds everything the renderers show, and nothing else.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date, datetime

from reunite.domain.access import Actor
from reunite.domain.advocacy import Application, Intervention
from reunite.domain.cases import Case, CaseRole
from reunite.domain.dates import DaysSince
from reunite.domain.jsonform import plain
from reunite.domain.persons import Consent, Person, Relationship
from reunite.domain.sources import Source
from reunite.errors import ReuniteError
from reunite.names.describe import describe_name
from reunite.services import audit
from reunite.services.access import require_case
from reunite.services.contact import LastContact
from reunite.services.timeline import Entry, case_timeline
from reunite.store import accounts as account_store
from reunite.store import advocacy as advocacy_store
from reunite.store import persons as person_store
from reunite.store import sources as source_store
from reunite.store.registry import Tx

SCRIPT_FORMS = ("uly", "arabic", "cyrillic", "turkish", "chinese")


@dataclass(frozen=True)
class CasePerson:
    """A person of the case with their role, current consent and name in every script."""

    person: Person
    role: CaseRole
    consent: Consent
    forms: tuple[tuple[str, str], ...]  # (script, form): ULY, Arabic, Cyrillic, Turkish, Chinese
    last_contact: LastContact | None = None
    days_since: DaysSince | None = None


@dataclass(frozen=True)
class InterventionStatus:
    intervention: Intervention
    days_waiting: int | None  # days without a response (None once answered)
    days_overdue: int  # past its follow-up date


@dataclass(frozen=True)
class CaseFile:
    case: Case
    persons: tuple[CasePerson, ...]  # searchers, then sought, then others, in the case's order
    relationships: tuple[Relationship, ...]  # between persons of the case
    entries: tuple[Entry, ...]  # the sourced timeline, oldest first
    interventions: tuple[InterventionStatus, ...]
    applications: tuple[Application, ...]
    sources: tuple[Source, ...]  # every source cited anywhere in the case
    grants: tuple[str, ...]  # usernames the case is explicitly granted to
    as_of: date
    made_at: datetime
    made_by: str
    version: str  # digest of the case's facts: two files with one version show the same data

    def role(self, role: CaseRole) -> tuple[CasePerson, ...]:
        return tuple(p for p in self.persons if p.role is role)

    @property
    def searchers(self) -> tuple[CasePerson, ...]:
        return self.role(CaseRole.SEARCHER)

    @property
    def sought(self) -> tuple[CasePerson, ...]:
        return self.role(CaseRole.SOUGHT)

    @property
    def others(self) -> tuple[CasePerson, ...]:
        return self.role(CaseRole.OTHER)

    @property
    def people(self) -> dict[str, Person]:
        return {p.person.id: p.person for p in self.persons}

    def name_of(self, person_id: str) -> str:
        found = self.people.get(person_id)
        return found.display_name() if found else person_id


def name_forms(person: Person) -> tuple[tuple[str, str], ...]:
    """The person's name read into each script Reunite writes (from the first name that reads)."""
    try:
        parts = describe_name(person.display_name()).parts
    except ReuniteError:
        return ()
    if not parts:
        return ()
    forms = []
    for script in SCRIPT_FORMS:
        if script == "chinese":
            if all(p.chinese for p in parts):
                forms.append((script, "·".join(p.chinese[0] for p in parts)))
            continue
        forms.append((script, " ".join(getattr(p, script) for p in parts)))
    return tuple(forms)


def _version(*facts: object) -> str:
    body = json.dumps(plain(list(facts)), ensure_ascii=False, sort_keys=True, default=str)
    return "sha256:" + hashlib.sha256(body.encode()).hexdigest()[:16]


def case_file(tx: Tx, actor: Actor, case_id: str, *, as_of: date, client: str = "",
              purpose: str = "case file") -> CaseFile:
    """The whole case as ``actor`` may see it; the read is audited (``purpose`` says why)."""
    case = require_case(tx, actor, case_id)
    line = case_timeline(tx, case_id=case.id, as_of=as_of)
    sought = {s.person.id: s for s in line.sought}
    members = [(pid, CaseRole.SEARCHER) for pid in case.searchers]
    members += [(pid, CaseRole.SOUGHT) for pid in case.sought]
    members += [(pid, CaseRole.OTHER) for pid in case.others]
    persons = []
    for pid, role in members:
        person = line.persons[pid]
        status = sought.get(pid)
        persons.append(CasePerson(person, role, person_store.current_consent(tx, pid),
                                  name_forms(person),
                                  status.last_contact if status else None,
                                  status.days_since if status else None))
    ids = {pid for pid, _ in members}
    relations = {r.id: r for pid in sorted(ids) for r in person_store.relationships_of(tx, pid)
                 if r.from_person in ids and r.to_person in ids}
    interventions = tuple(
        InterventionStatus(i, None if i.response_on else max((as_of - i.sent_on).days, 0),
                           max(i.days_overdue(as_of), 0) if not i.response_on else 0)
        for i in advocacy_store.get_interventions(tx, case_id=case.id) if i.sent_on <= as_of)
    applications = tuple(advocacy_store.get_applications(tx, case_id=case.id))
    cited = {s.id for e in line.entries for s in e.sources}
    cited |= {s for p in persons for s in p.person.source_ids}
    cited |= {s for r in relations.values() for s in r.source_ids}
    sources = tuple(source_store.get_sources(tx, sorted(cited)).values())
    grants = tuple(sorted(account_store.grants_of_case(tx, [case.id]).get(case.id, set())))
    relationships = tuple(sorted(relations.values(), key=lambda r: r.id))
    version = _version(case, persons, relationships, line.entries, interventions,
                       applications, sources)
    audit.record(tx, action="read", object_kind="case", object_id=case.id, client=client,
                 detail=purpose)
    return CaseFile(case, tuple(persons), relationships, line.entries, interventions,
                    applications, sources, grants, as_of, tx.now, tx.actor, version)
