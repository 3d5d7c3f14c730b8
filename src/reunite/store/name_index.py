"""The persistent name index: keyed hashes of name keys, never the names themselves."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Select, and_, case, delete, func, insert, or_, select

from reunite.domain.persons import Person
from reunite.match.keys import person_keys
from reunite.store.registry import Tx
from reunite.store.tables import name_index


def index_person(tx: Tx, person: Person) -> None:
    tx.conn.execute(delete(name_index).where(name_index.c.person_id == person.id))
    facts = {"sex": person.sex.value,
             "birth_min": person.birth.earliest if person.birth else None,
             "birth_max": person.birth.latest if person.birth else None}
    rows = [{"person_id": person.id, "role": role, "kind": kind,
             "digest": tx.vault.blind_index(f"name-{kind}", value), **facts}
            for role, kind, value in sorted(person_keys(person))]
    if rows:
        tx.conn.execute(insert(name_index), rows)


Facts = tuple[str, date | None, date | None]  # sex, birth_min, birth_max: stored in clear


def candidates(tx: Tx, keys: Iterable[tuple[str, str]],
               role: str | None = None) -> dict[str, tuple[int, Facts]]:
    """Persons sharing any of the (kind, value) keys, in a name part of ``role`` (given,
    father or pair) when it is given: person id -> (how many index rows matched, and the sex
    and birth range stored in clear, read in the same query to rank them before any is
    opened). Counted in the database: a common pair's bearers match several rows each."""
    digests = _digests(tx, keys)
    if not digests:
        return {}
    query = select(name_index.c.person_id, func.count(), func.max(name_index.c.sex),
                   func.max(name_index.c.birth_min), func.max(name_index.c.birth_max)).where(
        name_index.c.digest.in_(digests))
    if role is not None:
        query = query.where(name_index.c.role == role)
    return {person_id: (int(shared), (sex, low, high))
            for person_id, shared, sex, low, high
            in tx.conn.execute(query.group_by(name_index.c.person_id))}


def _digests(tx: Tx, keys: Iterable[tuple[str, str]]) -> list[bytes]:
    return [tx.vault.blind_index(f"name-{kind}", value) for kind, value in keys]


def rows(tx: Tx, keys: Iterable[tuple[str, str]], limit: int, role: str | None = None) -> int:
    """How many index rows hold any of the (kind, value) keys (in a part of ``role`` when
    given), counted up to ``limit``: how common a name is, without reading a common name's
    tens of thousands of rows."""
    digests = _digests(tx, keys)
    return _count(tx, digests, role, limit) if digests else 0


def sharing_each(tx: Tx, parts: list[tuple[Iterable[tuple[str, str]], str]],
                 common: int) -> dict[str, int] | None:
    """Persons who share some key of every part ((kind, value) keys, in a name part of the
    part's role): person id -> the rows matched of the rarest part. The rarest part's rows
    are read and each of their persons is checked for the other parts through the primary
    key, so a common name's rows are never read; None when every part has ``common`` rows
    or more (the search would not be narrowed)."""
    keyed = [(_digests(tx, keys), role) for keys, role in parts]
    if any(not digests for digests, _ in keyed):
        return {}
    counts = [_count(tx, digests, role, common) for digests, role in keyed]
    rarest = min(range(len(keyed)), key=counts.__getitem__)
    if counts[rarest] >= common:
        return None
    digests, role = keyed[rarest]
    query = select(name_index.c.person_id, func.count()).where(
        name_index.c.digest.in_(digests), name_index.c.role == role)
    for k, (others, other_role) in enumerate(keyed):
        if k != rarest:
            other = name_index.alias()
            query = query.where(select(other.c.person_id).where(
                other.c.person_id == name_index.c.person_id, other.c.role == other_role,
                other.c.digest.in_(others)).exists())
    query = query.group_by(name_index.c.person_id)
    return {person_id: int(n) for person_id, n in tx.conn.execute(query)}


def _count(tx: Tx, digests: list[bytes], role: str | None, limit: int) -> int:
    found = select(name_index.c.person_id).where(name_index.c.digest.in_(digests))
    if role is not None:
        found = found.where(name_index.c.role == role)
    return int(tx.conn.scalar(select(func.count()).select_from(found.limit(limit).subquery()))
               or 0)


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
        digests = _digests(tx, keys)
        if not digests:
            return {}
        condition = name_index.c.digest.in_(digests)
        conditions.append(condition if role is None
                          else and_(condition, name_index.c.role == role))
    query = (select(name_index.c.person_id, func.count().label("shared"),
                    func.max(name_index.c.sex).label("sex"),
                    func.max(name_index.c.birth_min).label("birth_min"),
                    func.max(name_index.c.birth_max).label("birth_max"))
             .where(or_(*conditions))
             .group_by(name_index.c.person_id))
    if len(conditions) > 1:
        query = query.having(and_(*(func.max(case((c, 1), else_=0)) == 1
                                    for c in conditions)))
    if limit is not None:
        query = _ranked(query, hint, limit)
    return {row[0]: int(row[1]) for row in tx.conn.execute(query)}


def _ranked(grouped: Select[Any], hint: Hint, limit: int) -> Select[Any]:
    """The ``limit`` best of grouped (person id, shared rows): twice the rows shared, plus
    agreement of the sex and birth years stored in clear (+2 same sex, -4 other; +4 birth
    ranges overlap, +2 within two years, -4 farther), as the search ranks before opening.
    The index rows carry those facts, so no row of persons is read."""
    g = grouped.subquery()
    rank = g.c.shared * 2
    if hint.sex is not None:
        rank = rank + case((g.c.sex == hint.sex, 2), (g.c.sex == "U", 0),
                           else_=-4)
    if hint.years is not None:
        low, high = date(hint.years[0], 1, 1), date(hint.years[1], 12, 31)
        near_low, near_high = date(hint.years[0] - 2, 1, 1), date(hint.years[1] + 2, 12, 31)
        known = and_(g.c.birth_min.is_not(None), g.c.birth_max.is_not(None))
        rank = rank + case(
            (and_(known, g.c.birth_max >= low, g.c.birth_min <= high), 4),
            (and_(known, g.c.birth_max >= near_low, g.c.birth_min <= near_high), 2),
            (known, -4), else_=0)
    return (select(g.c.person_id, g.c.shared)
            .order_by(rank.desc(), g.c.person_id)
            .limit(limit))
