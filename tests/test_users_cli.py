"""`reunite user add/disable/reset/list` on both engines; bad input changes nothing."""

from __future__ import annotations

from sqlalchemy import Engine

from reunite.services import accounts
from reunite.store.registry import Registry
from tests.conftest import Cli, snapshot

PW = {"NEWPW": "a long enough password"}


def test_user_lifecycle(cli: Cli, registry: Registry) -> None:
    cli("user", "add", "amina", "--role", "caseworker", "--team", "T1", "--require-totp",
        "--password-from-env", "NEWPW", env=PW)
    listed = cli.json("user", "list")
    assert listed == [{"username": "amina", "role": "caseworker", "team": "T1",
                       "second_factor": False, "totp_required": True, "disabled": False}]
    with registry.transaction() as tx:
        assert accounts.check_password(tx, username="amina", password=PW["NEWPW"])
    cli("user", "disable", "amina")
    with registry.transaction() as tx:
        assert accounts.check_password(tx, username="amina", password=PW["NEWPW"]) is None
    cli("user", "reset", "amina", "--password-from-env", "OTHER",
        env={"OTHER": "another long password"})
    with registry.transaction() as tx:
        assert accounts.check_password(tx, username="amina", password="another long password")
    assert cli.json("user", "list")[0]["disabled"] is False


def test_bad_user_input_changes_nothing(cli: Cli, registry: Registry, engine: Engine) -> None:
    cli("user", "add", "amina", "--role", "analyst", "--password-from-env", "NEWPW", env=PW)
    before = snapshot(engine)
    cases = [
        (["user", "add", "bob", "--role", "boss", "--password-from-env", "NEWPW"], "unknown role"),
        (["user", "add", "amina", "--role", "analyst", "--password-from-env", "NEWPW"],
         "already exists"),
        (["user", "add", "bob", "--role", "analyst", "--password-from-env", "SHORT"],
         "at least 12"),
        (["user", "add", "bo b", "--role", "analyst", "--password-from-env", "NEWPW"],
         "without spaces"),
        (["user", "add", "bob", "--role", "analyst", "--password-from-env", "UNSET"],
         "is not set"),
        (["user", "disable", "nobody"], "no user named"),
    ]
    for args, message in cases:
        result = cli(*args, ok=False, env={**PW, "SHORT": "short"})
        assert result.exit_code != 0 and message in result.output, (args, result.output)
    assert snapshot(engine) == before
