"""Roles and need-to-know: every route declares a permission, and every role meets every route."""

from __future__ import annotations

import re

import pytest
from fastapi.routing import APIRoute
from starlette.routing import Mount

from reunite.domain.access import ROLE_PERMISSIONS, Permission, Role
from tests.webworld import T1_NAMES, T2_NAMES, USERS, World

MISSING = "C-0000000000ZZ"


def _routes(world: World) -> list[APIRoute]:
    return [r for r in world.app.routes if isinstance(r, APIRoute)]


def _fill(path: str, world: World) -> str:
    ids = world.ids
    return (path.replace("{case_id}", ids["t1_case"]).replace("{person_id}", ids["t1_child"])
            .replace("{message_id}", ids["t1_message"])
            .replace("{application_id}", ids["t1_application"])
            .replace("{intervention_id}", ids["t1_intervention"])
            .replace("{candidate_id}", ids["candidate"]).replace("{username}", "nobody"))


def test_every_route_declares_a_permission(world: World) -> None:
    routes = _routes(world)
    assert len(routes) >= 30
    assert not [r.path for r in routes if "{" in _fill(r.path, world)], "ids for every route"
    undeclared = [r.path for r in routes
                  if not isinstance(getattr(r.endpoint, "permission", None), Permission)]
    assert undeclared == []
    others = [r for r in world.app.routes if not isinstance(r, APIRoute)]
    assert [r.path for r in others] == ["/static"]  # static files: public by design
    assert isinstance(others[0], Mount)


@pytest.mark.parametrize("username", sorted(USERS))
def test_role_route_matrix(world: World, username: str) -> None:
    role = USERS[username][0]
    browser = world.signed_in(username)
    token = browser.token("/account")
    for route in _routes(world):
        permission: Permission = route.endpoint.permission  # type: ignore[attr-defined]
        path = _fill(route.path, world)
        for method in route.methods or ():
            if method == "HEAD" or path == "/logout":
                continue
            response = (browser.get(path) if method == "GET"
                        else browser.post(path, {}, token=token))
            where = f"{username} ({role.value}) {method} {route.path}: {response.status_code}"
            assert response.status_code != 500, where
            if permission is Permission.PUBLIC:
                continue
            if permission is Permission.SECOND_FACTOR:
                assert response.status_code == 303 and response.headers["location"] == "/", where
            elif permission in ROLE_PERMISSIONS[role]:
                assert response.status_code not in (401, 403), where
            else:
                assert response.status_code == 403, where
                assert not any(n in response.text for n in (*T1_NAMES, *T2_NAMES)), where


def test_no_name_reaches_an_analyst(world: World) -> None:
    browser = world.signed_in("an1")
    pages = 0
    for route in _routes(world):
        if "GET" not in (route.methods or ()):
            continue
        for query in ("", "?q=Mihriban", "?q=努尔古丽"):
            response = browser.get(_fill(route.path, world) + query)
            pages += 1
            for name in (*T1_NAMES, *T2_NAMES):
                assert name not in response.text, f"{name} on {route.path}"
    assert pages > 40
    stats = browser.get("/statistics")
    assert stats.status_code == 200 and "Cases by status" in stats.text


@pytest.mark.parametrize("kind", ["cases", "persons"])
def test_other_teams_records_are_indistinguishable_from_missing_ones(world: World,
                                                                     kind: str) -> None:
    browser = world.signed_in("cw1")
    theirs = world.ids["t2_case"] if kind == "cases" else world.ids["t2_child"]
    missing = MISSING if kind == "cases" else "P-0000000000ZZ"
    forbidden = browser.get(f"/{kind}/{theirs}")
    absent = browser.get(f"/{kind}/{missing}")
    assert forbidden.status_code == absent.status_code == 404
    assert forbidden.text.replace(theirs, "ID") == absent.text.replace(missing, "ID")
    assert "Nurgul" not in forbidden.text
    assert browser.get(f"/{kind}/{world.ids['t1_case' if kind == 'cases' else 't1_child']}"
                       ).status_code == 200


def test_forms_on_another_teams_case_are_refused_like_missing_ones(world: World) -> None:
    browser = world.signed_in("cw2")
    token = browser.token("/account")
    message = world.ids["t1_message"]
    refused = browser.post(f"/messages/{message}/interpretations",
                           {"meaning": "x", "confidence": "low"}, token=token)
    missing = browser.post("/messages/M-0000000000ZZ/interpretations",
                           {"meaning": "x", "confidence": "low"}, token=token)
    assert refused.status_code == missing.status_code == 404
    assert refused.text.replace(message, "ID") == missing.text.replace("M-0000000000ZZ", "ID")
    events = browser.post(f"/cases/{world.ids['t1_case']}/events/new",
                          {"kind": "seen", "when": "2019"}, token=token)
    assert events.status_code == 404


def test_case_list_shows_only_the_teams_cases(world: World) -> None:
    listed = {name: set(re.findall(r'href="/cases/(C-\w+)"', world.signed_in(name)
                                   .get("/cases").text)) for name in ("cw1", "cw2", "ro1",
                                                                      "coord1")}
    t1 = {world.ids["t1_case"], world.ids["t1_case2"]}
    assert listed["cw1"] == listed["ro1"] == t1
    assert listed["cw2"] == {world.ids["t2_case"]}
    assert listed["coord1"] == t1 | {world.ids["t2_case"]}


def test_a_grant_opens_one_case_to_one_user(world: World) -> None:
    case = world.ids["t1_case2"]
    cw2 = world.signed_in("cw2")
    assert cw2.get(f"/cases/{case}").status_code == 404
    coord = world.signed_in("coord1")
    response = coord.post(f"/cases/{case}/grants", {"username": "cw2"})
    assert response.status_code == 303
    assert cw2.get(f"/cases/{case}").status_code == 200
    assert cw2.get(f"/cases/{world.ids['t1_case']}").status_code == 404
    again = coord.post(f"/cases/{case}/grants", {"username": "cw2"})
    assert again.status_code == 400


def test_search_withholds_persons_of_other_teams(world: World) -> None:
    theirs = world.signed_in("cw2").get("/search", params={"q": "Mihriban Ablikim"})
    ours = world.signed_in("cw1").get("/search", params={"q": "Mihriban Ablikim"})
    assert theirs.status_code == ours.status_code == 200
    assert world.ids["t1_child"] in ours.text
    assert world.ids["t1_child"] not in theirs.text
    assert "another team" in theirs.text
    assert "Mehriban" in theirs.text  # their own record of the same name is shown


def test_roles_cover_every_permission_once_declared() -> None:
    assert ROLE_PERMISSIONS[Role.ADMIN] == frozenset(Permission)
    assert Permission.CASE_READ not in ROLE_PERMISSIONS[Role.ANALYST]
    assert Permission.CASE_WRITE not in ROLE_PERMISSIONS[Role.READ_ONLY]
