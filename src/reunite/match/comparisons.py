"""Comparison levels of a record pair, field by field (declared as data, as Splink does).

Each field compares to a level: -1 when either side is unknown, 0 for disagreement, and
higher levels for closer agreement. The model learns how likely each level is among true
matches (m) and among non-matches (u).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance.OSA import distance as osa
from rapidfuzz.fuzz import ratio

from reunite.match.features import Features, NameFeature, name_feature, part_score
from reunite.names.compare import score_at_least

# (field, level labels from 0 upward)
FIELDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("given", ("different", "similar", "close", "same name", "a slip apart")),
    ("father", ("different", "similar", "close", "same name", "a slip apart")),
    ("birth", ("years apart", "within two years", "ranges overlap", "same day",
               "different days", "one range inside the other")),
    ("sex", ("different", "same")),
    ("place", ("different", "same")),
    ("document", ("different", "one slip", "same number")),
)
DOCUMENT = 5
NAME_LEVELS = ((0.99, 3), (0.8, 2), (0.6, 1))
# Two names that the comparison calls different but whose consonant skeletons are one slip
# apart (Kelim, a slip for Kerim, beside Russian-style Карим): a level of its own, listed last
# so that the others keep their numbers, that the domain's rule "different given names, two
# people" does not apply to (a slip on top of another convention's spelling is common).
SLIP_APART = 4
SKELETON_SLIP_FROM = 3  # consonant classes in the shorter skeleton


SLIP_RANK = 0.5  # SLIP_APART ranks between different (0) and similar (1)


def name_rank(level: int) -> float:
    """Name levels in order of agreement."""
    return SLIP_RANK if level == SLIP_APART else float(level)


@dataclass(frozen=True)
class PairComparison:
    levels: tuple[int, ...]  # one per FIELDS entry
    scores: tuple[float, float]  # given and father name scores
    swapped: bool  # names matched in swapped order (given ~ father)


PREFILTER = 50.0  # skeletons this unlike are different names: skip the full alignment


def name_level(a: NameFeature, b: NameFeature) -> tuple[int, float]:
    if not a.word or not b.word:
        return -1, 0.0
    return _word_level(a.word, b.word) if a.word <= b.word else _word_level(b.word, a.word)


@lru_cache(maxsize=4_000_000)
def _word_level(x: str, y: str) -> tuple[int, float]:
    """The level of two name words, remembered: a file repeats the same names endlessly."""
    a, b = name_feature(x), name_feature(y)
    if a.word == b.word or (a.canonical and a.canonical == b.canonical):
        score = 1.0
    elif a.skeleton and b.skeleton and ratio(a.skeleton, b.skeleton) < PREFILTER:
        score = 0.0
    else:
        score = part_score(a.word, b.word)
    for bound, level in NAME_LEVELS:
        if score >= bound:
            return level, score
    if _typo(a, b):
        return 1, score
    return (SLIP_APART if _skeleton_slip(a, b) else 0), score


@lru_cache(maxsize=4_000_000)
def word_level(x: str, y: str) -> int:
    """The level of `_word_level`, without the score below the lowest level: most pairs of
    candidates' names are different names, and telling so needs only part of an alignment."""
    a, b = name_feature(x), name_feature(y)
    if a.word == b.word or (a.canonical and a.canonical == b.canonical):
        return NAME_LEVELS[0][1]
    score = 0.0
    if not (a.skeleton and b.skeleton and ratio(a.skeleton, b.skeleton) < PREFILTER):
        score = score_at_least(a.word, b.word, NAME_LEVELS[-1][0])
    for bound, level in NAME_LEVELS:
        if score >= bound:
            return level
    return 1 if _typo(a, b) else SLIP_APART if _skeleton_slip(a, b) else 0


