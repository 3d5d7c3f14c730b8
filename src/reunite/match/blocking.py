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

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from reunite.match.features import Features

Ints = npt.NDArray[np.int64]
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


def candidate_pairs(records: Sequence[Features]) -> tuple[Ints, Ints]:
    """Every candidate pair once, as two arrays (first < second), sorted."""
    key_ids: dict[str, int] = {}
    block_of: list[int] = []
    member: list[int] = []
    for i, r in enumerate(records):
        for key in keys(r):
            block_of.append(key_ids.setdefault(key, len(key_ids)))
            member.append(i)
    n = len(records)
    block = np.array(block_of, np.int64)
    rec = np.array(member, np.int64)
    order = np.lexsort((rec, block))
    block, rec = block[order], rec[order]
    sizes = np.bincount(block, minlength=len(key_ids))
    large = sizes > MAX_BLOCK
    small = ~large[block]
    sb, sr = block[small], rec[small]
    found: list[Ints] = []
    for offset in range(1, MAX_BLOCK):  # pairs of records at this distance within a block
        same = sb[offset:] == sb[:-offset]
        if not same.any():
            break
        found.append(sr[:-offset][same] * n + sr[offset:][same])
    pairs: set[tuple[int, int]] = set()
    starts = np.concatenate(([0], np.cumsum(sizes)))
    for key_id in np.flatnonzero(large).tolist():
        _windowed(rec[starts[key_id]:starts[key_id + 1]].tolist(), records, pairs)
    found.append(np.array([a * n + b for a, b in pairs], np.int64))
    codes = np.unique(np.concatenate(found))
    return codes // max(n, 1), codes % max(n, 1)
