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


def visible_case_ids(tx: Tx, actor: Actor, among: list[str] | None = None) -> list[str]:
    """Ids of the cases (of ``among``, or all) the user may see; nothing is decrypted."""
    if not actor.may(Permission.CASE_READ):
        return []
    assigned = case_store.assignees(tx, among)
    if actor.sees_all_cases:
        return list(assigned)
    teams = account_store.teams_of(tx, sorted(set(assigned.values())))
    grants = account_store.grants_of_case(tx, list(assigned))
    return [cid for cid, who in assigned.items()
            if may_see_case(actor, assignee=who, assignee_team=teams.get(who, ""),
                            granted_to=grants.get(cid, set()))]


def visible_cases(tx: Tx, actor: Actor) -> list[Case]:
    ids = visible_case_ids(tx, actor)
    return case_store.get_cases(tx, ids) if ids else []


def require_case(tx: Tx, actor: Actor, case_id: str) -> Case:
    if visible_case_ids(tx, actor, [case_id]):
        return case_store.get_case(tx, case_id)
    raise NotFound(f"no case with id {case_id}")


def visible_person_ids(tx: Tx, actor: Actor) -> set[str]:
    """Persons who are members of a case the user may see."""
    case_ids = visible_case_ids(tx, actor)
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
