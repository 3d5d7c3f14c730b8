"""Forms that record facts on a case: events, messages and their interpretations,
interventions, applications and their stages. Each fact cites a source: one already cited in
the case, or a new one described in the same form."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from reunite.domain.access import Permission
from reunite.domain.advocacy import ApplicationKind, InterventionKind, StageKind
from reunite.domain.events import EventKind
from reunite.domain.ids import normalise_id
from reunite.domain.messages import Channel, Confidence
from reunite.domain.sources import Source, SourceKind
from reunite.errors import InvalidInput
from reunite.services import advocacy, events, messages, recording, sources
from reunite.store.registry import Tx
from reunite.web.context import Ctx, ctx_of, route
from reunite.web.forms import Form

router = APIRouter()


def _cite(tx: Tx, form: Form, known: list[Source]) -> list[str]:
    """The source the form cites: a new one when its title is given, else the chosen one."""
    title = form.values.get("source_title", "").strip()
    if title:
        kind = form.choice("source_kind", SourceKind) or SourceKind.OTHER
        grade = form.grade("grade")
        if not form.ok or grade is None:
            raise InvalidInput("the new source is incomplete")
        made = sources.add_source(tx, kind=kind, title=title, reliability=grade.reliability,
                                  credibility=grade.credibility)
        return [made.id]
    chosen = form.values.get("source_id", "")
    if chosen not in {s.id for s in known}:
        form.fail("source_id", form._("Choose a source or describe a new one."))
        raise InvalidInput("no source")
    return [chosen]


# What each form needs: its template, the audit kind, and the function that records it.
Record = Callable[[Tx, Form, recording.CaseForms], None]


def _form_page(ctx: Ctx, case_id: str, template: str, form: Form, status: int = 200,
               message: str = "", **extra: Any) -> Response:
    with ctx.service("read", "case", case_id) as tx:
        forms = recording.case_forms(tx, ctx.actor, case_id, client=ctx.client)
    return ctx.render(template, status=status, form=form, case=forms.case,
                      known=list(forms.known), people=forms.people, message=message,
                      enums=_ENUMS, **extra)


_ENUMS = {"event_kind": EventKind, "channel": Channel, "confidence": Confidence,
          "intervention_kind": InterventionKind, "application_kind": ApplicationKind,
          "stage": StageKind, "source_kind": SourceKind}


def _submit(ctx: Ctx, case_id: str, template: str, record: Record) -> Response:
    form = Form(ctx.form, ctx._)
    try:
        with ctx.service("write", "case", case_id) as tx:
            forms = recording.case_forms(tx, ctx.actor, case_id, client=ctx.client,
                                         audit_as="write")
            record(tx, form, forms)
            if not form.ok:
                raise InvalidInput("the form has errors")
    except InvalidInput as exc:
        message = "" if form.errors else str(exc)
        return _form_page(ctx, case_id, template, form, status=422, message=message)
    return RedirectResponse(f"/cases/{case_id}", status_code=303)


def _participants(form: Form, members: list[str]) -> list[str]:
    chosen = [p for p in form.values.get("participants_list", "").split(",") if p]
    unknown = [p for p in chosen if p not in members]
    if unknown:
        form.fail("participants", form._("Choose people of this case."))
    return chosen


def _record_event(tx: Tx, form: Form, forms: recording.CaseForms) -> None:
    kind = form.choice("kind", EventKind)
    when = form.fuzzy_date("when", required=True)
    who = _participants(form, list(forms.members))
    place, description = form.text("place", limit=300), form.text("description")
    if not form.ok:
        return
    cited = _cite(tx, form, list(forms.known))
    assert kind is not None and when is not None
    events.add_event(tx, kind=kind, when=when, source_ids=cited, participants=who,
                     case_id=forms.case.id, place=place, description=description)


def _record_message(tx: Tx, form: Form, forms: recording.CaseForms) -> None:
    text = form.text("text", required=True)
    channel = form.choice("channel", Channel)
    when = form.fuzzy_date("when", required=True)
    sender = form.values.get("from_person", "")
    if sender and sender not in forms.members:
        form.fail("from_person", form._("Choose people of this case."))
    if not form.ok:
        return
    cited = _cite(tx, form, list(forms.known))
    assert channel is not None and when is not None
    messages.add_message(tx, case_id=forms.case.id, text=text, channel=channel, when=when,
                       source_ids=cited, from_person=sender or None,
                       from_description=form.text("from_description", limit=300),
                       language=form.text("language", limit=10))


def _record_intervention(tx: Tx, form: Form, forms: recording.CaseForms) -> None:
    kind = form.choice("kind", InterventionKind)
    recipient = form.text("recipient", required=True, limit=300)
    sent = form.day("sent_on", required=True)
    follow = form.day("follow_up_on")
    if not form.ok:
        return
    assert kind is not None and sent is not None
    advocacy.add_intervention(tx, case_id=forms.case.id, kind=kind, sender=form.text("sender"),
                              recipient=recipient, sent_on=sent, follow_up_on=follow,
                              notes=form.text("notes"))


def _record_application(tx: Tx, form: Form, forms: recording.CaseForms) -> None:
    kind = form.choice("kind", ApplicationKind)
    person = form.values.get("person_id", "")
    if person not in forms.members:
        form.fail("person_id", form._("Choose people of this case."))
    country = form.text("country", required=True, limit=60)
    filed = form.day("filed_on")
    if not form.ok:
        return
    assert kind is not None
    advocacy.add_application(tx, case_id=forms.case.id, person_id=person, country=country,
                             kind=kind, reference=form.text("reference", limit=200),
                             filed_on=filed)


_FORMS: dict[str, tuple[str, Record]] = {
    "events": ("event_form.html", _record_event),
    "messages": ("message_form.html", _record_message),
    "interventions": ("intervention_form.html", _record_intervention),
    "applications": ("application_form.html", _record_application),
}


def _register(kind: str, template: str, record: Record) -> None:
    path = f"/cases/{{case_id}}/{kind}/new"

    def page(request: Request, case_id: str) -> Response:
        ctx = ctx_of(request)
        return _form_page(ctx, normalise_id(case_id), template, Form({}, ctx._))

    def submit(request: Request, case_id: str) -> Response:
        ctx = ctx_of(request)
        ctx.form["participants_list"] = ",".join(ctx.form_lists.get("participants", []))
        return _submit(ctx, normalise_id(case_id), template, record)

    page.__name__, submit.__name__ = f"{kind}_form", f"{kind}_submit"
    route(router, "GET", path, Permission.CASE_WRITE)(page)
    route(router, "POST", path, Permission.CASE_WRITE)(submit)


for _kind, (_template, _record) in _FORMS.items():
    _register(_kind, _template, _record)


def _case_of(ctx: Ctx, what: str, record_id: str) -> str:
    with ctx.service("write", what, record_id) as tx:
        return recording.case_of(tx, ctx.actor, what, record_id)


@route(router, "POST", "/messages/{message_id}/interpretations", Permission.CASE_WRITE)
def interpret(request: Request, message_id: str) -> Response:
    ctx = ctx_of(request)
    message_id = normalise_id(message_id)
    case_id = _case_of(ctx, "message", message_id)

    def record(tx: Tx, form: Form, forms: recording.CaseForms) -> None:
        meaning = form.text("meaning", required=True)
        confidence = form.choice("confidence", Confidence)
        if form.ok and confidence is not None:
            messages.interpret(tx, message_id=message_id, meaning=meaning,
                             by=form.text("by", limit=100), confidence=confidence)

    return _submit(ctx, case_id, "message_form.html", record)


@route(router, "POST", "/applications/{application_id}/stages", Permission.CASE_WRITE)
def add_stage(request: Request, application_id: str) -> Response:
    ctx = ctx_of(request)
    application_id = normalise_id(application_id)
    case_id = _case_of(ctx, "application", application_id)

    def record(tx: Tx, form: Form, forms: recording.CaseForms) -> None:
        stage = form.choice("stage", StageKind)
        on = form.day("on", required=True)
        if form.ok and stage is not None and on is not None:
            advocacy.add_stage(tx, application_id=application_id, stage=stage, on=on,
                               note=form.text("note"))

    return _submit(ctx, case_id, "application_form.html", record)


@route(router, "POST", "/interventions/{intervention_id}/response", Permission.CASE_WRITE)
def record_response(request: Request, intervention_id: str) -> Response:
    ctx = ctx_of(request)
    intervention_id = normalise_id(intervention_id)
    case_id = _case_of(ctx, "intervention", intervention_id)

    def record(tx: Tx, form: Form, forms: recording.CaseForms) -> None:
        response = form.text("response", required=True)
        on = form.day("response_on", required=True)
        follow = form.day("follow_up_on")
        if form.ok and on is not None:
            advocacy.record_response(tx, intervention_id=intervention_id, response=response,
                                     response_on=on, follow_up_on=follow)

    return _submit(ctx, case_id, "intervention_form.html", record)
