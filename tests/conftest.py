"""Fixtures: every store, service and CLI test runs on SQLite and on PostgreSQL.

PostgreSQL is expected at 127.0.0.1:5432 (user postgres, trust auth), or at the URL in
REUNITE_TEST_PG. Each test gets its own schema. When the server is unreachable the PostgreSQL
variants are skipped on a developer's machine and fail under CI (CI set), so that they can never
silently not run there.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import Engine, create_engine, select, text
from typer.testing import CliRunner

from reunite.cli import app
from reunite.store.engine import make_engine
from reunite.store.registry import Registry
from reunite.store.tables import metadata

PG_ADMIN_URL = os.environ.get("REUNITE_TEST_PG",
                              "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
PG_DB = "reunite_test"
PASSPHRASE = "correct horse battery staple"


def _pg_admin() -> Engine:
    return create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")


@pytest.fixture(scope="session")
def pg_database() -> str:
    """Ensure the test database exists; return its URL."""
    try:
        admin = _pg_admin()
        with admin.connect() as conn:
            exists = conn.scalar(text("SELECT 1 FROM pg_database WHERE datname = :n"),
                                 {"n": PG_DB})
            if not exists:
                conn.execute(text(f"CREATE DATABASE {PG_DB}"))
        admin.dispose()
    except Exception as exc:
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL is required under CI and unreachable: {exc}")
        pytest.skip(f"PostgreSQL unreachable: {exc}")
    return PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{PG_DB}"


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Any) -> Iterator[str]:
    """A URL of an empty database on each engine."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'registry.sqlite3'}"
        return
    base = request.getfixturevalue("pg_database")
    schema = f"t_{secrets.token_hex(6)}"
    engine = create_engine(base, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    try:
        yield f"{base}?options=-csearch_path%3D{schema}"
    finally:
        with engine.connect() as conn:
            conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        engine.dispose()


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    eng = make_engine(db_url)
    yield eng
    eng.dispose()


@pytest.fixture
def registry(engine: Engine) -> Registry:
    reg, _ = Registry.create(engine, PASSPHRASE, "tester")
    return reg


def snapshot(engine: Engine) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, to prove that a failed command changed nothing."""
    result = {}
    with engine.connect() as conn:
        for table in metadata.sorted_tables:
            rows = conn.execute(select(table).order_by(*table.primary_key.columns)).all()
            result[table.name] = [tuple(r) for r in rows]
    return result


class Cli:
    """Runs `reunite` in-process against one database."""

    def __init__(self, db_url: str, passphrase: str = PASSPHRASE) -> None:
        self.db_url = db_url
        self.env = {"REUNITE_PASSPHRASE": passphrase, "REUNITE_USER": "caseworker1"}
        self.runner = CliRunner()

    def __call__(self, *args: str, ok: bool = True, env: dict[str, str] | None = None) -> Any:
        result = self.runner.invoke(app, ["--db", self.db_url, *args],
                                    env={**self.env, **(env or {})})
        if ok and result.exit_code != 0:
            raise AssertionError(f"reunite {' '.join(args)} failed ({result.exit_code}):\n"
                                 f"{result.output}\n{result.exception!r}")
        return result

    def json(self, *args: str) -> Any:
        import json

        return json.loads(self(*args, "--json").stdout)


@pytest.fixture
def cli(db_url: str) -> Cli:
    return Cli(db_url)


def _schema_url(base: str) -> tuple[str, Any]:
    """A new PostgreSQL schema in the test database; returns its URL and a drop function."""
    schema = f"t_{secrets.token_hex(6)}"
    engine = create_engine(base, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))

    def drop() -> None:
        with engine.connect() as conn:
            conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        engine.dispose()

    return f"{base}?options=-csearch_path%3D{schema}", drop


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def world(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Any:
    """The populated web application (tests/webworld.py), once per test module and engine."""
    from tests.webworld import build_world

    if request.param == "sqlite":
        built = build_world(f"sqlite:///{tmp_path_factory.mktemp('web') / 'web.sqlite3'}")
        yield built
        built.app.state.web.registry.engine.dispose()
        return
    url, drop = _schema_url(request.getfixturevalue("pg_database"))
    try:
        built = build_world(url)
        yield built
        built.app.state.web.registry.engine.dispose()
    finally:
        drop()
