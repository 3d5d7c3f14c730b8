"""The persistent name index: keyed hashes of name keys, never the names themselves."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Select, and_, case, delete, func, insert, or_, select

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


@dataclass(frozen=True)
class Hint:
    """What a search knows beyond names, to rank candidates in the database: the sex (a
    Sex value, or None) and birth years (None when unknown)."""

    sex: str | None = None
    years: tuple[int, int] | None = None


def shared_by_all(tx: Tx, parts: list[tuple[Iterable[tuple[str, str]], str | None]],
                  hint: Hint = Hint(), limit: int | None = None) -> dict[str, int]:
    """Persons who share some key of every part ((kind, value) keys, in a name part of the
    role when one is given): person id -> how many index rows matched. Counted in the
    database, so a common name's tens of thousands of rows never reach Python; with
    ``limit``, only the best ranked (see `_ranked`)."""
    conditions = []
    for keys, role in parts:
        digests = [tx.vault.blind_index(f"name-{kind}", value) for kind, value in keys]
        if not digests:
            return {}
        condition = name_index.c.digest.in_(digests)
        conditions.append(condition if role is None
                          else and_(condition, name_index.c.role == role))
    query = (select(name_index.c.person_id, func.count().label("shared"))
             .where(or_(*conditions))
             .group_by(name_index.c.person_id))
    if len(conditions) > 1:
        query = query.having(and_(*(func.max(case((c, 1), else_=0)) == 1
                                    for c in conditions)))
    if limit is not None:
        query = _ranked(query, hint, limit)
    return {person_id: int(count) for person_id, count in tx.conn.execute(query)}


def _ranked(grouped: Select[tuple[str, int]], hint: Hint,
            limit: int) -> Select[tuple[str, int]]:
    """The ``limit`` best of grouped (person id, shared rows): twice the rows shared, plus
    agreement of the sex and birth years stored in clear (+2 same sex, -4 other; +4 birth
    ranges overlap, +2 within two years, -4 farther), as the search ranks before opening."""
    g = grouped.subquery()
    rank = g.c.shared * 2
    if hint.sex is not None:
        rank = rank + case((persons.c.sex == hint.sex, 2), (persons.c.sex == "U", 0),
                           else_=-4)
    if hint.years is not None:
        low, high = date(hint.years[0], 1, 1), date(hint.years[1], 12, 31)
        near_low, near_high = date(hint.years[0] - 2, 1, 1), date(hint.years[1] + 2, 12, 31)
        known = and_(persons.c.birth_min.is_not(None), persons.c.birth_max.is_not(None))
        rank = rank + case(
            (and_(known, persons.c.birth_max >= low, persons.c.birth_min <= high), 4),
            (and_(known, persons.c.birth_max >= near_low, persons.c.birth_min <= near_high), 2),
            (known, -4), else_=0)
    return (select(g.c.person_id, g.c.shared)
            .join(persons, persons.c.id == g.c.person_id)
            .order_by(rank.desc(), g.c.person_id)
            .limit(limit))
