"""Per-record values the matcher needs, computed once per distinct spelling."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from reunite.errors import InvalidInput
from reunite.match.records import MatchRecord
from reunite.names.compare import canonical, compare_parts, table_form
from reunite.names.phonetics import coarse_key
from reunite.names.reading import read_word
from reunite.places.resolve import find_place


@dataclass(frozen=True, slots=True)
class NameFeature:
    word: str  # the first word of the part, as written ("" when unknown)
    keys: frozenset[str]  # phonetic keys of its readings (and of its table entry)
    skeleton: str  # consonant skeleton of its first reading
    # the ULY form of the table name it writes (read from the table, or `table_form`:
    # Ehmetjan for AIHEMAITIJIANG, Ehmet for Ахмат), or "" when none
    canonical: str
    skeletons: frozenset[str] = frozenset()  # skeletons of every reading
    coarse: frozenset[str] = frozenset()  # coarse keys of every reading


EMPTY = NameFeature("", frozenset(), "", "")


@lru_cache(maxsize=500_000)
def name_feature(text: str) -> NameFeature:
    words = text.split()
    if not words:
        return EMPTY
    word = words[0]
    try:
        readings = read_word(word)
        entries = canonical(word)
    except InvalidInput:
        return EMPTY
    if not readings:
        return EMPTY
    keys = {r.key for r in readings}
    all_readings = list(readings)
    for entry in entries:
        all_readings.extend(read_word(entry.uly))
    form = entries[0].uly if entries else table_form(word)
    if form and not entries:
        all_readings.extend(read_word(form))
    keys.update(r.key for r in all_readings)
    return NameFeature(word, frozenset(keys), readings[0].skeleton, form,
                       frozenset(r.skeleton for r in all_readings if r.skeleton),
                       frozenset(coarse_key(r.tokens) for r in all_readings))


@lru_cache(maxsize=2_000_000)
def part_score(a: str, b: str) -> float:
    """compare_parts, remembered: names repeat, so most pairs were seen before."""
    if a > b:
        a, b = b, a
    return compare_parts(a, b).score


@lru_cache(maxsize=100_000)
def place_codes(text: str) -> frozenset[str]:
    """The place's code; every candidate's code when ambiguous; the text when unknown."""
    if not text:
        return frozenset()
    try:
        found = find_place(text)
    except InvalidInput:
        return frozenset()
    if found.place is not None:
        return frozenset({found.place.code})
    if found.candidates:
        return frozenset(p.code for p in found.candidates)
    return frozenset({"?" + text.lower()})


@dataclass(frozen=True, slots=True)
class Features:
    record: MatchRecord
    given: NameFeature
    father: NameFeature
    years: tuple[int, int] | None
    place: frozenset[str]


def features(record: MatchRecord) -> Features:
    return Features(record, name_feature(record.given), name_feature(record.father),
                    record.birth_years, place_codes(record.place))
