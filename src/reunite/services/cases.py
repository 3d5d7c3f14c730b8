"""Opening, updating and closing cases."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from reunite.domain.access import Actor
from reunite.domain.cases import Case, CaseStatus, Priority
from reunite.domain.ids import new_id
from reunite.domain.persons import Person
from reunite.errors import InvalidInput
from reunite.services import audit
from reunite.services.access import visible_cases
from reunite.services.checks import day_not_in_future, text_field
from reunite.store import cases as store
from reunite.store.persons import get_persons, require_persons
from reunite.store.registry import Tx


def open_case(tx: Tx, *, searchers: Sequence[str], sought: Sequence[str], organisation: str,
              assignee: str = "", priority: Priority = Priority.NORMAL, summary: str = "",
              opened_on: date | None = None, others: Sequence[str] = ()) -> Case:
    require_persons(tx, [*searchers, *sought, *others])
    opened = opened_on or tx.today
    day_not_in_future(opened, tx.today, "opening date")
    case = Case(new_id("case"), CaseStatus.OPEN, priority,
                text_field(organisation, "organisation", 200), text_field(assignee or tx.actor,
                                                                          "assignee", 100),
                opened, tuple(dict.fromkeys(searchers)), tuple(dict.fromkeys(sought)),
                tuple(dict.fromkeys(others)), text_field(summary, "summary"))
    store.insert_case(tx, case)
    return case


def set_status(tx: Tx, *, case_id: str, status: CaseStatus) -> Case:
    case = store.get_case(tx, case_id)
    if status is CaseStatus.CLOSED:
        raise InvalidInput("use `case close` with a reason to close a case")
    updated = dataclasses.replace(case, status=status, closed_on=None, close_reason="")
    store.update_case(tx, updated, ["status"])
    return updated


def close_case(tx: Tx, *, case_id: str, reason: str, on: date | None = None) -> Case:
    case = store.get_case(tx, case_id)
    if case.status is CaseStatus.CLOSED:
        raise InvalidInput(f"case {case_id} is already closed (on {case.closed_on})")
    if not reason.strip():
        raise InvalidInput("closing a case needs a reason")
    closed = on or tx.today
    day_not_in_future(closed, tx.today, "closing date")
    if closed < case.opened_on:
        raise InvalidInput(f"closing date {closed} is before the case was opened "
                           f"({case.opened_on})")
    updated = dataclasses.replace(case, status=CaseStatus.CLOSED, closed_on=closed,
                                  close_reason=text_field(reason, "reason"))
    store.update_case(tx, updated, ["status", "closed_on", "close_reason"])
    return updated


def get_case(tx: Tx, *, case_id: str) -> Case:
    return store.get_case(tx, case_id)


@dataclass(frozen=True)
class CaseList:
    cases: tuple[Case, ...]
    people: dict[str, Person]  # the searchers and sought persons of those cases


def case_list(tx: Tx, actor: Actor, *, status: CaseStatus | None = None,
              client: str = "") -> CaseList:
    """The cases the user may see (optionally of one status), with their searchers and sought
    persons; the read is audited."""
    found = [c for c in visible_cases(tx, actor) if status is None or c.status is status]
    people = get_persons(tx, sorted({p for c in found for p in (*c.searchers, *c.sought)}))
    audit.record(tx, action="read", object_kind="case_list", client=client,
                 detail=f"status {status.value}" if status else "")
    return CaseList(tuple(found), people)
