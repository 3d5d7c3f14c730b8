"""The CSV format of `reunite link`: rows to match records, clusters and pairs to rows.

Input (UTF-8, header row): id (required), name (required: the full name as written, any
script, given name first, or 'Given·Father' in Chinese characters), optional given_name,
father_name, sex (M/F), birth_date (YYYY, YYYY-MM or YYYY-MM-DD), age with age_on (YYYY-MM-DD),
place, document (an identity document's number: passport, national ID). Unknown extra
columns are ignored. The first problem found is reported with its line
and column; nothing is written then.
"""

from __future__ import annotations

import csv
import io
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import zip_longest

from reunite.domain.dates import BirthDate, FuzzyDate
from reunite.errors import InvalidInput, ReuniteError
from reunite.match.records import MatchRecord, document_key
from reunite.names.compare import readings
from reunite.names.parse import ParsedName, parse_name

REQUIRED = ("id", "name")
KNOWN = ("id", "name", "given_name", "father_name", "sex", "birth_date", "age", "age_on",
         "place", "document")
MAX_FIELD = 1000
SEXES = {"": "", "M": "M", "F": "F"}  # (one string object each, not one per row)


@dataclass(frozen=True)
class RawRow:
    line: int
    values: dict[str, str]


class RowProblem(InvalidInput):
    """A problem of the file at one line (``line``; 1 is the header)."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line

    def __reduce__(self) -> tuple[type[RowProblem], tuple[int, str]]:
        return RowProblem, (self.line, str(self))


def _problem(line: int, column: str, message: str) -> RowProblem:
    return RowProblem(line, f"line {line}, column {column!r}: {message}")


def read_rows(text: Iterable[str], share: int = 0, shares: int = 1) -> Iterator[RawRow]:
    """Rows with the values of the known columns (stripped), by lower-case column name; with
    ``shares``, only rows share, share + shares, share + 2 x shares... (counted from 0,
    blank lines not counted), so that several processes can read one file."""
    reader = csv.reader(text, strict=True)
    try:
        header = next(reader, [])
    except csv.Error as exc:
        raise RowProblem(1, f"line 1: not a CSV header ({exc})") from None
    if not header:
        raise RowProblem(1, "line 1: the file is empty; a header row is required")
    names = [h.strip().lower() for h in header]
    missing = [c for c in REQUIRED if c not in names]
    if missing:
        raise RowProblem(1, f"line 1: missing required column(s) {', '.join(missing)}")
    duplicated = {n for n in names if names.count(n) > 1 and n in KNOWN}
    if duplicated:
        raise RowProblem(1, f"line 1: column(s) {', '.join(sorted(duplicated))} appear twice")
    width = len(names)
    wanted = [(i, n) for i, n in enumerate(names) if n in KNOWN]
    index = -1
    try:
        for raw in reader:
            if not raw:  # a blank line
                continue
            index += 1
            if index % shares != share:
                continue
            line = reader.line_num
            if len(raw) > width:
                raise RowProblem(line, f"line {line}: more fields than the header has columns")
            if len(raw) < width:
                raise RowProblem(line, f"line {line}: fewer fields than the header has columns")
            yield RawRow(line, {n: raw[i].strip() for i, n in wanted})
    except csv.Error as exc:
        line = reader.line_num
        raise RowProblem(line, f"line {line}: malformed CSV ({exc})") from None


def _parsed(name: str, known: dict[str, ParsedName]) -> ParsedName:
    """The name's parts, each word of them readable (remembered for the file: files repeat
    names)."""
    parsed = known.get(name)
    if parsed is None:
        parsed = parse_name(name)
        _readable(parsed.given)
        _readable(parsed.father)
        known[name] = parsed
    return parsed


@lru_cache(maxsize=200_000)
def _readable(text: str) -> None:
    for word in text.split():
        readings(word)


@lru_cache(maxsize=100_000)
def _birth_date(text: str) -> BirthDate:
    return BirthDate.parse(text)


@lru_cache(maxsize=100_000)
def _from_age(age: str, on: str) -> BirthDate:
    return BirthDate.from_age(int(age), FuzzyDate.parse(on))


def to_record(row: RawRow, names: dict[str, ParsedName] | None = None) -> MatchRecord:
    """The row as a match record (``names``: names parsed so far in the file)."""
    v, line = row.values, row.line
    if max(map(len, v.values())) > MAX_FIELD:
        column = next(c for c, value in v.items() if len(value) > MAX_FIELD)
        raise _problem(line, column, f"longer than {MAX_FIELD} characters")
    if not v.get("id"):
        raise _problem(line, "id", "is empty")
    if not v.get("name"):
        raise _problem(line, "name", "is empty")
    try:
        parsed = _parsed(v["name"], names if names is not None else {})
    except ReuniteError as exc:
        raise _problem(line, "name", str(exc)) from None
    for column in ("given_name", "father_name"):
        try:
            _readable(v.get(column, ""))
        except ReuniteError as exc:
            raise _problem(line, column, str(exc)) from None
    sex = SEXES.get(v.get("sex", "").upper(), "?")
    if sex == "?":
        raise _problem(line, "sex", f"{v['sex']!r} is not M or F")
    birth = None
    try:
        if v.get("birth_date"):
            birth = _birth_date(v["birth_date"])
        elif v.get("age"):
            if not v.get("age_on"):
                raise _problem(line, "age_on", "is needed with age")
            if not v["age"].isdigit():
                raise _problem(line, "age", f"{v['age']!r} is not a whole number")
            birth = _from_age(v["age"], v["age_on"])
    except InvalidInput as exc:
        if isinstance(exc, RowProblem):
            raise
        column = "birth_date" if v.get("birth_date") else "age"
        raise _problem(line, column, str(exc)) from None
    return MatchRecord(
        id=v["id"], given=sys.intern(v.get("given_name") or parsed.given),
        father=sys.intern(v.get("father_name") or parsed.father), sex=sex,
        birth_min=birth.earliest if birth else None, birth_max=birth.latest if birth else None,
        # one string per distinct value: a million records repeat a few hundred places
        place=sys.intern(v.get("place", "")), name=sys.intern(v["name"]),
        document=document_key(v.get("document", "")))


@dataclass
class Share:
    """What one reader made of its share of the rows (see `read_rows`): the records and
    their lines, up to its first problem (then ``problem``)."""

    lines: list[int]
    records: list[MatchRecord]
    problem: RowProblem | None = None


def parse_share(text: Iterable[str], share: int = 0, shares: int = 1) -> Share:
    """The rows of this share as match records; stops at its first bad row. Repeated ids are
    not looked for here: see `merge_shares`."""
    out = Share([], [])
    names: dict[str, ParsedName] = {}
    try:
        for row in read_rows(text, share, shares):
            out.records.append(to_record(row, names))
            out.lines.append(row.line)
    except RowProblem as exc:
        out.problem = exc
    return out


def merge_shares(parts: list[Share]) -> list[MatchRecord]:
    """The records of every share in the file's order (shares as `read_rows` deals them:
    taking one from each in turn gives the file's order, the rows a share did not reach
    left out); raises the file's first problem: the earliest bad row of any share, or an id
    that appears twice, whichever comes first in the file."""
    problems = [p.problem for p in parts if p.problem is not None]
    first = min(problems, key=lambda p: p.line) if problems else None
    end = first.line if first is not None else sys.maxsize
    records, seen = [], set()
    for turn in zip_longest(*(zip(p.lines, p.records, strict=True) for p in parts)):
        for line, record in (x for x in turn if x is not None and x[0] < end):
            if record.id in seen:
                raise _problem(line, "id", f"{record.id!r} appears twice")
            seen.add(record.id)
            records.append(record)
    if first is not None:
        raise first
    return records


def parse_records(text: Iterable[str]) -> list[MatchRecord]:
    """Every row as a match record; the first bad row raises with its line and column."""
    return merge_shares([parse_share(text)])


def write_clusters(assignments: Iterable[tuple[str, str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["id", "cluster_id"])
    writer.writerows(assignments)
    return out.getvalue()


def write_pairs(rows: Iterable[dict[str, object]], columns: list[str]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()
