"""Sessions, CSRF, throttling, second factor and security headers of the web application."""

from __future__ import annotations

from datetime import timedelta

import pyotp

from reunite.services import accounts
from reunite.store.accounts import find_user
from tests.webworld import PASSWORD, World


def test_security_headers_and_cookie_flags(world: World) -> None:
    browser = world.client()
    page = browser.get("/login")
    csp = page.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert page.headers["x-frame-options"] == "DENY"
    assert page.headers["referrer-policy"] == "no-referrer"
    assert page.headers["cache-control"] == "no-store"
    signed = browser.sign_in("cw1")
    cookie = signed.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie and "path=/" in cookie
    assert "<script>" not in browser.get("/").text  # no inline script anywhere


def test_pages_need_a_session(world: World) -> None:
    response = world.client().get("/cases")
    assert response.status_code == 303 and response.headers["location"] == "/login"
    htmx = world.client().get("/cases", headers={"HX-Request": "true"})
    assert htmx.status_code == 401 and htmx.headers["hx-redirect"] == "/login"


def test_state_changes_need_the_csrf_token(world: World) -> None:
    browser = world.signed_in("admin1")
    for token in ("", "0" * 40):
        refused = browser.post("/admin/users", {"username": "csrf-victim", "password": PASSWORD,
                                                "role": "admin"}, token=token)
        assert refused.status_code == 403
    users = browser.get("/admin/users").text
    assert "csrf-victim" not in users
    other = world.signed_in("cw1").token("/account")  # another session's token
    assert browser.post("/admin/users", {"username": "csrf-victim", "password": PASSWORD,
                                         "role": "admin"}, token=other).status_code == 403


def test_idle_sessions_expire(world: World) -> None:
    browser = world.signed_in("cw1")
    assert browser.get("/cases").status_code == 200
    world.clock.offset = timedelta(minutes=29)
    try:
        assert browser.get("/cases").status_code == 200  # activity renews the session
        world.clock.offset = timedelta(minutes=29 + 31)
        expired = browser.get("/cases")
        assert expired.status_code == 303
        assert expired.headers["location"] == "/login?expired=1"
        assert "expired" in browser.get("/login?expired=1").text
    finally:
        world.clock.offset = timedelta()
    assert browser.get("/cases").status_code == 303  # the session is gone for good


def test_logout_ends_the_session(world: World) -> None:
    browser = world.signed_in("cw1")
    cookie = browser.http.cookies.get("reunite_session")
    assert browser.post("/logout").status_code == 303
    replay = world.client()
    replay.http.cookies.set("reunite_session", cookie or "")
    assert replay.get("/cases").status_code == 303


def test_repeated_failures_lock_the_account(world: World) -> None:
    registry = world.app.state.web.registry
    with registry.transaction() as tx:
        accounts.add_user(tx, username="locked1", password=PASSWORD,
                          role=accounts.Role.CASEWORKER)
    browser = world.client()
    for _ in range(accounts.MAX_FAILURES):
        wrong = browser.post("/login", {"username": "locked1", "password": "wrong password!"},
                             token=browser.token("/login"))
        assert wrong.status_code == 401
    right = browser.post("/login", {"username": "locked1", "password": PASSWORD},
                         token=browser.token("/login"))
    assert right.status_code == 401  # locked, even with the right password
    world.clock.offset = accounts.LOCKOUT + timedelta(minutes=1)
    try:
        assert browser.post("/login", {"username": "locked1", "password": PASSWORD},
                            token=browser.token("/login")).status_code == 303
    finally:
        world.clock.offset = timedelta()


def test_unknown_user_and_wrong_password_look_the_same(world: World) -> None:
    browser = world.client()
    a = browser.post("/login", {"username": "nobody-here", "password": "x" * 12},
                     token=browser.token("/login"))
    b = browser.post("/login", {"username": "ro1", "password": "x" * 12},
                     token=browser.token("/login"))
    assert a.status_code == b.status_code == 401
    assert a.text.replace("nobody-here", "U") == b.text.replace("ro1", "U")


def test_second_factor_is_asked_and_codes_are_single_use(world: World) -> None:
    registry = world.app.state.web.registry
    secret = pyotp.random_base32()
    with registry.transaction() as tx:
        user = accounts.add_user(tx, username="totp1", password=PASSWORD,
                                 role=accounts.Role.CASEWORKER, team="T1")
        accounts.enrol_totp(tx, user_id=user.id, secret=secret, code=pyotp.TOTP(secret).now())
    browser = world.client()
    first = browser.sign_in("totp1")
    assert first.headers["location"] == "/login/code"
    assert browser.get("/cases").headers["location"] == "/login/code"
    assert browser.post("/login/code", {"code": "000000"},
                        token=browser.token("/login/code")).status_code == 401
    with registry.transaction() as tx:  # the enrolment code was used; wait for a fresh one
        last = find_user(tx, "totp1").last_totp_step  # type: ignore[union-attr]
    code = pyotp.TOTP(secret).at((last + 1) * 30)
    world.clock.offset = timedelta(seconds=(last + 1) * 30 - world.clock().timestamp() + 1)
    try:
        ok = browser.post("/login/code", {"code": code}, token=browser.token("/login/code"))
        assert ok.status_code == 303 and ok.headers["location"] == "/"
        assert browser.get("/cases").status_code == 200
        again = world.client()
        again.sign_in("totp1")
        replay = again.post("/login/code", {"code": code}, token=again.token("/login/code"))
        assert replay.status_code == 401
    finally:
        world.clock.offset = timedelta()


def test_required_second_factor_must_be_enrolled_first(world: World) -> None:
    registry = world.app.state.web.registry
    with registry.transaction() as tx:
        accounts.add_user(tx, username="needs2fa", password=PASSWORD,
                          role=accounts.Role.CASEWORKER, totp_required=True)
    browser = world.signed_in("needs2fa")
    assert browser.get("/cases").headers["location"] == "/account/second-factor"
    page = browser.get("/account/second-factor").text
    secret = page.split('id="totp-secret" dir="ltr">')[1].split("<")[0]
    token = browser.token("/account/second-factor")
    bad = browser.post("/account/second-factor", {"secret": secret, "code": "123456"},
                       token=token)
    assert bad.status_code == 422
    good = browser.post("/account/second-factor",
                        {"secret": secret, "code": pyotp.TOTP(secret).now()}, token=token)
    assert good.status_code == 303
    assert browser.get("/cases").status_code == 200


def test_password_change_checks_the_current_one(world: World) -> None:
    registry = world.app.state.web.registry
    with registry.transaction() as tx:
        accounts.add_user(tx, username="pw1", password=PASSWORD, role=accounts.Role.ANALYST)
    browser = world.signed_in("pw1")
    wrong = browser.post("/account/password", {"current": "not it at all", "new": "n" * 14,
                                               "repeat": "n" * 14})
    assert wrong.status_code == 422 and "current password is wrong" in wrong.text
    short = browser.post("/account/password", {"current": PASSWORD, "new": "short",
                                                "repeat": "short"})
    assert short.status_code == 422 and "at least" in short.text
    ok = browser.post("/account/password", {"current": PASSWORD, "new": "n" * 14,
                                            "repeat": "n" * 14})
    assert ok.status_code == 200
    assert world.client().sign_in("pw1", "n" * 14).status_code == 303
