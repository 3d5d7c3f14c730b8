"""Commands for cases, events, messages, interventions, applications and timelines."""

from __future__ import annotations

from typing import Annotated

import typer

from reunite.cli.context import actor, as_of_day, ids, out, parse_day, transaction
from reunite.cli.render import case_table, emit_json, render_case
from reunite.domain.advocacy import ApplicationKind, InterventionKind, StageKind
from reunite.domain.cases import CaseStatus, Priority
from reunite.domain.dates import FuzzyDate
from reunite.domain.events import EventKind
from reunite.domain.ids import normalise_id
from reunite.domain.jsonform import plain
from reunite.domain.messages import Channel, Confidence
from reunite.services import advocacy, cases, events, messages
from reunite.services.case_file import case_file

case_app = typer.Typer(no_args_is_help=True, help="Tracing cases.")
event_app = typer.Typer(no_args_is_help=True, help="Dated events with sources.")
message_app = typer.Typer(no_args_is_help=True,
                          help="Messages as said, and their interpretations kept apart.")
intervention_app = typer.Typer(no_args_is_help=True,
                               help="Letters, notes, calls, submissions and follow-ups.")
application_app = typer.Typer(no_args_is_help=True,
                              help="Family-reunification, visa and passport applications.")

Sources = Annotated[list[str] | None, typer.Option("--source", "-s",
                                                   help="Source id (repeatable).")]
Json = Annotated[bool, typer.Option("--json", help="Machine-readable output.")]
AsOf = Annotated[str | None, typer.Option(help="Count days up to this date (YYYY-MM-DD).")]


def register(app: typer.Typer) -> None:
    app.add_typer(case_app, name="case")
    app.add_typer(event_app, name="event")
    app.add_typer(message_app, name="message")
    app.add_typer(intervention_app, name="intervention")
    app.add_typer(application_app, name="application")
    app.command("timeline")(timeline_command)


def _opt(value: str | None) -> str | None:
    return normalise_id(value) if value else None


@case_app.command("open")
def case_open(ctx: typer.Context,
              searcher: Annotated[list[str], typer.Option(help="Searching person (repeatable).")],
              sought: Annotated[list[str], typer.Option(help="Sought person (repeatable).")],
              organisation: Annotated[str, typer.Option(help="Organisation holding the case.")],
              other: Annotated[list[str] | None, typer.Option(
                  help="Other involved person: caretaker, witness (repeatable).")] = None,
              assignee: str = "", priority: Priority = Priority.NORMAL, summary: str = "",
              opened: Annotated[str | None, typer.Option(help="YYYY-MM-DD; today if not "
                                                              "given.")] = None,
              as_json: Json = False) -> None:
    """Open a tracing case: who searches for whom."""
    with transaction(ctx) as tx:
        c = cases.open_case(tx, searchers=ids(searcher), sought=ids(sought), others=ids(other),
                            organisation=organisation, assignee=assignee, priority=priority,
                            summary=summary, opened_on=parse_day(opened, "--opened"))
    emit_json(c) if as_json else out.print(f"case {c.id} opened")


@case_app.command("show")
def case_show(ctx: typer.Context, case_id: str, as_of: AsOf = None, as_json: Json = False) -> None:
    """The case file: persons with names in every script, days since last contact, the sourced
    timeline, messages with their interpretations, interventions and applications."""
    _show(ctx, case_id, as_of, as_json, "case file")


@case_app.command("list")
def case_list(ctx: typer.Context, status: CaseStatus | None = None,
              as_json: Json = False) -> None:
    """All cases, optionally by status."""
    with transaction(ctx) as tx:
        shown = cases.case_list(tx, actor(ctx), status=status)
    if as_json:
        emit_json(list(shown.cases))
        return
    case_table(list(shown.cases), {pid: p.display_name() for pid, p in shown.people.items()})


@case_app.command("status")
def case_status(ctx: typer.Context, case_id: str, status: CaseStatus,
                as_json: Json = False) -> None:
    """Move a case to another status (use `case close` to close)."""
    with transaction(ctx) as tx:
        c = cases.set_status(tx, case_id=normalise_id(case_id), status=status)
    emit_json(c) if as_json else out.print(f"case {c.id} is now {c.status.value}")


