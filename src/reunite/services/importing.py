"""Bringing an organisation's spreadsheets in: a dry run that says what each row would do, and
an all-or-nothing commit.

Rows are matched to records by (organisation, sheet, external id) (store.external_ids): a row
seen before and unchanged changes nothing, an edited row updates its record, a new row creates
one. Every imported fact cites the import's source (given, or made for the import and graded
F6: cannot be judged) besides the sources its row names. A row refused in the dry run is
reported with its sheet, line, column and reason; a commit with any refused row writes nothing.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from reunite.domain.access import Actor, Permission
from reunite.domain.dates import FuzzyDate
from reunite.domain.ids import normalise_id
from reunite.domain.sources import Credibility, Reliability, SourceKind
from reunite.errors import InvalidInput, NotFound, ReuniteError
from reunite.interchange.tabular import Row
from reunite.interchange.tabular_schema import KINDS
from reunite.services import audit, sources
from reunite.services.access import require_case, require_person
from reunite.services.import_cells import Parsed, require_cells
from reunite.services.import_rows import apply_row, parse_row
from reunite.store import external_ids
from reunite.store import sources as source_store
from reunite.store.registry import Tx

Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class Outcome:
    sheet: str
    line: int
    external_id: str
    action: str  # create, update, unchanged, refused
    column: str = ""
    reason: str = ""


@dataclass
class ImportReport:
    outcomes: list[Outcome] = field(default_factory=list)
    committed: bool = False
    source_id: str = ""

    def counts(self) -> dict[str, int]:
        return dict(Counter(o.action for o in self.outcomes))

    @property
    def refused(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.action == "refused"]


def _no_progress(phase: str, done: int, total: int) -> None:
    return None


def import_tables(tx: Tx, actor: Actor, tables: dict[str, list[Row]], *, organisation: str,
                  file_name: str, source_id: str | None = None, commit: bool = False,
                  progress: Progress = _no_progress, client: str = "") -> ImportReport:
    """Plan (and with ``commit``, apply) the import of ``tables`` for ``organisation``."""
    if not actor.may(Permission.CASE_WRITE):
        raise NotFound("no import")
    organisation = " ".join(organisation.split())
    if not organisation:
        raise InvalidInput("an import needs the organisation whose ids the rows carry")
    if source_id:
        source_id = normalise_id(source_id)
        source_store.get_source(tx, source_id)
    report = ImportReport()
    records: dict[tuple[str, str], str] = {}  # (kind, external id) -> record id (known)
    plans: list[tuple[Parsed, external_ids.Known | None]] = []
    total = sum(len(tables.get(k, [])) for k in KINDS)
    done = 0
    in_file = {k: {r.values["external_id"] for r in tables.get(k, [])} for k in KINDS}
    for kind in KINDS:
        rows = tables.get(kind, [])
        known = external_ids.lookup(tx, organisation, kind, [r.values["external_id"] for r in rows])
        for ext, k in known.items():
            records[(kind, ext)] = k.record_id
        for row in rows:
            done += 1
            if done % 500 == 0 or done == total:
                progress("checking rows", done, total)
            ext = row.values["external_id"]
            try:
                require_cells(row)
                parsed = parse_row(tx, actor, row, in_file, records)
                before = known.get(ext)
                if before is not None:
                    _require_visible(tx, actor, kind, before.record_id)
                digest = external_ids.row_digest(tx, row.values)
            except _Refusal as exc:
                report.outcomes.append(Outcome(row.sheet, row.line, ext, "refused",
                                               exc.column, str(exc)))
                continue
            except ReuniteError as exc:
                column = getattr(exc, "column", "")
                report.outcomes.append(Outcome(row.sheet, row.line, ext, "refused", column,
                                               str(exc)))
                continue
            action = ("create" if before is None else
                      "unchanged" if before.digest == digest else "update")
            report.outcomes.append(Outcome(row.sheet, row.line, ext, action))
            if action != "unchanged":
                plans.append((dataclasses.replace(parsed, digest=digest), before))
    if not commit:
        return report
    if report.refused:
        first = "; ".join(f"{o.sheet} line {o.line}"
                          + (f", column {o.column!r}" if o.column else "") + f": {o.reason}"
                          for o in report.refused[:5])
        raise InvalidInput(f"{len(report.refused)} rows refused, nothing imported: {first}")
    import_source = source_id or (sources.add_source(
        tx, kind=SourceKind.DOCUMENT, title=f"Import of {file_name} ({organisation})",
        reliability=Reliability.F, credibility=Credibility("6"),
        obtained=FuzzyDate.of_day(tx.today),
        description="Records brought in from the organisation's own file; grade each "
                    "fact's own source where it is known.").id if plans else "")
    for n, (parsed, before) in enumerate(plans, start=1):
        if n % 200 == 0 or n == len(plans):
            progress("writing records", n, len(plans))
        record_id = apply_row(tx, actor, parsed, before.record_id if before else None,
                              import_source, records)
        records[(parsed.kind, parsed.external_id)] = record_id
        external_ids.remember(tx, organisation, parsed.kind, parsed.external_id, record_id,
                              parsed.digest, known=before is not None)
    counts = ImportReport(report.outcomes).counts()
    audit.record(tx, action="write", object_kind="import", client=client,
                 detail=f"{file_name}: " + ", ".join(f"{a} {n}" for a, n in sorted(counts.items())))
    report.committed, report.source_id = True, import_source
    return report


class _Refusal(InvalidInput):
    def __init__(self, column: str, message: str) -> None:
        super().__init__(message)
        self.column = column


def _require_visible(tx: Tx, actor: Actor, kind: str, record_id: str) -> None:
    try:
        if kind == "persons":
            require_person(tx, actor, record_id)
        elif kind == "cases":
            require_case(tx, actor, record_id)
    except NotFound:
        raise _Refusal("external_id", "this row's record is in a case you may not change "
                       "(ask its coordinator)") from None
