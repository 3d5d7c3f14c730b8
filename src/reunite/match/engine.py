"""Linking a set of records: features, candidates, model, scores, clusters, explanations."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from reunite.match import blocking
from reunite.match.cluster import clusters
from reunite.match.comparisons import FIELDS, compare
from reunite.match.features import Features, features
from reunite.match.model import LIKELY, POSSIBLE, Model, estimate_m, estimate_tf, estimate_u
from reunite.match.records import MatchRecord

Progress = Callable[[str, int, int], None]
U_SAMPLES = 200_000


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
class LinkResult:
    assignments: list[tuple[str, str]]  # (record id, cluster id), in input order
    pairs: list[ScoredPair]  # every candidate pair with its score
    model: Model
    candidates: int


def _noop(_phase: str, _done: int, _total: int) -> None:
    return None


def fit(records: Sequence[Features], candidates: Sequence[tuple[int, int]]) -> Model:
    u = estimate_u(records, U_SAMPLES)
    patterns = Counter(compare(records[a], records[b]).levels for a, b in candidates)
    m, prior = estimate_m(patterns, u)
    return Model(m, u, prior, estimate_tf(records))


def link(records: Sequence[MatchRecord], *, threshold: float = LIKELY,
         progress: Progress = _noop) -> LinkResult:
    n = len(records)
    feats = []
    for i, r in enumerate(records):
        feats.append(features(r))
        if i % 5000 == 0:
            progress("reading names", i, n)
    progress("reading names", n, n)
    progress("finding candidates", 0, 1)
    candidates = sorted(blocking.candidate_pairs(feats))
    progress("finding candidates", 1, 1)
    progress("estimating the model", 0, 1)
    model = fit(feats, candidates)
    progress("estimating the model", 1, 1)
    scored: list[ScoredPair] = []
    accepted: list[tuple[int, int]] = []
    total = len(candidates)
    for k, (a, b) in enumerate(candidates):
        probability, comparison, weights = model.score(feats[a], feats[b])
        scored.append(ScoredPair(records[a].id, records[b].id, round(probability, 4),
                                 comparison.levels, tuple(round(w, 2) for w in weights),
                                 comparison.swapped))
        if probability >= threshold:
            accepted.append((a, b))
        if k % 20000 == 0:
            progress("scoring pairs", k, total)
    progress("scoring pairs", total, total)
    cluster_of = clusters(n, accepted)
    assignments = [(r.id, records[cluster_of[i]].id) for i, r in enumerate(records)]
    return LinkResult(assignments, scored, model, total)
