"""Import of a persons file: dry run and commit, time by phase and peak memory.

    python bench/import_speed.py --records 100000 [--db URL]

The file is the synthetic population's records (bench/population.py: names written in Uyghur
Latin, Arabic script, Cyrillic, Turkish, press spellings, pinyin and Chinese characters) as the
persons sheet of the tabular schema (external_id, full_name, given and father's name where the
record has them, sex, birth, hometown). Each run is its own process so that its peak resident
memory is its own: first a baseline that only reads and decodes the file (the ceiling of any
importer), then the dry run, then the commit into an empty encrypted registry (SQLite by
default). Targets (#15): commit of 100,000 rows in at most 60 s and 500 MB, a dry run at least
twice as fast as the commit. Writes bench/results/import_speed.json.
"""

from __future__ import annotations

import argparse
import csv
import json
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from machine import machine
from population import records

RESULTS = Path(__file__).parent / "results"
PASSPHRASE = "bench-passphrase-long-enough"


def write_file(n: int, folder: Path) -> Path:
    rows, _ = records(n)
    path = folder / "persons.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(["external_id", "full_name", "given_name", "father_name", "sex", "birth",
                      "hometown", "tracing"])
        today = date.today().isoformat()
        for r in rows[:n]:
            born = r["birth_date"] if r["birth_date"][:10] <= today else ""  # a few lie ahead
            out.writerow([r["id"], r["name"], r["given_name"], r["father_name"], r["sex"],
                          born, r["place"], "yes"])
    return path


def run(mode: str, path: Path, db: str) -> dict[str, object]:
    """One measured run, in this process (called in a child by main)."""
    from reunite.domain.access import local_actor
    from reunite.interchange.tabular import read_tables
    from reunite.services.importing import import_tables
    from reunite.store.engine import make_engine
    from reunite.store.registry import Registry

    phases: dict[str, float] = {}
    start = time.perf_counter()
    tables = read_tables(path)
    phases["read"] = time.perf_counter() - start
    report = None
    if mode != "baseline":
        engine = make_engine(db)
        registry, _ = Registry.create(engine, PASSPHRASE, "bench")
        marks: dict[str, float] = {}

        def progress(phase: str, done: int, total: int) -> None:
            marks.setdefault(phase + " start", time.perf_counter())
            marks[phase] = time.perf_counter()

        begun = time.perf_counter()
        with registry.transaction() as tx:
            report = import_tables(tx, local_actor("bench"), tables, organisation="Bench",
                                   file_name=path.name, commit=mode == "commit",
                                   progress=progress)
        ended = time.perf_counter()
        checked = marks.get("checking rows", begun)
        phases["check rows"] = checked - begun
        if mode == "commit":
            phases["write records"] = marks.get("writing records", ended) - checked
            phases["commit transaction"] = ended - marks.get("writing records", ended)
    total = time.perf_counter() - start
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"mode": mode, "seconds": round(total, 2),
            "phases": {k: round(v, 2) for k, v in phases.items()},
            "peak_mib": round(peak_mib, 1), "rows": len(tables.get("persons", [])),
            "outcomes": report.counts() if report else {}}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--db", default="")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run(args.child[0], Path(args.child[1]), args.child[2])))
        return
    with tempfile.TemporaryDirectory() as tmp:
        path = write_file(args.records, Path(tmp))
        results = []
        for mode in ("baseline", "dry run", "commit"):
            db = args.db or f"sqlite:///{Path(tmp) / (mode.replace(' ', '_') + '.sqlite3')}"
            child = subprocess.run([sys.executable, __file__, "--child", mode, str(path), db],
                                   check=True, capture_output=True, text=True)
            result = json.loads(child.stdout.strip().splitlines()[-1])
            results.append(result)
            print(f"{mode:9} {result['seconds']:7.1f} s  peak {result['peak_mib']:6.0f} MiB  "
                  f"{result['phases']}  {result['outcomes']}")
    by = {r["mode"]: r for r in results}
    summary = {
        "records": args.records, "engine": "postgresql" if args.db.startswith("postgres")
        else "sqlite", "machine": machine(), "runs": results,
        "commit_within_60_s": by["commit"]["seconds"] <= 60,
        "commit_within_500_mb": by["commit"]["peak_mib"] <= 500,
        "dry_run_speedup": round(by["commit"]["seconds"] / max(by["dry run"]["seconds"], 1e-9),
                                 2)}
    print(f"dry run is {summary['dry_run_speedup']}x faster than the commit")
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "import_speed.json").write_text(json.dumps(summary, indent=2) + "\n")


if __name__ == "__main__":
    main()
