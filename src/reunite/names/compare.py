"""Is this the same name? A graded similarity in [0, 1], with the reasons for it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from reunite.errors import InvalidInput
from reunite.names import phonetics
from reunite.names.reading import Reading, read_word
from reunite.names.table import (
    GivenName,
    lookup,
    press_style_lookup,
    russian_style_lookup,
)

# Calibrated on bench/names/pairs.tsv (see bench/names_eval.py): scores at or above it are
# reported as "same name".
SAME_THRESHOLD = 0.6

OPTIONAL_SUFFIXES = ("jan", "xan", "han", "haji", "axun", "ahun", "bay")


@dataclass(frozen=True)
class PartComparison:
    score: float
    reasons: tuple[str, ...] = field(default=())

    @property
    def same(self) -> bool:
        return self.score >= SAME_THRESHOLD


def readings(word: str) -> tuple[Reading, ...]:
    found = read_word(word)
    if not found:
        raise InvalidInput(f"cannot read {word!r}: no letters of a supported script "
                           "(Latin, Arabic, Cyrillic, Chinese)")
    return found


@lru_cache(maxsize=200_000)
def canonical(word: str) -> tuple[GivenName, ...]:
    """Table entries this spelling belongs to (empty when the name is not in the table)."""
    out: list[GivenName] = []
    for r in readings(word):
        out.extend(e for e in lookup(r.key) if e not in out)
    return tuple(out)


_RUSSIAN_ENDINGS = (("джан", "jan"), ("жан", "jan"), ("гуль", "gül"), ("гул", "gül"))


@lru_cache(maxsize=200_000)
def table_form(word: str) -> str:
    """The ULY form of the table name this word writes, when reading it does not find it in
    the table (`canonical`) but it is one: a Russian-style Cyrillic spelling (Ахмат for
    Ehmet, Мухамматжан for Muhemmetjan), or a table name with an optional suffix or -gül
    (Ehmetjan for Ehmetcan, AIHEMAITIJIANG or 艾合买提江; Meryemgül for 玛丽亚木古丽), or a
    press spelling that writes ə as a (Ahmat, Ahmatjan for Ehmet, Ehmetjan); else ''."""
    if canonical(word):
        return ""
    if _RUSSIAN_STYLE.fullmatch(word):
        entries = russian_style_lookup(word)
        if entries:
            return entries[0].uly
        lower = word.lower()
        for ending, suffix in _RUSSIAN_ENDINGS:
            base = lower.removesuffix(ending)
            found = russian_style_lookup(base) if base != lower and len(base) >= 3 else ()
            if found:
                return found[0].uly + suffix
    latin = _LATIN.fullmatch(word) is not None
    if latin and (entry := press_style_lookup(word)) is not None:
        return entry.uly
    for reading in readings(word):
        for stem in (_stem(reading), _gul_stem(reading)):
            if stem is None:
                continue
            entries = lookup(phonetics.fold_key(stem[0]))
            if entries:
                return entries[0].uly + stem[1]
            if latin and (entry := press_style_lookup("".join(stem[0]))) is not None:
                return entry.uly + stem[1]
    return ""


_RUSSIAN_STYLE = re.compile(r"[а-яёА-ЯЁ]+")  # Cyrillic without Uyghur's own letters
_LATIN = re.compile(r"[a-zA-ZéëöüÉÖÜ']+")


_GUL = phonetics.fold_key(("g", "ü", "l"))


def _gul_stem(reading: Reading) -> tuple[tuple[str, ...], str] | None:
    """The reading without a final -gül (古丽 guli in Chinese transcription), which makes
    women's names of others (Meryemgül): not optional, but a name of the table before it is
    that name's compound in every script."""
    for ending in (_GUL, _GUL + "i") if reading.chinese else (_GUL,):
        if reading.key.endswith(ending) and len(reading.key) - len(ending) >= 3:
            return reading.tokens[: len(reading.tokens) - _token_count(reading, ending)], "gül"
    return None


_FOLDED_SUFFIXES = tuple((s, phonetics.fold_key(tuple(s))) for s in OPTIONAL_SUFFIXES)


@lru_cache(maxsize=200_000)
def _stem(reading: Reading) -> tuple[tuple[str, ...], str] | None:
    """The reading without an optional suffix (-jan, -xan, Haji...), and the suffix."""
    key = reading.key
    for suffix, folded in _FOLDED_SUFFIXES:
        if key.endswith(folded) and len(key) - len(folded) >= 3:
            return reading.tokens[: len(reading.tokens) - _token_count(reading, folded)], suffix
    if reading.chinese and reading.key.endswith("jian"):  # 江 -jan
        return reading.tokens[:-4], "jan"
    return None


def _token_count(reading: Reading, folded_suffix: str) -> int:
    count, length = 0, 0
    for token in reversed(reading.tokens):
        if length >= len(folded_suffix):
            break
        length += len(phonetics.fold_key((token,)))
        count += 1
    return count


