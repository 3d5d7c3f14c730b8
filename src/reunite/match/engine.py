"""Linking a set of records: features, candidates, model, scores, clusters, explanations."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import numpy as np
import numpy.typing as npt

from reunite.match import blocking, memory
from reunite.match.cluster import clusters, components
from reunite.match.comparisons import FIELDS
from reunite.match.features import Features, features
from reunite.match.levels import (
    Columns,
    Levels,
    NamePool,
    birth_kinds,
    columns,
    conflict_rule,
    pair_levels,
)
from reunite.match.model import (
    LIKELY,
    POSSIBLE,
    Model,
    birth_m,
    estimate_m,
    estimate_sex_given,
    estimate_tf,
    estimate_u,
    identity,
    inside_share,
)
from reunite.match.records import MatchRecord

Progress = Callable[[str, int, int], None]
Ints = npt.NDArray[np.signedinteger[Any]]  # int64, or int32 for record indices
U_SAMPLES = 40_000
CANNOT_LINK = 0.05  # a pair scored at most this is kept apart when clustering
KEEP = 0.05  # pairs scored below this are counted but not returned (nor written to --pairs)


@dataclass(frozen=True)
class ScoredPair:
    a: str
    b: str
    probability: float
    levels: tuple[int, ...]
    weights: tuple[float, ...]
    swapped: bool

    @property
    def verdict(self) -> str:
        return ("likely" if self.probability >= LIKELY
                else "possible" if self.probability >= POSSIBLE else "unlikely")

    def explain(self) -> list[str]:
        out = []
        for (field, labels), level, weight in zip(FIELDS, self.levels, self.weights,
                                                  strict=True):
            outcome = "unknown" if level < 0 else labels[level]
            out.append(f"{field}: {outcome} ({weight:+.1f})")
        if self.swapped:
            out.append("names compared in swapped order")
        return out


@dataclass(frozen=True)
class _Kept:
    """Candidate pairs scored at least KEEP, as arrays (made into ScoredPair on demand: at a
    million records there are millions)."""

    a: Ints
    b: Ints
    probability: npt.NDArray[np.float64]
    levels: Levels
    given_share: npt.NDArray[np.float64]  # per record: its given name's share (see _shares)
    father_share: npt.NDArray[np.float64]


@dataclass(frozen=True)
class LinkResult:
    assignments: list[tuple[str, str]]  # (record id, cluster id), in input order
    kept: _Kept
    ids: list[str]
    model: Model
    candidates: int

    @cached_property
    def pairs(self) -> list[ScoredPair]:
        """Candidate pairs scored at least KEEP, with their scores and explanations."""
        k = self.kept
        _, weights = self.model.scores(k.levels, *_shares(k.given_share, k.father_share,
                                                         k.levels.swapped, k.a, k.b))
        return [ScoredPair(self.ids[x], self.ids[y], round(p, 4), tuple(levels),
                           tuple(round(w, 2) for w in row), swapped)
                for x, y, p, levels, row, swapped in zip(
                    k.a.tolist(), k.b.tolist(), k.probability.tolist(),
                    k.levels.table.tolist(), weights.tolist(), k.levels.swapped.tolist(),
                    strict=True)]


def no_progress(_phase: str, _done: int, _total: int) -> None:
    """A Progress that shows nothing."""
    return None


TRAINING_PAIRS = 300_000
GIVEN, FATHER, BIRTH, SEX, PLACE, DOCUMENT = range(6)


def _same_birthday_pairs(records: Sequence[Features], limit: int) -> list[tuple[int, int]]:
    """Training pairs selected on an exact shared birth date, so names vary freely."""
    by_day: dict[object, list[int]] = {}
    for i, r in enumerate(records):
        if r.record.birth_min is not None and r.record.birth_min == r.record.birth_max:
            by_day.setdefault(r.record.birth_min, []).append(i)
    pairs: list[tuple[int, int]] = []
    for members in by_day.values():
        for x, a in enumerate(members[:60]):
            pairs.extend((a, b) for b in members[x + 1:60])
            if len(pairs) >= limit:
                return pairs
    return pairs


def _patterns(table: npt.NDArray[np.int8]) -> Counter[tuple[int, ...]]:
    rows, counts = np.unique(table, axis=0, return_counts=True)
    return Counter({tuple(int(v) for v in row): int(n) for row, n in zip(rows, counts,
                                                                           strict=True)})


def _levels_of(cols: Columns, pairs: Sequence[tuple[int, int]],
               workers: int | NamePool = 1) -> Levels:
    a = np.fromiter((x for x, _ in pairs), np.int64, len(pairs))
    b = np.fromiter((y for _, y in pairs), np.int64, len(pairs))
    return pair_levels(cols, a, b, workers)


MIN_SURE_PAIRS = 3  # below this many sure pairs, the prior falls back to EM


def estimate_prior(table: npt.NDArray[np.int8], m: list[list[float]], u: list[list[float]],
                   exact_share: float, records: int) -> float:
    """The probability that two records drawn at random are one person.

    Counted, as Splink's deterministic-rule estimate does, from pairs that are all but
    certainly matches: the same given name, father's name and exact birth day. Among true
    matches such pairs occur with probability m(given same) x m(father same) x (share of
    records with an exact birth day)^2, so their count divided by that is the number of
    matching pairs. (EM over the name-blocked candidates overstates it about twentyfold:
    namesakes agree on names as matches do; measured on the benchmark population.) With too
    few such pairs, the share of matches among the candidates by EM is used instead."""
    all_pairs = max(records * (records - 1) // 2, 1)
    sure = int(np.sum((table[:, GIVEN] == 3) & (table[:, FATHER] == 3) & (table[:, BIRTH] == 3)))
    recall = m[GIVEN][3] * m[FATHER][3] * exact_share ** 2
    if sure >= MIN_SURE_PAIRS and recall > 0:
        return min(max(sure / recall / all_pairs, 1e-9), 0.5)
    count = len(table)
    step = 1 if count <= TRAINING_PAIRS else count // TRAINING_PAIRS + 1
    _, share = estimate_m(_patterns(table[::step]), u, (), fixed=dict(enumerate(m)))
    return min(max(share * count / all_pairs, 1e-9), 0.5)


def fit(records: Sequence[Features], candidates: tuple[Ints, Ints],
        cols: Columns | None = None, levels: Levels | None = None,
        workers: int | NamePool = 1) -> Model:
    """u from random pairs; m of names, sex and place by EM over pairs selected on an exact
    shared birth date (so names vary freely, as in Splink's training sessions); m of birth
    from the file's share of exact dates (`birth_m`); then the prior (the probability that
    two records drawn at random are one person), see `estimate_prior`.

    m of birth is not estimated by EM: among name-blocked pairs, namesakes outnumber true
    matches and EM over birth alone converges to calling everything a match (tried, see the
    benchmark notes)."""
    cols = cols if cols is not None else columns(records)
    u = estimate_u(records, U_SAMPLES,
                   levels=lambda pairs: _levels_of(cols, pairs, workers).table)
    by_birthday = _patterns(_levels_of(cols, _same_birthday_pairs(records, TRAINING_PAIRS),
                                       workers).table)
    m_names, _ = estimate_m(by_birthday, u, (GIVEN, FATHER, SEX, PLACE, DOCUMENT))
    table = (levels if levels is not None else pair_levels(cols, *candidates)).table
    exact = int(np.sum(cols.day >= 0))  # records giving the birth day
    dated = max(int(np.sum(cols.lo >= 0)), 1)
    birth = birth_m(exact / dated, inside_share(*birth_kinds(cols)))
    m = [m_names[GIVEN], m_names[FATHER], birth, m_names[SEX], m_names[PLACE],
         m_names[DOCUMENT]]
    prior = estimate_prior(table, m, u, exact_share=exact / max(len(records), 1),
                           records=len(records))
    return Model(m, u, prior, estimate_tf(records), estimate_sex_given(records))


CHUNK = 2_000_000  # candidate pairs compared at a time (bounds the memory)
SCORE_CHUNK = 500_000  # candidate pairs scored at a time (scoring makes a dozen floats a pair)


def _levels_in_chunks(cols: Columns, a: Ints, b: Ints, workers: int | NamePool,
                      progress: Progress) -> Levels:
    tables, swapped = [], []
    for start in range(0, len(a), CHUNK):
        part = pair_levels(cols, a[start:start + CHUNK], b[start:start + CHUNK], workers)
        tables.append(part.table)
        swapped.append(part.swapped)
        progress("comparing pairs", min(start + CHUNK, len(a)), len(a))
    if not tables:
        return Levels(np.empty((0, len(FIELDS)), np.int8), np.empty(0, np.bool_))
    return Levels(np.concatenate(tables), np.concatenate(swapped))


Floats = npt.NDArray[np.float64]


def _shares(given: Floats, father: Floats, swapped: npt.NDArray[np.bool_], a: Ints,
            b: Ints) -> tuple[Floats, Floats]:
    """Per pair, the larger share of the two names compared in each name field (``given``
    and ``father``: each record's names' shares in the model's name frequencies)."""
    other_given = np.where(swapped, father[b], given[b])
    other_father = np.where(swapped, given[b], father[b])
    return np.maximum(given[a], other_given), np.maximum(father[a], other_father)


def link(records: Sequence[MatchRecord], *, threshold: float = LIKELY,
         progress: Progress | None = None, workers: int = 1) -> LinkResult:
    """Link the records; ``workers`` processes share out the comparison of names."""
    progress = progress or no_progress
    memory.map_large_blocks()
    n = len(records)
    feats = []
    for i, r in enumerate(records):
        feats.append(features(r))
        if i % 5000 == 0:
            progress("reading names", i, n)
    progress("reading names", n, n)
    progress("finding candidates", 0, 1)
    a, b = blocking.candidate_pairs(feats)
    memory.give_back()
    progress("finding candidates", 1, 1)
    total = len(a)
    progress("comparing pairs", 0, total)
    cols = columns(feats)
    with NamePool(cols, workers) as pool:  # forked once for the run
        levels = _levels_in_chunks(cols, a, b, pool, progress)
        progress("estimating the model", 0, 1)
        model = fit(feats, (a, b), cols, levels, pool)
    memory.give_back()
    progress("estimating the model", 1, 1)
    progress("scoring pairs", 0, total)
    given = np.array([model.name_tf.get(identity(f.given), 0.0) for f in feats])
    father = np.array([model.name_tf.get(identity(f.father), 0.0) for f in feats])
    probability = np.empty(total, np.float64)
    for start in range(0, total, SCORE_CHUNK):
        part = slice(start, start + SCORE_CHUNK)
        chunk = Levels(levels.table[part], levels.swapped[part])
        probability[part], _ = model.scores(
            chunk, *_shares(given, father, chunk.swapped, a[part], b[part]))
        progress("scoring pairs", min(start + SCORE_CHUNK, total), total)
    kept = np.flatnonzero(probability >= KEEP)
    kept_arrays = _Kept(a[kept], b[kept], probability[kept],
                        Levels(levels.table[kept], levels.swapped[kept]), given, father)
    del kept, levels
    memory.give_back()
    order = np.flatnonzero(probability >= threshold)
    order = order[np.argsort(-probability[order], kind="stable")]
    # kept apart only matters between records that accepted pairs could join
    component = components(n, a[order], b[order])
    low = np.concatenate([np.flatnonzero((probability[start:start + CHUNK] <= CANNOT_LINK)
                                         & (component[a[start:start + CHUNK]]
                                            == component[b[start:start + CHUNK]])) + start
                          for start in range(0, total, CHUNK)] or [np.empty(0, np.int64)])
    del component

    cluster_of = clusters(n, zip(a[order].tolist(), b[order].tolist(), strict=True),
                          (a[low], b[low]), conflict_rule(cols))
    assignments = [(r.id, records[cluster_of[i]].id) for i, r in enumerate(records)]
    return LinkResult(assignments, kept_arrays, [r.id for r in records], model, total)
