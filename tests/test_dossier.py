"""Dossiers: consent per audience, the audit entry with the document's hash, Uyghur and
Chinese text in the PDF, and one set of case facts across the case page, the CLI and the
dossier."""

from __future__ import annotations

import hashlib
import subprocess
from datetime import date
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from reunite.domain.access import Actor, Role, local_actor
from reunite.domain.dates import FuzzyDate
from reunite.domain.disclosure import Audience, disclosure
from reunite.domain.events import EventKind
from reunite.domain.persons import Consent, Publication
from reunite.errors import NotFound
from reunite.reports.dossier import render_pdf
from reunite.services import audit, events, persons
from reunite.services.case_file import case_file, name_forms
from reunite.services.demo import build_demo
from reunite.services.dossier import export_dossier
from reunite.store.persons import get_persons
from reunite.web.i18n import load_languages
from tests.conftest import Cli
from tests.webworld import PASSPHRASE as WEB_PASSPHRASE
from tests.webworld import World

ARTIFACTS = Path(__file__).parent.parent / "test-artifacts"
AS_OF = date(2026, 11, 23)
LANGUAGES = load_languages()


def _consent(tracing: bool, sharing: bool, publication: Publication) -> Consent:
    from datetime import UTC, datetime

    return Consent(tracing, sharing, publication, "tester", datetime.now(UTC))


@pytest.mark.parametrize(("consent", "expected"), [
    ((True, True, Publication.NONE), {"lawyer": "named", "ministry": "named", "un": "named",
                                      "public": "withheld"}),
    ((False, False, Publication.NAMED), {a.value: "named" for a in Audience}),
    ((True, False, Publication.NONE), {"lawyer": "pseudonymous", "ministry": "pseudonymous",
                                       "un": "pseudonymous", "public": "withheld"}),
    ((False, False, Publication.NONE), {"lawyer": "pseudonymous", "ministry": "withheld",
                                        "un": "withheld", "public": "withheld"}),
    ((False, False, Publication.PSEUDONYMOUS), {a.value: "pseudonymous" for a in Audience}),
])
def test_disclosure_by_consent_and_audience(consent, expected) -> None:
    got = {a.value: disclosure(_consent(*consent), a).value for a in Audience}
    assert got == expected


def _pdf_text(content: bytes, tmp_path: Path) -> str:
    path = tmp_path / "d.pdf"
    path.write_bytes(content)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True,
                          capture_output=True, text=True).stdout


def _make(registry, actor, case_id, audience, lang="en"):
    language = LANGUAGES[lang]
    with registry.transaction() as tx:
        return export_dossier(tx, actor, case_id, audience=audience, language=lang,
                              as_of=AS_OF, render=lambda v: render_pdf(v, language))


@pytest.fixture
def demo(registry):
    with registry.transaction() as tx:
        built = build_demo(tx)
        child = built.person_ids["mihriban"]
        source = get_persons(tx, [child])[child].source_ids
        # a description that quotes a child's name: it must not leak where she is not named
        events.add_event(tx, kind=EventKind.SEEN, when=FuzzyDate.parse("2020-05"),
                         source_ids=source, participants=[child], case_id=built.case_ids[0],
                         description="a neighbour saw Mihriban near the school gate")
    with registry.transaction() as tx:  # a later statement than the demo's own
        # the brother's family agreed to share with partner organisations, not to publish
        persons.record_consent(tx, person_id=built.person_ids["abdulla"], tracing=True,
                               sharing=True, publication=Publication.NONE)
    return built


def _all_names(registry, person_id) -> set[str]:
    with registry.transaction() as tx:
        person = get_persons(tx, [person_id])[person_id]
    names = {person.display_name(), *(n.text for n in person.names)}
    names |= {form for _, form in name_forms(person)}
    return {n for n in names if len(n) >= 3}


@pytest.mark.parametrize("audience", list(Audience))
def test_dossier_names_only_whom_consent_allows(registry, demo, audience, tmp_path) -> None:
    case_id = demo.case_ids[0]
    made = _make(registry, local_actor("tester"), case_id, audience)
    text = _pdf_text(made.content, tmp_path)
    assert made.content.startswith(b"%PDF")
    assert "Gulnar Tursun" in text  # consented to be named publicly
    abdulla = demo.person_ids["abdulla"]
    named = {w for n in _all_names(registry, demo.person_ids["gulnar"]) for w in n.split()}
    if audience is Audience.PUBLIC:
        leaked = [n for n in _all_names(registry, abdulla) if n in text]
        assert leaked == []
    else:
        assert "Abdulla Ablikim" in text
        # a named brother's name carries the father's name he shares with his sister
        named |= {w for n in _all_names(registry, abdulla) for w in n.split()}
    for hidden in ("mihriban", "aygul"):
        leaked = [n for n in _all_names(registry, demo.person_ids[hidden])
                  if n in text and n not in named]
        assert leaked == [], f"{hidden}: {leaked}"
    if audience is Audience.PUBLIC:
        assert "Child 1" in text and "born about" not in text  # withheld: the label only
    else:
        assert "Child 1, girl, born about 2010-2011" in text
        assert "a neighbour saw Child 1 near the school gate" in text
    assert f"data version {made.view.version}" in " ".join(text.split())


