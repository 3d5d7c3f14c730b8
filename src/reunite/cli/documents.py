"""Documents made from the registry: a case's dossier (PDF) and the statistics (PDF or CSV)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from reunite.cli.context import actor, as_of_day, out, transaction, write_whole
from reunite.domain.disclosure import Audience
from reunite.domain.ids import normalise_id
from reunite.errors import InvalidInput
from reunite.reports import statistics as statistics_report
from reunite.reports.dossier import render_pdf
from reunite.services.dossier import export_dossier
from reunite.services.statistics import statistics as statistics_of
from reunite.web.i18n import LANGUAGES, Language, load_languages


def register(app: typer.Typer) -> None:
    app.command("dossier")(dossier)
    app.command("statistics")(statistics)


def _language(code: str) -> Language:
    if code not in LANGUAGES:
        raise InvalidInput(f"unknown language {code!r}; choose one of: {', '.join(LANGUAGES)}")
    return load_languages()[code]


def _check_target(output: Path) -> None:
    if output.exists() and output.is_dir():
        raise InvalidInput(f"{output} is a folder; give the file to write")
    if not output.parent.is_dir():
        raise InvalidInput(f"folder {output.parent} does not exist")


def dossier(ctx: typer.Context,
            case_id: Annotated[str, typer.Argument(help="Case id.")],
            output: Annotated[Path, typer.Option(help="The PDF file to write.")],
            audience: Annotated[Audience, typer.Option(
                help="Who it is for: each person appears named only where their consent "
                     "allows it for this audience.")] = Audience.LAWYER,
            lang: Annotated[str, typer.Option(help="en, ug, tr or zh.")] = "en",
            as_of: Annotated[str | None, typer.Option(
                help="Facts and days counted up to this date (YYYY-MM-DD).")] = None) -> None:
    """Write a case dossier (PDF): persons, sourced timeline, interventions, applications."""
    language = _language(lang)
    _check_target(output)
    with transaction(ctx) as tx:
        made = export_dossier(tx, actor(ctx), normalise_id(case_id), audience=audience,
                              language=lang, as_of=as_of_day(as_of),
                              render=lambda view: render_pdf(view, language))
        write_whole(output, made.content)
    out.print(f"dossier of case {made.view.case_id} for {audience.value} written to {output} "
              f"(sha256 {made.sha256}, recorded in the audit log)")


def statistics(ctx: typer.Context,
               output: Annotated[Path, typer.Option(
                   help="The file to write: .pdf (charts and tables) or .csv (the tables).")],
               lang: Annotated[str, typer.Option(help="en, ug, tr or zh (PDF).")] = "en",
               as_of: Annotated[str | None, typer.Option(
                   help="Figures as they stood on this date (YYYY-MM-DD).")] = None) -> None:
    """Write the registry's statistics, small counts suppressed, as PDF or CSV."""
    kind = output.suffix.lower().lstrip(".")
    if kind not in ("pdf", "csv"):
        raise InvalidInput(f"{output}: give a file name ending in .pdf or .csv")
    language = _language(lang)
    _check_target(output)
    local = actor(ctx)
    with transaction(ctx) as tx:
        stats = statistics_of(tx, local, as_of=as_of_day(as_of), export=kind)
        content = (statistics_report.render_csv(stats).encode() if kind == "csv" else
                   statistics_report.render_pdf(stats, language, made_by=local.username))
        write_whole(output, content)
    out.print(f"statistics as of {stats.as_of} written to {output} "
              f"({sum(t.suppressed for t in stats.tables)} small cells suppressed)")
