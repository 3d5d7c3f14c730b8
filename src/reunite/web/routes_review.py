"""Search across scripts, and the match review queue."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from reunite.domain.access import Permission
from reunite.domain.ids import normalise_id
from reunite.domain.persons import NameKind, Person, Sex
from reunite.errors import InvalidInput
from reunite.services import access, dedupe
from reunite.services.search import compare_person, search_persons
from reunite.store import matches as match_store
from reunite.store.persons import get_persons
from reunite.web.context import Ctx, ctx_of, route
from reunite.web.forms import Form

router = APIRouter()


@route(router, "GET", "/search", Permission.SEARCH)
def search(request: Request) -> Response:
    ctx = ctx_of(request)
    params = dict(request.query_params)
    form = Form(params, ctx._)
    query = form.text("q", limit=300)
    birth = form.birth("born")
    sex = form.choice("sex", Sex, default=Sex.UNKNOWN) if params.get("sex") else None
    hits, visible = [], set()
    if query and form.ok:
        try:
            with ctx.audited("search", "person", detail=query) as tx:
                hits = search_persons(tx, name=query, sex=sex, birth=birth, limit=20)
                visible = access.visible_person_ids(tx, ctx.actor)
        except InvalidInput as exc:
            form.fail("q", str(exc))
    status = 200 if form.ok else 422
    if ctx.actor.sees_all_cases:
        visible = {h.person.id for h in hits}
    return ctx.render("search.html", status=status, form=form, hits=hits, visible=visible,
                      searched=bool(query) and form.ok)


def _names(person: Person) -> tuple[str, str]:
    given = next((n.text for n in person.names if n.kind is NameKind.GIVEN), "")
    father = next((n.text for n in person.names if n.kind is NameKind.FATHER), "")
    if not given:
        given = person.display_name()
    return given, father


@route(router, "GET", "/review", Permission.REVIEW)
def review_queue(request: Request) -> Response:
    ctx = ctx_of(request)
    status = request.query_params.get("status", "potential")
    with ctx.audited("review", "queue", detail=status) as tx:
        queue = dedupe.review_queue(tx, status=status or None)
        people = get_persons(tx, sorted({p for c in queue for p in (c.person_a, c.person_b)}))
    return ctx.render("review.html", queue=queue, people=people, current=status)


@route(router, "GET", "/review/{candidate_id}", Permission.REVIEW)
def review_pair(request: Request, candidate_id: str) -> Response:
    ctx = ctx_of(request)
    return _pair_page(ctx, normalise_id(candidate_id), Form({}, ctx._))


def _pair_page(ctx: Ctx, candidate_id: str, form: Form, status: int = 200) -> Response:
    with ctx.audited("review", "match", candidate_id) as tx:
        candidate = match_store.get(tx, candidate_id)
        people = get_persons(tx, [candidate.person_a, candidate.person_b])
    a, b = people[candidate.person_a], people[candidate.person_b]
    given, father = _names(a)
    comparison = compare_person(b, given=given, father=father, sex=a.sex, birth=a.birth)
    return ctx.render("review_pair.html", status=status, candidate=candidate, a=a, b=b,
                      comparison=comparison, form=form)


@route(router, "POST", "/review/{candidate_id}", Permission.REVIEW)
def decide(request: Request, candidate_id: str) -> Response:
    ctx = ctx_of(request)
    candidate_id = normalise_id(candidate_id)
    form = Form(ctx.form, ctx._)
    decision = form.text("decision", required=True, limit=20)
    reason = form.text("reason", required=True)
    if decision and decision not in dedupe.DECISIONS:
        form.fail("decision", ctx._("Choose confirm, reject or undecided."))
    if form.ok:
        try:
            with ctx.audited("review", "match", candidate_id, detail=decision) as tx:
                dedupe.decide(tx, candidate_id=candidate_id, decision=decision, reason=reason)
        except InvalidInput as exc:
            form.fail("reason", str(exc))
    if not form.ok:
        return _pair_page(ctx, candidate_id, form, status=422)
    return RedirectResponse("/review", status_code=303)

