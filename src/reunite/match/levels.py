"""Comparison levels of many candidate pairs at once (numpy), the same as `compare` gives.

Records become integer columns (word ids, birth years, day numbers, sex, place and document
ids). Each distinct pair of names, places or document numbers is compared once, by the same
functions as `compare`; the result is spread to every candidate pair that has it. A file of a
hundred thousand records repeats a few thousand names, so this turns millions of Python
comparisons into a few thousand.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from multiprocessing import get_all_start_methods, get_context
from typing import Any

import numpy as np
import numpy.typing as npt

from reunite.match.comparisons import (
    BIRTH_INSIDE,
    NAME_LEVELS,
    SLIP_APART,
    SLIP_RANK,
    document_level,
    word_level,
)
from reunite.match.features import Features, name_feature
from reunite.names.compare import canonical, may_have_suffix

Ints = npt.NDArray[np.signedinteger[Any]]  # int64, or int32 for record indices


@dataclass(frozen=True)
class Columns:
    """The matcher's view of a set of records, one integer per record and field."""

    given: Ints  # word id, 0 when unknown
    father: Ints
    words: list[str]  # word id -> word (index 0: "")
    lo: Ints  # birth year range, -1 when unknown
    hi: Ints
    day: Ints  # birth day number when exact, else -1
    earliest: Ints  # day numbers of the birth range, -1 when unknown
    latest: Ints
    sex: Ints  # 0 unknown, 1 M, 2 F
    place: Ints  # place set id, 0 when unknown
    places: list[frozenset[str]]
    document: Ints  # document number id, 0 when unknown
    documents: list[str]
    first: Ints  # word id -> id of its first name-table entry (0: not in the table)
    only: Ints  # word id -> id of its entry when it has exactly one (else 0)
    suffixed: npt.NDArray[np.bool_]  # word id -> may end in an optional suffix
    known: Memo = field(default_factory=lambda: Memo())  # word pairs compared so far


def _word_columns(words: list[str]) -> tuple[Ints, Ints, npt.NDArray[np.bool_]]:
    entries: dict[str, int] = {"": 0}
    first, only, suffixed = [0], [0], [False]
    for word in words[1:]:
        found = canonical(word) if name_feature(word).word else ()
        ids = [entries.setdefault(e.uly, len(entries)) for e in found]
        first.append(ids[0] if ids else 0)
        only.append(ids[0] if len(ids) == 1 else 0)
        suffixed.append(bool(found) and may_have_suffix(word))
    return (np.array(first, np.int64), np.array(only, np.int64), np.array(suffixed, np.bool_))


def columns(records: Sequence[Features]) -> Columns:
    words: dict[str, int] = {"": 0}
    places: dict[frozenset[str], int] = {frozenset(): 0}
    documents: dict[str, int] = {"": 0}

    def ids(values: list[str | frozenset[str]], table: dict) -> Ints:  # type: ignore[type-arg]
        return np.fromiter((table.setdefault(v, len(table)) for v in values), np.int64,
                           len(values))

    given = ids([r.given.word for r in records], words)
    father = ids([r.father.word for r in records], words)
    place = ids([r.place for r in records], places)
    document = ids([r.record.document for r in records], documents)
    lo = np.array([r.years[0] if r.years else -1 for r in records], np.int64)
    hi = np.array([r.years[1] if r.years else -1 for r in records], np.int64)
    day = np.array([r.record.birth_min.toordinal()
                    if r.record.birth_min is not None and r.record.birth_min == r.record.birth_max
                    else -1 for r in records], np.int64)
    # (years are known exactly when both ends of the range are)
    earliest = np.array([r.record.birth_min.toordinal() if r.years and r.record.birth_min
                         else -1 for r in records], np.int64)
    latest = np.array([r.record.birth_max.toordinal() if r.years and r.record.birth_max
                       else -1 for r in records], np.int64)
    sex = np.array([{"M": 1, "F": 2}.get(r.record.sex, 0) for r in records], np.int64)
    word_list = list(words)
    return Columns(given, father, word_list, lo, hi, day, earliest, latest, sex, place,
                   list(places), document, list(documents), *_word_columns(word_list))


UNIX_DAY = 719_163  # date(1970, 1, 1).toordinal(): numpy's day 0


def birth_kinds(c: Columns) -> tuple[int, int, int]:
    """Dated records by the kind of their birth range: an exact day; months or years of
    the calendar (from the first of a month to the last day of a month); other windows
    (an age stated at a date)."""
    dated = c.earliest >= 0
    first = (c.earliest[dated] - UNIX_DAY).astype("datetime64[D]")
    after = (c.latest[dated] + 1 - UNIX_DAY).astype("datetime64[D]")
    exact = c.earliest[dated] == c.latest[dated]
    calendar = ~exact & (first == first.astype("datetime64[M]")) & (
        after == after.astype("datetime64[M]"))
    n_exact, n_calendar = int(exact.sum()), int(calendar.sum())
    return n_exact, n_calendar, int(dated.sum()) - n_exact - n_calendar


