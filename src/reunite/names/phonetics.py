"""Weighted alignment of phoneme tokens: how far apart two spellings are.

The costs encode the variant classes documented in the project brief (names-and-places.md
§1.4, §2.2): letters that different conventions use for one sound cost little (q/k, gh/g,
x/h, j/zh, p/f, e/a of Arabic loans, é/i, ö/o, ü/u, a dropped h), letters that distinguish
names cost a full unit (s/gh in Tursun/Turghun, a/u in Gülnar/Gülnur, k/m in Ablikim/Ablimit).
When one side came through a Chinese transcription, the costs of what that transcription
loses are lowered: filler vowels (mai-mai-ti), r written as l, h dropped, sh written as s.
"""

from __future__ import annotations

from functools import cache

import numpy as np
import numpy.typing as npt
from numba import njit

VOWELS = frozenset("aeéiouöü")
UNROUNDED = frozenset("aeéi")
ROUNDED = frozenset("oöuü")

_GENERAL: dict[frozenset[str], float] = {}
_CHINESE: dict[frozenset[str], float] = {}


def _set(table: dict[frozenset[str], float], pairs: str, cost: float) -> None:
    for pair in pairs.split():
        a, b = pair.split("/")
        table[frozenset((a, b))] = cost


for _table in (_GENERAL, _CHINESE):
    _set(_table, "e/é é/i o/ö u/ü q/k gh/g x/h p/f j/zh ng/n", 0.2)
    _set(_table, "a/e e/i o/u ö/ü b/p d/t gh/x y/i w/u", 0.3)
    _set(_table, "o/ü ö/u a/é k/g gh/q gh/k x/k sh/s z/s ch/j b/f g/x", 0.6)
_set(_GENERAL, "r/l", 0.8)
_set(_CHINESE, "r/l", 0.2)
_set(_CHINESE, "a/o e/o i/ü sh/s gh/x x/k gh/q gh/k g/k ch/sh z/j", 0.35)
_set(_CHINESE, "a/i", 0.5)
_set(_CHINESE, "e/u a/é", 0.35)  # e and u are both filler vowels; 谢 xie writes she
# 艾/海/买 write both e and a, 特 te writes ti; pinyin d/t and b/p are not voicing
_set(_CHINESE, "a/e e/i d/t b/p", 0.2)
_set(_CHINESE, "g/k", 0.25)


@cache
def substitution(a: str, b: str, chinese: bool) -> float:
    if a == b:
        return 0.0
    if "ɹ" in (a, b):  # 尔: a coda r
        other = b if a == "ɹ" else a
        return 0.0 if other == "r" else 0.8 if other == "l" else 1.0
    table = _CHINESE if chinese else _GENERAL
    cost = table.get(frozenset((a, b)))
    if cost is not None:
        return cost
    if a in VOWELS and b in VOWELS:
        same_class = (a in UNROUNDED) == (b in UNROUNDED)
        return 0.6 if same_class else 1.0
    return 1.0


@cache
def indel(token: str, chinese: bool) -> float:
    """Cost of a token present on one side only."""
    if token == "h":
        return 0.25
    if token == "ɹ":
        return 0.5
    if token in ("y", "w"):
        return 0.1 if chinese else 0.4
    if token in VOWELS:
        if chinese:
            return 0.15 if token in "iueé" else 0.4
        return 0.6
    if chinese and token in ("x", "gh", "g", "l", "r", "n"):
        return 0.35  # absorbed into a neighbouring syllable (Dil- -> 迪 di, Hal- -> 哈 ha)
    return 1.0


_TOKEN_IDS: dict[str, int] = {}
_MAX_TOKENS = 128
# costs by token id, [0] in the general mode, [1] in the Chinese mode (filled as tokens appear)
_SUBSTITUTE = np.ones((2, _MAX_TOKENS, _MAX_TOKENS), np.float64)
_INDEL = np.ones((2, _MAX_TOKENS), np.float64)


def _token_id(token: str) -> int:
    found = _TOKEN_IDS.get(token)
    if found is not None:
        return found
    new = len(_TOKEN_IDS)
    if new >= _MAX_TOKENS:
        raise ValueError(f"more than {_MAX_TOKENS} phoneme tokens")
    _TOKEN_IDS[token] = new
    for mode in (0, 1):
        _INDEL[mode, new] = indel(token, bool(mode))
        for other, k in _TOKEN_IDS.items():
            _SUBSTITUTE[mode, new, k] = substitution(token, other, bool(mode))
            _SUBSTITUTE[mode, k, new] = substitution(other, token, bool(mode))
    return new


@cache
def _codes(tokens: tuple[str, ...]) -> npt.NDArray[np.int64]:
    return np.array([_token_id(t) for t in tokens], np.int64)


