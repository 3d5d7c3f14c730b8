"""A Fellegi-Sunter model: how much each comparison level says for or against a match.

u (how often a level occurs between unrelated records) is estimated from random record pairs;
m (how often it occurs between records of the same person) and the share of matches among
candidate pairs are estimated by expectation maximisation over the candidate pairs, with u
held fixed, as Splink does. Agreement on a name is weighed by that name's frequency (term
frequency adjustment): sharing a rare name says more than sharing 'Memet'. This applies from
the level "similar" up (as Splink allows on fuzzy levels, with the more frequent of the two
names): a name outside the name table written in two scripts is only "close" to itself, and
without its frequency such pairs came out under-confident (on the benchmark population,
father's names "close": 0.45 said, 0.81 true; 0.57 said, 0.69 true with it).

A given name says the person's sex ('Gülnar' is a woman's name): between two bearers of one
given name, the sexes agree almost always, whether or not they are one person. So when the
given names are the same, agreement on sex is weighed against how often bearers of one given
name agree on it in the file (`estimate_sex_given`), not against a coin toss; counted as if
independent, it added one bit to every such pair. (A disagreement keeps its weight: one of the
two records is wrong about the sex, or they are two people.)

Two rules of the domain are applied on top, capping the probability at RULE_CAP: two known
given names that disagree mean two people whatever else agrees (siblings share their father's
name, hometown and nearly their age), and so do birth years that cannot be reconciled (a
namesake of another generation), unless both records carry the same identity document
number.

EM starts from DEFAULT_M and keeps it as pseudo-counts worth PSEUDO_PAIRS pairs, so that a
small file gives stable estimates and a large one is driven by its data.
"""

from __future__ import annotations

import math
import random
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from reunite.match.comparisons import DOCUMENT, FIELDS, PairComparison, compare, conflicting
from reunite.match.features import Features, NameFeature
from reunite.match.levels import Levels

Floats = npt.NDArray[np.float64]
SEX = 3  # index of the sex field in FIELDS
SAME_NAME = 3  # the name fields' level "same name"
TF_FROM = 1  # name levels from which agreement is weighed by the names' frequency

LIKELY = 0.9  # "likely match" from this probability up
POSSIBLE = 0.5  # "possible match" from this probability up
RULE_CAP = 0.02
# Names that agree only in swapped order are weaker evidence: besides a surname-first record
# of the same person, that is what a father and his son named after the grandfather look like.
SWAPPED_PENALTY = -4.0
PSEUDO_PAIRS = 200.0
DEFAULT_PRIOR = 0.3
# Among records of one person: names mostly agree, birth ranges mostly overlap, sex agrees.
DEFAULT_M = (
    (0.015, 0.08, 0.2, 0.69, 0.015),  # given (the last: a slip apart)
    (0.03, 0.08, 0.2, 0.67, 0.02),  # father
    # birth (then: two exact dates that differ; one range inside the other)
    (0.03, 0.12, 0.29, 0.25, 0.02, 0.29),
    (0.02, 0.98),  # sex
    (0.15, 0.85),  # place
    (0.04, 0.08, 0.88),  # document number
)
# Between unrelated records: names rarely agree, birth ranges sometimes overlap, sex is a coin.
DEFAULT_U = (
    (0.95, 0.025, 0.01, 0.005, 0.01),  # given
    (0.95, 0.025, 0.01, 0.005, 0.01),  # father
    (0.74, 0.14, 0.066, 0.001, 0.02, 0.033),  # birth
    (0.5, 0.5),  # sex
    (0.9, 0.1),  # place
    (0.9998, 0.00015, 0.00005),  # document number
)
U_PSEUDO_PAIRS = 1000.0
# Between bearers of one given name, sexes agree: the name table gives every Uyghur given
# name one sex (a name borne by both, or a record with the wrong sex, makes up the rest)
SEX_GIVEN_DEFAULT = 0.98


