"""Linkage benchmark: Reunite and Splink on the same synthetic population, in one run.

    python bench/linkage.py --records 10000 100000 [--splink-python PATH] [--out bench/results]

For each size: generates the population (bench/population.py), runs Reunite's `link` and
Splink (DuckDB) each in its own process at match probability 0.5 and 0.9, and reports
pairwise precision, recall and F1 against the ground truth, wall time and peak memory. Splink
runs under --splink-python (a Python with the bench extras: pip install -e '.[bench]'); if it
cannot be started, its rows say why. Results go to linkage.json and linkage.txt with the data
size, the machine and the date. "peak MiB" is the linking process's own peak (RUSAGE_SELF);
"tree MiB" the largest sampled sum of the proportional set sizes of the process and the
workers it forks (bench/memory_sampler.py), which counts the workers' own memory too.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from linkage_metrics import read_groups, scores
from machine import machine
from population import records

HERE = Path(__file__).parent


def write_population(n: int, folder: Path) -> Path:
    import csv

    rows, truth = records(n)
    path = folder / f"population_{n}.csv"
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    with open(str(path) + ".truth.csv", "w", encoding="utf-8", newline="") as f:
        w2 = csv.writer(f)
        w2.writerow(["id", "person"])
        w2.writerows(truth)
    return path


def run(python: str, script: str, data: Path, out: Path, threshold: float) -> dict[str, object]:
    proc = subprocess.run([python, str(HERE / script), str(data), str(out), str(threshold)],
                          capture_output=True, text=True)
    if proc.returncode != 0:
        return {"error": proc.stderr.strip().splitlines()[-1] if proc.stderr else "failed"}
    figures: dict[str, object] = json.loads(proc.stdout.strip().splitlines()[-1])
    truth = read_groups(Path(str(data) + ".truth.csv"), "id", "person")
    figures.update(scores(read_groups(out, "id", "cluster_id"), truth))
    return figures


def _mib(value: object) -> str:
    return f"{value:.0f}" if isinstance(value, int | float) else "-"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, nargs="+", default=[10_000])
    parser.add_argument("--splink-python", default=sys.executable)
    parser.add_argument("--out", type=Path, default=HERE / "results")
    parser.add_argument("--systems", nargs="+", default=["reunite", "splink"],
                        choices=["reunite", "splink"])
    args = parser.parse_args()
    report: dict[str, object] = {"machine": machine(), "runs": []}
    lines = [f"linkage benchmark on {report['machine']['cpu']} "  # type: ignore[index]
             f"({report['machine']['cores']} cores, "  # type: ignore[index]
             f"{report['machine']['memory_gib']} GiB), {report['machine']['date']}",  # type: ignore[index]
             f"{'records':>8} {'system':8} {'thr':>4} {'P':>6} {'R':>6} {'F1':>6} "
             f"{'seconds':>8} {'peak MiB':>9} {'tree MiB':>9}"]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for n in args.records:
            data = write_population(n, folder)
            for system, python, script in (("reunite", sys.executable, "run_reunite_link.py"),
                                           ("splink", args.splink_python, "run_splink.py")):
                if system not in args.systems:
                    continue
                for threshold in (0.5, 0.9):
                    figures = run(python, script, data, folder / f"{system}_{n}.csv",
                                  threshold)
                    row = {"records": n, "system": system, "threshold": threshold, **figures}
                    report["runs"].append(row)  # type: ignore[attr-defined]
                    if "error" in figures:
                        lines.append(f"{n:>8} {system:8} {threshold:4} {figures['error']}")
                    else:
                        lines.append(
                            f"{n:>8} {system:8} {threshold:4} {figures['precision']:6.3f} "
                            f"{figures['recall']:6.3f} {figures['f1']:6.3f} "
                            f"{figures['seconds']:8.1f} {figures['peak_rss_mib']:9.0f} "
                            f"{_mib(figures.get('peak_tree_pss_mib')):>9}")
                    print(lines[-1], flush=True)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "linkage.json").write_text(json.dumps(report, indent=1), encoding="utf-8")
    (args.out / "linkage.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