@case_app.command("close")
def case_close(ctx: typer.Context, case_id: str,
               reason: Annotated[str, typer.Option(help="Why the case is closed.")],
               on: Annotated[str | None, typer.Option(help="YYYY-MM-DD")] = None,
               as_json: Json = False) -> None:
    """Close a case, with the reason."""
    with transaction(ctx) as tx:
        c = cases.close_case(tx, case_id=normalise_id(case_id), reason=reason,
                             on=parse_day(on, "--on"))
    emit_json(c) if as_json else out.print(f"case {c.id} closed")


@event_app.command("add")
def event_add(ctx: typer.Context, kind: EventKind,
              date: Annotated[str, typer.Option(help="2016-11-03, 2016-11, 2016, late 2016, "
                                                     "summer 2016, before 2017-03, A..B")],
              source: Sources = None,
              person: Annotated[list[str] | None, typer.Option(
                  help="Person involved (repeatable).")] = None,
              case: Annotated[str | None, typer.Option(help="Case id.")] = None,
              place: str = "",
              institution: Annotated[str | None, typer.Option(help="Institution id.")] = None,
              description: str = "", as_json: Json = False) -> None:
    """Record an event with its date precision and its sources."""
    when = FuzzyDate.parse(date)
    with transaction(ctx) as tx:
        e = events.add_event(tx, kind=kind, when=when, source_ids=ids(source),
                             participants=ids(person), case_id=_opt(case), place=place,
                             institution_id=_opt(institution), description=description)
    emit_json(e) if as_json else out.print(f"event {e.id} recorded ({e.when.describe()})")


@message_app.command("add")
def message_add(ctx: typer.Context,
                case: Annotated[str, typer.Option(help="Case id.")],
                text: Annotated[str, typer.Option(help="What was said, verbatim.")],
                channel: Annotated[Channel, typer.Option(help="How it came.")],
                date: Annotated[str, typer.Option(help="When it was said.")],
                source: Sources = None,
                from_person: Annotated[str | None, typer.Option(
                    "--from", help="Person id of the sender.")] = None,
                from_description: Annotated[str, typer.Option(
                    "--from-text", help="Sender when not a recorded person.")] = "",
                language: str = "", as_json: Json = False) -> None:
    """Record a message exactly as it was said or shown."""
    when = FuzzyDate.parse(date)
    with transaction(ctx) as tx:
        m = messages.add_message(tx, case_id=normalise_id(case), text=text, channel=channel,
                               when=when, source_ids=ids(source), from_person=_opt(from_person),
                               from_description=from_description, language=language)
    emit_json(m) if as_json else out.print(f"message {m.id} recorded")


@message_app.command("interpret")
def message_interpret(ctx: typer.Context, message_id: str,
                      meaning: Annotated[str, typer.Option(help="What it is taken to mean.")],
                      by: Annotated[str, typer.Option(help="Who interprets it.")] = "",
                      confidence: Confidence = Confidence.MEDIUM, as_json: Json = False) -> None:
    """Add an interpretation of a message, kept apart from what was said."""
    with transaction(ctx) as tx:
        i = messages.interpret(tx, message_id=normalise_id(message_id), meaning=meaning, by=by,
                             confidence=confidence)
    emit_json(i) if as_json else out.print(f"interpretation {i.id} recorded")


@intervention_app.command("add")
def intervention_add(ctx: typer.Context,
                     case: Annotated[str, typer.Option(help="Case id.")],
                     kind: InterventionKind,
                     recipient: Annotated[str, typer.Option(help="Recipient organisation.")],
                     sent: Annotated[str, typer.Option(help="Date sent, YYYY-MM-DD.")],
                     sender: str = "",
                     follow_up: Annotated[str | None, typer.Option(help="YYYY-MM-DD")] = None,
                     response: str = "",
                     response_date: Annotated[str | None, typer.Option(help="YYYY-MM-DD")]
                     = None, notes: str = "", as_json: Json = False) -> None:
    """Record an advocacy action and when to follow it up."""
    sent_on = parse_day(sent, "--sent")
    assert sent_on is not None
    with transaction(ctx) as tx:
        i = advocacy.add_intervention(
            tx, case_id=normalise_id(case), kind=kind, sender=sender, recipient=recipient,
            sent_on=sent_on, follow_up_on=parse_day(follow_up, "--follow-up"),
            response=response, response_on=parse_day(response_date, "--response-date"),
            notes=notes)
    emit_json(i) if as_json else out.print(f"intervention {i.id} recorded")


