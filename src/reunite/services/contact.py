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
    candidates = [
        LastContact(e.when, e.id)
        for e in event_store.get_events(tx, person_ids=[person_id])
        if e.kind is EventKind.LAST_CONTACT and person_id in e.participants
    ]
    candidates += [
        LastContact(m.when, m.id)
        for case in [c.id for c in case_store.get_cases(tx, person_id=person_id)]
        for m in message_store.get_messages(tx, case_id=case) if m.from_person == person_id
    ]
    known = [c for c in candidates if not c.when.is_after(as_of)]
    if not known:
        return None
    return max(known, key=lambda c: (c.when.latest or date.max, c.when.earliest or date.min))
