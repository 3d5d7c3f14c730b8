"""When a person was last in contact with their family."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from reunite.domain.dates import DaysSince, FuzzyDate, days_since
from reunite.domain.events import EventKind
from reunite.store import cases as case_store
from reunite.store import events as event_store
from reunite.store import messages as message_store
from reunite.store.registry import Tx


@dataclass(frozen=True)
class LastContact:
    when: FuzzyDate
    record_id: str  # the event or message it comes from

    def days_since(self, as_of: date) -> DaysSince:
        return days_since(self.when, as_of)


def last_contact(tx: Tx, *, person_id: str, as_of: date) -> LastContact | None:
    """The latest 'last contact' event involving the person, or message from them.

    Records dated after ``as_of`` are ignored, so that a past date gives the answer as it
    stood then.
    """
    return last_contacts(tx, person_ids=[person_id], as_of=as_of).get(person_id)


def last_contacts(tx: Tx, *, person_ids: list[str], as_of: date) -> dict[str, LastContact]:
    """:func:`last_contact` of many persons at once (persons never in contact are absent)."""
    wanted = set(person_ids)
    if not wanted:
        return {}
    candidates: dict[str, list[LastContact]] = {p: [] for p in wanted}
    for e in event_store.get_events(tx, person_ids=sorted(wanted)):
        if e.kind is EventKind.LAST_CONTACT:
            for p in wanted.intersection(e.participants):
                candidates[p].append(LastContact(e.when, e.id))
    cases = {c.id for p in sorted(wanted) for c in case_store.get_cases(tx, person_id=p)}
    for case in sorted(cases):
        for m in message_store.get_messages(tx, case_id=case):
            if m.from_person in wanted:
                candidates[m.from_person].append(LastContact(m.when, m.id))
    found = {}
    for p, contacts in candidates.items():
        known = [c for c in contacts if not c.when.is_after(as_of)]
        if known:
            found[p] = max(known, key=lambda c: (c.when.latest or date.max,
                                                 c.when.earliest or date.min))
    return found
