"""Any spelling of a place to the place: exact spellings first, then phonetic closeness.

An input that fits two unrelated places is reported as ambiguous with both; a name shared by a
prefecture and the city or county inside it resolves to the inner unit (the prefecture is
named in the note); a retired code or name resolves to the current unit that replaced it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache

from reunite.errors import InvalidInput
from reunite.names import phonetics
from reunite.names.normalise import normalise
from reunite.names.reading import Reading, read_word
from reunite.places.gazetteer import Place, by_code, places

FUZZY_THRESHOLD = 0.65
_HAN_SUFFIXES = ("维吾尔自治区", "自治州", "自治县", "地区", "市", "县", "区")
_LATIN_SUFFIXES = re.compile(
    r"\s+(city|county|district|prefecture|region|shehiri|sheheri|nahiyisi|nahiye|wilayiti|"
    r"rayoni|oblast|il[çc]esi)$", re.I)


@dataclass(frozen=True)
class Resolution:
    query: str
    status: str  # resolved, ambiguous, unknown
    place: Place | None = None
    candidates: tuple[Place, ...] = field(default=())
    matched_by: str = ""  # exact, chinese-stem, phonetic
    note: str = ""


def _key(text: str) -> str:
    """A spelling's comparison key: the folded phoneme key, or the text itself for Han."""
    words = normalise(text).split()
    if any("\u3400" <= ch <= "\u9fff" for ch in text):
        return "".join(words)
    keys = []
    for w in words:
        found = read_word(w)
        keys.append(found[0].key if found else w.lower())
    return "".join(keys)


def _reading(text: str) -> Reading | None:
    """The words of a place name read one after another (first reading of each)."""
    firsts = [found[0] for w in normalise(text).split() if (found := read_word(w))]
    if not firsts:
        return None
    tokens = tuple(t for r in firsts for t in r.tokens)
    return Reading(tokens, firsts[0].convention, "".join(tokens))


def _han_stem(text: str) -> str:
    for suffix in _HAN_SUFFIXES:
        if text.endswith(suffix) and len(text) > len(suffix) + 1:
            return text[: -len(suffix)]
    return text


@cache
def _index() -> dict[str, tuple[Place, ...]]:
    found: dict[str, list[Place]] = defaultdict(list)
    for place in places():
        for key in {_key(s) for s in place.spellings()}:
            if place not in found[key]:
                found[key].append(place)
    return {k: tuple(v) for k, v in found.items()}


@cache
def _stem_index() -> dict[str, tuple[Place, ...]]:
    """Chinese names without their suffix (喀什 for 喀什市 and 喀什地区)."""
    found: dict[str, list[Place]] = defaultdict(list)
    for place in places():
        if place.chinese and place.kind != "country":
            found[_han_stem(place.chinese)].append(place)
    return {k: tuple(v) for k, v in found.items()}


def _by_stem(stem: str) -> list[Place]:
    """Units written with this stem; a city (stem + 市) is what a bare stem names."""
    matches = list(_stem_index().get(stem, ()))
    cities = [p for p in matches if p.chinese == stem + "市" and p.status == "current"]
    return cities if len(cities) == 1 else matches


@cache
def _phonetic_forms() -> tuple[tuple[Place, Reading], ...]:
    out: list[tuple[Place, Reading]] = []
    for place in places():
        for s in place.spellings():
            reading = _reading(s) if s not in (place.code, place.chinese) else None
            if reading is not None:
                out.append((place, reading))
    return tuple(out)


def _settle(query: str, matches: list[Place], matched_by: str) -> Resolution:
    unique = list(dict.fromkeys(matches))
    current = [p for p in unique if p.status == "current"]
    notes = []
    if current and len(current) < len(unique):
        retired = [p for p in unique if p.status == "retired"]
        notes.append("also a retired code: " + ", ".join(p.code for p in retired))
        unique = current
    if len(unique) == 1 and unique[0].status == "retired" and unique[0].successor:
        old = unique[0]
        new = by_code().get(old.successor)
        if new is not None:
            return Resolution(query, "resolved", new, (old,), matched_by,
                              f"{old.code} {old.chinese} is a retired code, now {new.code}")
    inner = [p for p in unique if any(p.within(q) for q in unique if q is not p)]
    if len(inner) == 1 and all(p is inner[0] or inner[0].within(p) for p in unique):
        outer = [p for p in unique if p is not inner[0]]
        notes.append("also the name of its prefecture " + ", ".join(
            f"{p.code} {p.chinese}" for p in outer))
        return Resolution(query, "resolved", inner[0], tuple(outer), matched_by,
                          "; ".join(notes))
    if len(unique) == 1:
        return Resolution(query, "resolved", unique[0], (), matched_by, "; ".join(notes))
    return Resolution(query, "ambiguous", None, tuple(unique), matched_by,
                      f"{len(unique)} places are written this way; choose one by its code")


def find_place(text: str) -> Resolution:
    if len(text) > 200:
        raise InvalidInput("place name is too long (at most 200 characters)")
    query = normalise(text)
    if not any(ch.isalnum() for ch in query):
        raise InvalidInput("place name has no letters")
    if query.isdigit() or (len(query) == 2 and query.isalpha() and query.isascii()):
        place = by_code().get(query.upper())
        if place is not None:
            return _settle(text, [place], "code")
    stripped = _LATIN_SUFFIXES.sub("", query)
    for candidate_text in (query, stripped):
        matches = _index().get(_key(candidate_text))
        if matches:
            return _settle(text, list(matches), "exact")
    stem_matches = _by_stem(_han_stem(query))
    if stem_matches:
        return _settle(text, stem_matches, "chinese-stem")
    wanted = _reading(stripped)
    if wanted is None:
        return Resolution(text, "unknown", note="no place is written this way")
    scored: dict[str, tuple[float, Place]] = {}
    for place, reading in _phonetic_forms():
        s = phonetics.similarity_at_least(wanted.tokens, reading.tokens,
                                          wanted.chinese or reading.chinese, FUZZY_THRESHOLD)
        if s >= FUZZY_THRESHOLD and s > scored.get(place.code, (0.0, place))[0]:
            scored[place.code] = (s, place)
    if not scored:
        return Resolution(text, "unknown", note="no place is written this way")
    best = max(s for s, _ in scored.values())
    close = [p for s, p in scored.values() if s >= best - 0.05]
    return _settle(text, close, "phonetic")
