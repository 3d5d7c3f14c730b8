"""Chinese-character transcriptions of Uyghur names, and their pinyin spellings.

Official records write Uyghur names in Chinese characters, one character per syllable, with
filler vowels after consonants Mandarin cannot end a syllable with (Memet -> 买买提 mai-mai-ti).
Passports and the press then print the pinyin of those characters (Maimaiti, Abulikemu). Both
reach the same representation here: a sequence of pinyin syllables, then a sequence of phoneme
tokens in the Uyghur Latin alphabet (ULY) that :mod:`reunite.names.compare` can align with
names written in any other script.

Readings: pypinyin's default reading of a few characters is wrong in names (都 dou for du, 什
shen for shi, 勒 lei for le, 伽 ga for jia, 卜 bo for bu); the corrections below follow the
reference compiled in the project brief (names-and-places.md §2.3, §2.6) and DB65/T 2189-2005's
principle that the Uyghur pronunciation governs.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from pypinyin import Style, lazy_pinyin
from pypinyin.pinyin_dict import pinyin_dict

NAME_READINGS = {"都": "du", "什": "shi", "勒": "le", "伽": "jia", "卜": "bu", "提": "ti",
                 "阿": "a", "艾": "ai", "尉": "yu", "莎": "sha", "扎": "za", "土": "tu",
                 "合": "he", "吾": "wu", "曲": "qu", "重": "chong", "万": "wan", "朴": "pu"}

# Middle dots seen between given name and father's name in Chinese records.
DOTS = "·・•．‧∙⋅.・･"


def han_to_pinyin(text: str) -> list[str]:
    """Toneless pinyin syllables of the Han characters in ``text``; other characters dropped."""
    syllables = []
    for ch in text:
        if ch in NAME_READINGS:
            syllables.append(NAME_READINGS[ch])
        elif "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff":
            reading = lazy_pinyin(ch, style=Style.NORMAL, errors="ignore")
            syllables.extend(r.replace("ü", "v") for r in reading)
    return syllables


@cache
def pinyin_syllables() -> frozenset[str]:
    """Every toneless pinyin syllable, from pypinyin's character table (ü written v)."""
    out = set()
    tone = str.maketrans("āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ", "aaaaeeeeiiiioooouuuuvvvvvnnnm")
    for readings in pinyin_dict.values():
        for r in readings.split(","):
            s = r.translate(tone)
            if s.isascii() and s.isalpha():
                out.add(s)
    return frozenset(out - {"m", "n", "ng", "hm", "hng", "r", "ê"})


_PINYIN_ONLY = re.compile(r"(ai|ei|ao|ou|uo|ie|ia|iu|ua|ue|ui|xi|xu|qi|qu|zh|iang|iong|ing|"
                          r"eng|ong|ang)")


def segment(word: str) -> list[str] | None:
    """Split a pinyin word (Abulikemu) into syllables, or None when it is not pinyin.

    Prefers longer syllables first and backtracks; 'er' is allowed as its own syllable (尔).
    """
    found = _segment(word)
    return list(found) if found is not None else None


@lru_cache(maxsize=100_000)
def _segment(word: str) -> tuple[str, ...] | None:
    text = word.lower().replace("ü", "v").replace("'", "")
    syllables = pinyin_syllables()

    @cache
    def split(i: int) -> tuple[str, ...] | None:
        if i == len(text):
            return ()
        for j in range(min(len(text), i + 6), i, -1):
            piece = text[i:j]
            if piece in syllables:
                rest = split(j)
                if rest is not None:
                    return (piece, *rest)
        return None

    return split(0)


def looks_like_pinyin(word: str) -> bool:
    """A Latin word that is pinyin of a Chinese transcription rather than a Uyghur spelling.

    It must split into pinyin syllables, and show a trait Uyghur spellings lack: three or more
    syllables with a vowel cluster of pinyin (ai, ao, uo, ...), or an x/q used as pinyin uses
    them (only before i or u).
    """
    parts = segment(word)
    if parts is None or len(parts) < 2:
        return False
    text = word.lower()
    xq_as_pinyin = bool(re.search(r"[xq]", text)) and not re.search(r"[xq][^iuv]", text + "#")
    clusters = len(_PINYIN_ONLY.findall(text))
    filler_coda = len(parts) >= 3 and parts[-1] in _FILLERS
    er_syllable = "er" in parts[1:]
    return (xq_as_pinyin or (clusters >= 1 and len(parts) >= 3) or clusters >= 2
            or filler_coda or er_syllable)


# Syllables that Chinese transcription adds to carry a final consonant (Memet -> mai-mai-ti).
_FILLERS = frozenset({"ti", "ke", "mu", "fu", "pu", "zi", "si", "de", "he", "er", "ge"})


_INITIALS = ("zh", "ch", "sh", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h", "j", "q",
             "x", "r", "z", "c", "s", "y", "w")
_INITIAL_TOKENS = {"zh": ["j"], "ch": ["ch"], "sh": ["sh"], "b": ["b"], "p": ["p"], "m": ["m"],
                   "f": ["p"], "d": ["d"], "t": ["t"], "n": ["n"], "l": ["l"], "g": ["g"],
                   "k": ["k"], "h": ["x"], "j": ["j"], "q": ["ch"], "x": ["sh"], "r": ["r"],
                   "z": ["z"], "c": ["ch"], "s": ["s"], "y": ["y"], "w": ["w"]}
_FINAL_TOKENS = {
    "a": ["a"], "ai": ["e"], "ao": ["o"], "an": ["a", "n"], "ang": ["a", "n"], "e": ["e"],
    "ei": ["e"], "en": ["e", "n"], "eng": ["e", "n"], "er": ["ɹ"], "o": ["o"], "ou": ["o"],
    "ong": ["u", "n"], "i": ["i"], "ia": ["a"], "iao": ["o"], "ie": ["é"], "iu": ["u"],
    "ian": ["e", "n"], "in": ["i", "n"], "iang": ["a", "n"], "ing": ["i", "n"], "iong": ["u", "n"],
    "u": ["u"], "ua": ["a"], "uo": ["o"], "uai": ["e"], "ui": ["i"], "uan": ["a", "n"],
    "un": ["u", "n"], "uang": ["a", "n"], "v": ["ü"], "ve": ["é"], "van": ["e", "n"],
    "vn": ["ü", "n"], "ue": ["é"],
}


def syllable_tokens(syllable: str) -> list[str]:
    """Phoneme tokens (ULY letters) that a pinyin syllable stands for in a name.

    尔 er is written as its own token "ɹ": it transcribes a coda r, never an l, whereas an
    l-syllable (来, 拉, 力) may stand for a medial r."""
    s = syllable.lower().replace("ü", "v")
    if s in ("yi", "wu", "yu", "yin", "ying", "yun", "wen", "wei"):
        s = {"yi": "i", "wu": "u", "yu": "v", "yin": "in", "ying": "ing", "yun": "vn",
             "wen": "un", "wei": "ui"}[s]
    initial = next((i for i in _INITIALS if s.startswith(i) and len(s) > len(i)), "")
    final = s[len(initial):]
    if initial in ("j", "q", "x", "y") and final.startswith("u"):
        final = "v" + final[1:]
    tokens = list(_INITIAL_TOKENS.get(initial, []))
    if initial == "y" and final.startswith("i"):
        tokens = []
    if initial in ("zh", "ch", "sh", "r", "z", "c", "s") and final == "i":
        final = "i"
    tokens.extend(_FINAL_TOKENS.get(final, list(final)))
    return tokens
