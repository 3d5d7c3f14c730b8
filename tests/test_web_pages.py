"""Every page in-process, asserted by selectors; forms, bad input, review, languages."""

from __future__ import annotations

import re
from typing import Any

import pytest
from bs4 import BeautifulSoup

from reunite.store.engine import make_engine
from tests.conftest import snapshot
from tests.webworld import World

# Tables that change on any request (sessions, audit) are left out of "nothing changed".
VOLATILE = {"audit_log", "audit_head", "sessions", "users"}


def soup(response: Any) -> BeautifulSoup:
    return BeautifulSoup(response.text, "html.parser")


def case_data(world: World) -> dict[str, Any]:
    engine = make_engine(world.db_url)
    try:
        return {k: v for k, v in snapshot(engine).items() if k not in VOLATILE}
    finally:
        engine.dispose()


def test_dashboard_lists_cases_overdue_and_silences(world: World) -> None:
    page = soup(world.signed_in("cw1").get("/"))
    assert page.select_one("html")["lang"] == "en"
    mine = {a["href"] for a in page.select("#my-cases a")}
    assert f"/cases/{world.ids['t1_case']}" in mine
    assert page.select("#overdue tbody tr"), "the demo has an overdue follow-up"
    silences = page.select("#silences tbody tr")
    assert silences and "days" in silences[0].select("td")[-1].text
    assert world.ids["t2_case"] not in str(page)


def test_case_page_shows_timeline_with_sources_and_grades(world: World) -> None:
    page = soup(world.signed_in("cw1").get(f"/cases/{world.ids['t1_case']}"))
    entries = page.select("#timeline li.entry")
    assert len(entries) >= 5
    grades = {g.text for g in page.select("#timeline .source .grade")}
    assert grades & {"B2", "F3", "A1"}
    said = page.select("#timeline blockquote.said")
    assert said, "verbatim messages are shown"
    assert page.select("#timeline .interpretation"), "interpretations shown apart"
    assert page.select_one("#sought .days") is not None
    actions = {a["href"] for a in page.select("nav.actions a")}
    assert f"/cases/{world.ids['t1_case']}/events/new" in actions


def test_read_only_sees_no_forms(world: World) -> None:
    page = soup(world.signed_in("ro1").get(f"/cases/{world.ids['t1_case']}"))
    assert page.select("nav.actions") == []
    assert page.select("form.interpret") == []


def test_person_page_shows_names_in_every_script(world: World) -> None:
    page = soup(world.signed_in("cw1").get(f"/persons/{world.ids['t1_child']}"))
    written = [td.text for td in page.select("#names td.written")]
    assert "مىھرىبان" in written and "米日班·阿不力克木" in written
    uly = [td.text for td in page.select("#names td.uly")]
    assert uly.count("Mihriban") >= 2 or "Mihriban Ablikim" in uly
    assert "مىھرىبان" in page.select_one("#names td.arabic").text
    assert page.select("#relatives li a")
    assert page.select_one(".days") is not None


def test_intake_opens_a_case_with_everything_it_was_told(world: World) -> None:
    browser = world.signed_in("cw1")
    form = {"searcher_given": "Gulbahar", "searcher_father": "Yasin", "searcher_sex": "F",
            "searcher_status": "abroad", "searcher_tracing": "on", "relation": "parent",
            "sought_count": "2",
            "s0_given": "ئەركىن", "s0_father": "Yasin", "s0_sex": "M",
            "s0_born": "age 5 on 2016-11-15",
            "s0_hometown": "Kashgar", "s0_status": "missing", "s0_tracing": "on",
            "s0_passport": "never_issued", "s0_publication": "none",
            "s1_full": "阿依古丽·亚森", "s1_sex": "F", "s1_status": "missing",
            "last_contact": "late 2016", "summary": "Left with grandparents in 2016.",
            "source_title": "Intake interview", "source_kind": "interview", "grade": "B2",
            "organisation": "T1 association", "priority": "urgent"}
    done = browser.post("/intake", form)
    assert done.status_code == 303, done.text
    case_id = done.headers["location"].rsplit("/", 1)[1]
    page = soup(browser.get(f"/cases/{case_id}"))
    sought = [a.text for a in page.select("#sought li a")]
    assert sought == ["ئەركىن Yasin", "阿依古丽·亚森"]
    assert "late 2016" in page.select_one("#timeline").text
    assert "B2" in {g.text for g in page.select("#timeline .grade")}
    assert page.select_one("p.meta").text.count("urgent") == 1


