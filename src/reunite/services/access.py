"""Need-to-know: which cases and persons a signed-in user may see, and grants.

A record the user may not see is reported exactly like one that does not exist, so that a
forbidden request reveals nothing.
"""

from __future__ import annotations

from sqlalchemy import select

from reunite.domain.access import Actor, Permission, may_see_case
from reunite.domain.cases import Case
from reunite.errors import InvalidInput, NotFound
from reunite.store import accounts as account_store
from reunite.store import cases as case_store
from reunite.store.persons import require_persons
from reunite.store.registry import Tx
from reunite.store.tables import case_persons


def visible_cases(tx: Tx, actor: Actor) -> list[Case]:
    if not actor.may(Permission.CASE_READ):
        return []
    found = case_store.get_cases(tx)
    if actor.sees_all_cases:
        return found
    teams = account_store.teams_of(tx, sorted({c.assignee for c in found}))
    grants = account_store.grants_of_case(tx, [c.id for c in found])
    return [c for c in found if may_see_case(actor, assignee=c.assignee,
                                             assignee_team=teams.get(c.assignee, ""),
                                             granted_to=grants.get(c.id, set()))]


def require_case(tx: Tx, actor: Actor, case_id: str) -> Case:
    found = case_store.get_cases(tx, [case_id])
    if found and _visible(tx, actor, found[0]):
        return found[0]
    raise NotFound(f"no case with id {case_id}")


def _visible(tx: Tx, actor: Actor, case: Case) -> bool:
    teams = account_store.teams_of(tx, [case.assignee])
    grants = account_store.grants_of_case(tx, [case.id])
    return may_see_case(actor, assignee=case.assignee, assignee_team=teams.get(case.assignee, ""),
                        granted_to=grants.get(case.id, set()))


def visible_person_ids(tx: Tx, actor: Actor) -> set[str]:
    """Persons who are members of a case the user may see."""
    case_ids = [c.id for c in visible_cases(tx, actor)]
    rows = tx.conn.execute(select(case_persons.c.person_id)
                           .where(case_persons.c.case_id.in_(case_ids)))
    return {r.person_id for r in rows}


def require_person(tx: Tx, actor: Actor, person_id: str) -> None:
    if actor.may(Permission.CASE_READ) and (
            actor.sees_all_cases or person_id in visible_person_ids(tx, actor)):
        require_persons(tx, [person_id])
        return
    raise NotFound(f"no person with id {person_id}")


def grant_case(tx: Tx, actor: Actor, *, case_id: str, username: str) -> None:
    require_case(tx, actor, case_id)
    user = account_store.find_user(tx, username.strip())
    if user is None:
        raise InvalidInput(f"no user named {username!r}")
    if case_id in {c for c, names in account_store.grants_of_case(tx, [case_id]).items()
                   if user.username in names}:
        raise InvalidInput(f"{user.username} already has access to this case")
    account_store.insert_grant(tx, case_id, user.id)
