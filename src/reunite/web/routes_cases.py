"""Dashboard, case list, case page, person page, and the guided case intake."""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from reunite.domain.access import Permission
from reunite.domain.cases import Priority
from reunite.domain.disclosure import Audience
from reunite.domain.ids import normalise_id
from reunite.domain.persons import (
    DocumentStatus,
    NameKind,
    PersonStatus,
    Publication,
    RelationshipKind,
    Sex,
)
from reunite.domain.sources import SourceKind
from reunite.errors import InvalidInput
from reunite.reports.dossier import render_pdf
from reunite.services import cases, intake, persons
from reunite.services.case_file import case_file
from reunite.services.dashboard import dashboard
from reunite.services.dossier import export_dossier
from reunite.services.persons import NameInput
from reunite.web.context import Ctx, ctx_of, route
from reunite.web.forms import Form

router = APIRouter()
MAX_SOUGHT = 6


@route(router, "GET", "/", Permission.ACCOUNT)
def home(request: Request) -> Response:
    ctx = ctx_of(request)
    if not ctx.actor.may(Permission.CASE_READ):
        target = "/statistics" if ctx.actor.may(Permission.STATISTICS) else "/account"
        return RedirectResponse(target, status_code=303)
    with ctx.audited("read", "dashboard") as tx:
        board = dashboard(tx, ctx.actor, as_of=date.today())
    return ctx.render("dashboard.html", board=board)


@route(router, "GET", "/cases", Permission.CASE_READ)
def case_list(request: Request) -> Response:
    ctx = ctx_of(request)
    with ctx.service("read", "case_list") as tx:
        found = cases.case_list(tx, ctx.actor, client=ctx.client)
    return ctx.render("cases.html", cases=found.cases, people=found.people)


@route(router, "GET", "/cases/{case_id}", Permission.CASE_READ)
def case_page(request: Request, case_id: str) -> Response:
    ctx = ctx_of(request)
    case_id = normalise_id(case_id)
    with ctx.service("read", "case", case_id) as tx:
        file = case_file(tx, ctx.actor, case_id, as_of=date.today(), client=ctx.client)
    return ctx.render("case.html", file=file, case=file.case,
                      can_write=ctx.actor.may(Permission.CASE_WRITE),
                      can_grant=ctx.actor.may(Permission.GRANT),
                      can_export=ctx.actor.may(Permission.EXPORT), audiences=list(Audience))


@route(router, "GET", "/cases/{case_id}/dossier", Permission.EXPORT)
def dossier_download(request: Request, case_id: str) -> Response:
    """The case's dossier as PDF, for the chosen audience and language (audited)."""
    ctx = ctx_of(request)
    case_id = normalise_id(case_id)
    form = Form(dict(request.query_params), ctx._)
    audience = form.choice("audience", Audience, default=Audience.LAWYER) or Audience.LAWYER
    code = request.query_params.get("lang") or ctx.language.code
    if not form.ok or code not in ctx.web.languages:
        raise InvalidInput("choose an audience and a language for the dossier")
    language = ctx.web.languages[code]
    with ctx.service("export", "dossier", case_id) as tx:
        made = export_dossier(tx, ctx.actor, case_id, audience=audience, language=code,
                              as_of=date.today(), client=ctx.client,
                              render=lambda view: render_pdf(view, language))
    name = f"dossier-{made.view.case_id}-{audience.value}-{code}.pdf"
    return ctx.download(made.content, "application/pdf", name,
                        {"X-Content-SHA256": made.sha256})


@route(router, "GET", "/persons/{person_id}", Permission.CASE_READ)
def person_page(request: Request, person_id: str) -> Response:
    ctx = ctx_of(request)
    person_id = normalise_id(person_id)
    with ctx.service("read", "person", person_id) as tx:
        shown = persons.person_file(tx, ctx.actor, person_id, as_of=date.today(),
                                    client=ctx.client)
    return ctx.render("person.html", file=shown, view=shown.view, person=shown.view.person,
                      readings=shown.readings, events=shown.events, sources=shown.sources)


def _sought_blank(index: int) -> dict[str, str]:
    return {f"s{index}_status": PersonStatus.MISSING.value, f"s{index}_tracing": "on"}


def _intake_form(ctx: Ctx, form: Form, sought: int, status: int = 200,
                 message: str = "") -> Response:
    return ctx.render("intake.html", status=status, form=form, sought=range(sought),
                      message=message, enums=_ENUMS)


