"""Pairwise precision, recall and F1 of a clustering against the ground truth."""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path


def _pairs(groups: dict[str, list[str]]) -> set[tuple[str, str]]:
    out = set()
    for members in groups.values():
        members = sorted(members)
        for i, a in enumerate(members):
            for b in members[i + 1:]:
                out.add((a, b))
    return out


def read_groups(path: Path, id_col: str, group_col: str) -> dict[str, list[str]]:
    groups: dict[str, list[str]] = defaultdict(list)
    with open(path, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            groups[row[group_col]].append(row[id_col])
    return groups


def scores(predicted: dict[str, list[str]], truth: dict[str, list[str]]) -> dict[str, float]:
    p, t = _pairs(predicted), _pairs(truth)
    tp = len(p & t)
    precision = tp / len(p) if p else 1.0
    recall = tp / len(t) if t else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
            "true_pairs": len(t), "predicted_pairs": len(p)}
