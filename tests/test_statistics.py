"""Statistics: every chart and every downloadable table carries only what suppression allows.

The population below is built so that some groups are large (nine children from Kashgar,
missing since 2017; six from Aksu) and some small (two from Hotan, detained since 2018; one from
Turpan; one held in a boarding school; interventions of a month that got a single answer)."""

from __future__ import annotations

import csv
import io
import re
import subprocess
from datetime import date
from pathlib import Path

import pytest
from PIL import Image

from reunite.domain.access import Actor, Role, local_actor
from reunite.domain.advocacy import InterventionKind
from reunite.domain.dates import FuzzyDate
from reunite.domain.events import EventKind, InstitutionKind
from reunite.domain.persons import NameKind, PersonStatus, Sex
from reunite.domain.sources import Credibility, Reliability, SourceKind
from reunite.domain.statistics import MIN_CELL, suppress, suppress_months
from reunite.errors import NotFound
from reunite.reports.statistics import render_csv, render_fragment, render_pdf
from reunite.services import advocacy, audit, cases, events, persons, sources
from reunite.services.persons import NameInput
from reunite.services.statistics import statistics
from reunite.web.i18n import load_languages
from tests.webworld import World

ARTIFACTS = Path(__file__).parent.parent / "test-artifacts"
AS_OF = date(2026, 11, 1)
EN = load_languages()["en"]


def _child(tx, source: str, n: int, hometown: str, status: PersonStatus) -> str:
    return persons.add_person(tx, names=[NameInput(f"Child{n:02d}", NameKind.GIVEN)],
                              source_ids=[source], sex=Sex.FEMALE if n % 2 else Sex.MALE,
                              hometown=hometown, status=status).id


@pytest.fixture
def population(registry):
    with registry.transaction() as tx:
        src = sources.add_source(tx, kind=SourceKind.INTERVIEW, title="intake",
                                 reliability=Reliability.B, credibility=Credibility("2")).id
        orphanage = events.add_institution(tx, kind=InstitutionKind.ORPHANAGE,
                                           names=["Orphanage 1"]).id
        school = events.add_institution(tx, kind=InstitutionKind.BOARDING_SCHOOL,
                                        names=["School 1"]).id
        parent = persons.add_person(tx, names=[NameInput("Parent", NameKind.GIVEN)],
                                    source_ids=[src], status=PersonStatus.ABROAD).id
        kindergarten = events.add_institution(tx, kind=InstitutionKind.KINDERGARTEN,
                                              names=["Kindergarten 1"]).id
        groups = [*[("Kashgar", PersonStatus.MISSING, "2017-05")] * 9,
                  *[("Aksu", PersonStatus.IN_INSTITUTION, "2019")] * 6,
                  *[("Hotan", PersonStatus.DETAINED, "2018")] * 2,
                  ("Turpan", PersonStatus.RELEASED, "2016")]
        held = {**dict.fromkeys(range(6), orphanage), 15: school, 17: kindergarten}
        case_ids = []
        for n, (hometown, status, contact) in enumerate(groups):
            child = _child(tx, src, n, hometown, status)
            case_ids.append(cases.open_case(tx, searchers=[parent], sought=[child],
                                            organisation="Org", opened_on=date(2021, 1, 5)).id)
            events.add_event(tx, kind=EventKind.LAST_CONTACT, when=FuzzyDate.parse(contact),
                             source_ids=[src], participants=[child])
            if n in held:
                events.add_event(tx, kind=EventKind.TAKEN_TO_INSTITUTION,
                                 when=FuzzyDate.parse("2018-03"), source_ids=[src],
                                 participants=[child], institution_id=held[n])
        # March 2021: 7 letters, one answered; May 2021: 10, five answered; June 2021: 2
        for month, count, answered in (("2021-03", 7, 1), ("2021-05", 10, 5), ("2021-06", 2, 0)):
            for k in range(count):
                sent = date.fromisoformat(f"{month}-1{k % 9}")
                advocacy.add_intervention(
                    tx, case_id=case_ids[k], kind=InterventionKind.LETTER, sender="Org",
                    recipient="Ministry", sent_on=sent,
                    response="acknowledged" if k < answered else "",
                    response_on=sent if k < answered else None)
    return registry


def _stats(registry, actor=None):
    actor = actor or local_actor("tester")
    with registry.transaction(actor.username) as tx:
        return statistics(tx, actor, as_of=AS_OF)


def test_small_cells_are_suppressed_in_the_figures(population) -> None:
    stats = _stats(population)
    by_place = {c.label: c.count for c in stats.table("sought_by_prefecture").cells}
    assert by_place == {"Qeshqer": 9, "Aqsu": 6, "Xoten": None, "Turpan": None}
    by_status = {c.label: c.count for c in stats.table("sought_by_status").cells}
    assert by_status == {"missing": 9, "in_institution": 6, "detained": None, "released": None}
    years = {c.label: c.count for c in stats.table("sought_by_last_contact_year").cells}
    assert list(years.items()) == [("2016", None), ("2017", 9), ("2018", None), ("2019", 6)]
    held = {c.label: c.count for c in stats.table("sought_by_institution_kind").cells}
    assert held == {"orphanage": 6, "boarding_school": None, "kindergarten": None,
                    "none recorded": 10}
    assert stats.table("sought_by_prefecture").total == 18
    months = {m.month: (m.sent, m.unanswered) for m in stats.months}
    # June's 2 is suppressed, and March's 7 with it (else 19 - 10 - 2 = 7 gives June away);
    # March's single answer would follow from its unanswered count, so that is withheld too
    assert months == {"2021-03": (None, None), "2021-04": (0, 0), "2021-05": (10, 5),
                      "2021-06": (None, None)}
    assert stats.months[2].share_unanswered == 0.5


