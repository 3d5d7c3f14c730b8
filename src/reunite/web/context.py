"""The request context: who is signed in, in which language, with which CSRF token.

Every route is registered through :func:`route`, which declares its permission. The guard it
installs resumes the session, sends a visitor without one to the sign-in page, holds a
half-signed-in user at the second-factor step, checks the role's permission and, for every
state-changing request, the CSRF token. Routes then work through :class:`Ctx`.
"""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response
from jinja2 import Environment
from markupsafe import Markup

from reunite.domain.access import Actor, Permission
from reunite.domain.wording import words
from reunite.errors import ReuniteError
from reunite.reports.happened import Happening, what_happened
from reunite.services import accounts, audit
from reunite.store.accounts import User
from reunite.store.registry import Registry, Tx
from reunite.web.i18n import LANGUAGES, Language
from reunite.web.settings import WebSettings

SESSION_COOKIE = "reunite_session"
PRE_COOKIE = "reunite_pre"      # anonymous visitor: binds the sign-in form's CSRF token
LANG_COOKIE = "reunite_lang"
ENROLMENT_PATHS = ("/account/second-factor", "/logout")
SAFE_METHODS = ("GET", "HEAD")


class SignInRequired(Exception):
    def __init__(self, to: str = "/login", expired: bool = False) -> None:
        self.to, self.expired = to, expired


class Forbidden(Exception):
    """The role lacks the route's permission."""


class CsrfRejected(Exception):
    """A state-changing request without the right CSRF token."""


@dataclass
class WebState:
    settings: WebSettings
    registry: Registry
    templates: Environment
    languages: dict[str, Language]


@dataclass
class Ctx:
    request: Request
    web: WebState
    user: User | None = None
    token: str = ""
    stage: str = ""
    form: dict[str, str] = field(default_factory=dict)
    form_lists: dict[str, list[str]] = field(default_factory=dict)
    new_cookies: dict[str, str] = field(default_factory=dict)

    @property
    def actor(self) -> Actor:
        assert self.user is not None, "route without a signed-in user"
        return accounts.actor_of(self.user)

    @property
    def username(self) -> str:
        return self.user.username if self.user else "anonymous"

    @property
    def client(self) -> str:
        return self.request.client.host if self.request.client else ""

    @property
    def language(self) -> Language:
        code = self.user.language if self.user else self.request.cookies.get(LANG_COOKIE, "en")
        return self.web.languages.get(code) or self.web.languages["en"]

    def _(self, message: str) -> str:
        return self.language.gettext(message)

    @property
    def csrf(self) -> str:
        if self.token:
            basis = "session:" + self.token
        else:
            pre = self.request.cookies.get(PRE_COOKIE) or self.new_cookies.get(PRE_COOKIE)
            if not pre:
                pre = self.new_cookies[PRE_COOKIE] = secrets.token_urlsafe(24)
            basis = "visitor:" + pre
        return self.web.registry.vault.mac("csrf", basis.encode()).hex()[:40]

    @contextmanager
    def tx(self) -> Iterator[Tx]:
        with self.web.registry.transaction(actor=self.username) as tx:
            yield tx

    def audit(self, action: str, kind: str, object_id: str = "", outcome: str = "ok",
              detail: str = "") -> None:
        with self.tx() as tx:
            audit.record(tx, action=action, object_kind=kind, object_id=object_id,
                         outcome=outcome, client=self.client, detail=detail)

    @contextmanager
    def audited(self, action: str, kind: str, object_id: str = "",
                detail: str = "") -> Iterator[Tx]:
        """One transaction that records its own audit entry; a failure is audited apart."""
        try:
            with self.tx() as tx:
                yield tx
                audit.record(tx, action=action, object_kind=kind, object_id=object_id,
                             client=self.client, detail=detail)
        except ReuniteError as exc:
            self.audit(action, kind, object_id, outcome=type(exc).__name__[:12], detail=detail)
            raise

    @contextmanager
    def service(self, action: str, kind: str, object_id: str = "") -> Iterator[Tx]:
        """One transaction for a service that audits its own success (it is given the actor
        and ``client``); a refusal is audited here, apart, since its transaction rolls back."""
        try:
            with self.tx() as tx:
                yield tx
        except ReuniteError as exc:
            self.audit(action, kind, object_id, outcome=type(exc).__name__[:12])
            raise

    def code(self, value: Enum | str) -> str:
        """A vocabulary code (an enum member or its value) in the page's language."""
        return self._(words(value))

    def what_happened(self, entry: Happening) -> Markup:
        return what_happened(entry, self._)

    def render(self, template: str, status: int = 200, **context: Any) -> HTMLResponse:
        page = self.web.templates.get_template(template).render(
            ctx=self, _=self._, code=self.code, what=self.what_happened, user=self.user,
            lang=self.language, languages=LANGUAGES, **context)
        response = HTMLResponse(page, status_code=status)
        self.set_cookies(response)
        return response

    def download(self, content: bytes, media_type: str, filename: str,
                 headers: dict[str, str] | None = None) -> Response:
        """A file to save (an export): never cached, since it holds case data."""
        response = Response(content, media_type=media_type, headers={
            "Content-Disposition": f'attachment; filename="{filename}"',
            "Cache-Control": "no-store", **(headers or {})})
        self.set_cookies(response)
        return response

    def set_cookies(self, response: Response) -> None:
        for name, value in self.new_cookies.items():
            response.set_cookie(name, value, httponly=True, samesite="strict", path="/",
                                secure=self.web.settings.secure_cookies)


