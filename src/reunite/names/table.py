"""The table of common given names (data/given_names.tsv) and lookups into it."""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True)
class GivenName:
    uly: str
    sex: str
    arabic: str
    cyrillic: str
    chinese: tuple[str, ...]
    pinyin: tuple[str, ...]
    variants: tuple[str, ...]
    frequency: int

    def spellings(self) -> tuple[str, ...]:
        return (self.uly, self.arabic, self.cyrillic, *self.chinese, *self.pinyin,
                *self.variants)


@cache
def given_names() -> tuple[GivenName, ...]:
    text = resources.files("reunite.names").joinpath("data/given_names.tsv").read_text("utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    rows = csv.DictReader(lines, delimiter="\t")

    def alts(value: str) -> tuple[str, ...]:
        return tuple(v for v in value.split("|") if v)

    return tuple(GivenName(r["uly"], r["sex"], r["arabic"], r["cyrillic"], alts(r["chinese"]),
                           alts(r["pinyin"]), alts(r["variants"]), int(r["frequency"]))
                 for r in rows)


@cache
def index() -> dict[str, tuple[GivenName, ...]]:
    """Folded key of every spelling -> the table entries it belongs to."""
    from reunite.names.reading import read_word

    return _grouped((reading.key, e) for e in given_names() for spelling in e.spellings()
                    for reading in read_word(spelling))


def lookup(key: str) -> tuple[GivenName, ...]:
    return index().get(key, ())


# Russian-style Cyrillic leaves out Uyghur's own letters (names-and-places.md §1: Ахмет, Мамет,
# Турсунов): ә as а or е, ө о, ү у, ғ г, қ к, ң н, һ х, җ ж.
_RUSSIAN_STYLE = [str.maketrans("әөүғқңһҗ", "аоугкнхж"), str.maketrans("әөүғқңһҗ", "еоугкнхж")]


def _grouped(pairs: Iterable[tuple[str, GivenName]]) -> dict[str, tuple[GivenName, ...]]:
    """Key -> the table entries having it, each once, in table order."""
    found: dict[str, list[GivenName]] = defaultdict(list)
    for key, entry in pairs:
        if entry not in found[key]:
            found[key].append(entry)
    return {k: tuple(v) for k, v in found.items()}


@cache
def _russian_index() -> dict[str, tuple[GivenName, ...]]:
    return _grouped((e.cyrillic.lower().translate(t), e) for e in given_names()
                    for t in _RUSSIAN_STYLE)


def russian_style_lookup(word: str) -> tuple[GivenName, ...]:
    """Table entries that this Cyrillic spelling writes without Uyghur's own letters
    (Ахмат and Ахмет for Әһмәт, Ehmet); the word lower case, as written."""
    return _russian_index().get(word.lower().replace("ё", "е"), ())


# English-language press spellings write ə as a (Mamat, Ahmat) and drop Uyghur's letters
# (names-and-places.md §1.4): spellings are compared with those distinctions folded away.
_PRESS_FOLDS = (("tch", "ch"), ("kh", "x"), ("dj", "j"), ("v", "w"), ("é", "e"), ("ö", "o"),
                ("ü", "u"), ("gh", "g"), ("q", "k"), ("e", "a"))


def press_fold(word: str) -> str:
    out = word.lower()
    for a, b in _PRESS_FOLDS:
        out = out.replace(a, b)
    return out


@cache
def _press_index() -> dict[str, tuple[GivenName, ...]]:
    return _grouped((press_fold(spelling), e) for e in given_names()
                    for spelling in (e.uly, *e.variants))


def press_style_lookup(word: str) -> GivenName | None:
    """The one table entry this Latin spelling writes with the press's letters (Ahmat for
    Ehmet), or None: also when the folding makes it two names' spelling."""
    found = _press_index().get(press_fold(word), ())
    return found[0] if len(found) == 1 else None