@intervention_app.command("respond")
def intervention_respond(ctx: typer.Context, intervention_id: str,
                         response: Annotated[str, typer.Option(help="What came back.")],
                         date: Annotated[str, typer.Option(help="YYYY-MM-DD")],
                         follow_up: Annotated[str | None, typer.Option(help="YYYY-MM-DD")]
                         = None, as_json: Json = False) -> None:
    """Record the response to an intervention and the next follow-up."""
    day = parse_day(date, "--date")
    assert day is not None
    with transaction(ctx) as tx:
        i = advocacy.record_response(tx, intervention_id=normalise_id(intervention_id),
                                     response=response, response_on=day,
                                     follow_up_on=parse_day(follow_up, "--follow-up"))
    emit_json(i) if as_json else out.print(f"response to {i.id} recorded")


@intervention_app.command("list")
def intervention_list(ctx: typer.Context,
                      case: Annotated[str | None, typer.Option(help="Case id.")] = None,
                      due: Annotated[bool, typer.Option(
                          "--due", help="Only follow-ups due, most overdue first.")] = False,
                      as_of: AsOf = None, as_json: Json = False) -> None:
    """Interventions of a case, or all follow-ups that are due."""
    day = as_of_day(as_of)
    with transaction(ctx) as tx:
        if due:
            items = advocacy.due_interventions(tx, as_of=day)
            if case:
                items = [d for d in items if d.intervention.case_id == normalise_id(case)]
            rows = [(d.intervention, d.days_overdue) for d in items]
        else:
            rows = [(i, i.days_overdue(day) if i.is_due(day) else 0)
                    for i in advocacy.list_interventions(tx, case_id=_opt(case))]
    if as_json:
        emit_json([{**emit_ready(i), "days_overdue": days} for i, days in rows])
        return
    for i, days in rows:
        due_text = f"follow up {i.follow_up_on}" if i.follow_up_on else "no follow-up set"
        if days > 0:
            due_text += f" ({days} days overdue)"
        answer = f"response {i.response_on}" if i.response_on else "no response"
        out.print(f"{i.id} {i.case_id} {i.kind.value} to {i.recipient}, sent {i.sent_on}; "
                  f"{answer}; {due_text}")


def emit_ready(value: object) -> dict[str, object]:
    result = plain(value)
    assert isinstance(result, dict)
    return result


@application_app.command("add")
def application_add(ctx: typer.Context,
                    case: Annotated[str, typer.Option(help="Case id.")],
                    person: Annotated[str, typer.Option(help="Whom the application is for.")],
                    country: Annotated[str, typer.Option(help="ISO code, e.g. TR, DE.")],
                    kind: ApplicationKind, reference: str = "",
                    filed: Annotated[str | None, typer.Option(help="YYYY-MM-DD")] = None,
                    as_json: Json = False) -> None:
    """Record an application (permit, visa, passport, residence, citizenship)."""
    with transaction(ctx) as tx:
        a = advocacy.add_application(tx, case_id=normalise_id(case),
                                     person_id=normalise_id(person), country=country, kind=kind,
                                     reference=reference, filed_on=parse_day(filed, "--filed"))
    emit_json(a) if as_json else out.print(f"application {a.id} recorded")


@application_app.command("stage")
def application_stage(ctx: typer.Context, application_id: str, stage: StageKind,
                      date: Annotated[str, typer.Option(help="YYYY-MM-DD")],
                      note: str = "", as_json: Json = False) -> None:
    """Add a dated stage to an application (filed, granted, refused, appealed, ...)."""
    day = parse_day(date, "--date")
    assert day is not None
    with transaction(ctx) as tx:
        a = advocacy.add_stage(tx, application_id=normalise_id(application_id), stage=stage,
                               on=day, note=note)
    emit_json(a) if as_json else out.print(f"application {a.id}: {stage.value} on {day}")


def timeline_command(ctx: typer.Context,
                     case_id: Annotated[str, typer.Argument(help="Case id.")],
                     as_of: AsOf = None, as_json: Json = False) -> None:
    """A case's chronology with date precision, sources and grades."""
    _show(ctx, case_id, as_of, as_json, "timeline")


def _show(ctx: typer.Context, case_id: str, as_of: str | None, as_json: bool,
          purpose: str) -> None:
    day = as_of_day(as_of)
    with transaction(ctx) as tx:
        result = case_file(tx, actor(ctx), normalise_id(case_id), as_of=day, purpose=purpose)
    emit_json(result) if as_json else render_case(result)

