"""The audit log: append-only in the database, hash-chained, verified after edits and tampering."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError

from reunite.services import audit
from reunite.store.registry import Registry
from tests.conftest import Cli


def _fill(registry: Registry, n: int = 5) -> None:
    for i in range(n):
        with registry.transaction(actor=f"user{i % 2}") as tx:
            audit.record(tx, action="read", object_kind="case", object_id=f"C-{i}",
                         client="127.0.0.1", detail=f"name searched {i}")


def _verify(registry: Registry) -> audit.Verification:
    with registry.transaction() as tx:
        return audit.verify_chain(tx)


def _unprotect(engine: Engine) -> None:
    """What an attacker with database access does first: remove the append-only triggers."""
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            conn.execute(text("DROP TRIGGER audit_log_append_only ON audit_log"))
        else:
            conn.execute(text("DROP TRIGGER audit_log_no_update"))
            conn.execute(text("DROP TRIGGER audit_log_no_delete"))


def test_chain_verifies_and_details_are_sealed(registry: Registry, engine: Engine) -> None:
    _fill(registry)
    result = _verify(registry)
    assert result.ok and result.entries == 5
    with registry.transaction() as tx:
        entries = audit.browse(tx, actor="user0")
    assert [e.object_id for e in entries] == ["C-4", "C-2", "C-0"]
    assert entries[0].detail == "name searched 4"
    with engine.connect() as conn:
        raw = b"".join(bytes(r[0]) for r in conn.execute(text("SELECT detail_enc FROM audit_log")))
    assert b"name searched" not in raw


@pytest.mark.parametrize("statement", ["UPDATE audit_log SET actor = 'x' WHERE seq = 2",
                                       "DELETE FROM audit_log WHERE seq = 2"])
def test_database_refuses_to_change_the_log(registry: Registry, engine: Engine,
                                            statement: str) -> None:
    _fill(registry)
    with pytest.raises(DBAPIError, match="append-only"), engine.begin() as conn:
        conn.execute(text(statement))
    assert _verify(registry).ok


@pytest.mark.parametrize(("statement", "problem"), [
    ("UPDATE audit_log SET actor = 'someone else' WHERE seq = 3", "entry 3 does not match"),
    ("UPDATE audit_log SET outcome = 'denied' WHERE seq = 2", "entry 2 does not match"),
    ("DELETE FROM audit_log WHERE seq = 3", "entries 3..3 are missing"),
    ("DELETE FROM audit_log WHERE seq = 5", "entries were removed from the end"),
    ("UPDATE audit_log SET seq = CASE seq WHEN 2 THEN 102 WHEN 3 THEN 103 END "
     "WHERE seq IN (2, 3)", "entries 2..3 are missing"),
])
def test_tampering_is_detected(registry: Registry, engine: Engine, statement: str,
                               problem: str) -> None:
    _fill(registry)
    _unprotect(engine)
    with engine.begin() as conn:
        conn.execute(text(statement))
    result = _verify(registry)
    assert not result.ok
    assert any(problem in p for p in result.problems), result.problems


def test_swapped_entries_break_the_chain(registry: Registry, engine: Engine) -> None:
    _fill(registry)
    _unprotect(engine)
    with engine.begin() as conn:  # swap the contents of entries 2 and 3, keeping seq order
        rows = {r.seq: r for r in conn.execute(text("SELECT * FROM audit_log WHERE seq IN (2, 3)"))}
        for seq, other in ((2, 3), (3, 2)):
            conn.execute(text("UPDATE audit_log SET actor = :a, object_id = :o, mac = :m "
                              "WHERE seq = :s"), {"a": rows[other].actor,
                                                  "o": rows[other].object_id,
                                                  "m": rows[other].mac, "s": seq})
    problems = _verify(registry).problems
    assert any("entry 2 does not match" in p for p in problems)


def test_cli_verifies_the_chain(cli: Cli, registry: Registry, engine: Engine) -> None:
    _fill(registry, 3)
    assert "intact: 3 entries" in cli("audit", "verify").stdout
    assert cli.json("audit", "verify") == {"entries": 3, "ok": True, "problems": []}
    _unprotect(engine)
    with engine.begin() as conn:
        conn.execute(text("UPDATE audit_log SET client = '10.0.0.9' WHERE seq = 1"))
    broken = cli("audit", "verify", ok=False)
    assert broken.exit_code == 5 and "entry 1 does not match" in broken.output
