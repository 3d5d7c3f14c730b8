"""Aggregate figures for researchers and advocates (``Permission.STATISTICS``).

Every count passes through :mod:`reunite.domain.statistics` before it leaves this module, so
that the page, its charts, the CSV download and the statistics PDF can only show what the
suppression rules allow. Names never enter these tables; places enter only as prefecture-level
divisions resolved from the gazetteer.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime

from reunite.domain.access import Actor, Permission
from reunite.domain.cases import CaseStatus
from reunite.domain.events import InstitutionKind
from reunite.domain.persons import PersonStatus
from reunite.domain.statistics import MIN_CELL, Month, Table, suppress, suppress_months
from reunite.domain.wording import mark
from reunite.errors import NotFound, ReuniteError
from reunite.places.gazetteer import by_code
from reunite.places.resolve import find_place
from reunite.services import audit
from reunite.services.contact import LastContact, last_contacts
from reunite.store import advocacy as advocacy_store
from reunite.store import cases as case_store
from reunite.store import events as event_store
from reunite.store.persons import get_persons
from reunite.store.registry import Tx

NOT_RECORDED = mark("not recorded")
YEAR_UNCERTAIN = mark("year uncertain")
NONE_RECORDED = mark("none recorded")


@dataclass(frozen=True)
class Statistics:
    tables: tuple[Table, ...]
    months: tuple[Month, ...]  # interventions sent per month, and how many went unanswered
    as_of: date
    made_at: datetime
    min_cell: int = MIN_CELL

    def table(self, key: str) -> Table:
        return next(t for t in self.tables if t.key == key)


def _prefecture(hometown: str) -> str:
    if not hometown.strip():
        return NOT_RECORDED
    try:
        place = find_place(hometown).place
    except ReuniteError:  # an unreadable place is counted as not recorded, never as written
        return NOT_RECORDED
    if place is None:
        return NOT_RECORDED
    if place.kind == "country":
        return "abroad"
    prefecture = by_code().get(place.code[:4] + "00")
    return (prefecture or place).name


def _year(contact: LastContact | None) -> str:
    if contact is None:
        return NOT_RECORDED
    first, last = contact.when.earliest, contact.when.latest
    if first is None or last is None or first.year != last.year:
        return YEAR_UNCERTAIN
    return str(first.year)


def statistics(tx: Tx, actor: Actor, *, as_of: date | None = None, client: str = "",
               export: str = "") -> Statistics:
    """The organisation's figures as of ``as_of`` (default today), suppressed; audited as a
    read, or as an export when ``export`` names the file format made of them."""
    if not actor.may(Permission.STATISTICS):
        raise NotFound("no statistics")
    day = as_of or tx.today
    cases = [c for c in case_store.get_cases(tx) if c.opened_on <= day]
    sought_ids = sorted({p for c in cases for p in c.sought})
    people = get_persons(tx, sought_ids)
    events = [e for e in (event_store.get_events(tx, person_ids=sought_ids) if sought_ids
                          else []) if not e.when.is_after(day)]
    institutions = event_store.get_institutions(
        tx, sorted({e.institution_id for e in events if e.institution_id}))
    kinds: Counter[str] = Counter()
    for pid in sought_ids:  # each person once per kind of institution they were held in
        held = {institutions[e.institution_id].kind.value for e in events
                if pid in e.participants and e.institution_id in institutions}
        kinds.update(held or {NONE_RECORDED})
    contacts = last_contacts(tx, person_ids=sought_ids, as_of=day)
    years = Counter(_year(contacts.get(p)) for p in sought_ids)
    year_order = sorted(y for y in years if y.isdigit()) + [
        y for y in (YEAR_UNCERTAIN, NOT_RECORDED) if y in years]

    sent: Counter[str] = Counter()
    unanswered: Counter[str] = Counter()
    for c in cases:
        for i in advocacy_store.get_interventions(tx, case_id=c.id):
            if i.sent_on <= day:
                month = i.sent_on.strftime("%Y-%m")
                sent[month] += 1
                unanswered[month] += not (i.response_on and i.response_on <= day)
    persons = people.values()
    tables = (
        suppress("sought_by_status", mark("Sought persons by status"),
                 Counter(p.status.value for p in persons),
                 order=[s.value for s in PersonStatus
                        if any(p.status is s for p in persons)]),
        suppress("sought_by_prefecture", mark("Sought persons by hometown (prefecture)"),
                 Counter(_prefecture(p.hometown) for p in persons), coded=False),
        suppress("sought_by_last_contact_year", mark("Sought persons by year of last contact"),
                 years, order=year_order),
        suppress("sought_by_institution_kind",
                 mark("Sought persons by kind of institution held in"), kinds,
                 order=[k.value for k in InstitutionKind if k.value in kinds]
                 + ([NONE_RECORDED] if NONE_RECORDED in kinds else [])),
        suppress("sought_by_sex", mark("Sought persons by sex"),
                 Counter(p.sex.value for p in persons)),
        suppress("cases_by_status", mark("Cases by status"),
                 Counter(c.status.value for c in cases),
                 order=[s.value for s in CaseStatus if any(c.status is s for c in cases)]),
        suppress("cases_by_year_opened", mark("Cases by year opened"),
                 Counter(str(c.opened_on.year) for c in cases)),
        suppress("events_by_kind", mark("Events concerning sought persons, by kind"),
                 Counter(e.kind.value for e in events)),
    )
    audit.record(tx, action="export" if export else "read", object_kind="statistics",
                 client=client, detail=f"as of {day}" + (f", {export}" if export else ""))
    return Statistics(tables, suppress_months(sent, unanswered), day, tx.now)
