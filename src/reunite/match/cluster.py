"""Clusters of records that refer to one person: connected components of accepted pairs."""

from __future__ import annotations

from collections.abc import Iterable


def clusters(n: int, links: Iterable[tuple[int, int]]) -> list[int]:
    """Cluster number of each record (the smallest record index in its cluster)."""
    parent = list(range(n))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in links:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return [find(i) for i in range(n)]
