"""Candidate pairs: records that share a blocking key, so that not every pair is compared.

Rules (any one suffices, as Splink's blocking rules combine): the same phonetic key of the
given name and consonant skeleton of the father's name; the reverse; the same pair of
skeletons in either order (this one survives Chinese transcription and swapped order); the
same identity document number.
Inside a block larger than MAX_BLOCK, records are paired only when their birth years are
within WINDOW years of each other (a sorted-neighbourhood window), so that very common names
do not explode into millions of pairs; such farther pairs would be scored as two people
anyway. Records without a birth year still meet every record of the block, up to
MAX_UNKNOWN of them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from reunite.match.features import Features

MAX_BLOCK = 40
WINDOW = 2
MAX_UNKNOWN = 300


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
    if f.record.document:
        out.add("doc:" + f.record.document)
    # coarse keys, each with the start of the other name: tolerate a typo late in one name
    for gc in g.coarse:
        for fc in fa.coarse:
            out.add(f"gc:{gc}|fc3:{fc[:3]}")
            out.add(f"fc:{fc}|gc3:{gc[:3]}")
    return out


def _windowed(members: list[int], records: Sequence[Features],
              pairs: set[tuple[int, int]]) -> None:
    known = sorted((y, i) for i in members if (y := records[i].years) is not None)
    unknown = [i for i in members if records[i].years is None][:MAX_UNKNOWN]
    for x, ((_, high), a) in enumerate(known):
        for (other_low, _), b in known[x + 1:]:
            if other_low > high + WINDOW:
                break
            pairs.add((a, b) if a < b else (b, a))
    for x, a in enumerate(unknown):
        for b in members:
            if b != a and (records[b].years is not None or b in unknown[x + 1:]):
                pairs.add((a, b) if a < b else (b, a))


def candidate_pairs(records: Sequence[Features]) -> set[tuple[int, int]]:
    blocks: dict[str, list[int]] = defaultdict(list)
    for i, r in enumerate(records):
        for key in keys(r):
            blocks[key].append(i)
    pairs: set[tuple[int, int]] = set()
    for members in blocks.values():
        if len(members) < 2:
            continue
        if len(members) > MAX_BLOCK:
            _windowed(members, records, pairs)
            continue
        for x in range(len(members)):
            a = members[x]
            for b in members[x + 1:]:
                pairs.add((a, b) if a < b else (b, a))
    return pairs