def test_intake_grows_without_javascript(world: World) -> None:
    browser = world.signed_in("cw1")
    more = browser.post("/intake", {"sought_count": "1", "action": "add_sought",
                                    "s0_given": "Kept"})
    page = soup(more)
    assert len(page.select("fieldset.sought")) == 2
    assert page.select_one("#f-s0_given")["value"] == "Kept"
    fragment = soup(browser.get("/intake/sought?i=2"))
    assert fragment.select_one("#sought-2") is not None
    assert fragment.select_one("#sought-count")["value"] == "3"
    assert browser.get("/intake/sought?i=99").status_code == 400


@pytest.mark.parametrize(("field", "value", "message"), [
    ("s0_born", "2031-02-30", "s0_born"),
    ("grade", "Z9", "grade"),
    ("last_contact", "sometime", "last_contact"),
    ("s0_given", "", "s0_given"),
    ("source_title", "", "source_title"),
])
def test_intake_bad_input_answers_per_field_and_writes_nothing(world: World, field: str,
                                                               value: str,
                                                               message: str) -> None:
    browser = world.signed_in("cw1")
    form = {"searcher_given": "Zumret", "s0_given": "Elnur", "sought_count": "1",
            "source_title": "Interview", "source_kind": "interview", "grade": "B2",
            "organisation": "T1", "relation": "parent", field: value}
    before = case_data(world)
    response = browser.post("/intake", form)
    assert response.status_code == 422
    page = soup(response)
    assert page.select_one(f"#e-{message}") is not None, response.text
    assert page.select_one("#f-searcher_given")["value"] == "Zumret"  # values kept
    assert case_data(world) == before


def test_event_form_records_a_sourced_event_and_rejects_bad_dates(world: World) -> None:
    browser = world.signed_in("cw1")
    case = world.ids["t1_case"]
    page = soup(browser.get(f"/cases/{case}/events/new"))
    source = page.select("#f-source_id option")[1]["value"]
    person = page.select("input[name=participants]")[0]["value"]
    before = case_data(world)
    bad = browser.post(f"/cases/{case}/events/new", {"kind": "seen", "when": "2019-13",
                                                     "source_id": source})
    assert bad.status_code == 422 and soup(bad).select_one("#e-when") is not None
    nosource = browser.post(f"/cases/{case}/events/new", {"kind": "seen", "when": "2019"})
    assert nosource.status_code == 422 and soup(nosource).select_one("#e-source_id")
    future = browser.post(f"/cases/{case}/events/new",
                          {"kind": "seen", "when": "2099", "source_id": source})
    assert future.status_code == 422 and "future" in future.text
    assert case_data(world) == before
    ok = browser.post(f"/cases/{case}/events/new",
                      {"kind": "seen", "when": "summer 2019", "participants": person,
                       "place": "Hotan", "description": "seen in a school video",
                       "source_id": source})
    assert ok.status_code == 303, ok.text
    timeline = soup(browser.get(f"/cases/{case}")).select_one("#timeline").text
    assert "seen in a school video" in timeline


