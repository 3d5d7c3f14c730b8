"""Candidate pairs: records that share a blocking key, so that not every pair is compared.

Rules (any one suffices, as Splink's blocking rules combine): the same phonetic key of the
given name and consonant skeleton of the father's name; the reverse; the same pair of
skeletons in either order (this one survives Chinese transcription and swapped order); the
same identity document number, or one slip apart; the same exact birth day and either name.
Inside a block larger than MAX_BLOCK (a common name), records are paired by sorted
neighbourhood, in two passes (as the multi-pass sorted-neighbourhood method does): once
sorted by birth years, once by place then birth years; each record meets the REACH records
that follow it in each order, when their birth years are within WINDOW years of each other or
one of them has none. So a common name costs at most 4 x REACH pairs per record and block
instead of the block's size: at 1,000,000 records the largest block holds 14,101 records and
meeting everyone would make hundreds of millions of pairs. Pairs farther apart in birth years
would be scored as two people anyway; a record without birth year or place among thousands of
namesakes cannot be told from them by any matcher (see bench/linkage_ceiling.py).
"""

from __future__ import annotations

from array import array
from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt
from rapidfuzz.distance.OSA import distance as osa

from reunite.match.features import Features, name_feature

Ints = npt.NDArray[np.signedinteger[Any]]  # int64, or int32 for record indices
MAX_BLOCK = 40
WINDOW = 2
REACH = 12


def keys(f: Features, aliases: Mapping[str, tuple[str, ...]] | None = None) -> set[str]:
    """The record's blocking keys; with ``aliases`` (see `slip_aliases`), also the keys it
    would have with a rare spelling replaced by a common one a slip away."""
    return set(_combo_keys(f.given.word, f.father.word, aliases or {})) | _fact_keys(f)


def _fact_keys(f: Features) -> set[str]:
    """Keys beyond the names: the document number, and the number with one character
    dropped (numbers of six or more: two numbers one slip apart share one); the exact birth
    day with either name (a record whose other name was written differently, or replaced
    by a grandfather's or a nickname)."""
    out: set[str] = set()
    number = f.record.document
    if number:
        out.add("doc:" + number)
        if len(number) >= 6:
            out.update("doc~" + v for v in _variants(number))
    day = f.record.birth_min
    if day is not None and day == f.record.birth_max:
        for name in (f.given, f.father):
            out.update(f"day:{day.isoformat()}|n:{key}" for key in name.keys)
    return out


def _name_keys(given: str, father: str) -> tuple[str, ...]:
    """The keys a pair of names gives (remembered: a file repeats pairs of names)."""
    out: set[str] = set()
    g, fa = name_feature(given), name_feature(father)
    for gs in g.skeletons:
        for fs in fa.skeletons:
            out.add("ss:" + "|".join(sorted((gs, fs))))
        for key in fa.keys:
            out.add(f"fk:{key}|gs:{gs}")
        if not fa.word:
            out.add(f"g-only:{gs}")
    for fs in fa.skeletons:
        for key in g.keys:
            out.add(f"gk:{key}|fs:{fs}")
        if not g.word:
            out.add(f"f-only:{fs}")
    # the coarse keys of both names (vowels by class): spellings that differ in their vowels
    # and in h, y, w (a slip is `slip_aliases`'s). Tried: a coarse key with only the first
    # three letters of the other name's; at 100,000 records it made 1.7 times the candidates
    # (1.87M, not 1.12M) for 0.4 points of their recall, and linked no more true pairs
    for gc in g.coarse:
        for fc in fa.coarse:
            out.add(f"cc:{gc}|{fc}")
    return tuple(sorted(out))


def _combo_keys(given: str, father: str,
                aliases: Mapping[str, tuple[str, ...]]) -> set[str]:
    out = set(_name_keys(given, father))
    for other in aliases.get(given, ()):
        out.update(_name_keys(other, father))
    for other in aliases.get(father, ()):
        out.update(_name_keys(given, other))
    return out


RARE = 2  # a spelling seen at most this often may be a slip...
COMMON = 5  # ...of a spelling seen at least this often, one edit away
MAX_ALIASES = 3


def _variants(key: str) -> set[str]:
    """The key and the key with one letter dropped (two keys one edit apart share one)."""
    return {key} | {key[:i] + key[i + 1:] for i in range(len(key))}