def _numbers(svg: str) -> list[int]:
    return [int(n) for n in re.findall(r">(\d+)<", svg)]


def test_suppressed_cells_are_absent_from_the_charts_and_the_csv(population) -> None:
    stats = _stats(population)
    page = str(render_fragment(stats, EN))
    charts = re.findall(r"<svg.*?</svg>", page, flags=re.S)
    assert len(charts) == len(stats.tables) + 1
    drawn = " ".join(charts)
    assert "Qeshqer" in drawn and "Aqsu" in drawn
    assert "Xoten" not in drawn and "Turpan" not in drawn
    assert "boarding school" not in drawn and "orphanage" in drawn
    assert not [n for n in _numbers(drawn) if 0 < n < MIN_CELL]
    assert "2021-03: 7" not in drawn and "2021-05: 5 / 10" in drawn
    rows = list(csv.DictReader(io.StringIO(render_csv(stats))))
    assert {r["table"] for r in rows} >= {t.key for t in stats.tables}
    hidden = [r for r in rows if r["suppressed"] == "yes"]
    labels = {r["label"] for r in hidden}
    assert {"Xoten", "Turpan", "detained", "2018", "boarding_school"} <= labels
    assert all(r["count"] == "" for r in hidden)
    assert not [r for r in rows if r["count"] and 0 < int(r["count"]) < MIN_CELL]
    hotan = [r for r in rows if r["label"] == "Xoten"]
    assert hotan == [{"table": "sought_by_prefecture", "label": "Xoten", "count": "",
                      "suppressed": "yes"}]


def test_statistics_need_their_permission_and_are_audited(population) -> None:
    caseworker = Actor("u1", "cw1", Role.CASEWORKER, "T1")
    with pytest.raises(NotFound):
        _stats(population, caseworker)
    analyst = Actor("u2", "an1", Role.ANALYST, "")
    _stats(population, analyst)
    with population.transaction() as tx:
        reads = audit.browse(tx, action="read", actor="an1")
    assert [r.object_kind for r in reads] == ["statistics"]


def test_the_statistics_pdf_shows_the_charts_in_uyghur(population, tmp_path: Path) -> None:
    stats = _stats(population)
    pdf = tmp_path / "s.pdf"
    pdf.write_bytes(render_pdf(stats, load_languages()["ug"], made_by="tester"))
    text = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True,
                          text=True).stdout
    ug = load_languages()["ug"]
    assert ug.gettext("Statistics") in text and "Qeshqer" in text
    assert ug.gettext("Sought persons by year of last contact") in text
    ARTIFACTS.mkdir(exist_ok=True)
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile",
                    str(pdf), str(ARTIFACTS / "statistics-ug")], check=True)
    with Image.open(ARTIFACTS / "statistics-ug.png") as page:
        colours = page.convert("RGB").getcolors(maxcolors=1 << 24) or []
    ink = sum(n for n, (r, g, b) in colours if abs(r - 0x2F) < 12 and abs(g - 0x5D) < 12
              and abs(b - 0x8A) < 12)
    assert ink > 200, "the charts' bars are drawn"


@pytest.mark.parametrize(("counts", "hidden"), [
    ({"a": 9, "b": 3}, {"a", "b"}),  # one small cell: the next smallest goes with it
    ({"a": 9, "b": 3, "c": 2}, {"b", "c"}),
    ({"a": 9, "b": 0}, set()),  # zero singles nobody out
    ({"a": 9, "b": 7, "c": 1}, {"b", "c"}),
])
def test_suppression_rule(counts, hidden) -> None:
    from collections import Counter

    table = suppress("k", "t", Counter(counts))
    assert {c.label for c in table.cells if c.count is None} == hidden


def test_months_without_an_intervention_count_as_zero() -> None:
    from collections import Counter

    months = suppress_months(Counter({"2020-11": 6, "2021-02": 8}), Counter({"2020-11": 6}))
    assert [m.month for m in months] == ["2020-11", "2020-12", "2021-01", "2021-02"]
    # all six unanswered: the answered count (0) is not small, so the share may be shown
    assert months[0].share_unanswered == 1.0 and months[3].unanswered == 0


def test_statistics_page_and_downloads(world: World) -> None:
    browser = world.signed_in("an1")
    page = browser.get("/statistics")
    assert page.status_code == 200 and page.text.count('<section class="stat"') == 9
    assert page.text.count("<svg") >= 1  # a chart only where some cell may be drawn
    assert "<script" not in page.text.split("<main", 1)[-1]
    table = browser.get("/statistics.csv")
    assert table.status_code == 200 and table.headers["content-type"].startswith("text/csv")
    assert table.text.startswith("table,label,count,suppressed")
    assert not [r for r in csv.DictReader(io.StringIO(table.text))
                if r["count"] and 0 < int(r["count"]) < MIN_CELL]
    document = browser.get("/statistics.pdf")
    assert document.status_code == 200 and document.content.startswith(b"%PDF")
    assert world.signed_in("cw1").get("/statistics.csv").status_code == 403