_ENUMS = {"sex": Sex, "status": PersonStatus, "relation": RelationshipKind,
          "publication": Publication, "source_kind": SourceKind, "priority": Priority,
          "passport": DocumentStatus}


@route(router, "GET", "/intake", Permission.CASE_WRITE)
def intake_page(request: Request) -> Response:
    ctx = ctx_of(request)
    defaults = {"relation": "parent", "searcher_status": "abroad", "searcher_tracing": "on",
                "source_kind": "interview", "grade": "B2", "priority": "normal",
                "organisation": ctx.user.team if ctx.user else "", **_sought_blank(0)}
    return _intake_form(ctx, Form(defaults, ctx._), 1)


@route(router, "GET", "/intake/sought", Permission.CASE_WRITE)
def intake_sought_fields(request: Request) -> Response:
    """One more fieldset for a sought person (HTMX); without JavaScript, 'add' re-renders."""
    ctx = ctx_of(request)
    try:
        index = int(request.query_params.get("i", "1"))
    except ValueError:
        index = MAX_SOUGHT
    if not 0 < index < MAX_SOUGHT:
        raise InvalidInput(f"at most {MAX_SOUGHT} sought persons in one intake")
    return ctx.render("_sought_fragment.html", form=Form(_sought_blank(index), ctx._), i=index,
                      sought=range(index + 1), enums=_ENUMS)


def _names(form: Form, prefix: str) -> list[NameInput]:
    names = [NameInput(form.text(f"{prefix}_{field}", limit=200), kind)
             for field, kind in (("given", NameKind.GIVEN), ("father", NameKind.FATHER),
                                 ("full", NameKind.FULL))]
    names = [n for n in names if n.text]
    if not names:
        form.fail(f"{prefix}_given", form._("Give at least one name, in any script."))
    return names


def _person(form: Form, prefix: str) -> intake.PersonIntake:
    return intake.PersonIntake(
        names=_names(form, prefix), sex=form.choice(f"{prefix}_sex", Sex, default=Sex.UNKNOWN)
        or Sex.UNKNOWN, birth=form.birth(f"{prefix}_born"),
        hometown=form.text(f"{prefix}_hometown", limit=300),
        status=form.choice(f"{prefix}_status", PersonStatus, default=PersonStatus.UNKNOWN)
        or PersonStatus.UNKNOWN,
        passport=form.choice(f"{prefix}_passport", DocumentStatus, default=None)
        if form.values.get(f"{prefix}_passport") else None,
        contact=form.text(f"{prefix}_contact", limit=300),
        tracing=form.flag(f"{prefix}_tracing"), sharing=form.flag(f"{prefix}_sharing"),
        publication=form.choice(f"{prefix}_publication", Publication,
                                default=Publication.NONE) or Publication.NONE)


@route(router, "POST", "/intake", Permission.CASE_WRITE)
def intake_submit(request: Request) -> Response:
    ctx = ctx_of(request)
    form = Form(ctx.form, ctx._)
    try:
        count = max(1, min(MAX_SOUGHT, int(ctx.form.get("sought_count", "1"))))
    except ValueError:
        count = 1
    if ctx.form.get("action") == "add_sought" and count < MAX_SOUGHT:
        form.values.update(_sought_blank(count))
        return _intake_form(ctx, form, count + 1)
    searcher = _person(form, "searcher")
    sought = [_person(form, f"s{i}") for i in range(count)]
    grade = form.grade("grade")
    data = intake.Intake(
        searcher=searcher, relation=form.choice("relation", RelationshipKind)
        or RelationshipKind.PARENT, sought=sought,
        source_kind=form.choice("source_kind", SourceKind) or SourceKind.OTHER,
        source_title=form.text("source_title", required=True, limit=500),
        grade=grade,  # type: ignore[arg-type]  # None only when the form has errors
        organisation=form.text("organisation", required=True, limit=200),
        source_date=form.fuzzy_date("source_date"),
        last_contact=form.fuzzy_date("last_contact"), summary=form.text("summary"),
        priority=form.choice("priority", Priority, default=Priority.NORMAL) or Priority.NORMAL)
    if not form.ok:
        return _intake_form(ctx, form, count, status=422)
    try:
        with ctx.audited("write", "case", detail="intake") as tx:
            case = intake.open_intake(tx, intake=data)
    except InvalidInput as exc:
        return _intake_form(ctx, form, count, status=422, message=str(exc))
    return RedirectResponse(f"/cases/{case.id}", status_code=303)
