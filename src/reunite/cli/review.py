"""`reunite dedupe` and `reunite review`: the registry's duplicate review queue."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from reunite.cli.context import actor, out, phase_progress, transaction
from reunite.cli.render import emit_json
from reunite.domain.ids import normalise_id
from reunite.services import dedupe, review

review_app = typer.Typer(no_args_is_help=True, help="Review possible duplicate records.")
Json = Annotated[bool, typer.Option("--json", help="Machine-readable output.")]


def register(app: typer.Typer) -> None:
    app.command("dedupe")(run)
    app.add_typer(review_app, name="review")


def run(ctx: typer.Context) -> None:
    """Find possible duplicates among persons who consented to tracing; fill the queue."""
    with transaction(ctx) as tx, phase_progress() as step:
        summary = dedupe.run_dedupe(tx, progress=step)
    out.print(f"{summary.persons} persons compared: {summary.proposed} new candidate pairs, "
              f"{summary.reproposed} proposed again after new information, "
              f"{summary.unchanged} already known")


@review_app.command("list")
def review_list(ctx: typer.Context,
                status: Annotated[str, typer.Option(
                    help="potential, confirmed, rejected, undecided or all")] = "potential",
                as_json: Json = False) -> None:
    """Candidate pairs, most probable first, side by side."""
    with transaction(ctx) as tx:
        shown = review.queue(tx, actor(ctx), status=None if status == "all" else status)
    found, people = list(shown.candidates), shown.people
    if as_json:
        emit_json(found)
        return
    table = Table("pair", "probability", "status", "record A", "record B", "decided")
    for c in found:
        a, b = people.get(c.person_a), people.get(c.person_b)
        table.add_row(c.id, f"{c.probability:.3f}", c.status,
                      f"{a.display_name() if a else '?'} ({c.person_a})",
                      f"{b.display_name() if b else '?'} ({c.person_b})",
                      f"{c.decided_by} {c.decided_at:%Y-%m-%d}: {c.reason}"
                      if c.decided_at else "")
    out.print(table)


@review_app.command("decide")
def review_decide(ctx: typer.Context, candidate_id: str,
                  decision: Annotated[str, typer.Argument(
                      help="confirmed, rejected or undecided")],
                  reason: Annotated[str, typer.Option(help="Why.")],
                  as_json: Json = False) -> None:
    """Record a decision on a candidate pair: who, when and why are kept."""
    with transaction(ctx) as tx:
        c = dedupe.decide(tx, candidate_id=normalise_id(candidate_id), decision=decision,
                          reason=reason)
    emit_json(c) if as_json else out.print(f"{c.id}: {c.status}")