@njit(cache=True, nogil=True)
def _align(a: npt.NDArray[np.int64], b: npt.NDArray[np.int64],
           substitute: npt.NDArray[np.float64], indel: npt.NDArray[np.float64],
           limit: float) -> float:  # pragma: no cover - compiled; tested through distance
    previous = np.empty(len(b) + 1)
    current = np.empty(len(b) + 1)
    previous[0] = 0.0
    for j in range(len(b)):
        previous[j + 1] = previous[j] + indel[b[j]]
    for x in a:
        dropped = indel[x]
        current[0] = previous[0] + dropped
        lowest = current[0]
        for j in range(len(b)):
            value = min(previous[j + 1] + dropped, current[j] + indel[b[j]],
                        previous[j] + substitute[x, b[j]])
            current[j + 1] = value
            lowest = min(lowest, value)
        if lowest > limit:
            return np.inf
        previous, current = current, previous
    return float(previous[len(b)])


def distance(a: tuple[str, ...], b: tuple[str, ...], chinese: bool,
             limit: float = float("inf")) -> float:
    """Weighted edit distance between two token sequences; once every path costs more than
    ``limit`` the alignment stops and returns infinity (costs never fall along a path).
    Compiled (numba): matching compares millions of pairs of names."""
    ca, cb = _codes(a), _codes(b)
    mode = int(chinese)
    return float(_align(ca, cb, _SUBSTITUTE[mode], _INDEL[mode], limit))


def similarity(a: tuple[str, ...], b: tuple[str, ...], chinese: bool) -> float:
    """1 for the same tokens, falling with the cost; a cost of one full unit in a five-token
    name gives about 0.43, two units about 0."""
    if not a or not b:
        return 0.0
    length = max(len(a), len(b))
    return max(0.0, 1.0 - distance(a, b, chinese) / (1.0 + 0.15 * length))


_FOLD = {"ɹ": "r", "é": "e", "ö": "o", "ü": "u", "q": "k", "gh": "g", "x": "h", "zh": "j",
         "ng": "n", "f": "p"}


_CHEAPEST_INDEL = {False: 0.25, True: 0.1}  # h; y or w in Chinese mode (see indel)


def similarity_at_least(a: tuple[str, ...], b: tuple[str, ...], chinese: bool,
                        minimum: float) -> float:
    """similarity(a, b) when it is at least ``minimum``, else 0.0, computed only as far as
    needed to tell."""
    if not a or not b:
        return 0.0
    scale = 1.0 + 0.15 * max(len(a), len(b))
    limit = (1.0 - minimum) * scale
    if abs(len(a) - len(b)) * _CHEAPEST_INDEL[chinese] > limit:  # a bound no alignment beats
        return 0.0
    found = distance(a, b, chinese, limit=limit)
    score = max(0.0, 1.0 - found / scale)
    return score if score >= minimum else 0.0


def fold_key(tokens: tuple[str, ...]) -> str:
    """A key equal for spellings that differ only in convention letters (q/k, gh/g, é/e...)."""
    folded = [_FOLD.get(t, t) for t in tokens]
    return "".join(t for k, t in enumerate(folded) if k == 0 or t != folded[k - 1])


_COARSE_VOWEL = {v: "A" for v in UNROUNDED} | {v: "O" for v in ROUNDED}


def coarse_key(tokens: tuple[str, ...]) -> str:
    """Vowels by class (unrounded A, rounded O), h/y/w dropped, convention letters folded:
    equal for Ehmet, Ahmat and Әхмәт; a blocking key, too coarse to decide anything."""
    out = [_COARSE_VOWEL.get(t) or _FOLD.get(t, t) for t in tokens if t not in ("h", "y", "w")]
    out = ["k" if t == "h" else t for t in out]  # x (kh) folded to h above, then to k
    return "".join(t for k, t in enumerate(out) if k == 0 or t != out[k - 1])


_SKELETON = {"q": "K", "k": "K", "g": "K", "gh": "K", "x": "K", "j": "J", "ch": "J", "zh": "J",
             "s": "S", "sh": "S", "z": "S", "b": "P", "p": "P", "f": "P", "d": "T", "t": "T",
             "r": "R", "l": "R", "ɹ": "R", "m": "M", "n": "N", "ng": "N"}


def skeleton(tokens: tuple[str, ...]) -> str:
    """Consonant classes only (h, y, w and vowels dropped; r = l): a blocking key that survives
    Chinese transcription."""
    out = [_SKELETON[t] for t in tokens if t in _SKELETON]
    return "".join(t for k, t in enumerate(out) if k == 0 or t != out[k - 1])
