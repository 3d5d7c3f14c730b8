"""Database engines for the embedded default (SQLite) and for PostgreSQL."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from reunite.errors import InvalidInput


def normalise_url(raw: str) -> str:
    """Accept a file path or a URL; PostgreSQL URLs use the psycopg 3 driver."""
    text = raw.strip()
    if not text:
        raise InvalidInput("empty database URL")
    if "://" not in text:
        return f"sqlite:///{Path(text).expanduser().resolve()}"
    if text.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + text.split("://", 1)[1]
    return text


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA secure_delete = ON")
    cursor.execute("PRAGMA busy_timeout = 5000")
    cursor.close()


def make_engine(raw_url: str) -> Engine:
    url_text = normalise_url(raw_url)
    try:
        url = make_url(url_text)
    except ArgumentError:
        raise InvalidInput(f"not a database URL: {raw_url!r}") from None
    if url.get_backend_name() == "sqlite":
        if url.database and url.database != ":memory:":
            Path(url.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    if url.get_backend_name() == "postgresql":
        return create_engine(url, pool_pre_ping=True)
    raise InvalidInput(f"unsupported database {url.get_backend_name()!r}: use SQLite or PostgreSQL")
