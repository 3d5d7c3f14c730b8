"""Unicode clean-up of names before anything else looks at them.

- NFKC turns Arabic presentation forms (legacy PDFs, old web pages) back into letters.
- Zero-width characters, bidi marks, BOM and tatweel are removed.
- Persian/Arabic look-alikes used on non-Uyghur keyboards are folded to the Uyghur letters:
  keheh to kaf; Farsi yeh is the consonant y before a vowel and the vowel i (U+0649)
  elsewhere; heh (U+0647) next to a vowel letter is the consonant h (U+06BE), elsewhere the
  vowel e (U+06D5).
- A token that mixes Latin and Cyrillic letters is a homoglyph accident ('Мihriban' with a
  Cyrillic М): its look-alike letters are folded into the script of the majority.
"""

from __future__ import annotations

import re
import unicodedata

from reunite.domain.persons import Script
from reunite.errors import InvalidInput
from reunite.names.scripts import char_script

MAX_INPUT = 300

_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u200e\u200f\u2060\ufeff\u0640"
                               "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))
_UEY_VOWELS = set("اەوۇۆۈېى")
ALEF_MAKSURA, YEH, FARSI_YEH, HEH, AE, HEH_DOACHASHMEE = (
    "\u0649", "\u064a", "\u06cc", "\u0647", "\u06d5", "\u06be")

# Cyrillic and Latin letters that look alike, in both directions.
_CYR_TO_LAT = dict(zip("АВЕКМНОРСТХаеорсухіјһӀ", "ABEKMHOPCTXaeopcyxijhI", strict=True))
_LAT_TO_CYR = {v: k for k, v in _CYR_TO_LAT.items() if k not in "ӀіјһуУ"}


def clean(text: str) -> str:
    """NFKC, invisible characters removed, whitespace collapsed; rejects empty or huge input."""
    if len(text) > MAX_INPUT * 4:
        raise InvalidInput(f"name is too long ({len(text)} characters; at most {MAX_INPUT})")
    out = unicodedata.normalize("NFKC", text).translate(_INVISIBLE)
    out = " ".join(out.split())
    if not out:
        raise InvalidInput("name is empty")
    if len(out) > MAX_INPUT:
        raise InvalidInput(f"name is too long ({len(out)} characters; at most {MAX_INPUT})")
    return out


def fold_arabic(text: str) -> str:
    """Persian/Arabic look-alike letters to the letters of Uyghur Arabic script."""
    if "\u06a9" not in text and FARSI_YEH not in text and HEH not in text:
        return text  # (most names: nothing to fold)
    chars = list(text.replace("\u06a9", "\u0643"))  # keheh -> kaf
    for i, ch in enumerate(chars):
        following = chars[i + 1] if i + 1 < len(chars) else " "
        preceding = chars[i - 1] if i > 0 else " "
        if ch == FARSI_YEH:
            chars[i] = YEH if following in _UEY_VOWELS else ALEF_MAKSURA
        elif ch == HEH:  # h next to a vowel (mihri, ehmet), else the vowel e (memet)
            near_vowel = following in _UEY_VOWELS or preceding in _UEY_VOWELS
            chars[i] = HEH_DOACHASHMEE if near_vowel else AE
    return "".join(chars)


_TOKEN = re.compile(r"\S+")
_CYRILLIC = re.compile("[\u0400-\u052f]")
_LATIN = re.compile("[A-Za-z\u00c0-\u02af\u1e00-\u1eff\u2c60-\u2c7f]")


def fold_homoglyphs(text: str) -> str:
    """In each token mixing Latin and Cyrillic, fold look-alikes into the majority script."""
    def fix(m: re.Match[str]) -> str:
        token = m.group(0)
        scripts = [char_script(ch) for ch in token]
        latin = scripts.count(Script.LATIN)
        cyrillic = scripts.count(Script.CYRILLIC)
        if not latin or not cyrillic:
            return token
        table = _CYR_TO_LAT if latin >= cyrillic else _LAT_TO_CYR
        return "".join(table.get(ch, ch) for ch in token)
    if not _CYRILLIC.search(text) or not _LATIN.search(text):
        return text  # (most names: one script, nothing to fold)
    return _TOKEN.sub(fix, text)


def normalise(text: str) -> str:
    """Everything above, in order."""
    return fold_homoglyphs(fold_arabic(clean(text)))


def strip_marks(text: str) -> str:
    """Latin letters without diacritics (ö -> o, é -> e, ş -> s); other scripts untouched."""
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize(
        "NFC", "".join(ch for ch in decomposed if not unicodedata.combining(ch)))