@dataclass
class Model:
    m: list[list[float]]
    u: list[list[float]]
    prior: float  # probability that two records drawn at random are the same person
    name_tf: dict[str, float]  # identity of a name -> share of name parts carrying it
    # u of "sex: same" between records whose given names are the same (0: not estimated)
    sex_given: float = 0.0

    def __post_init__(self) -> None:
        # log2(m/u) per field, indexed by level + 1 (index 0: unknown, weight 0)
        self._weights = [[0.0] + [math.log2(m / u) for m, u in zip(mf, uf, strict=True)]
                         for mf, uf in zip(self.m, self.u, strict=True)]
        self._tf_cache: dict[tuple[int, str, str], float] = {}
        self._sex_given_weight = (math.log2(self.m[SEX][1] / self.sex_given)
                                  if self.sex_given > 0 else self._weights[SEX][2])

    def field_weights(self, comparison: PairComparison) -> list[float]:
        return [self._weights[i][level + 1] for i, level in enumerate(comparison.levels)]

    def tf_adjustment(self, a: NameFeature, b: NameFeature, level: int, field: int) -> float:
        """Splink's term-frequency adjustment on a name agreement (from TF_FROM up to the
        same name), relative to u of the same name."""
        if not TF_FROM <= level <= SAME_NAME:
            return 0.0
        key = (field, identity(a), identity(b))
        found = self._tf_cache.get(key)
        if found is None:
            tf = max(self.name_tf.get(key[1], 0.0), self.name_tf.get(key[2], 0.0))
            found = 0.0 if tf <= 0.0 else math.log2(self.u[field][SAME_NAME] / tf)
            self._tf_cache[key] = found
        return found

    def score(self, a: Features, b: Features) -> tuple[float, PairComparison, list[float]]:
        """Match probability of a pair, its comparison, and each field's weight."""
        comparison = compare(a, b)
        weights = self.field_weights(comparison)
        ga, fa = (b.father, b.given) if comparison.swapped else (b.given, b.father)
        weights[0] += self.tf_adjustment(a.given, ga, comparison.levels[0], 0)
        weights[1] += self.tf_adjustment(a.father, fa, comparison.levels[1], 1)
        if comparison.swapped:
            weights[0] += SWAPPED_PENALTY
        elif comparison.levels[0] == SAME_NAME and comparison.levels[SEX] == 1:
            weights[SEX] = self._sex_given_weight
        logit = math.log2(self.prior / (1 - self.prior)) + sum(weights)
        probability = 1.0 / (1.0 + 2.0 ** (-logit))
        if conflicting(comparison.levels):
            probability = min(probability, RULE_CAP)
        return probability, comparison, weights


    def scores(self, levels: Levels, tf_given: Floats,
               tf_father: Floats) -> tuple[Floats, Floats]:
        """Match probabilities and field weights of many pairs (see `score`, which this
        computes for every row at once). ``tf_given`` and ``tf_father`` hold, per pair, the
        larger share of the two names compared in each field (0 when not in the table)."""
        table = levels.table.astype(np.int64) + 1
        weights = np.stack([np.asarray(self._weights[f])[table[:, f]]
                            for f in range(len(FIELDS))], axis=1)
        for field, tf in ((0, tf_given), (1, tf_father)):
            agree = ((table[:, field] >= TF_FROM + 1) & (table[:, field] <= SAME_NAME + 1)
                     & (tf > 0))
            safe = np.where(agree, tf, 1.0)
            weights[:, field] += np.where(agree, np.log2(self.u[field][SAME_NAME] / safe), 0.0)
        weights[:, 0] += np.where(levels.swapped, SWAPPED_PENALTY, 0.0)
        t = levels.table
        same_name = (t[:, 0] == SAME_NAME) & ~levels.swapped & (t[:, SEX] == 1)
        weights[:, SEX] = np.where(same_name, self._sex_given_weight, weights[:, SEX])
        logit = math.log2(self.prior / (1 - self.prior)) + weights.sum(axis=1)
        probability = 1.0 / (1.0 + np.exp2(-logit))
        conflict = ((t[:, 0] == 0) | (t[:, 2] == 0)) & (t[:, DOCUMENT] != 2)
        return np.where(conflict, np.minimum(probability, RULE_CAP), probability), weights


def identity(name: NameFeature) -> str:
    return name.canonical or min(name.keys, default="")


def _distribution(counts: Counter[int], default: tuple[float, ...]) -> list[float]:
    levels = len(default)
    pseudo = [U_PSEUDO_PAIRS * p for p in default]
    total = sum(counts[k] for k in range(levels)) + sum(pseudo)
    return [(counts[k] + pseudo[k]) / total for k in range(levels)]