def ctx_of(request: Request) -> Ctx:
    found = request.state.ctx
    assert isinstance(found, Ctx)
    return found


async def _read_form(request: Request) -> None:
    """Parse a submitted form once, before the (synchronous) guard and route run."""
    request.state.form, request.state.form_lists = {}, {}
    if request.method not in SAFE_METHODS:
        form = await request.form()
        lists: dict[str, list[str]] = {}
        for key, value in form.multi_items():
            if isinstance(value, str):
                lists.setdefault(key, []).append(value)
        request.state.form = {k: v[-1] for k, v in lists.items()}
        request.state.form_lists = lists


def _guard(permission: Permission) -> Callable[[Request], None]:
    def guard(request: Request) -> None:
        web: WebState = request.app.state.web
        ctx = Ctx(request, web, form=request.state.form, form_lists=request.state.form_lists)
        request.state.ctx = ctx
        token = request.cookies.get(SESSION_COOKIE, "")
        if token:
            with web.registry.transaction() as tx:
                info = accounts.resume_session(tx, token=token, idle=web.settings.idle_timeout,
                                               lifetime=web.settings.session_lifetime)
            if info is not None:
                ctx.user, ctx.token, ctx.stage = info.user, token, info.stage
        if permission is not Permission.PUBLIC:
            _admit(ctx, permission, expired=bool(token) and ctx.user is None)
        if request.method not in SAFE_METHODS:
            sent = ctx.form.get("csrf_token") or request.headers.get("x-csrf-token", "")
            if not hmac.compare_digest(sent, ctx.csrf):
                raise CsrfRejected()

    return guard


def _admit(ctx: Ctx, permission: Permission, expired: bool) -> None:
    if ctx.user is None:
        raise SignInRequired(expired=expired)
    if ctx.stage == "password":
        if permission is not Permission.SECOND_FACTOR:
            raise SignInRequired("/login/code")
        return
    if permission is Permission.SECOND_FACTOR:
        raise SignInRequired("/")
    if (ctx.user.totp_required and not ctx.user.totp_secret
            and ctx.request.url.path not in ENROLMENT_PATHS):
        raise SignInRequired("/account/second-factor")
    if not ctx.actor.may(permission):
        raise Forbidden()


def route(router: APIRouter, method: str, path: str,
          permission: Permission) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register a page or action with the permission it needs."""
    def register(endpoint: Callable[..., Any]) -> Callable[..., Any]:
        endpoint.permission = permission  # type: ignore[attr-defined]
        router.add_api_route(path, endpoint, methods=[method], response_class=HTMLResponse,
                             dependencies=[Depends(_read_form), Depends(_guard(permission))],
                             include_in_schema=False)
        return endpoint

    return register
