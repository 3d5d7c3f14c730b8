"""`reunite import` and `reunite export`: spreadsheets in (dry run, then --commit) and out."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from reunite.cli.context import actor, out, phase_progress, transaction, write_whole
from reunite.domain.disclosure import Audience
from reunite.errors import InvalidInput
from reunite.interchange.tabular import Mapping, read_tables, write_csv_folder, xlsx_bytes
from reunite.services.exporting import export_tables
from reunite.services.importing import ImportReport, import_tables


class Format(StrEnum):
    XLSX = "xlsx"
    CSV = "csv"


def register(app: typer.Typer) -> None:
    app.command("import")(import_command)
    app.command("export")(export_command)


def _show(report: ImportReport, limit: int = 50) -> None:
    counts = report.counts()
    out.print(", ".join(f"{n} {a}" for a, n in sorted(counts.items())) or "no rows")
    if report.refused:
        table = Table("sheet", "line", "column", "reason", title="refused rows")
        for o in report.refused[:limit]:
            table.add_row(o.sheet, str(o.line), o.column, o.reason)
        out.print(table)
        if len(report.refused) > limit:
            out.print(f"... and {len(report.refused) - limit} more")


def import_command(
        ctx: typer.Context,
        path: Annotated[Path, typer.Argument(help="An .xlsx workbook, a .csv file named after "
                                                  "its sheet (persons.csv), or a folder of them.")],
        organisation: Annotated[str, typer.Option(
            help="The organisation whose ids the rows carry (external_id).")],
        mapping: Annotated[Path | None, typer.Option(
            help="TOML file mapping your own sheet, column and value names to the schema.")]
        = None,
        source: Annotated[str | None, typer.Option(
            help="Source every imported fact cites (default: a source made for the import, "
                 "graded F6).")] = None,
        commit: Annotated[bool, typer.Option(
            "--commit", help="Write the records (all or nothing); without it, a dry run.")]
        = False) -> None:
    """Bring records in from a spreadsheet; a dry run reports what each row would do."""
    tables = read_tables(path, Mapping.load(mapping) if mapping else None)
    with transaction(ctx) as tx, phase_progress() as progress:
        report = import_tables(tx, actor(ctx), tables, organisation=organisation,
                               file_name=path.name, source_id=source, commit=commit,
                               progress=progress)
    _show(report)
    if report.committed:
        out.print(f"imported; every fact cites source {report.source_id}")
    elif report.refused:
        raise typer.Exit(2)
    else:
        out.print("dry run: nothing written; add --commit to import")


def export_command(
        ctx: typer.Context,
        output: Annotated[Path, typer.Argument(help="The .xlsx file, or the folder for CSV.")],
        file_format: Annotated[Format, typer.Option("--format")] = Format.XLSX,
        audience: Annotated[Audience | None, typer.Option(
            help="Who receives it: each person as their consent allows for that audience "
                 "(default: your organisation's own, complete copy).")] = None) -> None:
    """Take the records you may see out in the tabular schema (audited)."""
    if file_format is Format.XLSX and output.suffix.lower() != ".xlsx":
        raise InvalidInput(f"{output}: an XLSX export needs a file name ending in .xlsx")
    if file_format is Format.CSV and output.exists() and not output.is_dir():
        raise InvalidInput(f"{output} is a file; a CSV export writes a folder")
    if not output.parent.is_dir():
        raise InvalidInput(f"folder {output.parent} does not exist")
    with transaction(ctx) as tx:
        made = export_tables(tx, actor(ctx), audience=audience, file_format=file_format.value)
        if file_format is Format.XLSX:
            write_whole(output, xlsx_bytes(made.tables))
        else:
            write_csv_folder(output, made.tables)
    counts = ", ".join(f"{len(rows)} {kind}" for kind, rows in made.tables.items())
    out.print(f"exported {counts} to {output} ({made.withheld} persons left out, "
              f"{made.pseudonymous} under a label; recorded in the audit log)")
