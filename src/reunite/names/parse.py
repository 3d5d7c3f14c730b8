"""A written full name split into its parts: given name, father's name, grandfather's name.

Handles 'Given Father', 'Given·Father' in Chinese characters (every dot variant, or none when
both halves are known names), labelled passport fields (Surname: ..., Given names: ...), the
machine-readable 'SURNAME<<GIVEN' form, Russian-style -ov/-ova and Turkic oghli/qizi
patronymics, honorifics (Haji, Molla, ...) and an extra grandfather's name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from reunite.domain.persons import Script
from reunite.errors import InvalidInput
from reunite.names.chinese import DOTS
from reunite.names.normalise import normalise
from reunite.names.reading import SURNAME_SUFFIX
from reunite.names.scripts import detect_script

HONORIFICS = frozenset({"haji", "hajim", "hajji", "hoja", "xoja", "molla", "mollam", "imam",
                        "qari", "damolla", "axun", "ahun", "ahunum", "hajı", "ھاجى", "موللا",
                        "ئىمام", "阿吉", "毛拉"})
PATRONYMIC_WORDS = frozenset({"oghli", "ogli", "oğlu", "oglu", "uulu", "ulı", "qizi", "kizi",
                              "kyzy", "qızı", "kızı", "оғли", "угли", "кизи", "қизи", "уулу"})
_LABEL = re.compile(
    r"(?P<label>surname|family name|last name|father'?s name|given names?|first name|forenames?|"
    r"name)\s*[:=]\s*(?P<value>[^;,\n]+)", re.I)


@dataclass(frozen=True)
class ParsedName:
    given: str
    father: str = ""
    grandfather: str = ""
    removed: tuple[str, ...] = field(default=())  # honorifics, patronymic words, suffixes
    form: str = "plain"  # plain, chinese-dot, chinese-split, labelled, mrz, surname-first

    def parts(self) -> list[tuple[str, str]]:
        return [(k, v) for k, v in (("given", self.given), ("father", self.father),
                                    ("grandfather", self.grandfather)) if v]


def parse_name(raw: str) -> ParsedName:
    text = normalise(raw)
    if "<<" in text:
        surname, _, given = text.partition("<<")
        return _from_words(given.replace("<", " ").split(), surname.replace("<", " ").split(),
                           "mrz")
    labelled = {m["label"].lower(): m["value"].strip() for m in _LABEL.finditer(text)}
    if labelled:
        given = next((v for k, v in labelled.items()
                      if k.startswith(("given", "first", "forename")) or k == "name"), "")
        family = next((v for k, v in labelled.items()
                       if k.startswith(("surname", "family", "last", "father"))), "")
        return _from_words(given.split(), family.split(), "labelled")
    script = detect_script(text.replace(" ", ""))
    if script is Script.HAN or (any(ch in DOTS for ch in text) and _has_han(text)):
        return _parse_han(text)
    words = [w for w in re.split(r"[\s\-‐]+", text) if w]
    if not words:
        raise InvalidInput("name is empty")
    return _from_words(words, [], "plain")


def _has_han(text: str) -> bool:
    return any("\u3400" <= ch <= "\u9fff" for ch in text)


def _parse_han(text: str) -> ParsedName:
    pieces = [p for p in re.split(f"[{re.escape(DOTS)}\\s]+", text) if p]
    if len(pieces) >= 2:
        return ParsedName(pieces[0], pieces[1], pieces[2] if len(pieces) > 2 else "",
                          form="chinese-dot")
    whole = pieces[0]
    split = _split_known(whole)
    if split:
        return ParsedName(split[0], split[1], form="chinese-split")
    return ParsedName(whole, form="chinese-undivided")


def _split_known(whole: str) -> tuple[str, str] | None:
    """Split undotted characters where both halves are names in the table (买买提艾力)."""
    from reunite.names.compare import canonical

    for i in range(2, len(whole) - 1):
        left, right = whole[:i], whole[i:]
        if canonical(left) and canonical(right):
            return left, right
    return None


def _from_words(given_words: list[str], family_words: list[str], form: str) -> ParsedName:
    removed: list[str] = []
    words = []
    for w in given_words + family_words:
        if w.lower().strip(".") in HONORIFICS:
            removed.append(w)
        else:
            words.append(w)
    family_count = len([w for w in family_words if w.lower().strip(".") not in HONORIFICS])
    given_part = words[: len(words) - family_count] if family_count else words
    family_part = words[len(words) - family_count:] if family_count else []
    # a patronymic word marks the word before it as the father's name
    for i, w in enumerate(given_part):
        if w.lower() in PATRONYMIC_WORDS:
            removed.append(w)
            father = given_part[i - 1] if i > 0 else ""
            given = " ".join(x for j, x in enumerate(given_part) if j not in (i - 1, i))
            return ParsedName(given or father, father if given else "", removed=tuple(removed),
                              form="patronymic")
    if not family_part and len(given_part) >= 2 and SURNAME_SUFFIX.match(given_part[0]) and \
            not SURNAME_SUFFIX.match(given_part[1]):
        family_part, given_part = [given_part[0]], given_part[1:]
        form = "surname-first"
    all_words = given_part + family_part
    if not all_words:
        raise InvalidInput("name has no parts left after removing titles")
    stripped = []
    for w in all_words[1:]:
        m = SURNAME_SUFFIX.match(w)
        if m:
            removed.append(f"-{m[2]}")
            stripped.append(m[1])
        else:
            stripped.append(w)
    parts = [all_words[0], *stripped]
    return ParsedName(parts[0], parts[1] if len(parts) > 1 else "",
                      parts[2] if len(parts) > 2 else "", tuple(removed), form)
