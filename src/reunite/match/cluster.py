"""Clusters of records that refer to one person.

Accepted pairs are merged from the most probable down; two clusters are not merged when any
record of one was scored as clearly a different person from any record of the other (a
cannot-link: a sibling, a namesake of another generation). Without that check, transitive
closure chains namesakes together through a record that lacks the distinguishing facts.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable

MAX_CHECKS = 400  # member pairs checked with ``conflict`` before a merge


def clusters(n: int, links: Iterable[tuple[int, int]],
             cannot: Iterable[tuple[int, int]] = (),
             conflict: Callable[[int, int], bool] | None = None) -> list[int]:
    """Cluster number of each record (the smallest record index in its cluster).

    ``links`` should come most probable first. ``conflict(a, b)`` tells whether two records
    cannot be one person (checked across the two clusters before merging them, up to
    MAX_CHECKS member pairs; pairs never scored as candidates are covered this way)."""
    parent = list(range(n))
    members: dict[int, list[int]] = {}
    apart: dict[int, set[int]] = defaultdict(set)
    for a, b in cannot:
        apart[a].add(b)
        apart[b].add(a)

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
        if any(find(other) == large_root for x in small for other in apart.get(x, ())):
            continue
        if conflict is not None and len(ma) * len(mb) <= MAX_CHECKS and any(
                conflict(x, y) for x in ma for y in mb if (x, y) != (a, b) and (y, x) != (a, b)):
            continue
        root, child = min(ra, rb), max(ra, rb)
        parent[child] = root
        members[root] = ma + mb
        members.pop(child, None)
    return [find(i) for i in range(n)]
