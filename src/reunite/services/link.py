"""Batch linkage of a CSV file (no registry involved: the file's data stays in the files)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from reunite.errors import InvalidInput
from reunite.interchange.link_csv import parse_records, write_clusters, write_pairs
from reunite.match.comparisons import FIELDS
from reunite.match.engine import LinkResult, Progress, link
from reunite.match.model import LIKELY

LEVEL_COLUMNS = [field for field, _ in FIELDS]
PAIR_COLUMNS = ["id_a", "id_b", "probability", "verdict", *LEVEL_COLUMNS, "explanation"]


def _write_atomic(path: Path, text: str) -> None:
    """Write beside the target then rename, so a failure never leaves half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            f.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def link_file(*, input_path: Path, output_path: Path, pairs_path: Path | None = None,
              threshold: float = LIKELY, progress: Progress | None = None,
              workers: int | None = None) -> LinkResult:
    """Link a CSV file; names are compared in ``workers`` processes (default: one per
    core)."""
    if not 0.0 < threshold < 1.0:
        raise InvalidInput("threshold must be between 0 and 1")
    if output_path.resolve() == input_path.resolve():
        raise InvalidInput("the output file must not be the input file")
    try:
        with open(input_path, encoding="utf-8", newline="") as f:
            records = parse_records(f)
    except FileNotFoundError:
        raise InvalidInput(f"no such file: {input_path}") from None
    except UnicodeDecodeError as exc:
        raise InvalidInput(f"{input_path} is not UTF-8 text (byte {exc.start})") from None
    if not records:
        raise InvalidInput(f"{input_path} has a header but no rows")
    result = link(records, threshold=threshold, progress=progress,
                  workers=workers or os.cpu_count() or 1)
    clusters_text = write_clusters(result.assignments)
    pairs_text = None
    if pairs_path is not None:
        pairs_text = write_pairs((
            {"id_a": p.a, "id_b": p.b, "probability": p.probability, "verdict": p.verdict,
             **dict(zip(LEVEL_COLUMNS, p.levels, strict=True)),
             "explanation": "; ".join(p.explain())}
            for p in result.pairs), PAIR_COLUMNS)
    _write_atomic(output_path, clusters_text)
    if pairs_path is not None and pairs_text is not None:
        _write_atomic(pairs_path, pairs_text)
    return result
