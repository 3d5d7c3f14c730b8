"""Administration (accounts, the audit log), case grants, and aggregate statistics."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from reunite.domain.access import Permission, Role
from reunite.domain.ids import normalise_id
from reunite.errors import InvalidInput
from reunite.reports.statistics import render_csv, render_fragment, render_pdf
from reunite.services import access, accounts, audit
from reunite.services.statistics import statistics
from reunite.web.context import Ctx, ctx_of, route
from reunite.web.forms import Form

router = APIRouter()


@route(router, "GET", "/statistics", Permission.STATISTICS)
def statistics_page(request: Request) -> Response:
    """Charts and tables of the suppressed figures, with their CSV and PDF downloads."""
    ctx = ctx_of(request)
    with ctx.service("read", "statistics") as tx:
        stats = statistics(tx, ctx.actor, client=ctx.client)
    return ctx.render("statistics.html", body=render_fragment(stats, ctx.language))


@route(router, "GET", "/statistics.csv", Permission.STATISTICS)
def statistics_csv(request: Request) -> Response:
    ctx = ctx_of(request)
    with ctx.service("export", "statistics") as tx:
        stats = statistics(tx, ctx.actor, client=ctx.client, export="csv")
    return ctx.download(render_csv(stats).encode(), "text/csv; charset=utf-8",
                     f"statistics-{stats.as_of}.csv")


@route(router, "GET", "/statistics.pdf", Permission.STATISTICS)
def statistics_pdf(request: Request) -> Response:
    ctx = ctx_of(request)
    with ctx.service("export", "statistics") as tx:
        stats = statistics(tx, ctx.actor, client=ctx.client, export="pdf")
    content = render_pdf(stats, ctx.language, made_by=ctx.actor.username)
    return ctx.download(content, "application/pdf", f"statistics-{stats.as_of}.pdf")


@route(router, "POST", "/cases/{case_id}/grants", Permission.GRANT)
def grant(request: Request, case_id: str) -> Response:
    ctx = ctx_of(request)
    case_id = normalise_id(case_id)
    username = ctx.form.get("username", "")
    with ctx.audited("admin", "case", case_id, detail=f"grant to {username}") as tx:
        access.grant_case(tx, ctx.actor, case_id=case_id, username=username)
    return RedirectResponse(f"/cases/{case_id}", status_code=303)


def _users_page(ctx: Ctx, form: Form, status: int = 200, saved: str = "") -> Response:
    with ctx.audited("admin", "users") as tx:
        users = accounts.list_users(tx)
    return ctx.render("admin_users.html", status=status, users=users, form=form, roles=Role,
                      saved=saved)


@route(router, "GET", "/admin/users", Permission.ADMIN)
def users_page(request: Request) -> Response:
    ctx = ctx_of(request)
    return _users_page(ctx, Form({"role": "caseworker", "language": "en"}, ctx._))


@route(router, "POST", "/admin/users", Permission.ADMIN)
def add_user(request: Request) -> Response:
    ctx = ctx_of(request)
    form = Form(ctx.form, ctx._)
    username = form.text("username", required=True, limit=100)
    password = form.text("password", required=True, limit=1000)
    role = form.choice("role", Role)
    language = form.text("language", limit=10) or "en"
    if form.ok and role is not None:
        try:
            with ctx.audited("admin", "user", username[:40], detail="created") as tx:
                accounts.add_user(tx, username=username, password=password, role=role,
                                  team=form.text("team", limit=100), language=language,
                                  totp_required=form.flag("totp_required"))
        except InvalidInput as exc:
            form.fail("password" if "password" in str(exc) else "username", str(exc))
    if not form.ok:
        return _users_page(ctx, form, status=422)
    return _users_page(ctx, Form({"role": "caseworker", "language": "en"}, ctx._),
                       saved=ctx._("Account created."))


@route(router, "POST", "/admin/users/{username}/disable", Permission.ADMIN)
def disable(request: Request, username: str) -> Response:
    ctx = ctx_of(request)
    with ctx.audited("admin", "user", username[:40], detail="disabled") as tx:
        accounts.disable_user(tx, username=username)
    return RedirectResponse("/admin/users", status_code=303)


def _day(raw: str, what: str) -> datetime | None:
    if not raw:
        return None
    try:
        return datetime.combine(datetime.fromisoformat(raw).date(), time(), tzinfo=UTC)
    except ValueError:
        raise InvalidInput(f"{what} {raw!r} is not a date (YYYY-MM-DD)") from None


@route(router, "GET", "/admin/audit", Permission.ADMIN)
def audit_page(request: Request) -> Response:
    ctx = ctx_of(request)
    params = dict(request.query_params)
    form = Form(params, ctx._)
    entries: list[audit.AuditEntry] = []
    try:
        since = _day(params.get("since", ""), "since")
        until = _day(params.get("until", ""), "until")
        with ctx.audited("admin", "audit", detail="browse") as tx:
            entries = audit.browse(tx, actor=params.get("actor", ""),
                                   action=params.get("action", ""),
                                   object_id=params.get("object_id", ""), since=since,
                                   until=until + timedelta(days=1) if until else None)
            verification = audit.verify_chain(tx)
    except InvalidInput as exc:
        form.fail("since", str(exc))
        with ctx.tx() as tx:
            verification = audit.verify_chain(tx)
    return ctx.render("admin_audit.html", status=200 if form.ok else 422, form=form,
                      entries=entries, verification=verification, actions=audit.ACTIONS)
