"""What every command shares: settings, unlocking, error reporting, value parsing."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TaskID, TextColumn, TimeElapsedColumn
from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError
from typer.core import TyperGroup

from reunite.domain.access import Actor, local_actor
from reunite.domain.ids import normalise_id
from reunite.errors import InvalidInput, LockedError, ReuniteError
from reunite.services.setup import open_registry
from reunite.settings import Settings
from reunite.store.engine import make_engine
from reunite.store.registry import Registry, Tx

# Markup is off: names, notes and messages are user text and may contain [brackets].
out = Console(highlight=False, soft_wrap=True, markup=False)
err = Console(stderr=True, highlight=False, soft_wrap=True, markup=False)


class ReuniteGroup(TyperGroup):
    """Turns Reunite's errors into a clear message and a non-zero exit, never a traceback."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except ReuniteError as exc:
            err.print(f"error: {exc}", style="bold red")
            raise typer.Exit(exc.exit_code) from None
        except OperationalError as exc:
            err.print(f"error: cannot use the database: {exc.orig}", style="bold red")
            raise typer.Exit(7) from None


@dataclass
class State:
    db: str | None = None
    key_file: Path | None = None
    demo: bool = False

    def settings(self) -> Settings:
        return Settings.load(db=self.db, demo=self.demo)

    def engine(self) -> Engine:
        return make_engine(self.settings().db_url)

    def passphrase(self, prompt: str = "Passphrase") -> str:
        key_file = self.key_file or (Path(p) if (p := os.environ.get("REUNITE_KEY_FILE")) else None)
        if key_file is not None:
            try:
                lines = key_file.read_text(encoding="utf-8").splitlines()
            except OSError as exc:
                raise LockedError(f"cannot read key file {key_file}: {exc.strerror}") from None
            if not lines or not lines[0].strip():
                raise LockedError(f"key file {key_file} is empty")
            return lines[0].strip()
        if env := os.environ.get("REUNITE_PASSPHRASE"):
            return env
        if sys.stdin.isatty():
            return str(typer.prompt(prompt, hide_input=True))
        raise LockedError("no passphrase given: set REUNITE_PASSPHRASE, pass --key-file, or run "
                          "in a terminal to be asked")

    def registry(self) -> Registry:
        settings = self.settings()
        return open_registry(engine=make_engine(settings.db_url),
                             passphrase=self.passphrase(), actor=settings.actor)


def state(ctx: typer.Context) -> State:
    obj = ctx.find_root().obj
    assert isinstance(obj, State)
    return obj


def actor(ctx: typer.Context) -> Actor:
    """Who acts at the command line (REUNITE_USER, else the operating-system user)."""
    return local_actor(state(ctx).settings().actor)


@contextmanager
def transaction(ctx: typer.Context) -> Iterator[Tx]:
    """Unlock the registry and run one all-or-nothing transaction."""
    with state(ctx).registry().transaction() as tx:
        yield tx


@contextmanager
def phase_progress() -> Iterator[Callable[[str, int, int], None]]:
    """A progress bar per phase of long work (reading, blocking, scoring...), on stderr."""
    columns = (TextColumn("{task.description}"), BarColumn(),
               TextColumn("{task.completed}/{task.total}"), TimeElapsedColumn())
    with Progress(*columns, console=err, transient=True) as bar:
        tasks: dict[str, TaskID] = {}

        def step(phase: str, done: int, total: int) -> None:
            if phase not in tasks:
                tasks[phase] = bar.add_task(phase, total=total)
            bar.update(tasks[phase], completed=done, total=total)

        yield step


def write_whole(output: Path, content: bytes) -> None:
    """Whole or not at all: a half-written export is never left under the name asked for."""
    partial = output.with_name(output.name + ".part")
    try:
        partial.write_bytes(content)
        partial.replace(output)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise InvalidInput(f"cannot write {output}: {exc.strerror}") from None


def new_secret(env_name: str, prompt: str) -> str:
    """A new passphrase or password: from the named environment variable, else asked twice."""
    if env_name:
        value = os.environ.get(env_name)
        if not value:
            raise InvalidInput(f"environment variable {env_name} is not set")
        return value
    if not sys.stdin.isatty():
        raise InvalidInput(f"no {prompt.lower()} given: name an environment variable that holds "
                           "it, or run in a terminal to be asked")
    return str(typer.prompt(prompt, hide_input=True, confirmation_prompt=True))


def parse_day(raw: str | None, what: str) -> date | None:
    if raw is None:
        return None
    try:
        return date.fromisoformat(raw.strip())
    except ValueError:
        raise InvalidInput(f"{what} {raw!r} is not a valid date (YYYY-MM-DD)") from None


def as_of_day(raw: str | None) -> date:
    return parse_day(raw, "--as-of") or date.today()


def ids(values: list[str] | None) -> list[str]:
    return [normalise_id(v) for v in values or []]
