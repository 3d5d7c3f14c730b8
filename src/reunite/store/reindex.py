"""Rebuilding the name index of every person (after an upgrade, or a change of the name
model). Apart from the index itself, so that the index does not import the persons it
indexes."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import select

from reunite.store.name_index import index_person
from reunite.store.persons import get_persons
from reunite.store.registry import Tx
from reunite.store.tables import persons


def rebuild(tx: Tx, progress: Callable[[int, int], None] | None = None,
            batch: int = 500) -> int:
    """Re-index every person, ``batch`` at a time; returns how many."""
    ids = list(tx.conn.scalars(select(persons.c.id).order_by(persons.c.id)))
    for start in range(0, len(ids), batch):
        for person in get_persons(tx, ids[start:start + batch]).values():
            index_person(tx, person)
        if progress is not None:
            progress(min(start + batch, len(ids)), len(ids))
    return len(ids)