def slip_aliases(records: Sequence[Features]) -> dict[str, tuple[str, ...]]:
    """Rare spellings of names -> common spellings one slip away (a letter added, dropped,
    changed or two swapped, in keys of at least four letters), found through the keys with
    one letter dropped, as spelling correctors do. Blocking then gives a record written with
    a slip ("Ekem Ilham") the keys of the name it slipped from, so it meets its person's
    other records; whether they are one person is the comparison's to say."""
    counts: Counter[str] = Counter()
    for r in records:
        for word in (r.given.word, r.father.word):
            if word:
                counts[word] += 1
    common: dict[str, set[str]] = defaultdict(set)
    for word, count in counts.items():
        if count >= COMMON:
            for key in _spellings(word):
                for variant in _variants(key):
                    common[variant].add(word)
    aliases: dict[str, tuple[str, ...]] = {}
    for word, count in counts.items():
        if count > RARE:
            continue
        own = _spellings(word)
        near = {other for k in own for v in _variants(k) for other in common.get(v, ())}
        found = sorted(other for other in near
                       if any(osa(k, x, score_cutoff=1) <= 1 for k in own
                              for x in _spellings(other)))
        if found:
            aliases[word] = tuple(found[:MAX_ALIASES])
    return aliases


def _spellings(word: str) -> list[str]:
    """A name's phonetic keys and the word as written (lower case), of four letters or more:
    a slip is one edit in either (Muhemsmet is one from Muhemmet as written, two in keys)."""
    return [k for k in {*name_feature(word).keys, word.casefold()} if len(k) >= 4]


def _memberships(records: Sequence[Features]) -> tuple[Ints, Ints]:
    """(block id, record index) of every key of every record, sorted by block then record.

    Keys are kept as 64-bit hashes, not strings (a million records have millions of keys);
    two keys that happened to share a hash would only merge two blocks."""
    aliases = slip_aliases(records)
    combos: dict[tuple[str, str], int] = {}
    combo_keys: list[Ints] = []
    combo_of = np.empty(len(records), np.int64)
    extra_block, extra_member = array("q"), array("q")
    for i, r in enumerate(records):
        pair = (r.given.word, r.father.word)
        combo = combos.get(pair)
        if combo is None:
            combo = combos[pair] = len(combo_keys)
            combo_keys.append(np.array([hash(k) for k in _combo_keys(*pair, aliases)],
                                       np.int64))
        combo_of[i] = combo
        for key in _fact_keys(r):
            extra_block.append(hash(key))
            extra_member.append(i)
    lengths = np.array([len(k) for k in combo_keys], np.int64)
    flat = np.concatenate(combo_keys)
    del combo_keys, combos
    offsets = np.concatenate(([0], np.cumsum(lengths)))
    counts = lengths[combo_of]
    rec = np.repeat(np.arange(len(records), dtype=np.int64), counts)
    within = np.arange(len(rec), dtype=np.int64) - np.repeat(np.cumsum(counts) - counts, counts)
    hashed = flat[offsets[combo_of][rec] + within]
    hashed = np.concatenate((hashed, np.frombuffer(extra_block, np.int64)))
    rec = np.concatenate((rec, np.frombuffer(extra_member, np.int64)))
    order = np.lexsort((rec, hashed))  # by key, then record
    hashed, rec = hashed[order], rec[order]
    del order
    block = np.cumsum(np.concatenate(([False], hashed[1:] != hashed[:-1])), dtype=np.int64)
    return block, rec


