"""Clusters of records that refer to one person.

Accepted pairs are merged from the most probable down; two clusters are not merged when any
record of one was scored as clearly a different person from any record of the other (a
cannot-link: a sibling, a namesake of another generation). Without that check, transitive
closure chains namesakes together through a record that lacks the distinguishing facts.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import numpy as np
import numpy.typing as npt

Ints = npt.NDArray[np.signedinteger[Any]]  # int64, or int32 for record indices
MAX_CHECKS = 400  # member pairs checked with ``conflict`` before a merge


class _Partners:
    """Each record's partners in a set of pairs (both directions), as sorted arrays."""

    def __init__(self, n: int, a: Ints, b: Ints) -> None:
        first = np.concatenate((a, b))
        second = np.concatenate((b, a))
        order = np.argsort(first, kind="stable")
        self.others = second[order]
        self.starts = np.searchsorted(first[order], np.arange(n + 1))

    def of(self, x: int) -> list[int]:
        return self.others[self.starts[x]:self.starts[x + 1]].tolist()  # type: ignore[no-any-return]


def _arrays(pairs: Iterable[tuple[int, int]] | tuple[Ints, Ints]) -> tuple[Ints, Ints]:
    if isinstance(pairs, tuple) and len(pairs) == 2 and isinstance(pairs[0], np.ndarray):
        return pairs[0].astype(np.int64), pairs[1].astype(np.int64)
    listed = list(pairs)
    return (np.array([x for x, _ in listed], np.int64),
            np.array([y for _, y in listed], np.int64))


def clusters(n: int, links: Iterable[tuple[int, int]],
             cannot: Iterable[tuple[int, int]] | tuple[Ints, Ints] = (),
             conflict: Callable[[int, int], bool] | None = None) -> list[int]:
    """Cluster number of each record (the smallest record index in its cluster).

    ``links`` should come most probable first. ``cannot`` holds the pairs scored as two
    people (pairs or two arrays). ``conflict(a, b)`` tells whether two records cannot be one
    person (checked across the two clusters before merging them, up to MAX_CHECKS member
    pairs; pairs never scored as candidates are covered this way)."""
    parent = list(range(n))
    members: dict[int, list[int]] = {}
    apart = _Partners(n, *_arrays(cannot))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in links:
        ra, rb = find(a), find(b)
        if ra == rb:
            continue
        ma, mb = members.get(ra, [ra]), members.get(rb, [rb])
        small, large_root = (ma, rb) if len(ma) <= len(mb) else (mb, ra)
        if any(find(other) == large_root for x in small for other in apart.of(x)):
            continue
        if conflict is not None and len(ma) * len(mb) <= MAX_CHECKS and any(
                conflict(x, y) for x in ma for y in mb if (x, y) != (a, b) and (y, x) != (a, b)):
            continue
        root, child = min(ra, rb), max(ra, rb)
        parent[child] = root
        members[root] = ma + mb
        members.pop(child, None)
    return [find(i) for i in range(n)]


def components(n: int, a: Ints, b: Ints) -> Ints:
    """Connected components of the pairs (a[k], b[k]): each record's smallest reachable
    index (labels spread along pairs, then shortcut through their own labels, until they
    settle)."""
    labels = np.arange(n, dtype=np.int64)
    while len(a):
        low = np.minimum(labels[a], labels[b])
        spread = labels.copy()
        np.minimum.at(spread, a, low)
        np.minimum.at(spread, b, low)
        while True:  # pointer jumping: a label's own label
            jumped = spread[spread]
            if np.array_equal(jumped, spread):
                break
            spread = jumped
        if np.array_equal(spread, labels):
            break
        labels = spread
    return labels