@lru_cache(maxsize=200_000)
def compare_parts(a: str, b: str) -> PartComparison:
    """Compare two name parts (one word each: a given name, a father's name). Remembered:
    searches and matching compare the same common names again and again."""
    ra, rb = readings(a), readings(b)
    ca, cb = canonical(a), canonical(b)
    best, chinese, pair = 0.0, False, (ra[0], rb[0])
    for x in ra:
        for y in rb:
            mode = x.chinese or y.chinese
            s = phonetics.similarity(x.tokens, y.tokens, mode)
            if s > best:
                best, chinese, pair = s, mode, (x, y)
    reasons = [f"read as {pair[0].uly!r} ({pair[0].convention.value}) and {pair[1].uly!r} "
               f"({pair[1].convention.value})"]
    if chinese:
        reasons.append("compared allowing for Chinese transcription (filler vowels, r/l, "
                       "dropped h)")
    shared = [e for e in ca if e in cb]
    if shared:
        reasons.append(f"both are spellings of {shared[0].uly} in the name table")
        return PartComparison(1.0, tuple(reasons))
    stem_score = _stem_match(ra, rb)
    if stem_score is not None and stem_score[0] >= SAME_THRESHOLD and stem_score[0] > best:
        reasons.append(f"same name apart from the optional suffix -{stem_score[1]}")
        return PartComparison(round(stem_score[0], 3), tuple(reasons))
    if ca and cb:
        reasons.append(f"different names in the name table: {ca[0].uly} and {cb[0].uly}")
        return PartComparison(round(min(best, SAME_THRESHOLD - 0.1) * 0.8, 3), tuple(reasons))
    reasons.append("phonetically close" if best >= SAME_THRESHOLD else "phonetically different")
    return PartComparison(round(best, 3), tuple(reasons))


def score_at_least(a: str, b: str, minimum: float) -> float:
    """compare_parts(a, b).score when it is at least ``minimum``, else 0.0, aligning only as
    far as needed to tell (matching asks only which level a pair of names reaches). Two
    different names of the table cannot reach ``minimum`` (above 0.4) unless through a
    suffix, so they are not aligned at all."""
    if not 0.4 < minimum <= SAME_THRESHOLD:
        raise ValueError("minimum must be above 0.4 and at most SAME_THRESHOLD")
    ra, rb = readings(a), readings(b)
    ca, cb = canonical(a), canonical(b)
    if any(e in cb for e in ca):
        return 1.0
    floor = minimum - 0.0005  # compare_parts rounds to three decimals
    stem_score = _stem_match(ra, rb, at_least=True)
    stem = stem_score[0] if stem_score is not None and stem_score[0] >= SAME_THRESHOLD else 0.0
    best = _best_at_least(ra, rb, max(floor, stem) if ca and cb and stem else floor)
    if stem and stem > best:
        return round(stem, 3)
    if ca and cb:
        return 0.0
    return round(best, 3) if round(best, 3) >= minimum else 0.0


def _best_at_least(ra: tuple[Reading, ...], rb: tuple[Reading, ...], floor: float) -> float:
    best = 0.0
    for x in ra:
        for y in rb:
            s = phonetics.similarity_at_least(x.tokens, y.tokens, x.chinese or y.chinese,
                                              max(floor, best))
            best = max(best, s)
    return best


_SUFFIX_ENDINGS = (*(phonetics.fold_key(tuple(s)) for s in OPTIONAL_SUFFIXES), "jian")


def may_have_suffix(word: str) -> bool:
    """Whether a reading of the word ends like an optional suffix (-jan, -xan, Haji...)."""
    return any(r.key.endswith(_SUFFIX_ENDINGS) for r in readings(word))


def _stem_match(ra: tuple[Reading, ...], rb: tuple[Reading, ...],
                at_least: bool = False) -> tuple[float, str] | None:
    """The best score of one name against the other without its suffix (x 0.9); with
    ``at_least``, scores below SAME_THRESHOLD may come out as 0.0 (not worked out)."""
    if not any(r.key.endswith(_SUFFIX_ENDINGS) for r in (*ra, *rb)):
        return None
    best: tuple[float, str] | None = None
    for x in ra:
        for y in rb:
            for long, short in ((x, y), (y, x)):
                stem = _stem(long)
                if stem is None:
                    continue
                mode = x.chinese or y.chinese
                if at_least:
                    s = phonetics.similarity_at_least(stem[0], short.tokens, mode,
                                                      SAME_THRESHOLD / 0.9 - 1e-9) * 0.9
                else:
                    s = phonetics.similarity(stem[0], short.tokens, mode) * 0.9
                if best is None or s > best[0]:
                    best = (s, stem[1])
    return best


def frequency_weight(word: str) -> float:
    """How much a match on this name says: 1 for an unlisted name, less for common names."""
    entries = canonical(word)
    if not entries:
        return 1.0
    return {1: 0.8, 2: 0.5, 3: 0.25}.get(max(e.frequency for e in entries), 1.0)