def test_message_then_interpretation_kept_apart(world: World) -> None:
    browser = world.signed_in("cw1")
    case = world.ids["t1_case2"]
    done = browser.post(f"/cases/{case}/messages/new", {
        "text": "He went to study.", "channel": "phone", "when": "2018-04",
        "source_title": "Call with the aunt", "source_kind": "interview", "grade": "C3"})
    assert done.status_code == 303, done.text
    page = soup(browser.get(f"/cases/{case}"))
    said = [q.text for q in page.select("blockquote.said")]
    assert "He went to study." in said
    form = page.select("form.interpret")[-1]
    action = form["action"]
    assert browser.post(action, {"meaning": "", "confidence": "high"}).status_code == 422
    assert browser.post(action, {"meaning": "taken to a camp",
                                 "confidence": "high"}).status_code == 303
    page = soup(browser.get(f"/cases/{case}"))
    assert "He went to study." in [q.text for q in page.select("blockquote.said")]
    assert any("taken to a camp" in p.text for p in page.select(".interpretation"))


def test_intervention_and_application_forms(world: World) -> None:
    browser = world.signed_in("cw1")
    case = world.ids["t1_case2"]
    bad = browser.post(f"/cases/{case}/interventions/new", {
        "kind": "letter", "recipient": "Ministry", "sent_on": "2024-05-01",
        "follow_up_on": "2024-04-01"})
    assert bad.status_code == 422 and "before the sending date" in bad.text
    ok = browser.post(f"/cases/{case}/interventions/new", {
        "kind": "letter", "recipient": "Ministry of Foreign Affairs", "sent_on": "2024-05-01",
        "follow_up_on": "2024-06-01"})
    assert ok.status_code == 303
    page = soup(browser.get(f"/cases/{case}"))
    assert "Ministry of Foreign Affairs" in page.select_one("#interventions").text
    respond = page.select("#interventions form.response")[-1]["action"]
    before = case_data(world)
    assert browser.post(respond, {"response": "", "response_on": "2024-07-01"}
                        ).status_code == 422
    assert browser.post(respond, {"response": "no answer yet", "response_on": "2099-01-01"}
                        ).status_code == 422
    assert case_data(world) == before
    assert browser.post(respond, {"response": "Acknowledged receipt only",
                                  "response_on": "2024-07-01", "follow_up_on": "2024-09-01"}
                        ).status_code == 303
    rows = soup(browser.get(f"/cases/{case}")).select_one("#interventions").text
    assert "Acknowledged receipt only" in rows and "2024-09-01" in rows
    person = soup(browser.get(f"/cases/{case}/applications/new")).select(
        "#f-person_id option")[0]["value"]
    assert browser.post(f"/cases/{case}/applications/new", {
        "kind": "family_reunification", "person_id": person, "country": "Turkey1"}
    ).status_code == 422
    assert browser.post(f"/cases/{case}/applications/new", {
        "kind": "family_reunification", "person_id": person, "country": "TR",
        "filed_on": "2023-01-10"}).status_code == 303
    stage_form = soup(browser.get(f"/cases/{case}")).select(
        "#applications form")[-1]["action"]
    assert browser.post(stage_form, {"stage": "refused", "on": "2022-01-01"}
                        ).status_code == 422  # before the filing date
    assert browser.post(stage_form, {"stage": "refused", "on": "2023-09-02"}
                        ).status_code == 303


def test_search_in_chinese_finds_the_arabic_script_record(world: World) -> None:
    browser = world.signed_in("cw1")
    page = soup(browser.get("/search", params={"q": "米日班·阿不力克木"}))
    hits = [h for h in page.select("#results article.hit") if h.select_one("h3 a")]
    assert hits and world.ids["t1_child"] in hits[0].select_one("h3 a")["href"]
    outcomes = {row.select_one("th").text: row["class"][0]
                for row in hits[0].select("table.fields tr")}
    assert outcomes["given name"] == "match" and outcomes["father's name"] == "match"
    empty = soup(browser.get("/search", params={"q": "Zzzyx"}))
    assert "No one found." in empty.select_one("#results").text
    bad = browser.get("/search", params={"q": "x" * 400})
    assert bad.status_code == 422


