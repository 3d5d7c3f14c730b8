"""`reunite link`: cluster the records of a CSV file that refer to the same person."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from reunite.cli.context import err, phase_progress
from reunite.match.model import LIKELY
from reunite.services.link import link_file


def register(app: typer.Typer) -> None:
    app.command("link")(link)


def link(input_csv: Annotated[Path, typer.Argument(help="UTF-8 CSV with id and name columns.")],
         output: Annotated[Path, typer.Option(help="Where to write id,cluster_id.")],
         pairs: Annotated[Path | None, typer.Option(
             help="Also write every scored candidate pair with its explanation.")] = None,
         threshold: Annotated[float, typer.Option(
             help="Match probability from which two records are linked.")] = LIKELY) -> None:
    """Link records across scripts and spellings; every input row gets a cluster id."""
    with phase_progress() as step:
        result = link_file(input_path=input_csv, output_path=output, pairs_path=pairs,
                           threshold=threshold, progress=step)
    linked = len({c for _, c in result.assignments})
    err.print(f"{len(result.assignments)} records, {result.candidates} candidate pairs, "
              f"{linked} clusters written to {output}")
