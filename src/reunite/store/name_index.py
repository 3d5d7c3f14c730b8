"""The persistent name index: keyed hashes of name keys, never the names themselves."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from sqlalchemy import and_, case, delete, func, insert, or_, select

from reunite.domain.persons import Person
from reunite.match.keys import person_keys
from reunite.store.registry import Tx
from reunite.store.tables import name_index, persons


def index_person(tx: Tx, person: Person) -> None:
    tx.conn.execute(delete(name_index).where(name_index.c.person_id == person.id))
    rows = [{"person_id": person.id, "role": role, "kind": kind,
             "digest": tx.vault.blind_index(f"name-{kind}", value)}
            for role, kind, value in sorted(person_keys(person))]
    if rows:
        tx.conn.execute(insert(name_index), rows)


def rebuild(tx: Tx, progress: Callable[[int, int], None] | None = None,
            batch: int = 500) -> int:
    """Re-index every person (after an upgrade, or a change of the name model)."""
    from reunite.store.persons import get_persons

    ids = list(tx.conn.scalars(select(persons.c.id).order_by(persons.c.id)))
    for start in range(0, len(ids), batch):
        for person in get_persons(tx, ids[start:start + batch]).values():
            index_person(tx, person)
        if progress is not None:
            progress(min(start + batch, len(ids)), len(ids))
    return len(ids)


def candidates(tx: Tx, keys: Iterable[tuple[str, str]],
               role: str | None = None) -> dict[str, set[str]]:
    """Persons sharing any of the (kind, value) keys, in a name part of ``role`` (given or
    father) when it is given: person id -> the kinds shared."""
    digests = {tx.vault.blind_index(f"name-{kind}", value): kind for kind, value in keys}
    if not digests:
        return {}
    found: dict[str, set[str]] = {}
    query = (select(name_index.c.person_id, name_index.c.digest)
             .where(name_index.c.digest.in_(list(digests))))
    if role is not None:
        query = query.where(name_index.c.role == role)
    rows = tx.conn.execute(query)
    for person_id, digest in rows:
        found.setdefault(person_id, set()).add(digests[bytes(digest)])
    return found


def shared_by_all(tx: Tx, parts: list[tuple[Iterable[tuple[str, str]], str | None]]
                  ) -> dict[str, int]:
    """Persons who share some key of every part ((kind, value) keys, in a name part of the
    role when one is given): person id -> how many index rows matched. Counted in the
    database, so a common name's tens of thousands of rows never reach Python."""
    conditions = []
    for keys, role in parts:
        digests = [tx.vault.blind_index(f"name-{kind}", value) for kind, value in keys]
        if not digests:
            return {}
        condition = name_index.c.digest.in_(digests)
        conditions.append(condition if role is None
                          else and_(condition, name_index.c.role == role))
    query = (select(name_index.c.person_id, func.count())
             .where(or_(*conditions))
             .group_by(name_index.c.person_id)
             .having(and_(*(func.max(case((c, 1), else_=0)) == 1 for c in conditions))))
    return {person_id: int(count) for person_id, count in tx.conn.execute(query)}
