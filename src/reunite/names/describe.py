"""Everything Reunite can say about one written name, and full-name comparison."""

from __future__ import annotations

from dataclasses import dataclass

from reunite.domain.persons import Script
from reunite.names.compare import PartComparison, canonical, compare_parts, readings
from reunite.names.normalise import normalise
from reunite.names.parse import ParsedName, parse_name
from reunite.names.scripts import detect_script
from reunite.names.translit import uly_to, uly_to_turkish


@dataclass(frozen=True)
class PartDescription:
    role: str  # given, father, grandfather
    written: str
    script: Script
    convention: str
    uly: str
    approximate: bool  # ULY reconstructed from a Chinese transcription, not in the table
    arabic: str
    cyrillic: str
    turkish: str
    chinese: tuple[str, ...]
    in_table: str  # the table's canonical ULY name, or ""
    sex_in_table: str
    key: str
    skeleton: str


@dataclass(frozen=True)
class NameDescription:
    input: str
    normalised: str
    scripts: tuple[tuple[str, str], ...]  # (token, script) per token
    form: str
    removed: tuple[str, ...]
    parts: tuple[PartDescription, ...]


def describe_part(role: str, word: str) -> PartDescription:
    first = readings(word)[0]
    entries = canonical(word)
    if entries:
        entry = entries[0]
        uly, approximate = entry.uly, False
    else:
        entry = None
        uly = first.uly[:1].upper() + first.uly[1:]
        approximate = first.chinese
    from reunite.names.reading import read_word

    key_reading = read_word(uly)[0] if entry else first
    return PartDescription(
        role=role, written=word, script=detect_script(word), convention=first.convention.value,
        uly=uly, approximate=approximate, arabic=uly_to(Script.ARABIC, uly),
        cyrillic=uly_to(Script.CYRILLIC, uly).capitalize(),
        turkish=uly_to_turkish(uly).capitalize(), chinese=entry.chinese if entry else (),
        in_table=entry.uly if entry else "", sex_in_table=entry.sex if entry else "",
        key=key_reading.key, skeleton=key_reading.skeleton)


def describe_name(text: str) -> NameDescription:
    clean = normalise(text)
    parsed = parse_name(clean)
    return NameDescription(
        input=text, normalised=clean,
        scripts=tuple((tok, detect_script(tok).value) for tok in clean.split()),
        form=parsed.form, removed=parsed.removed,
        parts=tuple(describe_part(role, word) for role, word in parsed.parts()))


@dataclass(frozen=True)
class NameComparison:
    score: float
    same: bool
    order: str  # "as written" or "swapped"
    parts: tuple[tuple[str, str, str, PartComparison], ...]  # (role, a, b, comparison)
    a: ParsedName
    b: ParsedName


def compare_names(a: str, b: str) -> NameComparison:
    """Two full names: given with given, father with father (also tried swapped)."""
    pa, pb = parse_name(a), parse_name(b)
    options = [("as written", pb)]
    if pb.father:
        options.append(("swapped", ParsedName(pb.father, pb.given, pb.grandfather, pb.removed,
                                              pb.form)))
    best: NameComparison | None = None
    for order, other in options:
        parts = []
        for role in ("given", "father"):
            x, y = getattr(pa, role), getattr(other, role)
            if x and y:
                parts.append((role, x, y, compare_parts(x, y)))
        if not parts:
            continue
        weights = {"given": 0.6, "father": 0.4}
        total = sum(weights[r] for r, *_ in parts)
        score = sum(weights[r] * c.score for r, _, _, c in parts) / total
        if order == "swapped":
            score *= 0.95
        same = all(c.same for *_, c in parts)
        result = NameComparison(round(score, 3), same, order, tuple(parts), pa, pb)
        if best is None or (result.same, result.score) > (best.same, best.score):
            best = result
    assert best is not None
    return best
