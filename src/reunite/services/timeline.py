"""A case's chronology: every dated record, with its precision and its sources.

Entries name persons by id (``persons``) and keep what happened apart from who it happened to,
so that a renderer can show a name, or a pseudonym where consent withholds the name.
"""

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
    kind: str  # event kind, or: message, intervention, response, application, case opened/closed
    summary: str  # what happened, in English, without any person's name
    record_id: str
    persons: tuple[str, ...] = ()  # ids of the persons concerned (a message: its sender)
    sources: tuple[Source, ...] = ()
    said: str = ""  # verbatim text of a message
    interpretations: tuple[Interpretation, ...] = field(default=())
    code: str = ""  # the vocabulary code: event kind, channel, intervention or application kind
    where: str = ""  # place and institution
    detail: str = ""  # free text: an event's description, a response, a stage's note
    party: str = ""  # an organisation: who opened the case, a recipient, a country
    stage: str = ""  # an application's stage
    sender: str = ""  # a message's sender described in words, when not a person of the case


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


def _words(code: str) -> str:
    return code.replace("_", " ")


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

    entries: list[Entry] = [Entry(FuzzyDate.of_day(case.opened_on), "case opened",
                                  f"case opened by {case.organisation}", case.id,
                                  party=case.organisation)]
    for e in events:
        where = [e.place] if e.place else []
        if e.institution_id and e.institution_id in institutions:
            where.append(institutions[e.institution_id].names[0])
        text = _words(e.kind.value)
        if where:
            text += " at " + ", ".join(where)
        if e.description:
            text += f": {e.description}"
        entries.append(Entry(e.when, e.kind.value, text, e.id, e.participants,
                             tuple(sources[s] for s in e.source_ids), code=e.kind.value,
                             where=", ".join(where), detail=e.description))
    for m in messages:
        sender = "" if m.from_person else (m.from_description or "unknown")
        entries.append(Entry(m.when, "message", _words(m.channel.value)
                             + (f" from {sender}" if sender else ""), m.id,
                             (m.from_person,) if m.from_person else (),
                             tuple(sources[s] for s in m.source_ids), said=m.text,
                             interpretations=m.interpretations, code=m.channel.value,
                             sender=sender))
    for i in advocacy_store.get_interventions(tx, case_id=case_id):
        entries.append(Entry(FuzzyDate.of_day(i.sent_on), "intervention",
                             f"{_words(i.kind.value)} sent to {i.recipient}"
                             + (f" by {i.sender}" if i.sender else ""), i.id,
                             code=i.kind.value, party=i.recipient))
        if i.response_on:
            entries.append(Entry(FuzzyDate.of_day(i.response_on), "response",
                                 f"response from {i.recipient}: {i.response}", i.id,
                                 code=i.kind.value, party=i.recipient, detail=i.response))
    for a in advocacy_store.get_applications(tx, case_id=case_id):
        for s in a.stages:
            entries.append(Entry(FuzzyDate.of_day(s.on), "application",
                                 f"{_words(a.kind.value)} application ({a.country}): "
                                 f"{s.stage.value}" + (f" ({s.note})" if s.note else ""), a.id,
                                 (a.person_id,), code=a.kind.value, party=a.country,
                                 stage=s.stage.value, detail=s.note))
    if case.closed_on:
        entries.append(Entry(FuzzyDate.of_day(case.closed_on), "case closed",
                             f"case closed: {case.close_reason}", case.id,
                             detail=case.close_reason))
    entries = [e for e in entries if not e.when.is_after(as_of)]
    entries.sort(key=lambda e: e.when.sort_key())
    sought = []
    for pid in case.sought:
        contact = last_contact(tx, person_id=pid, as_of=as_of)
        sought.append(SoughtStatus(people[pid], contact,
                                   contact.days_since(as_of) if contact else None))
    return Timeline(case, people, tuple(entries), tuple(sought), as_of)