def test_dossier_export_is_audited_with_the_documents_hash(registry, demo) -> None:
    made = _make(registry, local_actor("tester"), demo.case_ids[0], Audience.UN)
    assert made.sha256 == hashlib.sha256(made.content).hexdigest()
    with registry.transaction() as tx:
        exports = audit.browse(tx, action="export")
        assert audit.verify_chain(tx).ok
    assert len(exports) == 1
    assert exports[0].object_id == demo.case_ids[0]
    assert f"sha256={made.sha256}" in exports[0].detail
    assert "audience=un" in exports[0].detail


def test_a_forbidden_case_answers_like_a_missing_one(registry, demo) -> None:
    outsider = Actor("u1", "cw9", Role.CASEWORKER, "T9")
    analyst = Actor("u2", "an9", Role.ANALYST, "")
    answers = []
    for actor, case_id in ((outsider, demo.case_ids[0]), (analyst, demo.case_ids[0]),
                           (local_actor("tester"), "C-0000000000ZZ")):
        with pytest.raises(NotFound) as refused:
            _make(registry, actor, case_id, Audience.LAWYER)
        answers.append(str(refused.value).replace(case_id, "ID"))
    assert len(set(answers)) == 1, answers


def test_uyghur_dossier_shows_arabic_script_and_chinese(registry, demo, tmp_path) -> None:
    made = _make(registry, local_actor("tester"), demo.case_ids[0], Audience.LAWYER, "ug")
    text = _pdf_text(made.content, tmp_path)
    assert "گۈلنار" in text  # the mother's name as recorded in Arabic script
    assert "古丽娜尔" in text  # and read into Chinese characters
    assert "Гүлнар" in text  # and Cyrillic
    ARTIFACTS.mkdir(exist_ok=True)
    pdf = ARTIFACTS / f"dossier-ug-{registry.engine.dialect.name}.pdf"
    pdf.write_bytes(made.content)
    subprocess.run(["pdftoppm", "-r", "80", "-png", "-f", "1", "-l", "1", "-singlefile",
                    str(pdf), str(pdf.with_suffix(""))], check=True)
    assert pdf.with_suffix(".png").stat().st_size > 10_000


def test_case_page_cli_and_dossier_show_the_same_facts(world: World, tmp_path) -> None:
    case_id = world.ids["t1_case"]
    page = BeautifulSoup(world.signed_in("cw1").get(f"/cases/{case_id}").text, "html.parser")
    page_dates = [w.text.strip() for w in page.select("#timeline li.entry .when")]
    page_grades = sorted(g.text for g in page.select("#timeline .source .grade"))
    cli = Cli(world.db_url, passphrase=WEB_PASSPHRASE)
    shown = cli.json("case", "show", case_id)
    cli_dates = [e["when"]["text"] for e in shown["entries"]]
    cli_grades = sorted(f"{s['reliability']}{s['credibility']}" for e in shown["entries"]
                        for s in e["sources"])
    assert page_dates == cli_dates and len(cli_dates) >= 8
    assert page_grades == cli_grades
    download = world.signed_in("cw1").get(f"/cases/{case_id}/dossier?audience=lawyer&lang=en")
    assert download.status_code == 200
    assert download.headers["content-type"] == "application/pdf"
    assert download.headers["x-content-sha256"] == hashlib.sha256(download.content).hexdigest()
    text = " ".join(_pdf_text(download.content, tmp_path).split())
    for when in cli_dates:
        assert when in text
    waiting = [i["days_waiting"] for i in shown["interventions"] if i["days_waiting"]]
    assert waiting and all(str(days) in page.select_one("#interventions").text
                           for days in waiting)
    sought = [p for p in shown["persons"] if p["role"] == "sought"]
    assert [p["person"]["id"] for p in sought] == [
        a["href"].rsplit("/", 1)[1] for a in page.select("#sought li > a")]


def test_dossier_of_another_teams_case_is_refused_like_a_missing_one(world: World) -> None:
    browser = world.signed_in("cw2")
    other = browser.get(f"/cases/{world.ids['t1_case']}/dossier?audience=lawyer")
    missing = browser.get("/cases/C-0000000000ZZ/dossier?audience=lawyer")
    assert other.status_code == missing.status_code == 404
    bad = browser.get(f"/cases/{world.ids['t2_case']}/dossier?audience=press")
    assert bad.status_code in (400, 422)


def test_case_file_read_is_audited(registry, demo) -> None:
    with registry.transaction() as tx:
        case_file(tx, local_actor("tester"), demo.case_ids[0], as_of=AS_OF)
    with registry.transaction() as tx:
        reads = audit.browse(tx, action="read", object_id=demo.case_ids[0])
    assert [r.detail for r in reads] == ["case file"]
