"""How one written word sounds: its phoneme tokens under the convention it was written in."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, cached_property

from reunite.domain.persons import Script
from reunite.names import chinese
from reunite.names.normalise import normalise
from reunite.names.phonetics import fold_key, skeleton
from reunite.names.scripts import char_script
from reunite.names.translit import (
    Convention,
    arabic_to_uly,
    convention,
    cyrillic_to_uly,
    latin_to_uly,
    uly_tokens,
)

_PINYIN_XQ = re.compile(r"([xq])([iu])")
_UYGHUR_CYRILLIC = re.compile(r"[әғҗқңһөүӘҒҖҚҢҺӨҮ]")


@dataclass(frozen=True)
class Reading:
    tokens: tuple[str, ...]
    convention: Convention
    uly: str  # the ULY spelling (approximate when read from a Chinese transcription)

    @property
    def chinese(self) -> bool:
        return self.convention in (Convention.HAN, Convention.PINYIN)

    @cached_property
    def key(self) -> str:
        return fold_key(self.tokens)

    @cached_property
    def skeleton(self) -> str:
        return skeleton(self.tokens)


def _from_syllables(syllables: list[str], conv: Convention) -> Reading:
    tokens = tuple(t for s in syllables for t in chinese.syllable_tokens(s))
    return Reading(tokens, conv, "".join(tokens).replace("ɹ", "r"))


# Russian-style surnames made from a father's name: Tursunov, Ilyasova, Турсунов.
SURNAME_SUFFIX = re.compile(r"^(.{3,}?)(ov|ova|ev|eva|ов|ова|ев|ева)$", re.I)


@cache
def read_word(word: str) -> tuple[Reading, ...]:
    """Every plausible reading of one word (a name part without spaces), best first.

    A Russian-style surname (Tursunov, Ilyasova) also reads as the name it was made from."""
    text = normalise(word)
    found = _read(text)
    m = SURNAME_SUFFIX.match(text)
    if m and found and found[0].convention in (Convention.ULY, Convention.CYRILLIC):
        found += tuple(r for r in _read(m[1]) if r not in found)
    return found


def _read(text: str) -> tuple[Reading, ...]:
    conv = convention(text)
    if conv is Convention.HAN:
        syllables = chinese.han_to_pinyin(text)
        return (_from_syllables(syllables, conv),) if syllables else ()
    if conv is Convention.ARABIC:
        uly = arabic_to_uly(text)
        return (Reading(tuple(uly_tokens(uly)), conv, uly),)
    if conv is Convention.CYRILLIC:
        uly = cyrillic_to_uly(text)
        readings = [Reading(tuple(uly_tokens(uly)), conv, uly)]
        if not _UYGHUR_CYRILLIC.search(text):  # Russian-style: е is e, ж is j, х is often h
            alt = uly.replace("é", "e").replace("zh", "j").replace("x", "h")
            if alt != uly:
                readings.append(Reading(tuple(uly_tokens(alt)), conv, alt))
        return tuple(readings)
    if conv is Convention.PINYIN:
        parts = chinese.segment(text)
        assert parts is not None
        return (_from_syllables(parts, conv),)
    if conv is Convention.UNKNOWN:
        scripts = set(map(char_script, text)) - {None}
        if scripts == {Script.LATIN, Script.CYRILLIC}:
            uly = cyrillic_to_uly(text)  # Latin and Cyrillic mixed: umsc keeps the Latin
            tokens = tuple(uly_tokens(uly))
            return (Reading(tokens, Convention.ULY, uly),) if tokens else ()
        return ()
    uly = latin_to_uly(text, conv)
    readings = [Reading(tuple(uly_tokens(uly)), conv, uly)]
    if conv is Convention.ULY and _PINYIN_XQ.search(uly):  # Xirali = Shirali, as pinyin writes
        alt = _PINYIN_XQ.sub(lambda m: {"x": "sh", "q": "ch"}[m[1]] + m[2], uly)
        readings.append(Reading(tuple(uly_tokens(alt)), conv, alt))
    pinyin = chinese.segment(text)
    if pinyin is not None and len(pinyin) >= 3:  # it may also be pinyin (Patime, Abudula)
        readings.append(_from_syllables(pinyin, Convention.PINYIN))
    return tuple(r for r in readings if r.tokens)
