"""Search as a signed-in user sees it: the door in front of :mod:`reunite.services.search`.

The query is audited (sealed like other personal text). A hit on a person of a case the user
may not see keeps its place and score but carries no person: the page can say that a
possible match exists elsewhere, and nothing of who it is leaves this function.
"""

from __future__ import annotations

from dataclasses import dataclass

from reunite.domain.access import Actor, Permission
from reunite.domain.dates import BirthDate
from reunite.domain.persons import Sex
from reunite.errors import NotFound
from reunite.services import audit
from reunite.services.access import visible_person_ids
from reunite.services.search import SearchHit, search_persons
from reunite.store.registry import Tx


@dataclass(frozen=True)
class Found:
    score: float
    hit: SearchHit | None  # None: a person of a case held by another team


def find_persons(tx: Tx, actor: Actor, *, name: str, sex: Sex | None = None,
                 birth: BirthDate | None = None, limit: int = 20,
                 client: str = "") -> list[Found]:
    if not actor.may(Permission.SEARCH):
        raise NotFound("no search")
    hits = search_persons(tx, name=name, sex=sex, birth=birth, limit=limit)
    visible = ({h.person.id for h in hits} if actor.sees_all_cases
               else visible_person_ids(tx, actor))
    audit.record(tx, action="search", object_kind="person", client=client, detail=name)
    return [Found(h.score, h if h.person.id in visible else None) for h in hits]
