"""Search across scripts, and the match review queue."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from reunite.domain.access import Permission
from reunite.domain.ids import normalise_id
from reunite.domain.persons import Sex
from reunite.errors import InvalidInput
from reunite.services import dedupe, review
from reunite.services.finding import Found, find_persons
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
    found: list[Found] = []
    if query and form.ok:
        try:
            with ctx.service("search", "person") as tx:
                found = find_persons(tx, ctx.actor, name=query, sex=sex, birth=birth,
                                     client=ctx.client)
        except InvalidInput as exc:
            form.fail("q", str(exc))
    status = 200 if form.ok else 422
    return ctx.render("search.html", status=status, form=form, found=found,
                      searched=bool(query) and form.ok)


@route(router, "GET", "/review", Permission.REVIEW)
def review_queue(request: Request) -> Response:
    ctx = ctx_of(request)
    status = request.query_params.get("status", "potential")
    with ctx.service("review", "queue") as tx:
        found = review.queue(tx, ctx.actor, status=status or None, client=ctx.client)
    return ctx.render("review.html", queue=found.candidates, people=found.people,
                      current=status)


@route(router, "GET", "/review/{candidate_id}", Permission.REVIEW)
def review_pair(request: Request, candidate_id: str) -> Response:
    ctx = ctx_of(request)
    return _pair_page(ctx, normalise_id(candidate_id), Form({}, ctx._))


def _pair_page(ctx: Ctx, candidate_id: str, form: Form, status: int = 200) -> Response:
    with ctx.service("review", "match", candidate_id) as tx:
        shown = review.pair(tx, ctx.actor, candidate_id, client=ctx.client)
    return ctx.render("review_pair.html", status=status, candidate=shown.candidate, a=shown.a,
                      b=shown.b, comparison=shown.comparison, form=form)


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

