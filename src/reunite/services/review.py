"""What the match review pages show: the queue with the persons it pairs, and one pair
compared field by field. Reviewers (coordinators, administrators) see every case."""

from __future__ import annotations

from dataclasses import dataclass

from reunite.domain.access import Actor, Permission
from reunite.domain.persons import NameKind, Person
from reunite.errors import NotFound
from reunite.services import audit
from reunite.services.dedupe import review_queue
from reunite.services.search import SearchHit, compare_person
from reunite.store import matches as match_store
from reunite.store.matches import Candidate
from reunite.store.persons import get_persons
from reunite.store.registry import Tx


@dataclass(frozen=True)
class Queue:
    candidates: tuple[Candidate, ...]
    people: dict[str, Person]
    status: str


@dataclass(frozen=True)
class Pair:
    candidate: Candidate
    a: Person
    b: Person
    comparison: SearchHit  # b compared with a's names, sex and birth, field by field


def _require_reviewer(actor: Actor) -> None:
    if not actor.may(Permission.REVIEW):
        raise NotFound("no review queue")


def queue(tx: Tx, actor: Actor, *, status: str | None, client: str = "") -> Queue:
    _require_reviewer(actor)
    found = review_queue(tx, status=status)
    people = get_persons(tx, sorted({p for c in found for p in (c.person_a, c.person_b)}))
    audit.record(tx, action="review", object_kind="queue", client=client, detail=status or "")
    return Queue(tuple(found), people, status or "")


def _names(person: Person) -> tuple[str, str]:
    given = next((n.text for n in person.names if n.kind is NameKind.GIVEN), "")
    father = next((n.text for n in person.names if n.kind is NameKind.FATHER), "")
    return given or person.display_name(), father


def pair(tx: Tx, actor: Actor, candidate_id: str, *, client: str = "") -> Pair:
    _require_reviewer(actor)
    candidate = match_store.get(tx, candidate_id)
    people = get_persons(tx, [candidate.person_a, candidate.person_b])
    a, b = people[candidate.person_a], people[candidate.person_b]
    given, father = _names(a)
    comparison = compare_person(b, given=given, father=father, sex=a.sex, birth=a.birth)
    audit.record(tx, action="review", object_kind="match", object_id=candidate_id,
                 client=client)
    return Pair(candidate, a, b, comparison)
