"""Candidate pairs: records that share a blocking key, so that not every pair is compared.

Rules (any one suffices, as Splink's blocking rules combine): the same phonetic key of the
given name and consonant skeleton of the father's name; the reverse; and the same pair of
skeletons in either order (this one survives Chinese transcription and swapped order).
Blocks larger than MAX_BLOCK are split by birth decade so that very common names do not
explode into millions of pairs; records without a birth year stay in every sub-block.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence

from reunite.match.features import Features

MAX_BLOCK = 300


def keys(f: Features) -> set[str]:
    out: set[str] = set()
    g, fa = f.given, f.father
    for gs in g.skeletons:
        for fs in fa.skeletons:
            out.add("ss:" + "|".join(sorted((gs, fs))))
        for key in fa.keys:
            out.add(f"fk:{key}|gs:{gs}")
        if not fa.word:
            out.add(f"g-only:{gs}")
    for fs in fa.skeletons:
        for key in g.keys:
            out.add(f"gk:{key}|fs:{fs}")
        if not g.word:
            out.add(f"f-only:{fs}")
    # coarse keys, each with the start of the other name: tolerate a typo late in one name
    for gc in g.coarse:
        for fc in fa.coarse:
            out.add(f"gc:{gc}|fc3:{fc[:3]}")
            out.add(f"fc:{fc}|gc3:{gc[:3]}")
    return out


def _split(members: list[int], records: Sequence[Features]) -> Iterator[list[int]]:
    by_decade: dict[int, list[int]] = defaultdict(list)
    unknown = []
    for i in members:
        years = records[i].years
        if years is None:
            unknown.append(i)
        else:
            for decade in range(years[0] // 10, years[1] // 10 + 1):
                by_decade[decade].append(i)
    for group in by_decade.values():
        yield group + unknown


def candidate_pairs(records: Sequence[Features]) -> set[tuple[int, int]]:
    blocks: dict[str, list[int]] = defaultdict(list)
    for i, r in enumerate(records):
        for key in keys(r):
            blocks[key].append(i)
    pairs: set[tuple[int, int]] = set()
    for members in blocks.values():
        if len(members) < 2:
            continue
        groups = [members] if len(members) <= MAX_BLOCK else list(_split(members, records))
        for group in groups:
            for x in range(len(group)):
                a = group[x]
                for b in group[x + 1:]:
                    pairs.add((a, b) if a < b else (b, a))
    return pairs
