"""`reunite serve`, `reunite user ...` and `reunite audit verify`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from reunite.cli.context import err, new_secret, out, state, transaction
from reunite.cli.render import emit_json
from reunite.domain.access import Role
from reunite.domain.enums import parse_enum
from reunite.services import accounts, audit

user_app = typer.Typer(no_args_is_help=True, help="Accounts of the web application.")
audit_app = typer.Typer(no_args_is_help=True, help="The audit log of the web application.")
Json = Annotated[bool, typer.Option("--json", help="Machine-readable output.")]
PasswordEnv = Annotated[str, typer.Option(
    "--password-from-env", help="Read the password from this environment variable instead "
                                "of prompting.")]


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
    app.add_typer(user_app, name="user")
    app.add_typer(audit_app, name="audit")


@user_app.command("add")
def user_add(ctx: typer.Context, username: str,
             role: Annotated[str, typer.Option(help="admin, coordinator, caseworker, analyst "
                                                     "or read_only")],
             team: Annotated[str, typer.Option(help="Team: caseworkers see their team's "
                                                     "cases.")] = "",
             language: Annotated[str, typer.Option(help="en, ug, tr or zh")] = "en",
             require_totp: Annotated[bool, typer.Option(
                 "--require-totp", help="Require a second factor (set up at first sign-in).")]
             = False,
             password_env: PasswordEnv = "") -> None:
    """Create an account for the web application."""
    parsed = parse_enum(Role, role, "role")
    password = new_secret(password_env, "Password")
    with transaction(ctx) as tx:
        user = accounts.add_user(tx, username=username, password=password, role=parsed,
                                 team=team, language=language, totp_required=require_totp)
    out.print(f"Account {user.username} ({user.role.value}) created.")


@user_app.command("disable")
def user_disable(ctx: typer.Context, username: str) -> None:
    """Disable an account and end its sessions."""
    with transaction(ctx) as tx:
        accounts.disable_user(tx, username=username)
    out.print(f"Account {username} disabled.")


@user_app.command("reset")
def user_reset(ctx: typer.Context, username: str,
               clear_totp: Annotated[bool, typer.Option(
                   "--clear-totp", help="Also remove the second factor (lost device).")] = False,
               password_env: PasswordEnv = "") -> None:
    """Set a new password, re-enable and unlock the account, end its sessions."""
    password = new_secret(password_env, "Password")
    with transaction(ctx) as tx:
        accounts.reset_user(tx, username=username, password=password, clear_totp=clear_totp)
    out.print(f"Account {username} reset.")


@user_app.command("list")
def user_list(ctx: typer.Context, as_json: Json = False) -> None:
    """Accounts with their role, team and second-factor state."""
    with transaction(ctx) as tx:
        users = accounts.list_users(tx)
    rows = [{"username": u.username, "role": u.role.value, "team": u.team,
             "second_factor": bool(u.totp_secret), "totp_required": u.totp_required,
             "disabled": u.disabled} for u in users]
    if as_json:
        emit_json(rows)
        return
    table = Table("username", "role", "team", "second factor", "disabled")
    for r in rows:
        table.add_row(str(r["username"]), str(r["role"]), str(r["team"]),
                      "on" if r["second_factor"] else "required" if r["totp_required"] else "off",
                      "yes" if r["disabled"] else "")
    out.print(table)


@audit_app.command("verify")
def audit_verify(ctx: typer.Context, as_json: Json = False) -> None:
    """Check the audit log's hash chain: detects edited, removed or reordered entries."""
    with transaction(ctx) as tx:
        result = audit.verify_chain(tx)
    if as_json:
        emit_json({"entries": result.entries, "ok": result.ok, "problems": result.problems})
    elif result.ok:
        out.print(f"Audit log intact: {result.entries} entries.")
    else:
        for problem in result.problems:
            err.print(f"error: {problem}", style="bold red")
    if not result.ok:
        raise typer.Exit(5)


def serve(ctx: typer.Context,
          host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
          port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
          demo: Annotated[bool, typer.Option(
              "--demo", help="Build the demo registry with demo accounts and serve it.")] = False,
          secure_cookies: Annotated[bool, typer.Option(
              "--secure-cookies", help="Mark cookies Secure (when served behind HTTPS).")]
          = False) -> None:
    """Serve the web application (on 127.0.0.1 unless --host says otherwise)."""
    import uvicorn

    from reunite.services.demo import DEMO_PASSPHRASE
    from reunite.services.demo_accounts import DEMO_PASSWORD, build_demo_registry
    from reunite.web import WebSettings, create_app

    st = state(ctx)
    if demo:
        st.demo = True
        url = st.settings().db_url
        if url.startswith("sqlite:///") and st.db is None:
            Path(url.removeprefix("sqlite:///")).unlink(missing_ok=True)
        users = build_demo_registry(engine=st.engine())
        passphrase = DEMO_PASSPHRASE
        err.print(f"Demo registry at {url}. Accounts (password {DEMO_PASSWORD!r}): "
                  + ", ".join(users))
    else:
        url, passphrase = st.settings().db_url, st.passphrase()
    app = create_app(WebSettings(db_url=url, passphrase=passphrase,
                                 secure_cookies=secure_cookies))
    err.print(f"Reunite is listening on http://{host}:{port}/ (Ctrl-C stops it)")
    uvicorn.run(app, host=host, port=port, log_level="warning")
