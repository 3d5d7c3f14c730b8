"""The web application for caseworkers: FastAPI, server-rendered with Jinja2 and HTMX."""

from reunite.web.app import create_app
from reunite.web.settings import WebSettings

__all__ = ["WebSettings", "create_app"]
