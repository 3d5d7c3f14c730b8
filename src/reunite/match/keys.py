"""Blocking keys of a person's names: which name parts, read how.

Every name a person was recorded under is split into parts (given, father) and each part gives
its phonetic key (equal for spellings of one name) and its consonant skeleton (survives Chinese
transcription). The registry stores only keyed hashes of these (see store.name_index).
"""

from __future__ import annotations

from reunite.domain.persons import NameKind, Person
from reunite.errors import InvalidInput
from reunite.names.compare import canonical
from reunite.names.parse import parse_name
from reunite.names.reading import read_word

ROLE_OF_KIND = {NameKind.GIVEN: "given", NameKind.FATHER: "father", NameKind.FAMILY: "father"}


def part_keys(word: str) -> set[tuple[str, str]]:
    """(kind, value) keys of one name part: 'key' and 'skeleton' of each reading."""
    keys: set[tuple[str, str]] = set()
    for reading in read_word(word):
        keys.add(("key", reading.key))
        if reading.skeleton:
            keys.add(("skeleton", reading.skeleton))
    for entry in canonical(word) if keys else ():
        for reading in read_word(entry.uly):
            keys.add(("key", reading.key))
    return keys


def name_parts(person: Person) -> list[tuple[str, str]]:
    """(role, word) for every part of every name of the person."""
    parts: list[tuple[str, str]] = []
    for name in person.names:
        if name.kind in ROLE_OF_KIND:
            parts.extend((ROLE_OF_KIND[name.kind], w) for w in name.text.split())
            continue
        try:
            parsed = parse_name(name.text)
        except InvalidInput:
            continue
        parts.extend(parsed.parts())
    return list(dict.fromkeys(parts))


def pair_keys(given: set[tuple[str, str]],
              father: set[tuple[str, str]]) -> set[tuple[str, str]]:
    """(kind, value) keys of a given name and a father's name together: 'given key|father
    key', and the same of their skeletons (which survive a Chinese transcription). A common
    pair of names has hundreds of bearers in a large registry where each name alone has tens
    of thousands, so a search looks the pair up first."""
    return {(kind, f"{g}|{f}") for kind in ("key", "skeleton")
            for kind_g, g in given if kind_g == kind
            for kind_f, f in father if kind_f == kind}


def person_keys(person: Person) -> set[tuple[str, str, str]]:
    """(role, kind, value) blocking keys of a person: each name part's keys under its role,
    and the keys of each (given, father) pair of its parts under the role 'pair'."""
    out: set[tuple[str, str, str]] = set()
    by_role: dict[str, set[tuple[str, str]]] = {"given": set(), "father": set()}
    for role, word in name_parts(person):
        if role not in by_role:
            continue  # a grandfather's name (a third part) is kept but not indexed
        try:
            found = part_keys(word)
        except InvalidInput:
            continue  # a name in an unsupported script is kept but not indexed
        out.update((role, kind, value) for kind, value in found)
        by_role[role] |= found
    out.update(("pair", kind, value)
               for kind, value in pair_keys(by_role["given"], by_role["father"]))
    return out
