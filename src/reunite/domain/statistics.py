"""Small-cell suppression: aggregate figures that cannot single anyone out.

Counts from 1 to ``MIN_CELL - 1`` are suppressed (shown as "fewer than 5", never as the
number), and when a table would have exactly one suppressed cell the next smallest is
suppressed too, so that it cannot be recovered by subtracting the others from the total. A
total below ``MIN_CELL`` is suppressed as well. Zero is shown: it singles nobody out.

Monthly interventions are two counts per month (sent, and of those, unanswered): a month's
unanswered count and its share are shown only when both the unanswered and the answered count
reach ``MIN_CELL``, since either one follows from the other and the number sent.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

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
    key: str  # stable name (file names, CSV)
    title: str  # English, the catalogue entry
    cells: tuple[Cell, ...]
    total: int | None  # None: suppressed
    coded: bool = True  # the labels are vocabulary codes (translated when shown)

    @property
    def suppressed(self) -> int:
        return sum(c.count is None for c in self.cells)


def _small(n: int) -> bool:
    return 0 < n < MIN_CELL


def suppress(key: str, title: str, counts: Counter[str], *, coded: bool = True,
             order: Iterable[str] | None = None) -> Table:
    """``counts`` as a table with small cells suppressed; ``order`` fixes the row order
    (default: by label)."""
    small = {k for k, n in counts.items() if _small(n)}
    if len(small) == 1 and len(counts) > 1:
        rest = sorted((n, k) for k, n in counts.items() if k not in small)
        small.add(rest[0][1])
    total = sum(counts.values())
    labels = list(order) if order is not None else sorted(counts)
    cells = tuple(Cell(k, None if k in small else counts.get(k, 0)) for k in labels)
    return Table(key, title, cells, None if _small(total) else total, coded)


@dataclass(frozen=True)
class Month:
    month: str  # YYYY-MM
    sent: int | None  # None: suppressed
    unanswered: int | None  # None: suppressed (or the month's sent count is)

    @property
    def share_unanswered(self) -> float | None:
        if self.sent is None or self.unanswered is None or self.sent == 0:
            return None
        return self.unanswered / self.sent


def suppress_months(sent: Counter[str], unanswered: Counter[str]) -> tuple[Month, ...]:
    """One row per month from the first to the last (months without any are shown as 0)."""
    if not sent:
        return ()
    shown = {c.label: c.count for c in suppress("sent", "", sent).cells}
    first, last = min(sent), max(sent)
    months = []
    year, month = int(first[:4]), int(first[5:])
    while f"{year:04d}-{month:02d}" <= last:
        key = f"{year:04d}-{month:02d}"
        count = shown.get(key, 0)
        open_ = unanswered.get(key, 0)
        answered = sent.get(key, 0) - open_
        safe = count is not None and not _small(open_) and not _small(answered)
        months.append(Month(key, count, open_ if safe else None))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return tuple(months)
