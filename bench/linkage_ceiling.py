"""How well could any matcher do on the linkage benchmark's population? An upper bound on F1.

    python bench/linkage_ceiling.py --records 100000 1000000 [--out bench/results]

Records that carry only a name (no birth date or age, no place; 20% x 50% of the generator's
records) cannot be told apart from a namesake's record carrying the same name. Whatever a
matcher does, it must treat alike every pair whose observable facts are the same: two
name-only records of the same (given, father) names and sex, or one given record paired with
name-only records of those names and sex. This script reads names perfectly (it uses the
generator's true name of each record), groups those pairs into such classes, chooses for each
class the decision (link or not) that maximises F1 (Dinkelbach: classes by precision, best
prefix), and counts every other pair as decided correctly. The F1 it prints is therefore an
upper bound for any matcher on this data; it writes linkage_ceiling.json.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from machine import machine
from population import population, records


def ceiling(n: int) -> dict[str, float | int]:
    rows, truth = records(n)
    persons = {p.id: p for p, _ in population(n, 7)}
    owner = dict(truth)
    true_pairs = sum(k * (k - 1) // 2 for k in Counter(owner.values()).values())
    by_name: dict[tuple[str, str], list[dict[str, str]]] = defaultdict(list)
    for row in rows:
        p = persons[owner[row["id"]]]
        by_name[(p.given.uly, p.father.uly)].append(row)
    classes: Counter[tuple[object, ...]] = Counter()  # (class, is_match) -> pairs
    for key, group in by_name.items():
        bare = [r for r in group if not r["birth_date"] and not r["age"] and not r["place"]]
        if not bare:
            continue
        for i, a in enumerate(bare):  # name-only with name-only: one class per sex pattern
            for b in bare[i + 1:]:
                if a["sex"] and b["sex"] and a["sex"] != b["sex"]:
                    continue
                cls = (key, tuple(sorted((a["sex"], b["sex"]))))
                classes[(cls, owner[a["id"]] == owner[b["id"]])] += 1
        for b in group:  # any other record with the name-only ones: one class per record
            if b in bare:
                continue
            for a in bare:
                if a["sex"] and b["sex"] and a["sex"] != b["sex"]:
                    continue
                cls = (b["id"], a["sex"])
                classes[(cls, owner[a["id"]] == owner[b["id"]])] += 1
    table: dict[object, list[int]] = defaultdict(lambda: [0, 0])
    for (cls, match), count in classes.items():
        table[cls][0 if match else 1] += count
    ambiguous_true = sum(tp for tp, _ in table.values())
    # Every pair outside these classes is decided correctly: those true pairs are found.
    base_tp = true_pairs - ambiguous_true
    best, tp, fp = 2 * base_tp / (base_tp + true_pairs), base_tp, 0
    for c_tp, c_fp in sorted(table.values(), key=lambda x: -x[0] / (x[0] + x[1])):
        tp, fp = tp + c_tp, fp + c_fp
        best = max(best, 2 * tp / (tp + fp + true_pairs))
    return {"records": len(rows), "true_pairs": true_pairs,
            "ambiguous_true_pairs": ambiguous_true,
            "ambiguous_false_pairs": sum(f for _, f in table.values()),
            "f1_upper_bound": round(best, 4)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, nargs="+", default=[100_000])
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "results")
    args = parser.parse_args()
    results = {"machine": machine(), "sizes": []}
    for n in args.records:
        figures = ceiling(n)
        print(json.dumps(figures))
        results["sizes"].append(figures)  # type: ignore[attr-defined]
    (args.out / "linkage_ceiling.json").write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
