"""In a real browser (Debian's chromium driven by Playwright): sign in with a second factor,
open a case with an Arabic-script name, find the child by a search in Chinese characters,
confirm a match, and switch the interface to Uyghur written right to left.

Screenshots are saved under test-artifacts/. Set REUNITE_BROWSER to another Chromium binary.
"""

from __future__ import annotations

import os
import re
import socket
import threading
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pyotp
import pytest
import uvicorn

from reunite.domain.access import Role
from reunite.services import accounts
from tests.webworld import PASSWORD, World

playwright_api = pytest.importorskip("playwright.sync_api")

CHROMIUM = os.environ.get("REUNITE_BROWSER", "/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]
ARTIFACTS = Path(__file__).parent.parent / "test-artifacts"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def server(world: World) -> Iterator[str]:
    port = _free_port()
    config = uvicorn.Config(world.app, host="127.0.0.1", port=port, log_level="warning")
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    for _ in range(200):
        if running.started:
            break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    running.should_exit = True
    thread.join(timeout=10)


def test_caseworker_journey_in_chromium(world: World, server: str, tmp_path: Path,
                                        request: pytest.FixtureRequest) -> None:
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"browser tests need {CHROMIUM} under CI")
        pytest.skip(f"no browser at {CHROMIUM}")
    secret = pyotp.random_base32()
    world.clock.offset = timedelta(seconds=-60)  # enrolled a minute ago: its code is spent
    try:
        with world.app.state.web.registry.transaction() as tx:
            user = accounts.add_user(tx, username="coord2fa", password=PASSWORD,
                                     role=Role.COORDINATOR, totp_required=True)
            accounts.enrol_totp(tx, user_id=user.id, secret=secret,
                                code=pyotp.TOTP(secret).at(time.time() - 60))
    finally:
        world.clock.offset = timedelta()
    engine_name = request.node.callspec.id.split("-")[0]
    shots = ARTIFACTS / f"browser-{engine_name}"
    shots.mkdir(parents=True, exist_ok=True)
    with playwright_api.sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            str(tmp_path / "profile"), executable_path=CHROMIUM, headless=True, args=FLAGS)
        page = context.new_page()
        errors: list[str] = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)

        # Sign in: password, then the one-time code.
        page.goto(f"{server}/login")
        page.fill("#f-username", "coord2fa")
        page.fill("#f-password", PASSWORD)
        page.click("#login-form button[type=submit]")
        page.wait_for_url(re.compile(r".*/login/code$"))
        page.fill("#f-code", pyotp.TOTP(secret).now())
        page.click("#code-form button[type=submit]")
        page.wait_for_url(re.compile(r".*/$"))
        assert page.locator("#my-cases").is_visible()
        page.screenshot(path=str(shots / "1-dashboard.png"), full_page=True)

        # Open a case: the child's name in Arabic script; a second child added by HTMX.
        page.goto(f"{server}/intake")
        page.fill("#f-searcher_given", "Gulnar")
        page.fill("#f-searcher_father", "Tursun")
        page.fill("#f-s0_given", "مىھرىبان")
        page.fill("#f-s0_father", "تۇرسۇن")
        page.fill("#f-s0_born", "age 5 on 2016-11-15")
        page.click("#add-sought")
        page.locator("#sought-1").wait_for()
        assert page.locator("#sought-count").input_value() == "2"
        page.fill("#f-s1_given", "Abdulla")
        page.fill("#f-s1_father", "Tursun")
        page.fill("#f-last_contact", "late 2016")
        page.fill("#f-source_title", "Interview with the mother")
        page.fill("#f-organisation", "Browser test association")
        page.screenshot(path=str(shots / "2-intake.png"), full_page=True)
        page.click("#open-case")
        page.wait_for_url(re.compile(r".*/cases/C-\w+$"))
        child = page.locator("#sought li a").first
        assert child.inner_text() == "مىھرىبان تۇرسۇن"
        child_url = child.get_attribute("href")
        assert child_url
        page.screenshot(path=str(shots / "3-case.png"), full_page=True)

        # Find her by the Chinese transcription of her name.
        page.goto(f"{server}/search")
        page.fill("#f-q", "米日班·吐尔逊")
        page.click("#search-form button[type=submit]")
        hit = page.locator(f'#results a[href="{child_url}"]')
        hit.wait_for()
        assert page.url.endswith("/search")  # HTMX swapped the results in place
        page.screenshot(path=str(shots / "4-search.png"), full_page=True)

        # Confirm a match in the review queue.
        candidate = world.ids["candidate"]
        page.goto(f"{server}/review")
        page.click(f'a[href="/review/{candidate}"]')
        page.locator("#side-by-side").wait_for()
        page.fill("#f-reason", "Same names in two scripts, same birth year")
        page.screenshot(path=str(shots / "5-review.png"), full_page=True)
        page.click("#confirm")
        page.wait_for_url(re.compile(r".*/review$"))
        assert page.locator(f'a[href="/review/{candidate}"]').count() == 0
        page.goto(f"{server}/review?status=confirmed")
        assert page.locator(f'a[href="/review/{candidate}"]').count() == 1

        # Switch the interface to Uyghur: right to left.
        page.goto(f"{server}/cases")
        page.select_option("#lang-switch", "ug")
        page.click("form.lang button[type=submit]")
        page.wait_for_url(re.compile(r".*/cases$"))
        assert page.evaluate("document.documentElement.dir") == "rtl"
        assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
        assert page.locator("h1").inner_text() == "دېلولار"
        brand = page.locator("a.brand").bounding_box()
        nav = page.locator("header nav a").first.bounding_box()
        assert brand and nav and brand["x"] > nav["x"], "the brand starts on the right"
        page.screenshot(path=str(shots / "6-uyghur-rtl.png"), full_page=True)
        context.close()
    assert not [e for e in errors if "Content Security Policy" in e], errors