def test_review_confirms_a_candidate_side_by_side(world: World) -> None:
    browser = world.signed_in("coord1")
    queue = soup(browser.get("/review"))
    link = queue.select_one(f'a[href="/review/{world.ids["candidate"]}"]')
    assert link is not None
    pair = soup(browser.get(link["href"]))
    rows = {r.select_one("th").text for r in pair.select("#side-by-side tbody tr")}
    assert {"given name", "father's name", "birth", "sex"} <= rows
    no_reason = browser.post(link["href"], {"decision": "confirmed", "reason": ""})
    assert no_reason.status_code == 422
    assert browser.post(link["href"], {"decision": "merge", "reason": "x"}).status_code == 422
    done = browser.post(link["href"], {"decision": "confirmed",
                                       "reason": "same birth year and names"})
    assert done.status_code == 303
    confirmed = soup(browser.get("/review?status=confirmed"))
    assert confirmed.select_one(f'a[href="/review/{world.ids["candidate"]}"]') is not None


def test_statistics_suppress_small_counts(world: World) -> None:
    page = soup(world.signed_in("an1").get("/statistics"))
    tables = page.select("section.stat")
    assert len(tables) >= 5
    cells = [td.text for td in page.select("section.stat td.num")]
    assert "<5" in cells
    assert not [c for c in cells if c.isdigit() and 0 < int(c) < 5]


def test_admin_pages_create_disable_and_browse(world: World) -> None:
    browser = world.signed_in("admin1")
    short = browser.post("/admin/users", {"username": "newcw", "password": "short",
                                          "role": "caseworker"})
    assert short.status_code == 422 and soup(short).select_one("#e-password")
    made = browser.post("/admin/users", {"username": "newcw", "password": "p" * 14,
                                         "role": "caseworker", "team": "T1"})
    assert made.status_code == 200 and "newcw" in soup(made).select_one("#users").text
    assert world.client().sign_in("newcw", "p" * 14).status_code == 303
    assert browser.post("/admin/users/newcw/disable").status_code == 303
    blocked = world.client()
    assert blocked.post("/login", {"username": "newcw", "password": "p" * 14},
                        token=blocked.token()).status_code == 401
    log = soup(browser.get("/admin/audit", params={"action": "login"}))
    assert log.select_one("#chain.ok") is not None
    actions = {td.text for td in log.select("#audit tbody tr td:nth-of-type(4)")}
    assert actions == {"login"}
    assert browser.get("/admin/audit", params={"since": "yesterday"}).status_code == 422


def test_interface_switches_to_uyghur_right_to_left(world: World) -> None:
    browser = world.signed_in("ro1")
    switched = browser.post("/account/language", {"language": "ug", "next": "/cases"})
    assert switched.status_code == 303 and switched.headers["location"] == "/cases"
    page = soup(browser.get("/cases"))
    assert page.select_one("html")["dir"] == "rtl" and page.select_one("html")["lang"] == "ug"
    assert page.select_one("h1").text == "دېلولار"
    assert browser.post("/account/language", {"language": "xx"}).status_code == 422
    browser.post("/account/language", {"language": "en"})
    assert soup(browser.get("/cases")).select_one("html")["dir"] == "ltr"


def test_every_read_is_audited(world: World) -> None:
    browser = world.signed_in("ro1")
    browser.get(f"/cases/{world.ids['t1_case']}")
    browser.get(f"/persons/{world.ids['t1_child']}")
    admin = world.signed_in("admin1")
    log = soup(admin.get("/admin/audit", params={"actor": "ro1"})).select("#audit tbody tr")
    seen = [(r.select("td")[3].text, r.select("td")[4].text.split()[-1]) for r in log]
    assert ("read", world.ids["t1_case"]) in seen
    assert ("read", world.ids["t1_child"]) in seen
    assert re.search(r"\d+", soup(admin.get("/admin/audit")).select_one("#chain").text)


def test_visitors_choose_the_sign_in_language(world: World) -> None:
    browser = world.client()
    token = browser.token("/login")
    assert browser.post("/language", {"language": "xx"}, token=token).status_code == 422
    assert browser.post("/language", {"language": "ug"}, token=token).status_code == 303
    page = soup(browser.get("/login"))
    assert page.select_one("html")["dir"] == "rtl"
    assert page.select_one("h1").text == "كىرىش"