PARALLEL_FROM = 20_000  # distinct pairs worth sharing out among processes
PARENT_SHARE = 1.1  # this process's share of the pairs, relative to an equal share
_columns: Columns | None = None  # what forked workers compare


def _compare_words(words: list[str], pairs: list[tuple[int, int]]) -> list[int]:
    # not remembered here: the Memo asks for each distinct pair once per run
    compare = word_level.__wrapped__
    return [compare(words[i], words[j]) for i, j in pairs]


def _word_chunk(chunk: list[tuple[int, int]]) -> list[int]:
    assert _columns is not None
    return _compare_words(_columns.words, chunk)


class NamePool:
    """Processes that compare pairs of name words, forked once for a whole run: they keep
    the name readings they worked out from one chunk of pairs to the next (the levels
    themselves are the parent's Memo's to remember), and only word ids and levels
    cross between them (they inherit the columns). This process compares its share too,
    so ``workers`` processes in all means workers - 1 forked (each forked worker copies
    the pages of the parent's objects it touches, a few hundred MB at a million records).
    Without fork, or with one worker, names are compared in this process alone."""

    def __init__(self, cols: Columns, workers: int) -> None:
        global _columns
        self.cols, self.workers = cols, workers
        self.pool = None
        if workers > 1 and "fork" in get_all_start_methods():
            _columns = cols
            # the parent's objects out of the collector's reach before forking, so that a
            # worker's collections do not write to (and so copy) every page it inherited
            gc.freeze()
            self.pool = get_context("fork").Pool(workers - 1)

    def word_levels(self, pairs: list[tuple[int, int]]) -> list[int]:
        if self.pool is None or len(pairs) < PARALLEL_FROM:
            return _compare_words(self.cols.words, pairs)
        # this process's share, compared while they work: a little more than an equal
        # share, as a forked worker also pays for pickling and copied pages (at a million
        # records an equal share left this process waiting 1.7 s of 8)
        mine = int(len(pairs) * min(1.0, PARENT_SHARE / self.workers))
        rest = pairs[mine:]
        size = -(-len(rest) // ((self.workers - 1) * 8))
        pending = self.pool.map_async(_word_chunk,
                                      [rest[k:k + size] for k in range(0, len(rest), size)])
        here = _compare_words(self.cols.words, pairs[:mine])
        return here + [v for part in pending.get() for v in part]

    def close(self) -> None:
        global _columns
        if self.pool is not None:
            self.pool.close()
            self.pool.join()
            self.pool = None
            gc.unfreeze()
        _columns = None

    def __enter__(self) -> NamePool:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


class Memo:
    """Results of compare by pair key, kept across the chunks of a run: worker processes
    forget what they compared, and the same pairs of common spellings recur in every chunk
    (at a million records, 3.9 million comparisons chunk by chunk, 1.4 million distinct)."""

    def __init__(self) -> None:
        self.keys = np.empty(0, np.int64)  # sorted
        self.values = np.empty(0, np.int64)

    def find(self, keys: Ints) -> tuple[Ints, npt.NDArray[np.bool_]]:
        """The values of the keys known, and which keys are known."""
        at = np.searchsorted(self.keys, keys)
        inside = at < len(self.keys)
        found = np.zeros(len(keys), np.bool_)
        found[inside] = self.keys[at[inside]] == keys[inside]
        values = np.full(len(keys), -1, np.int64)
        values[found] = self.values[at[found]]
        return values, found

    def add(self, keys: Ints, values: Ints) -> None:
        merged = np.concatenate([self.keys, keys])
        order = np.argsort(merged, kind="stable")
        self.keys, self.values = merged[order], np.concatenate([self.values, values])[order]


def _by_distinct(x: Ints, y: Ints, compare: Callable[[list[tuple[int, int]]], list[int]],
                 memo: Memo | None = None, width: int = 0) -> Ints:
    """compare over every pair (x[k], y[k]), computed once per distinct (unordered) pair;
    with a ``memo`` (its keys: small id x ``width`` + large id), once per run."""
    out = np.full(len(x), -1, np.int64)
    known = (x > 0) & (y > 0)
    if not known.any():
        return out
    small, large = np.minimum(x[known], y[known]), np.maximum(x[known], y[known])
    width = width or int(large.max()) + 1
    distinct, inverse = np.unique(small * width + large, return_inverse=True)
    values, found = memo.find(distinct) if memo is not None else (
        np.full(len(distinct), -1, np.int64), np.zeros(len(distinct), np.bool_))
    new = distinct[~found]
    pairs = list(zip((new // width).tolist(), (new % width).tolist(), strict=True))
    values[~found] = np.array(compare(pairs), np.int64)
    if memo is not None and len(new):
        memo.add(new, values[~found])
    out[known] = values[inverse]
    return out


@dataclass(frozen=True)
class Levels:
    table: npt.NDArray[np.int8]  # one row per pair, one column per comparison field
    swapped: npt.NDArray[np.bool_]


def pair_levels(c: Columns, a: Ints, b: Ints, workers: int | NamePool = 1) -> Levels:
    """Levels of the pairs (a[k], b[k]); name pairs are compared in ``workers`` processes
    (or in a pool of them kept for the run)."""
    pool = workers if isinstance(workers, NamePool) else NamePool(c, workers)
    try:
        return _pair_levels(c, a, b, pool)
    finally:
        if pool is not workers:
            pool.close()


def _pair_levels(c: Columns, a: Ints, b: Ints, pool: NamePool) -> Levels:
    def names(x: Ints, y: Ints) -> Ints:
        """word_level of each pair; the same word or table entry, and two words of
        different single table entries without a suffix, are settled without comparing."""
        out = np.full(len(x), -1, np.int64)
        known = (x > 0) & (y > 0)
        same = known & ((x == y) | ((c.first[x] > 0) & (c.first[x] == c.first[y])))
        apart = (known & ~same & (c.only[x] > 0) & (c.only[y] > 0) & ~c.suffixed[x]
                 & ~c.suffixed[y])
        out[same], out[apart] = 3, 0
        rest = known & ~same & ~apart
        out[rest] = _by_distinct(x[rest], y[rest], pool.word_levels, c.known, len(c.words))
        return out

    given = names(c.given[a], c.given[b])
    father = names(c.father[a], c.father[b])
    swapped = np.zeros(len(a), np.bool_)
    maybe = ((_rank(given) < 2) & (c.given[a] > 0) & (c.father[a] > 0) & (c.given[b] > 0)
             & (c.father[b] > 0))
    if maybe.any():
        sa, sb = a[maybe], b[maybe]
        g2, f2 = names(c.given[sa], c.father[sb]), names(c.father[sa], c.given[sb])
        better = (_agree(g2) & _agree(f2)
                  & (g2 + f2 > _rank(given[maybe]) + _rank(father[maybe])))
        where = np.flatnonzero(maybe)[better]
        given[where], father[where], swapped[where] = g2[better], f2[better], True
    lo_a, hi_a, lo_b, hi_b = c.lo[a], c.hi[a], c.lo[b], c.hi[b]
    gap = np.maximum(np.maximum(lo_a - hi_b, lo_b - hi_a), 0)
    ea, la, eb, lb = c.earliest[a], c.latest[a], c.earliest[b], c.latest[b]
    overlap = np.maximum(ea, eb) <= np.minimum(la, lb)
    inside = ((ea <= eb) & (lb <= la)) | ((eb <= ea) & (la <= lb))
    birth = np.where(gap > 2, 0, np.where(overlap, np.where(inside, BIRTH_INSIDE, 2), 1))
    exact = (c.day[a] >= 0) & (c.day[b] >= 0)
    birth = np.where(exact & (birth > 0), np.where(c.day[a] == c.day[b], 3, 4), birth)
    birth = np.where((lo_a < 0) | (lo_b < 0), -1, birth)
    sex = np.where((c.sex[a] == 0) | (c.sex[b] == 0), -1, (c.sex[a] == c.sex[b]).astype(np.int64))
    place = _by_distinct(c.place[a], c.place[b], lambda pairs: [
        int(bool(c.places[i] & c.places[j])) for i, j in pairs])
    document = _by_distinct(c.document[a], c.document[b], lambda pairs: [
        document_level(c.documents[i], c.documents[j]) for i, j in pairs])
    table = np.empty((len(a), 6), np.int8)
    for k, column in enumerate((given, father, birth, sex, place, document)):
        table[:, k] = column
    return Levels(table, swapped)


SAME = NAME_LEVELS[0][1]  # the name level "same name"


def _rank(level: Ints) -> npt.NDArray[np.float64]:
    """`name_rank` of each level."""
    return np.where(level == SLIP_APART, SLIP_RANK, level.astype(np.float64))


def _agree(level: Ints) -> npt.NDArray[np.bool_]:
    """Levels "close" and "same name"."""
    return (level >= 2) & (level <= SAME)


def conflict_rule(c: Columns) -> Callable[[int, int], bool]:
    """`comparisons.conflicting` of two records' levels, worked out from the columns for one
    pair at a time (clustering asks it of hundreds of thousands of pairs that were never
    candidates): different given names (unless the names match in swapped order) or birth
    years more than two years apart, unless both carry the same document number."""
    def level(i: int, j: int) -> int:
        if not i or not j:
            return -1
        if i == j or (c.first[i] > 0 and c.first[i] == c.first[j]):
            return 3
        if c.only[i] > 0 and c.only[j] > 0 and not c.suffixed[i] and not c.suffixed[j]:
            return 0
        return word_level(c.words[i], c.words[j])

    def conflict(x: int, y: int) -> bool:
        if c.document[x] and c.document[x] == c.document[y]:
            return False
        if (c.lo[x] >= 0 and c.lo[y] >= 0
                and max(c.lo[x] - c.hi[y], c.lo[y] - c.hi[x]) > 2):
            return True
        if level(int(c.given[x]), int(c.given[y])) != 0:
            return False
        fx, fy = int(c.father[x]), int(c.father[y])
        return not (fx and fy and 2 <= level(int(c.given[x]), fy) <= SAME
                    and 2 <= level(fx, int(c.given[y])) <= SAME)

    return conflict
