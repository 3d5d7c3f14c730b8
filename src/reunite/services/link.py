"""Batch linkage of a CSV file (no registry involved: the file's data stays in the files)."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from multiprocessing import get_all_start_methods, get_context
from pathlib import Path

from reunite.errors import InvalidInput
from reunite.interchange.link_csv import (
    Share,
    merge_shares,
    parse_share,
    write_clusters,
    write_pairs,
)
from reunite.match.comparisons import FIELDS
from reunite.match.engine import LinkResult, Progress, link, no_progress
from reunite.match.model import LIKELY
from reunite.match.records import MatchRecord

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


PARALLEL_BYTES = 4_000_000  # files from this size are read by several processes
READING = "reading the file"


def _lines(path: Path, progress: Progress) -> Iterator[str]:
    """The file's lines, decoded (a byte order mark at the start, as spreadsheet programs
    write, is dropped); reports the bytes read."""
    total, done = path.stat().st_size, 0
    with open(path, "rb") as f:
        for number, raw in enumerate(f):
            try:
                yield raw.decode("utf-8-sig" if number == 0 else "utf-8")
            except UnicodeDecodeError as exc:
                raise InvalidInput(f"{path} is not UTF-8 text (byte {done + exc.start}, "
                                   f"line {number + 1})") from None
            done += len(raw)
            if number % 20_000 == 0:
                progress(READING, done, total)
    progress(READING, total, total)


def _read_share(task: tuple[Path, int, int]) -> Share | InvalidInput:
    path, share, shares = task
    try:
        return parse_share(_lines(path, no_progress), share, shares)
    except InvalidInput as exc:  # not UTF-8: reported as is
        return exc


def read_records(path: Path, workers: int, progress: Progress) -> list[MatchRecord]:
    """The file's rows as match records. A large file is read by this process and
    workers - 1 forked ones, each turning every workers-th row into a record; the first
    problem of the file is reported all the same (see `merge_shares`)."""
    try:
        size = path.stat().st_size
        shares = workers if size >= PARALLEL_BYTES and "fork" in get_all_start_methods() else 1
        if shares == 1:
            parts: list[Share | InvalidInput] = [parse_share(_lines(path, progress))]
        else:
            with get_context("fork").Pool(shares - 1) as pool:
                pending = pool.map_async(_read_share,
                                         [(path, k, shares) for k in range(1, shares)])
                parts = [parse_share(_lines(path, progress), 0, shares), *pending.get()]
    except FileNotFoundError:
        raise InvalidInput(f"no such file: {path}") from None
    except OSError as exc:
        raise InvalidInput(f"cannot read {path}: {exc.strerror or exc}") from None
    for part in parts:
        if isinstance(part, InvalidInput):
            raise part
    return merge_shares([p for p in parts if isinstance(p, Share)])


def link_file(*, input_path: Path, output_path: Path, pairs_path: Path | None = None,
              threshold: float = LIKELY, progress: Progress | None = None,
              workers: int | None = None) -> LinkResult:
    """Link a CSV file; a large file is read, and names are compared, in ``workers``
    processes (this one and workers - 1 forked; default: one per core)."""
    if not 0.0 < threshold < 1.0:
        raise InvalidInput("threshold must be between 0 and 1")
    if output_path.resolve() == input_path.resolve():
        raise InvalidInput("the output file must not be the input file")
    workers = workers or os.cpu_count() or 1
    records = read_records(input_path, workers, progress or no_progress)
    if not records:
        raise InvalidInput(f"{input_path} has a header but no rows")
    result = link(records, threshold=threshold, progress=progress, workers=workers)
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
