"""A case's chronology: every dated record, with its precision and its sources."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from reunite.domain.cases import Case
from reunite.domain.dates import DaysSince, FuzzyDate
from reunite.domain.messages import Interpretation
from reunite.domain.persons import Person
from reunite.domain.sources import Source
from reunite.services.contact import LastContact, last_contact
from reunite.store import advocacy as advocacy_store
from reunite.store import cases as case_store
from reunite.store import events as event_store
from reunite.store import messages as message_store
from reunite.store import persons as person_store
from reunite.store import sources as source_store
from reunite.store.registry import Tx


@dataclass(frozen=True)
class Entry:
    when: FuzzyDate
    kind: str
    summary: str
    record_id: str
    persons: tuple[str, ...] = ()
    sources: tuple[Source, ...] = ()
    said: str = ""  # verbatim text of a message
    interpretations: tuple[Interpretation, ...] = field(default=())


@dataclass(frozen=True)
class SoughtStatus:
    person: Person
    last_contact: LastContact | None
    days_since: DaysSince | None


@dataclass(frozen=True)
class Timeline:
    case: Case
    persons: dict[str, Person]
    entries: tuple[Entry, ...]
    sought: tuple[SoughtStatus, ...]
    as_of: date


def case_timeline(tx: Tx, *, case_id: str, as_of: date) -> Timeline:
    case = case_store.get_case(tx, case_id)
    members = [*case.searchers, *case.sought, *case.others]
    events = event_store.get_events(tx, case_id=case_id)
    messages = message_store.get_messages(tx, case_id=case_id)
    people = person_store.get_persons(
        tx, sorted({*members, *(p for e in events for p in e.participants),
                    *(m.from_person for m in messages if m.from_person)}))
    institutions = event_store.get_institutions(
        tx, [e.institution_id for e in events if e.institution_id])
    sources = source_store.get_sources(
        tx, sorted({s for e in events for s in e.source_ids}
               | {s for m in messages for s in m.source_ids}))

    def name(pid: str) -> str:
        return people[pid].display_name() if pid in people else pid

    entries: list[Entry] = [Entry(FuzzyDate.of_day(case.opened_on), "case opened",
                                  f"case opened by {case.organisation}", case.id)]
    for e in events:
        where = [e.place] if e.place else []
        if e.institution_id and e.institution_id in institutions:
            where.append(institutions[e.institution_id].names[0])
        text = e.kind.value.replace("_", " ")
        if where:
            text += " at " + ", ".join(where)
        if e.description:
            text += f": {e.description}"
        entries.append(Entry(e.when, e.kind.value, text, e.id,
                             tuple(name(p) for p in e.participants),
                             tuple(sources[s] for s in e.source_ids)))
    for m in messages:
        sender = name(m.from_person) if m.from_person else (m.from_description or "unknown")
        entries.append(Entry(m.when, "message", f"{m.channel.value.replace('_', ' ')} from "
                             f"{sender}", m.id, (sender,), tuple(sources[s] for s in m.source_ids),
                             said=m.text, interpretations=m.interpretations))
    for i in advocacy_store.get_interventions(tx, case_id=case_id):
        entries.append(Entry(FuzzyDate.of_day(i.sent_on), "intervention",
                             f"{i.kind.value.replace('_', ' ')} sent to {i.recipient}"
                             + (f" by {i.sender}" if i.sender else ""), i.id))
        if i.response_on:
            entries.append(Entry(FuzzyDate.of_day(i.response_on), "response",
                                 f"response from {i.recipient}: {i.response}", i.id))
    for a in advocacy_store.get_applications(tx, case_id=case_id):
        for s in a.stages:
            entries.append(Entry(FuzzyDate.of_day(s.on), "application",
                                 f"{a.kind.value.replace('_', ' ')} application ({a.country}) "
                                 f"for {name(a.person_id)}: {s.stage.value}"
                                 + (f" ({s.note})" if s.note else ""), a.id))
    if case.closed_on:
        entries.append(Entry(FuzzyDate.of_day(case.closed_on), "case closed",
                             f"case closed: {case.close_reason}", case.id))
    entries = [e for e in entries if not e.when.is_after(as_of)]
    entries.sort(key=lambda e: e.when.sort_key())
    sought = []
    for pid in case.sought:
        contact = last_contact(tx, person_id=pid, as_of=as_of)
        sought.append(SoughtStatus(people[pid], contact,
                                   contact.days_since(as_of) if contact else None))
    return Timeline(case, people, tuple(entries), tuple(sought), as_of)