def estimate_u(records: Sequence[Features], samples: int,
               levels: Callable[[list[tuple[int, int]]], npt.NDArray[np.int8]],
               seed: int = 1) -> list[list[float]]:
    """u from random record pairs; ``levels`` compares a list of pairs at once."""
    rng = random.Random(seed)
    counts = [Counter[int]() for _ in FIELDS]
    n = len(records)
    pairs = [(i, j) for i, j in ((rng.randrange(n), rng.randrange(n))
                                 for _ in range(min(samples, n * (n - 1) // 2))) if i != j]
    rows = levels(pairs).tolist() if pairs else []
    for row in rows:
        for f, level in enumerate(row):
            counts[f][level] += 1
    return [_distribution(c, d) for c, d in zip(counts, DEFAULT_U, strict=True)]


def estimate_tf(records: Sequence[Features]) -> dict[str, float]:
    counts: Counter[str] = Counter()
    total = 0
    for r in records:
        for name in (r.given, r.father):
            if name.word:
                counts[identity(name)] += 1
                total += 1
    # smoothed toward the default share of a name, worth U_PSEUDO_PAIRS name parts
    base = DEFAULT_U[0][SAME_NAME]
    return {k: (v + U_PSEUDO_PAIRS * base) / (total + U_PSEUDO_PAIRS) for k, v in counts.items()}


BIRTH = 2  # index of the birth field in FIELDS
DATE_SLIPS = 0.05  # two exact birth dates of one person that differ: a slip of the pen


def birth_m(exact_share: float, inside_share: float = 0.5) -> list[float]:
    """m of the birth levels, for a file whose dated records give the exact day in
    ``exact_share`` of cases. Birth years that cannot be reconciled, and years one or two
    apart, keep DEFAULT_M's share (mistakes of the records, which no file can count);
    the rest are ranges that overlap, and of those, two records of one person both give
    the day with probability exact_share squared, the same day but for DATE_SLIPS; the
    others have one range inside the other in ``inside_share`` of cases (see
    `inside_share`). (Both shares are kept within 0.1 and 0.95 so that no level is
    impossible.)"""
    wrong, apart = DEFAULT_M[BIRTH][0], DEFAULT_M[BIRTH][1]
    overlap = 1.0 - wrong - apart
    both_days = overlap * _bounded(exact_share) ** 2
    ranges = overlap - both_days
    inside = ranges * _bounded(inside_share)
    return [wrong, apart, ranges - inside, both_days * (1 - DATE_SLIPS),
            both_days * DATE_SLIPS, inside]


def _bounded(share: float) -> float:
    return min(max(share, 0.1), 0.95)


def inside_share(exact: int, calendar: int, window: int) -> float:
    """Of two records of one person whose birth ranges overlap (not both exact days), the
    share where one range lies inside the other, from the file's counts of dated records by
    kind: an exact day lies inside any range of its person; a year or month of the
    calendar inside another or the same (1980-03 in 1980); a window of an age stated at a
    date overlaps the others only in part (age 34 on 2014-06-01 is 1979-06-02..1980-06-01),
    unless the other is a day. Kinds are taken as independent between a person's records."""
    total = exact + calendar + window
    if total == 0:
        return 0.5
    e, c, w = exact / total, calendar / total, window / total
    if e >= 1.0:
        return 0.5
    return (2 * e * (c + w) + c * c) / (1 - e * e)


def estimate_sex_given(records: Sequence[Features]) -> float:
    """u of "sex: same" between two records of the same given name, both of known sex: over
    every such pair of the file, counted per name from its bearers' sexes."""
    sexes: dict[str, Counter[str]] = {}
    for r in records:
        if r.given.word and r.record.sex:
            sexes.setdefault(identity(r.given), Counter())[r.record.sex] += 1
    same = total = 0
    for counts in sexes.values():
        known = sum(counts.values())
        total += known * (known - 1) // 2
        same += sum(k * (k - 1) // 2 for k in counts.values())
    # smoothed toward SEX_GIVEN_DEFAULT, worth as many pairs as u's other estimates
    return (same + U_PSEUDO_PAIRS * SEX_GIVEN_DEFAULT) / (total + U_PSEUDO_PAIRS)


def estimate_m(patterns: Counter[tuple[int, ...]], u: list[list[float]],
               fields: Sequence[int], iterations: int = 30,
               fixed: dict[int, list[float]] | None = None) -> tuple[list[list[float]], float]:
    """EM over comparison patterns and their counts, u fixed, updating m of ``fields``.

    Fields that the training pairs were selected on are left out of the update (their
    agreement is biased by the selection), as in Splink's training sessions; ``fixed`` gives
    m of fields that take part as evidence without being updated, which keeps the "match"
    class anchored to what a match is. Returns m of every field (DEFAULT_M, or the fixed m,
    for those not updated) and the share of matches among the patterns' pairs.
    """
    fixed = fixed or {}
    m = [list(fixed.get(f, row)) for f, row in enumerate(DEFAULT_M)]
    evidence = sorted(set(fields) | set(fixed))
    prior = DEFAULT_PRIOR
    for _ in range(iterations):
        expected = [[PSEUDO_PAIRS * p for p in row] for row in DEFAULT_M]
        matched = PSEUDO_PAIRS * DEFAULT_PRIOR
        total = PSEUDO_PAIRS
        for pattern, count in patterns.items():
            pm, pu = prior, 1.0 - prior
            for f in evidence:
                level = pattern[f]
                if level >= 0:
                    pm *= m[f][level]
                    pu *= u[f][level]
            p = pm / (pm + pu) if pm + pu > 0 else 0.0
            matched += p * count
            total += count
            for f in fields:
                if pattern[f] >= 0:
                    expected[f][pattern[f]] += p * count
        prior = min(max(matched / total, 1e-6), 1 - 1e-6)
        m = [[e / sum(row) for e in row] if f in fields else m[f]
             for f, row in enumerate(expected)]
    return m, prior
