"""`reunite search` and `reunite reindex`."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.progress import Progress
from rich.table import Table

from reunite.cli.context import actor, out, transaction
from reunite.cli.render import emit_json
from reunite.domain.dates import BirthDate
from reunite.domain.persons import Sex
from reunite.services import search as service
from reunite.services.finding import find_persons

Json = Annotated[bool, typer.Option("--json", help="Machine-readable output.")]


def register(app: typer.Typer) -> None:
    app.command("search")(search)
    app.command("reindex")(reindex)


def search(ctx: typer.Context,
           name: Annotated[str, typer.Argument(help="Whatever is known of the name, any "
                                                    "script: 'Given Father', 'Given·Father'.")],
           sex: Annotated[Sex | None, typer.Option(case_sensitive=False)] = None,
           born: Annotated[str | None, typer.Option(
               help="Birth date or age at a date ('2011', 'age 5 on 2016-11').")] = None,
           limit: int = 10, as_json: Json = False) -> None:
    """Ranked candidates from the registry, each compared field by field."""
    birth = BirthDate.parse(born) if born else None
    with transaction(ctx) as tx:
        found = find_persons(tx, actor(ctx), name=name, sex=sex, birth=birth, limit=limit)
    hits = [f.hit for f in found if f.hit is not None]  # the local actor sees every case
    if as_json:
        emit_json(hits)
        return
    if not hits:
        out.print("no candidates (only persons who consented to tracing are searched)")
        return
    for hit in hits:
        out.print(f"{hit.score:.2f}  {hit.person.display_name()}  {hit.person.id}",
                  style="bold")
        table = Table("field", "outcome", "searched", "recorded", "why", show_header=False)
        for f in hit.fields:
            table.add_row(f.field, f.outcome, f.query, f.found, f.detail)
        out.print(table)


def reindex(ctx: typer.Context) -> None:
    """Rebuild the name index of every person (keyed hashes of name keys)."""
    with transaction(ctx) as tx, Progress(console=out, transient=True) as progress:
        task = progress.add_task("indexing names", total=None)

        def step(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        count = service.reindex(tx, progress=step)
    out.print(f"{count} persons indexed")
