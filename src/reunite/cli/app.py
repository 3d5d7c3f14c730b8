"""The root command, set-up commands (init, key, demo) and the command groups."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from reunite.cli import (
    casework,
    documents,
    interchange,
    link,
    people,
    reference,
    review,
    search,
    web,
)
from reunite.cli.context import ReuniteGroup, State, as_of_day, err, new_secret, out, state
from reunite.cli.render import emit_json, render_case
from reunite.domain.access import local_actor
from reunite.errors import InvalidInput
from reunite.services.case_file import case_file
from reunite.services.demo import DEMO_PASSPHRASE, build_demo
from reunite.services.setup import change_passphrase, init_registry, recover_with_key
from reunite.store import migrate

app = typer.Typer(cls=ReuniteGroup, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="Reunite: trace relatives separated by state repression, keep a sourced "
                       "record, and press for reunification.")
key_app = typer.Typer(no_args_is_help=True, help="Passphrase and recovery key.")
app.add_typer(key_app, name="key")
people.register(app)
casework.register(app)
reference.register(app)
search.register(app)
link.register(app)
review.register(app)
documents.register(app)
interchange.register(app)
web.register(app)


@app.callback()
def root(ctx: typer.Context,
         db: Annotated[str | None, typer.Option(
             help="Database URL or SQLite file path (default: REUNITE_DB, else a SQLite file "
                  "in REUNITE_HOME or the user data directory).")] = None,
         key_file: Annotated[Path | None, typer.Option(
             help="File whose first line is the passphrase (or set REUNITE_KEY_FILE).")] = None,
         ) -> None:
    ctx.obj = State(db=db, key_file=key_file)


def _new_passphrase(st: State) -> str:
    import os
    import sys

    if st.key_file or os.environ.get("REUNITE_KEY_FILE") or os.environ.get("REUNITE_PASSPHRASE"):
        return st.passphrase()
    if not sys.stdin.isatty():
        return st.passphrase()  # raises the clear "no passphrase" error
    return str(typer.prompt("New passphrase", hide_input=True, confirmation_prompt=True))


@app.command()
def init(ctx: typer.Context) -> None:
    """Create the registry: schema and key material. Prints the recovery key once."""
    st = state(ctx)
    settings = st.settings()
    _, recovery = init_registry(engine=st.engine(), passphrase=_new_passphrase(st),
                                actor=settings.actor)
    out.print(f"Registry created at {settings.db_url}")
    out.print("Recovery key (write it down and keep it apart from the laptop; it is "
              "shown only now and is the only way in if the passphrase is lost):")
    out.print(f"  {recovery}")


@key_app.command("change-passphrase")
def key_change(ctx: typer.Context,
               new_passphrase_env: Annotated[str, typer.Option(
                   "--new-from-env", help="Read the new passphrase from this environment "
                                          "variable instead of prompting.")] = "") -> None:
    """Re-wrap the data key under a new passphrase (data is not re-encrypted)."""
    st = state(ctx)
    old = st.passphrase("Current passphrase")
    new = new_secret(new_passphrase_env, "New passphrase")
    change_passphrase(engine=st.engine(), old=old, new=new)
    out.print("Passphrase changed.")


@key_app.command("recover")
def key_recover(ctx: typer.Context,
                recovery_key: Annotated[str, typer.Option(
                    prompt=True, hide_input=True, help="The recovery key printed at init.")],
                new_passphrase_env: Annotated[str, typer.Option(
                    "--new-from-env", help="Read the new passphrase from this environment "
                                           "variable instead of prompting.")] = "") -> None:
    """Set a new passphrase with the recovery key."""
    recover_with_key(engine=state(ctx).engine(), recovery_key=recovery_key,
                     new_passphrase=new_secret(new_passphrase_env, "New passphrase"))
    out.print("Passphrase reset with the recovery key.")


@app.command()
def demo(ctx: typer.Context,
         as_of: Annotated[str | None, typer.Option(help="Count days up to this date.")] = None,
         as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """Build a demo registry of fictional families and print a case timeline.

    Uses its own database (demo.sqlite3 beside the real one, rebuilt each time) unless --db
    names an empty database. The demo passphrase is printed; never put real data in it.
    """
    st = state(ctx)
    st.demo = True
    settings = st.settings()
    if settings.db_url.startswith("sqlite:///") and st.db is None:
        Path(settings.db_url.removeprefix("sqlite:///")).unlink(missing_ok=True)
    engine = st.engine()
    if migrate.current_revision(engine) is not None:
        raise InvalidInput(f"{settings.db_url} already holds a registry; the demo needs an "
                           "empty database")
    registry, _ = init_registry(engine=engine, passphrase=DEMO_PASSPHRASE, actor="demo")
    with registry.transaction() as tx:
        built = build_demo(tx)
    with registry.transaction() as tx:
        result = case_file(tx, local_actor("demo"), built.case_ids[0], as_of=as_of_day(as_of))
    if as_json:
        emit_json(result)
        return
    err.print(f"Demo registry at {settings.db_url} (passphrase: {DEMO_PASSPHRASE}); "
              f"cases {', '.join(built.case_ids)}")
    render_case(result)