class PairSet:
    """Distinct pairs, kept as sorted codes a * n + b in buckets by a: pairs arrive many
    times over (a record's keys give overlapping blocks), and each bucket is made distinct
    whenever its pending codes grow, so the duplicates never pile up in memory."""

    BUCKETS = 64
    PENDING = 500_000

    def __init__(self, n: int) -> None:
        self.n = n
        self.width = max(-(-n // self.BUCKETS), 1)
        self.done: list[Ints] = [np.empty(0, np.int64) for _ in range(self.BUCKETS)]
        self.pending: list[list[Ints]] = [[] for _ in range(self.BUCKETS)]
        self.sizes = [0] * self.BUCKETS

    def add(self, codes: Ints) -> None:
        if not len(codes):
            return
        # (BUCKETS fits a byte: numpy's stable sort of bytes is a radix sort, linear)
        bucket = (codes // self.n // self.width).astype(np.uint8)
        order = np.argsort(bucket, kind="stable")
        codes, bucket = codes[order], bucket[order]
        edges = np.searchsorted(bucket, np.arange(self.BUCKETS + 1))
        for k in np.flatnonzero(np.diff(edges)).tolist():
            part = codes[edges[k]:edges[k + 1]]
            self.pending[k].append(part)
            self.sizes[k] += len(part)
            if self.sizes[k] > self.PENDING:
                self._compact(k)

    def _compact(self, k: int) -> None:
        codes = np.sort(np.concatenate((self.done[k], *self.pending[k])))
        # (np.unique without return_inverse takes a hashing path, ~40x slower than sorting
        # for tens of millions of int64 in numpy 2.4)
        self.done[k] = codes[np.r_[True, codes[1:] != codes[:-1]]] if len(codes) else codes
        self.pending[k], self.sizes[k] = [], 0

    def pairs(self) -> tuple[Ints, Ints]:
        """Every pair once, sorted, as (first, second) arrays (filled bucket by bucket, each
        bucket's codes let go as soon as they are copied)."""
        for k in range(self.BUCKETS):
            self._compact(k)
        total = sum(len(d) for d in self.done)
        small = self.n < 2**31  # record indices in 32 bits: half the memory at a million
        first: Ints = np.empty(total, np.int32) if small else np.empty(total, np.int64)
        second: Ints = np.empty(total, np.int32) if small else np.empty(total, np.int64)
        at = 0
        for k in range(self.BUCKETS):
            codes, self.done[k] = self.done[k], np.empty(0, np.int64)
            first[at:at + len(codes)] = codes // self.n
            second[at:at + len(codes)] = codes % self.n
            at += len(codes)
            del codes
        return first, second


def _window(block: Ints, rec: Ints, lo: Ints, hi: Ints) -> Iterator[Ints]:
    """Pairs (as codes a * n + b) of records at most REACH places apart in this order, in the
    same block, born within WINDOW years of each other or one of unknown birth."""
    n = len(lo)
    for offset in range(1, REACH + 1):
        same = block[offset:] == block[:-offset]
        x, y = rec[:-offset][same], rec[offset:][same]
        near = ((lo[x] < 0) | (lo[y] < 0)
                | ((lo[y] <= hi[x] + WINDOW) & (lo[x] <= hi[y] + WINDOW)))
        x, y = x[near], y[near]
        yield np.minimum(x, y) * n + np.maximum(x, y)


def _neighbours(block: Ints, rec: Ints, lo: Ints, hi: Ints,
                place: Ints) -> Iterator[Ints]:
    """Pairs in large blocks: sorted by birth years (records that have them), then sorted by
    place and birth years (every record)."""
    known = lo[rec] >= 0
    kb, kr = block[known], rec[known]
    by_years = np.lexsort((kr, place[kr], hi[kr], lo[kr], kb))
    by_place = np.lexsort((rec, hi[rec], lo[rec], place[rec], block))
    yield from _window(kb[by_years], kr[by_years], lo, hi)
    yield from _window(block[by_place], rec[by_place], lo, hi)


def candidate_pairs(records: Sequence[Features]) -> tuple[Ints, Ints]:
    """Every candidate pair once, as two arrays (first < second), sorted."""
    n = len(records)
    if n < 2:
        return np.empty(0, np.int64), np.empty(0, np.int64)
    block, rec = _memberships(records)
    sizes = np.bincount(block)
    large = sizes[block] > MAX_BLOCK
    sb, sr = block[~large], rec[~large]
    found = PairSet(n)
    for offset in range(1, MAX_BLOCK):  # pairs of records at this distance within a block
        same = sb[offset:] == sb[:-offset]
        if not same.any():
            break
        found.add(sr[:-offset][same] * n + sr[offset:][same])
    lo = np.array([r.years[0] if r.years else -1 for r in records], np.int64)
    hi = np.array([r.years[1] if r.years else -1 for r in records], np.int64)
    places: dict[frozenset[str], int] = {frozenset(): 0}
    place = np.fromiter((places.setdefault(r.place, len(places)) for r in records), np.int64, n)
    del sb, sr
    for codes in _neighbours(block[large], rec[large], lo, hi, place):
        found.add(codes)
    del block, rec, large
    return found.pairs()
