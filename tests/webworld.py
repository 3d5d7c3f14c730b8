"""A populated web application for the web tests: two teams' cases, one account per role.

Team T1 holds the two demo cases (assigned to cw1); team T2 holds one case (assigned to cw2)
whose names appear nowhere in T1's. A review candidate links a T1 child and a T2 child.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from fastapi import FastAPI
from fastapi.testclient import TestClient

from reunite.domain.access import Role
from reunite.domain.dates import BirthDate, FuzzyDate
from reunite.domain.ids import new_id
from reunite.domain.persons import NameKind, PersonStatus, Publication, RelationshipKind, Sex
from reunite.domain.sources import Grade, SourceKind
from reunite.services import accounts
from reunite.services.demo import build_demo
from reunite.services.intake import Intake, PersonIntake, open_intake
from reunite.services.persons import NameInput
from reunite.services.setup import init_registry
from reunite.store import matches
from reunite.store import messages as message_store
from reunite.store.advocacy import get_applications, get_interventions
from reunite.store.engine import make_engine
from reunite.web import WebSettings, create_app

PASSPHRASE = "web test passphrase"
PASSWORD = "a long test password"
USERS = {"admin1": (Role.ADMIN, ""), "coord1": (Role.COORDINATOR, ""),
         "cw1": (Role.CASEWORKER, "T1"), "cw2": (Role.CASEWORKER, "T2"),
         "an1": (Role.ANALYST, ""), "ro1": (Role.READ_ONLY, "T1")}
# Names recorded in the world, in every script used: none may reach an analyst.
T2_NAMES = ("Nurgul", "Turghun", "努尔古丽", "Mehriban", "Qurban")
T1_NAMES = ("Mihriban", "Ablikim", "مىھرىبان", "米日班", "Abdulla", "Aygul", "Ekber")


class Clock:
    """A clock the tests can move forward (session expiry)."""

    def __init__(self) -> None:
        self.offset = timedelta()

    def __call__(self) -> datetime:
        return datetime.now(UTC) + self.offset


@dataclass
class World:
    app: FastAPI
    clock: Clock
    db_url: str
    ids: dict[str, str] = field(default_factory=dict)

    def client(self) -> Browser:
        return Browser(TestClient(self.app, base_url="http://testserver"))

    def signed_in(self, username: str) -> Browser:
        browser = self.client()
        browser.sign_in(username)
        return browser


class Browser:
    """A test client that signs in and sends each form with its CSRF token."""

    def __init__(self, client: TestClient) -> None:
        self.http = client

    def get(self, path: str, **kw: Any) -> Any:
        return self.http.get(path, follow_redirects=False, **kw)

    def token(self, path: str = "/login") -> str:
        page = self.http.get(path).text
        found = re.search(r'name="csrf_token" value="([0-9a-f]+)"', page)
        assert found, f"no CSRF token on {path}"
        return found[1]

    def post(self, path: str, data: dict[str, Any] | None = None, token: str | None = None,
             **kw: Any) -> Any:
        body = dict(data or {})
        body.setdefault("csrf_token", token if token is not None else self.token("/account"))
        return self.http.post(path, data=body, follow_redirects=False, **kw)

    def sign_in(self, username: str, password: str = PASSWORD) -> Any:
        response = self.post("/login", {"username": username, "password": password},
                             token=self.token("/login"))
        assert response.status_code == 303, response.text
        return response


def build_world(db_url: str) -> World:
    engine = make_engine(db_url)
    registry, _ = init_registry(engine=engine, passphrase=PASSPHRASE, actor="cw1")
    ids: dict[str, str] = {}
    with registry.transaction() as tx:
        demo = build_demo(tx)
        ids["t1_case"], ids["t1_case2"] = demo.case_ids
        ids["t1_child"] = demo.person_ids["mihriban"]
        for name, (role, team) in USERS.items():
            accounts.add_user(tx, username=name, password=PASSWORD, role=role, team=team)
    with registry.transaction(actor="cw2") as tx:
        case = open_intake(tx, intake=Intake(
            searcher=PersonIntake([NameInput("Qurban", NameKind.GIVEN),
                                   NameInput("Turghun", NameKind.FATHER)], Sex.MALE,
                                  status=PersonStatus.ABROAD, tracing=True),
            relation=RelationshipKind.PARENT,
            sought=[PersonIntake([NameInput("Nurgul", NameKind.GIVEN),
                                  NameInput("Qurban", NameKind.FATHER),
                                  NameInput("努尔古丽·库尔班", NameKind.FULL)], Sex.FEMALE,
                                 BirthDate.parse("2012"), "Hotan",
                                 PersonStatus.MISSING, tracing=True,
                                 publication=Publication.NONE),
                    PersonIntake([NameInput("Mehriban", NameKind.GIVEN),
                                  NameInput("Ablikim", NameKind.FATHER)], Sex.FEMALE,
                                 BirthDate.parse("2011"), tracing=True)],
            source_kind=SourceKind.INTERVIEW, source_title="Interview with the father",
            grade=Grade.parse("B2"), organisation="Second association",
            last_contact=FuzzyDate.parse("2017-03")))
        ids["t2_case"] = case.id
        ids["t2_child"] = case.sought[0]
        ids["t2_dup"] = case.sought[1]
        pair = sorted((ids["t1_child"], ids["t2_dup"]))
        ids["candidate"] = new_id("match")
        matches.insert_candidate(tx, ids["candidate"], pair[0], pair[1], 0.93, "3,2,1")
    with registry.transaction() as tx:
        ids["t1_message"] = message_store.get_messages(tx, case_id=ids["t1_case"])[0].id
        ids["t1_application"] = get_applications(tx, case_id=ids["t1_case"])[0].id
        ids["t1_intervention"] = get_interventions(tx, case_id=ids["t1_case"])[0].id
    engine.dispose()
    clock = Clock()
    app = create_app(WebSettings(db_url=db_url, passphrase=PASSPHRASE, clock=clock))
    return World(app, clock, db_url, ids)
