"""Evaluate "same name?" decisions of reunite.names on the labelled pairs.

    python bench/names_eval.py [--pairs bench/names/pairs.tsv] [--out bench/results]

Prints precision and recall of "same name" at the chosen threshold (SAME_THRESHOLD), overall,
per convention pair, and for names in / not in the name table; the same for a naive baseline
(difflib ratio of lower-cased, accent-stripped strings at 0.75, what a system without script
handling would do), and writes both to names_eval.json and names_eval.txt.
"""

from __future__ import annotations

import argparse
import csv
import difflib
import json
import sys
import time
import unicodedata
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from machine import machine

from reunite.names.compare import SAME_THRESHOLD, compare_parts

TARGET_PRECISION, TARGET_RECALL = 0.97, 0.95


def naive_same(a: str, b: str) -> bool:
    def fold(s: str) -> str:
        return "".join(c for c in unicodedata.normalize("NFKD", s.lower())
                       if not unicodedata.combining(c))
    return difflib.SequenceMatcher(None, fold(a), fold(b)).ratio() >= 0.75


def metrics(rows: list[tuple[bool, bool]]) -> dict[str, float | int]:
    tp = sum(1 for truth, said in rows if truth and said)
    fp = sum(1 for truth, said in rows if not truth and said)
    fn = sum(1 for truth, said in rows if truth and not said)
    return {"pairs": len(rows), "same": sum(1 for t, _ in rows if t),
            "precision": round(tp / (tp + fp), 4) if tp + fp else 1.0,
            "recall": round(tp / (tp + fn), 4) if tp + fn else 1.0, "fp": fp, "fn": fn}


def main() -> int:
    parser = argparse.ArgumentParser()
    here = Path(__file__).parent
    parser.add_argument("--pairs", type=Path, default=here / "names" / "pairs.tsv")
    parser.add_argument("--out", type=Path, default=here / "results")
    args = parser.parse_args()
    lines = [x for x in args.pairs.read_text("utf-8").splitlines() if not x.startswith("#")]
    pairs = list(csv.DictReader(lines, delimiter="\t"))
    ours: dict[str, list[tuple[bool, bool]]] = defaultdict(list)
    base: dict[str, list[tuple[bool, bool]]] = defaultdict(list)
    errors = []
    started = time.perf_counter()
    for p in pairs:
        truth = p["label"] == "same"
        result = compare_parts(p["a"], p["b"])
        naive = naive_same(p["a"], p["b"])
        group = "-".join(sorted((p["convention_a"], p["convention_b"])))
        for key in ("overall", f"pair {group}", f"in table: {p['in_table']}"):
            ours[key].append((truth, result.same))
            base[key].append((truth, naive))
        if truth != result.same:
            errors.append(f"{p['label']:9} {result.score:.2f} {p['a']} ~ {p['b']} "
                          f"({group}; {result.reasons[-1]})")
    elapsed = time.perf_counter() - started
    report = {"machine": machine(), "pairs_file": str(args.pairs), "pairs": len(pairs),
              "threshold": SAME_THRESHOLD, "seconds": round(elapsed, 3),
              "targets": {"precision": TARGET_PRECISION, "recall": TARGET_RECALL},
              "reunite": {k: metrics(v) for k, v in sorted(ours.items())},
              "baseline_difflib": {k: metrics(v) for k, v in sorted(base.items())},
              "errors": errors}
    failing = [k for k, m in report["reunite"].items()  # type: ignore[union-attr]
               if m["precision"] < TARGET_PRECISION or m["recall"] < TARGET_RECALL]
    report["below_target"] = failing
    text = [f"reunite.names evaluation: {len(pairs)} pairs, threshold {SAME_THRESHOLD}, "
            f"{elapsed:.2f} s on {report['machine']['cpu']} "  # type: ignore[index]
            f"({report['machine']['cores']} cores), {report['machine']['date']}",  # type: ignore[index]
            f"{'group':34} {'pairs':>5} {'P':>6} {'R':>6}   baseline P      R"]
    for key, m in report["reunite"].items():  # type: ignore[union-attr]
        b = report["baseline_difflib"][key]  # type: ignore[index]
        text.append(f"{key:34} {m['pairs']:5} {m['precision']:6.3f} {m['recall']:6.3f}   "
                    f"{b['precision']:6.3f} {b['recall']:6.3f}")
    text.append(f"below target (P >= {TARGET_PRECISION}, R >= {TARGET_RECALL}): "
                f"{', '.join(failing) or 'none'}")
    text.append(f"misjudged pairs: {len(errors)}")
    text.extend("  " + e for e in errors)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "names_eval.json").write_text(json.dumps(report, ensure_ascii=False, indent=1),
                                              encoding="utf-8")
    (args.out / "names_eval.txt").write_text("\n".join(text) + "\n", encoding="utf-8")
    print("\n".join(text))
    return 0


if __name__ == "__main__":
    sys.exit(main())
