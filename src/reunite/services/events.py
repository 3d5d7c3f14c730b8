"""Recording events and institutions."""

from __future__ import annotations

from collections.abc import Sequence

from reunite.domain.dates import FuzzyDate
from reunite.domain.events import Event, EventKind, Institution, InstitutionKind
from reunite.domain.ids import new_id
from reunite.errors import InvalidInput
from reunite.services.checks import not_in_future, text_field
from reunite.store import events as store
from reunite.store.cases import require_case
from reunite.store.persons import require_persons
from reunite.store.registry import Tx


def add_event(tx: Tx, *, kind: EventKind, when: FuzzyDate, source_ids: Sequence[str],
              participants: Sequence[str] = (), case_id: str | None = None, place: str = "",
              institution_id: str | None = None, description: str = "") -> Event:
    if not source_ids:
        raise InvalidInput("an event must cite at least one source (--source)")
    not_in_future(when, tx.today, "event date")
    if case_id is not None:
        require_case(tx, case_id)
    if participants:
        require_persons(tx, list(participants))
    if institution_id is not None:
        store.require_institution(tx, institution_id)
    if case_id is None and not participants:
        raise InvalidInput("an event belongs to a case or involves at least one person")
    event = Event(new_id("event"), kind, when, tuple(source_ids), tuple(participants), case_id,
                  text_field(place, "place", 300), institution_id,
                  text_field(description, "description"))
    store.insert_event(tx, event)
    return event


def add_institution(tx: Tx, *, kind: InstitutionKind, names: Sequence[str], place: str = "",
                    notes: str = "") -> Institution:
    inst = Institution(new_id("institution"), kind,
                       tuple(text_field(n, "institution name", 300) for n in names),
                       text_field(place, "place", 200), text_field(notes, "notes"))
    store.insert_institution(tx, inst)
    return inst


def list_institutions(tx: Tx) -> list[Institution]:
    return list(store.get_institutions(tx).values())
