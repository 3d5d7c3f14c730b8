"""What a caseworker sees first: their cases, overdue follow-ups, the longest silences."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from reunite.domain.access import Actor
from reunite.domain.cases import Case, CaseStatus
from reunite.domain.dates import DaysSince
from reunite.domain.persons import Person
from reunite.services.access import visible_cases
from reunite.services.advocacy import DueItem, due_interventions
from reunite.services.contact import LastContact, last_contact
from reunite.store.persons import get_persons
from reunite.store.registry import Tx


@dataclass(frozen=True)
class Silence:
    person: Person
    case: Case
    last_contact: LastContact
    days: DaysSince


@dataclass(frozen=True)
class Dashboard:
    my_cases: tuple[Case, ...]
    overdue: tuple[DueItem, ...]
    silences: tuple[Silence, ...]
    as_of: date


def dashboard(tx: Tx, actor: Actor, *, as_of: date, limit: int = 10) -> Dashboard:
    cases = [c for c in visible_cases(tx, actor) if c.status is not CaseStatus.CLOSED]
    by_id = {c.id: c for c in cases}
    mine = [c for c in cases if c.assignee == actor.username] or cases
    overdue = [d for d in due_interventions(tx, as_of=as_of) if d.intervention.case_id in by_id]
    people = get_persons(tx, sorted({p for c in cases for p in c.sought}))
    silences = []
    for case in cases:
        for pid in case.sought:
            contact = last_contact(tx, person_id=pid, as_of=as_of)
            if contact is not None and pid in people:
                silences.append(Silence(people[pid], case, contact, contact.days_since(as_of)))
    silences.sort(key=lambda s: (-s.days.minimum, s.person.id))
    return Dashboard(tuple(mine[:limit]), tuple(overdue[:limit]), tuple(silences[:limit]), as_of)
