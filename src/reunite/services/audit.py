"""Recording and checking the audit trail of the web application (see store.audit)."""

from __future__ import annotations

from datetime import datetime

from reunite.errors import InvalidInput
from reunite.store import audit as store
from reunite.store.registry import Tx

ACTIONS = ("read", "write", "search", "export", "login", "logout", "review", "admin")
Verification = store.Verification
AuditEntry = store.AuditEntry


def record(tx: Tx, *, action: str, object_kind: str, object_id: str = "", outcome: str = "ok",
           client: str = "", detail: str = "") -> int:
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    return store.append(tx, action=action, object_kind=object_kind, object_id=object_id,
                        outcome=outcome, client=client, detail=detail)


def verify_chain(tx: Tx) -> store.Verification:
    return store.verify(tx)


def browse(tx: Tx, *, actor: str = "", action: str = "", object_id: str = "",
           since: datetime | None = None, until: datetime | None = None,
           limit: int = 200) -> list[store.AuditEntry]:
    if action and action not in ACTIONS:
        raise InvalidInput(f"unknown action {action!r}; choose one of: {', '.join(ACTIONS)}")
    if not 1 <= limit <= 1000:
        raise InvalidInput("limit must be between 1 and 1000")
    return store.entries(tx, actor=actor.strip(), action=action, object_id=object_id.strip(),
                         since=since, until=until, limit=limit)