def _typo(a: NameFeature, b: NameFeature) -> bool:
    """Slips of the keyboard: one (a letter added, dropped, changed or two swapped) in names
    of at least four letters, two in names of at least seven, when the two are not two
    different names of the table (Tursun and Turghun are one letter apart in Latin and are
    still two names)."""
    if a.canonical and b.canonical:
        return False
    # the keys, and the words as written: a slip in the spelling can move its reading
    # further (Ayjaal for Ayjamal reads 'ayjal', two from 'ayjamal')
    written = (a.word.casefold(),), (b.word.casefold(),)
    for xs, ys in ((a.keys, b.keys), written):
        for x in xs:
            for y in ys:
                shorter = min(len(x), len(y))
                if shorter >= 4 and osa(x, y, score_cutoff=2) <= (2 if shorter >= 7 else 1):
                    return True
    return False


def _skeleton_slip(a: NameFeature, b: NameFeature) -> bool:
    """Consonant skeletons at most one class apart (of at least SKELETON_SLIP_FROM classes),
    unless the two are different names of the table."""
    if a.canonical and b.canonical:
        return False
    return any(min(len(x), len(y)) >= SKELETON_SLIP_FROM and osa(x, y, score_cutoff=1) <= 1
               for x in a.skeletons for y in b.skeletons)


def birth_level(a: Features, b: Features) -> int:
    ra, rb = a.record, b.record
    if (ra.birth_min is None or ra.birth_max is None or rb.birth_min is None
            or rb.birth_max is None):
        return -1
    exact = ra.birth_min == ra.birth_max and rb.birth_min == rb.birth_max
    if exact and ra.birth_min == rb.birth_min:
        return 3
    gap = max(ra.birth_min.year - rb.birth_max.year, rb.birth_min.year - ra.birth_max.year, 0)
    if gap > 2:
        return 0
    # two exact dates that differ: not the evidence that overlapping ranges are (namesakes
    # born the same year); a level of its own, listed last so earlier levels keep their number
    if exact:
        return 4
    # ranges that overlap to the day (age 34 on 2014-06-01 and 1979-03-01 share a year, not
    # a day: within two years); one inside the other (a day or a month in a year, the same
    # year) says more than two ranges that overlap in part (two ages stated at other dates)
    if max(ra.birth_min, rb.birth_min) > min(ra.birth_max, rb.birth_max):
        return 1
    inside = ((ra.birth_min <= rb.birth_min and rb.birth_max <= ra.birth_max)
              or (rb.birth_min <= ra.birth_min and ra.birth_max <= rb.birth_max))
    return BIRTH_INSIDE if inside else 2


BIRTH_INSIDE = 5  # the birth level "one range inside the other"


def document_level(a: str, b: str) -> int:
    """Identity document numbers: the same, one slip of the pen (a digit changed, dropped or
    two swapped, in numbers of at least six characters), or different."""
    if not a or not b:
        return -1
    if a == b:
        return 2
    return 1 if min(len(a), len(b)) >= 6 and osa(a, b) <= 1 else 0


def compare(a: Features, b: Features) -> PairComparison:
    given, gs = name_level(a.given, b.given)
    father, fs = name_level(a.father, b.father)
    swapped = False
    if (name_rank(given) < 2 and a.given.word and a.father.word and b.given.word
            and b.father.word):
        g2, gs2 = name_level(a.given, b.father)
        f2, fs2 = name_level(a.father, b.given)
        if (2 <= g2 <= 3 and 2 <= f2 <= 3
                and g2 + f2 > name_rank(given) + name_rank(father)):
            given, father, gs, fs, swapped = g2, f2, gs2, fs2, True
    sex = -1 if not a.record.sex or not b.record.sex else int(a.record.sex == b.record.sex)
    place = -1 if not a.place or not b.place else int(bool(a.place & b.place))
    document = document_level(a.record.document, b.record.document)
    return PairComparison((given, father, birth_level(a, b), sex, place, document), (gs, fs),
                          swapped)


def conflicting(levels: tuple[int, ...]) -> bool:
    """The rules of the domain: different given names, or birth years that cannot be
    reconciled, mean two people (siblings, a namesake of another generation), unless the
    two records carry the same identity document number: siblings share names, a hometown
    and nearly an age, never a document. (A number one slip apart does not override: tried
    on FEBRL4, it gained nothing and linked a father and son in the tests.)"""
    return (levels[0] == 0 or levels[2] == 0) and levels[DOCUMENT] != 2
