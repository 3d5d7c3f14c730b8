"""The demo registry with one demo account per role, for `reunite serve --demo`."""

from __future__ import annotations

from sqlalchemy import Engine

from reunite.domain.access import Role
from reunite.errors import InvalidInput
from reunite.services.accounts import add_user
from reunite.services.demo import DEMO_PASSPHRASE, build_demo
from reunite.services.setup import init_registry
from reunite.store import migrate

DEMO_PASSWORD = "demo-password-only"
DEMO_TEAM = "Demo Families Association"
DEMO_USERS = {"admin": Role.ADMIN, "coordinator": Role.COORDINATOR, "caseworker": Role.CASEWORKER,
              "analyst": Role.ANALYST, "reader": Role.READ_ONLY}


def build_demo_registry(*, engine: Engine) -> list[str]:
    """Create the demo registry in an empty database; return the demo usernames."""
    if migrate.current_revision(engine) is not None:
        raise InvalidInput("the demo needs an empty database")
    registry, _ = init_registry(engine=engine, passphrase=DEMO_PASSPHRASE, actor="caseworker")
    with registry.transaction() as tx:
        build_demo(tx)
        for name, role in DEMO_USERS.items():
            add_user(tx, username=name, password=DEMO_PASSWORD, role=role, team=DEMO_TEAM)
    return list(DEMO_USERS)
