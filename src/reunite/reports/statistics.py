"""Aggregate figures for researchers and advocates, that cannot single anyone out.

Counts below ``MIN_CELL`` are suppressed ("fewer than 5"), and when a table would have exactly
one suppressed cell, the next smallest is suppressed too, so that it cannot be recovered by
subtracting the others from the total. Names never enter these tables; places enter only as
prefecture-level divisions resolved from the gazetteer.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from reunite.errors import ReuniteError
from reunite.places.gazetteer import by_code
from reunite.places.resolve import find_place
from reunite.store import cases as case_store
from reunite.store import events as event_store
from reunite.store.persons import get_persons
from reunite.store.registry import Tx

MIN_CELL = 5


@dataclass(frozen=True)
class Cell:
    label: str
    count: int | None  # None: suppressed

    @property
    def shown(self) -> str:
        return str(self.count) if self.count is not None else f"<{MIN_CELL}"


@dataclass(frozen=True)
class Table:
    title: str
    cells: tuple[Cell, ...]
    total: int | None


def suppress(title: str, counts: Counter[str]) -> Table:
    small = {k for k, n in counts.items() if 0 < n < MIN_CELL}
    if len(small) == 1 and len(counts) > 1:
        rest = sorted((n, k) for k, n in counts.items() if k not in small)
        small.add(rest[0][1])
    total = sum(counts.values())
    cells = tuple(Cell(k, None if k in small else n) for k, n in sorted(counts.items()))
    return Table(title, cells, total if total >= MIN_CELL else None)


def _prefecture(hometown: str) -> str:
    if not hometown.strip():
        return "unknown"
    try:
        place = find_place(hometown).place
    except ReuniteError:  # an unreadable place is counted as unknown, never shown as written
        return "unknown"
    if place is None or place.kind == "country":
        return "unknown" if place is None else "abroad"
    prefecture = by_code().get(place.code[:4] + "00")
    return (prefecture or place).name


def statistics(tx: Tx) -> list[Table]:
    cases = case_store.get_cases(tx)
    sought_ids = sorted({p for c in cases for p in c.sought})
    people = get_persons(tx, sought_ids)
    tables = [
        suppress("Cases by status", Counter(c.status.value for c in cases)),
        suppress("Cases by year opened", Counter(str(c.opened_on.year) for c in cases)),
        suppress("Sought persons by status", Counter(p.status.value for p in people.values())),
        suppress("Sought persons by sex", Counter(p.sex.value for p in people.values())),
        suppress("Sought persons by hometown (prefecture)",
                 Counter(_prefecture(p.hometown) for p in people.values())),
    ]
    events = event_store.get_events(tx, person_ids=sought_ids) if sought_ids else []
    tables.append(suppress("Events concerning sought persons, by kind",
                           Counter(e.kind.value for e in events)))
    return tables
