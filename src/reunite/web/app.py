"""create_app(settings): the FastAPI application, its security headers and error pages."""

from __future__ import annotations

from importlib import resources

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint

from reunite.errors import InvalidInput, NotFound, ReuniteError, TamperedData
from reunite.services.setup import open_registry
from reunite.store.engine import make_engine
from reunite.web import routes_admin, routes_auth, routes_cases, routes_records, routes_review
from reunite.web.context import (
    SESSION_COOKIE,
    CsrfRejected,
    Ctx,
    Forbidden,
    SignInRequired,
    WebState,
)
from reunite.web.i18n import load_languages
from reunite.web.settings import WebSettings

SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"),
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}


class SecurityHeaders(BaseHTTPMiddleware):
    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        response = await call_next(request)
        response.headers.update(SECURITY_HEADERS)
        if not request.url.path.startswith("/static/"):
            response.headers["Cache-Control"] = "no-store"  # case data stays off disk caches
        return response


def _templates() -> Environment:
    env = Environment(loader=PackageLoader("reunite.web", "templates"),
                      autoescape=select_autoescape(default=True), trim_blocks=True,
                      lstrip_blocks=True)
    return env


def _ctx(request: Request) -> Ctx:
    found = getattr(request.state, "ctx", None)
    return found if isinstance(found, Ctx) else Ctx(request, request.app.state.web)


def _error(request: Request, status: int, title: str, message: str = "") -> HTMLResponse:
    ctx = _ctx(request)
    return ctx.render("error.html", status=status, title=ctx._(title), message=message)


def _install_handlers(app: FastAPI) -> None:
    @app.exception_handler(SignInRequired)
    def sign_in(request: Request, exc: SignInRequired) -> Response:
        to = exc.to + ("?expired=1" if exc.expired else "")
        if request.headers.get("hx-request"):
            response: Response = Response(status_code=401, headers={"HX-Redirect": to})
        else:
            response = RedirectResponse(to, status_code=303)
        if exc.expired:
            response.delete_cookie(SESSION_COOKIE, path="/")
        return response

    @app.exception_handler(Forbidden)
    def forbidden(request: Request, exc: Forbidden) -> Response:
        return _error(request, 403, "Not allowed",
                      _ctx(request)._("Your role does not give access to this page."))

    @app.exception_handler(CsrfRejected)
    def csrf(request: Request, exc: CsrfRejected) -> Response:
        return _error(request, 403, "Form expired",
                      _ctx(request)._("Reload the page and submit the form again."))

    @app.exception_handler(NotFound)
    def not_found(request: Request, exc: NotFound) -> Response:
        return _error(request, 404, "Not found", str(exc))

    @app.exception_handler(StarletteHTTPException)
    def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        title = "Not found" if exc.status_code == 404 else "Request refused"
        return _error(request, exc.status_code, title)

    @app.exception_handler(RequestValidationError)
    def bad_request(request: Request, exc: RequestValidationError) -> Response:
        return _error(request, 400, "Request refused", "malformed request")

    @app.exception_handler(TamperedData)
    def tampered(request: Request, exc: TamperedData) -> Response:
        return _error(request, 500, "Stored data failed its integrity check", str(exc))

    @app.exception_handler(InvalidInput)
    def invalid(request: Request, exc: InvalidInput) -> Response:
        return _error(request, 400, "Request refused", str(exc))

    @app.exception_handler(ReuniteError)
    def other(request: Request, exc: ReuniteError) -> Response:
        return _error(request, 400, "Request refused", str(exc))


def create_app(settings: WebSettings) -> FastAPI:
    """The application over one registry, unlocked with the settings' passphrase."""
    registry = open_registry(engine=make_engine(settings.db_url),
                             passphrase=settings.passphrase, actor="web")
    registry.clock = settings.clock
    app = FastAPI(title="Reunite", docs_url=None, redoc_url=None, openapi_url=None)
    app.state.web = WebState(settings, registry, _templates(), load_languages())
    app.add_middleware(SecurityHeaders)
    static = resources.files("reunite.web").joinpath("static")
    app.mount("/static", StaticFiles(directory=str(static)), name="static")
    for module in (routes_auth, routes_cases, routes_records, routes_review, routes_admin):
        app.router.routes.extend(module.router.routes)  # flat, so that tests can list them
    _install_handlers(app)
    return app
