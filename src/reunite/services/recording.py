"""What the forms that record facts on a case need, behind need-to-know: the case, its
people, the sources already cited in it, and the case a record (message, intervention,
application) belongs to."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from reunite.domain.access import Actor
from reunite.domain.cases import Case
from reunite.domain.persons import Person
from reunite.domain.sources import Source
from reunite.errors import NotFound
from reunite.services import audit
from reunite.services.access import require_case
from reunite.store import advocacy as advocacy_store
from reunite.store import events as event_store
from reunite.store import messages as message_store
from reunite.store import sources as source_store
from reunite.store.persons import get_persons
from reunite.store.registry import Tx


@dataclass(frozen=True)
class CaseForms:
    case: Case
    members: tuple[str, ...]  # searchers, sought and others: who a record may concern
    known: tuple[Source, ...]  # sources already cited in the case
    people: dict[str, Person]


def case_sources(tx: Tx, case: Case) -> tuple[Source, ...]:
    members = [*case.searchers, *case.sought, *case.others]
    ids = {s for e in event_store.get_events(tx, case_id=case.id) for s in e.source_ids}
    ids |= {s for m in message_store.get_messages(tx, case_id=case.id) for s in m.source_ids}
    ids |= {s for p in get_persons(tx, members).values() for s in p.source_ids}
    return tuple(source_store.get_sources(tx, sorted(ids)).values())


def case_forms(tx: Tx, actor: Actor, case_id: str, *, client: str = "",
               audit_as: str = "read") -> CaseForms:
    """The case to record on, if the user may see it; the access is audited as ``audit_as``
    (``read`` for showing a form, ``write`` when the form is submitted)."""
    case = require_case(tx, actor, case_id)
    members = (*case.searchers, *case.sought, *case.others)
    forms = CaseForms(case, members, case_sources(tx, case), get_persons(tx, list(members)))
    audit.record(tx, action=audit_as, object_kind="case", object_id=case.id, client=client)
    return forms


_OWNERS: dict[str, Callable[[Tx, str], str]] = {
    "message": lambda tx, rid: message_store.get_message(tx, rid).case_id,
    "intervention": lambda tx, rid: advocacy_store.get_intervention(tx, rid).case_id,
    "application": lambda tx, rid: advocacy_store.get_application(tx, rid).case_id,
}


def case_of(tx: Tx, actor: Actor, kind: str, record_id: str) -> str:
    """The case a record belongs to, if the user may see it; one answer for 'no such record'
    and 'not yours', so that a refusal reveals nothing."""
    try:
        case_id = _OWNERS[kind](tx, record_id)
        require_case(tx, actor, case_id)
    except NotFound:
        raise NotFound(f"no {kind} with id {record_id}") from None
    return case_id
