"""Signing in (password, then a one-time code), signing out, and the user's own account."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from reunite.domain.access import Permission
from reunite.errors import InvalidInput
from reunite.services import accounts
from reunite.web.context import LANG_COOKIE, SESSION_COOKIE, Ctx, ctx_of, route
from reunite.web.forms import Form
from reunite.web.i18n import LANGUAGES

router = APIRouter()


def _redirect(ctx: Ctx, to: str) -> Response:
    if ctx.request.headers.get("hx-request"):
        response: Response = Response(status_code=204, headers={"HX-Redirect": to})
    else:
        response = RedirectResponse(to, status_code=303)
    ctx.set_cookies(response)
    return response


def _set_session(ctx: Ctx, response: Response, token: str) -> None:
    response.set_cookie(SESSION_COOKIE, token, httponly=True, samesite="strict", path="/",
                        secure=ctx.web.settings.secure_cookies)


@route(router, "GET", "/login", Permission.PUBLIC)
def login_page(request: Request) -> Response:
    ctx = ctx_of(request)
    if ctx.user is not None and ctx.stage == "full":
        return _redirect(ctx, "/")
    notice = ctx._("Your session expired. Sign in again.") if "expired" in request.query_params \
        else ""
    return ctx.render("login.html", form=Form({}, ctx._), notice=notice)


@route(router, "POST", "/login", Permission.PUBLIC)
def login(request: Request) -> Response:
    ctx = ctx_of(request)
    form = Form(ctx.form, ctx._)
    username = form.text("username", required=True, limit=100)
    password = form.text("password", required=True, limit=1000)
    if not form.ok:
        return ctx.render("login.html", status=422, form=form, notice="")
    with ctx.tx() as tx:
        user = accounts.check_password(tx, username=username, password=password)
        if user is not None:
            token, stage = accounts.start_session(tx, user=user)
    if user is None:
        # the name typed is sealed in the detail: it may be a password typed in the wrong field
        ctx.audit("login", "user", outcome="failed", detail=username)
        form.fail("password", ctx._("Wrong username or password, or the account is locked."))
        return ctx.render("login.html", status=401, form=form, notice="")
    ctx.user, ctx.token, ctx.stage = user, token, stage
    ctx.audit("login", "user", user.id, outcome="ok" if stage == "full" else "password")
    response = _redirect(ctx, "/" if stage == "full" else "/login/code")
    _set_session(ctx, response, token)
    return response


@route(router, "POST", "/language", Permission.PUBLIC)
def visitor_language(request: Request) -> Response:
    """The interface language before signing in (a cookie; after, each user's own)."""
    ctx = ctx_of(request)
    code = ctx.form.get("language", "")
    if code not in LANGUAGES:
        return ctx.render("login.html", status=422, form=Form({}, ctx._), notice="")
    return _language_set(ctx, code, "/login")


@route(router, "GET", "/login/code", Permission.SECOND_FACTOR)
def code_page(request: Request) -> Response:
    ctx = ctx_of(request)
    return ctx.render("login_code.html", form=Form({}, ctx._))


@route(router, "POST", "/login/code", Permission.SECOND_FACTOR)
def code(request: Request) -> Response:
    ctx = ctx_of(request)
    assert ctx.user is not None
    form = Form(ctx.form, ctx._)
    entered = form.text("code", required=True, limit=12)
    if form.ok:
        with ctx.tx() as tx:
            accepted = accounts.check_code(tx, user_id=ctx.user.id, code=entered)
            if accepted:
                accounts.promote_session(tx, token=ctx.token)
        if not accepted:
            ctx.audit("login", "user", ctx.user.id, outcome="bad_code")
            form.fail("code", ctx._("Wrong or already used code."))
    if not form.ok:
        return ctx.render("login_code.html", status=401, form=form)
    ctx.audit("login", "user", ctx.user.id, outcome="ok")
    return _redirect(ctx, "/")


@route(router, "POST", "/logout", Permission.ACCOUNT)
def logout(request: Request) -> Response:
    ctx = ctx_of(request)
    with ctx.tx() as tx:
        accounts.end_session(tx, token=ctx.token)
    ctx.audit("logout", "user", ctx.user.id if ctx.user else "")
    response = _redirect(ctx, "/login")
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


@route(router, "GET", "/account", Permission.ACCOUNT)
def account_page(request: Request) -> Response:
    ctx = ctx_of(request)
    return ctx.render("account.html", form=Form({}, ctx._), saved="")


@route(router, "POST", "/account/password", Permission.ACCOUNT)
def change_password(request: Request) -> Response:
    ctx = ctx_of(request)
    assert ctx.user is not None
    form = Form(ctx.form, ctx._)
    current = form.text("current", required=True, limit=1000)
    new = form.text("new", required=True, limit=1000)
    if new and new != form.text("repeat", limit=1000):
        form.fail("repeat", ctx._("The two new passwords differ."))
    if form.ok:
        try:
            with ctx.tx() as tx:
                accounts.change_password(tx, user_id=ctx.user.id, current=current, new=new)
        except InvalidInput as exc:
            form.fail("new" if "characters" in str(exc) else "current", str(exc))
    if not form.ok:
        return ctx.render("account.html", status=422, form=form, saved="")
    ctx.audit("admin", "user", ctx.user.id, detail="password changed")
    return ctx.render("account.html", form=Form({}, ctx._),
                      saved=ctx._("Password changed."))


@route(router, "POST", "/account/language", Permission.ACCOUNT)
def change_language(request: Request) -> Response:
    ctx = ctx_of(request)
    assert ctx.user is not None
    code = ctx.form.get("language", "")
    if code not in LANGUAGES:
        return ctx.render("account.html", status=422, form=Form({}, ctx._), saved="")
    with ctx.tx() as tx:
        accounts.set_language(tx, user_id=ctx.user.id, language=code)
    target = ctx.form.get("next", "/")
    return _language_set(ctx, code, target if target.startswith("/") else "/")


def _language_set(ctx: Ctx, code: str, to: str) -> Response:
    response = _redirect(ctx, to)
    response.set_cookie(LANG_COOKIE, code, httponly=True, samesite="strict", path="/",
                        secure=ctx.web.settings.secure_cookies)
    return response


@route(router, "GET", "/account/second-factor", Permission.ACCOUNT)
def second_factor_page(request: Request) -> Response:
    ctx = ctx_of(request)
    assert ctx.user is not None
    secret = accounts.new_totp_secret()
    return ctx.render("second_factor.html", form=Form({"secret": secret}, ctx._),
                      uri=accounts.totp_uri(secret=secret, username=ctx.user.username))


@route(router, "POST", "/account/second-factor", Permission.ACCOUNT)
def enrol_second_factor(request: Request) -> Response:
    ctx = ctx_of(request)
    assert ctx.user is not None
    form = Form(ctx.form, ctx._)
    secret = form.text("secret", required=True, limit=64)
    entered = form.text("code", required=True, limit=12)
    if form.ok:
        try:
            with ctx.tx() as tx:
                accounts.enrol_totp(tx, user_id=ctx.user.id, secret=secret, code=entered)
        except InvalidInput as exc:
            form.fail("code", str(exc))
    if not form.ok:
        return ctx.render("second_factor.html", status=422, form=form,
                          uri=accounts.totp_uri(secret=secret or accounts.new_totp_secret(),
                                                username=ctx.user.username))
    ctx.audit("admin", "user", ctx.user.id, detail="second factor enrolled")
    return _redirect(ctx, "/")
