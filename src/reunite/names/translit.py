"""Between Uyghur's alphabets, and from any spelling to phoneme tokens.

Uyghur Latin (ULY) is the canonical internal form. Arabic script (UEY) and Cyrillic (USY)
convert to it with `umsc` (Apache-2.0), which the project brief tested correct on its sample
words; Turkish-style spellings, press spellings and the 1965 Latin script (UYY) are folded to
it here, and Chinese transcriptions go through :mod:`reunite.names.chinese`.
"""

from __future__ import annotations

import re
from enum import StrEnum
from functools import cache

from umsc import UgMultiScriptConverter

from reunite.domain.persons import Script
from reunite.names import chinese
from reunite.names.normalise import strip_marks
from reunite.names.scripts import detect_script


class Convention(StrEnum):
    """How a piece of text spells Uyghur sounds."""

    ARABIC = "arabic"          # Uyghur Arabic script (UEY)
    CYRILLIC = "cyrillic"      # Uyghur Cyrillic (USY) or Russian-style Cyrillic
    ULY = "uly"                # Uyghur Latin, and English/press spellings close to it
    TURKISH = "turkish"        # Turkish-style Latin: c = j, ç = ch, ş = sh, ğ = gh
    UYY = "uyy"                # 1965-82 Latin script: q = ch, x = sh, h = kh
    PINYIN = "pinyin"          # pinyin of a Chinese-character transcription
    HAN = "han"                # Chinese characters
    UNKNOWN = "unknown"


@cache
def _converter(source: str, target: str) -> UgMultiScriptConverter:
    return UgMultiScriptConverter(source, target)


_TURKISH = re.compile(r"[çşğıİÇŞĞ]")
_ULY_MARKS = re.compile(r"(é|ë|gh|[a-zöü]'[a-zöü]|ng')")
_UYY = re.compile(r"[ⱪⱨⱬƣɵə]")


def latin_convention(word: str) -> Convention:
    if _UYY.search(word):
        return Convention.UYY
    if _TURKISH.search(word):
        return Convention.TURKISH
    if _ULY_MARKS.search(word.lower()):
        return Convention.ULY
    if chinese.looks_like_pinyin(word):
        return Convention.PINYIN
    return Convention.ULY


def convention(word: str) -> Convention:
    script = detect_script(word)
    if script is Script.ARABIC:
        return Convention.ARABIC
    if script is Script.CYRILLIC:
        return Convention.CYRILLIC
    if script is Script.HAN:
        return Convention.HAN
    if script is Script.LATIN:
        return latin_convention(word)
    return Convention.UNKNOWN


def arabic_to_uly(text: str) -> str:
    return str(_converter("UAS", "ULS")(text))


def cyrillic_to_uly(text: str) -> str:
    """Uyghur Cyrillic to ULY. Russian-style spellings (Ахмет, Жамал) lack the Uyghur letters
    and read е as é, ж as zh; they are mostly caught by the comparison's cheap substitutions."""
    return str(_converter("UCS", "ULS")(text))


def uly_to(script: Script, uly: str) -> str:
    """ULY text written in another script (Arabic, Cyrillic) or Turkish-style Latin."""
    target = {Script.ARABIC: "UAS", Script.CYRILLIC: "UCS"}.get(script)
    if target is None:
        raise ValueError(f"no conversion from ULY to {script}")
    return str(_converter("ULS", target)(uly.lower()))


def uly_to_turkish(uly: str) -> str:
    return str(_converter("ULS", "CTS")(uly.lower()))


def _lower(word: str) -> str:
    return word.replace("I", "ı").replace("İ", "i").lower()


def latin_to_uly(word: str, conv: Convention) -> str:
    """A Latin spelling folded to ULY letters (lower case)."""
    if conv is Convention.TURKISH:
        w = _lower(word)
        return (w.replace("ç", "ch").replace("ş", "sh").replace("ğ", "gh").replace("ı", "i")
                .replace("c", "j").replace("v", "w"))
    w = word.lower()
    if conv is Convention.UYY:
        table = {"q": "ch", "x": "sh", "h": "x", "ⱪ": "q", "ƣ": "gh", "ⱨ": "h", "ə": "e",
                 "e": "é", "ɵ": "ö", "ⱬ": "zh", "v": "w"}
        return "".join(table.get(ch, ch) for ch in w)
    w = w.replace("ë", "é").replace("kh", "x").replace("dj", "j").replace("v", "w")
    w = w.replace("ä", "e").replace("ə", "e").replace("ø", "ö").replace("oe", "ö")
    w = w.replace("ou", "u").replace("ee", "i").replace("ph", "f")
    return w


_DIGRAPHS = ("ch", "gh", "ng", "sh", "zh")
VOWELS = frozenset("aeéiouöü")
_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzéöü")


def uly_tokens(uly: str) -> list[str]:
    """ULY text split into phoneme tokens; an apostrophe separates digraph look-alikes (n'g)."""
    tokens: list[str] = []
    text = uly.lower()
    i = 0
    while i < len(text):
        pair = text[i:i + 2]
        if pair in _DIGRAPHS:
            tokens.append(pair)
            i += 2
            continue
        ch = text[i]
        if ch in _LETTERS:
            tokens.append({"c": "j", "v": "w", "f": "f"}.get(ch, ch))
        elif ch in "áàâ":
            tokens.append("a")
        elif ch in "íìîı":
            tokens.append("i")
        elif ch in "úùû":
            tokens.append("u")
        elif ch in "óòô":
            tokens.append("o")
        elif ch.isalpha():
            base = strip_marks(ch)
            if base in _LETTERS:
                tokens.append(base)
        i += 1
    # doubled letters are a spelling habit (Memmet, Abdulla), not a different name
    return [t for k, t in enumerate(tokens) if k == 0 or t != tokens[k - 1]]
