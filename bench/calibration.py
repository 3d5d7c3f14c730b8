"""Is the match probability calibrated? Reliability of Reunite's scores on the synthetic
population: of the pairs given a probability in each tenth, the share that are one person.

    python bench/calibration.py --records 100000 [--out bench/results]

Links the population (bench/population.py) with every candidate pair scored 0.05 or more
kept, bins those pairs by probability, and compares each bin's mean probability with its
share of true pairs; also per level of the name and birth fields. Writes calibration.json
and calibration.txt with the data size, the machine and the date. (Pairs scored below 0.05
are not returned by the linker, so the lowest bin starts there.)
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from linkage import write_population
from linkage_metrics import read_groups
from machine import machine

from reunite.match.comparisons import FIELDS
from reunite.match.engine import link, no_progress
from reunite.services.link import read_records

HERE = Path(__file__).parent
BY_LEVEL = ("given", "father", "birth")


def _row(label: str, pairs: int, said: float, true: int) -> dict[str, object]:
    return {"bin": label, "pairs": pairs, "mean_probability": round(said / pairs, 3),
            "share_true": round(true / pairs, 3)}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--out", type=Path, default=HERE / "results")
    args = parser.parse_args()
    workers = os.cpu_count() or 1
    with tempfile.TemporaryDirectory() as tmp:
        data = write_population(args.records, Path(tmp))
        person = {i: who for who, ids in read_groups(Path(str(data) + ".truth.csv"), "id",
                                                     "person").items() for i in ids}
        found = read_records(data, workers, no_progress)
    result = link(found, threshold=0.5, workers=workers)
    bins: dict[int, list[float]] = defaultdict(lambda: [0, 0.0, 0])
    levels: dict[tuple[str, int], list[float]] = defaultdict(lambda: [0, 0.0, 0])
    fields = [f for f, _ in FIELDS]
    for pair in result.pairs:
        same = person[pair.a] == person[pair.b]
        for acc in [bins[min(int(pair.probability * 10), 9)],
                    *(levels[(f, pair.levels[fields.index(f)])] for f in BY_LEVEL)]:
            acc[0] += 1
            acc[1] += pair.probability
            acc[2] += same
    report = {"machine": machine(), "records": len(found), "pairs": len(result.pairs),
              "bins": [_row(f"{k / 10:.1f}-{(k + 1) / 10:.1f}", int(n), s, int(t))
                       for k, (n, s, t) in sorted(bins.items())],
              "levels": [_row(f"{f} {dict(FIELDS)[f][lv] if lv >= 0 else 'unknown'}",
                              int(n), s, int(t))
                         for (f, lv), (n, s, t) in sorted(levels.items())]}
    lines = [f"calibration on {args.records} records ({len(result.pairs)} pairs scored 0.05 "
             f"or more), {report['machine']['cpu']}, {report['machine']['date']}",  # type: ignore[index]
             f"{'bin':28} {'pairs':>8} {'said':>6} {'true':>6}"]
    for row in [*report["bins"], *report["levels"]]:  # type: ignore[misc]
        lines.append(f"{row['bin']:28} {row['pairs']:8} {row['mean_probability']:6.3f} "
                     f"{row['share_true']:6.3f}")
    print("\n".join(lines))
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "calibration.json").write_text(json.dumps(report, indent=1), "utf-8")
    (args.out / "calibration.txt").write_text("\n".join(lines) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
