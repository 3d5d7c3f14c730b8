"""A demo registry of fictional families, built through the same services as real work.

Every person, place detail and message here is invented. The situations follow the patterns
described in public human-rights reporting so that each record type is exercised.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from reunite.domain.advocacy import ApplicationKind, InterventionKind, StageKind
from reunite.domain.cases import CaseStatus, Priority
from reunite.domain.dates import BirthDate, FuzzyDate
from reunite.domain.events import EventKind, InstitutionKind
from reunite.domain.messages import Channel, Confidence
from reunite.domain.persons import (
    DocumentKind,
    DocumentStatus,
    NameKind,
    PersonStatus,
    Publication,
    RelationshipKind,
    Sex,
)
from reunite.domain.sources import Credibility, Reliability, SourceKind
from reunite.services import advocacy, cases, events, messages, persons, sources
from reunite.services.persons import DocumentInput, NameInput
from reunite.store.registry import Tx

DEMO_PASSPHRASE = "reunite-demo-passphrase"
G, F, FULL, ALIAS = NameKind.GIVEN, NameKind.FATHER, NameKind.FULL, NameKind.ALIAS


@dataclass(frozen=True)
class DemoRegistry:
    case_ids: tuple[str, ...]
    person_ids: dict[str, str]


def build_demo(tx: Tx) -> DemoRegistry:
    d = FuzzyDate.parse
    interview = sources.add_source(
        tx, kind=SourceKind.INTERVIEW, title="Intake interview with the mother (fictional)",
        reliability=Reliability.B, credibility=Credibility.PROBABLY_TRUE, obtained=d("2021-02-14"),
        description="Two-hour interview in Uyghur, notes taken by the caseworker.")
    video = sources.add_source(
        tx, kind=SourceKind.SOCIAL_MEDIA, title="Video posted on a relative's account",
        reliability=Reliability.F, credibility=Credibility.POSSIBLY_TRUE, obtained=d("2019-06"),
        description="Short video of a school courtyard; the mother recognised her daughter.")
    passport_scan = sources.add_source(
        tx, kind=SourceKind.DOCUMENT, title="Copy of the father's confiscation receipt",
        reliability=Reliability.A, credibility=Credibility.CONFIRMED, obtained=d("2021-02-14"))
    father_interview = sources.add_source(
        tx, kind=SourceKind.INTERVIEW, title="Interview with the father (fictional)",
        reliability=Reliability.B, credibility=Credibility.PROBABLY_TRUE, obtained=d("2022-05-03"))

    def person(names: list[NameInput], source: str, **kw: object) -> str:
        consent = kw.pop("consent", (True, False, Publication.NONE))
        p = persons.add_person(tx, names=names, source_ids=[source],
                               consent=consent, **kw)  # type: ignore[arg-type]
        return p.id

    ids = {
        "gulnar": person([NameInput("Gulnar", G), NameInput("Tursun", F),
                          NameInput("گۈلنار تۇرسۇن", FULL, "ug")], interview.id, sex=Sex.FEMALE,
                         birth=BirthDate.parse("1986"), hometown="Hotan",
                         status=PersonStatus.ABROAD,
                         contacts=[("phone", "+90 555 000 0000")],
                         consent=(True, True, Publication.NAMED)),
        "ablikim": person([NameInput("Ablikim", G), NameInput("Memet", F),
                           NameInput("阿不力克木·买买提", FULL, "zh")], interview.id, sex=Sex.MALE,
                          birth=BirthDate.parse("1982"), hometown="Hotan",
                          status=PersonStatus.DETAINED,
                          documents=[DocumentInput(DocumentKind.PASSPORT,
                                                   DocumentStatus.CONFISCATED, "E00000000", "CN")]),
        "mihriban": person([NameInput("Mihriban", G), NameInput("Ablikim", F),
                            NameInput("مىھرىبان", G, "ug"),
                            NameInput("米日班·阿不力克木", FULL, "zh")],
                           interview.id, sex=Sex.FEMALE,
                           birth=BirthDate.parse("age 5 on 2016-11-15"),
                           hometown="Hotan", status=PersonStatus.IN_INSTITUTION,
                           documents=[DocumentInput(DocumentKind.PASSPORT,
                                                    DocumentStatus.NEVER_ISSUED)]),
        "abdulla": person([NameInput("Abdulla", G), NameInput("Ablikim", F),
                           NameInput("ئابدۇللا", G, "ug")], interview.id, sex=Sex.MALE,
                          birth=BirthDate.parse("age 6 on 2016-11-15"), hometown="Hotan",
                          status=PersonStatus.MISSING),
        "aygul": person([NameInput("Aygul", G), NameInput("Tohti", F)], interview.id,
                        sex=Sex.FEMALE, birth=BirthDate.parse("1955"), hometown="Hotan",
                        status=PersonStatus.DETAINED),
        "ekber": person([NameInput("Ekber", G), NameInput("Hesen", F),
                         NameInput("Akbar Hasan", ALIAS, "en")], father_interview.id,
                        sex=Sex.MALE, birth=BirthDate.parse("1979"), hometown="Kashgar",
                        status=PersonStatus.ABROAD,
                        consent=(True, False, Publication.PSEUDONYMOUS)),
        "yusup": person([NameInput("Yüsüp", G), NameInput("Ekber", F),
                         NameInput("玉素甫·艾克拜尔", FULL, "zh")], father_interview.id,
                        sex=Sex.MALE, birth=BirthDate.parse("age 3 on 2017-05"),
                        hometown="Kashgar", status=PersonStatus.MISSING),
    }
    p = ids
    for a, relation, b, src in (
        ("gulnar", RelationshipKind.PARENT, "mihriban", interview.id),
        ("gulnar", RelationshipKind.PARENT, "abdulla", interview.id),
        ("ablikim", RelationshipKind.PARENT, "mihriban", interview.id),
        ("ablikim", RelationshipKind.PARENT, "abdulla", interview.id),
        ("gulnar", RelationshipKind.SPOUSE, "ablikim", interview.id),
        ("mihriban", RelationshipKind.SIBLING, "abdulla", interview.id),
        ("aygul", RelationshipKind.GRANDPARENT, "mihriban", interview.id),
        ("aygul", RelationshipKind.CARETAKER, "abdulla", interview.id),
        ("ekber", RelationshipKind.PARENT, "yusup", father_interview.id),
    ):
        persons.relate(tx, from_person=p[a], kind=relation, to_person=p[b], source_ids=[src])

    case1 = cases.open_case(
        tx, searchers=[p["gulnar"]], sought=[p["mihriban"], p["abdulla"]],
        others=[p["ablikim"], p["aygul"]], organisation="Demo Families Association",
        priority=Priority.URGENT, opened_on=date(2021, 2, 14),
        summary="Mother abroad since 2016; two children left with their grandmother in Hotan.")
    kindergarten = events.add_institution(
        tx, kind=InstitutionKind.KINDERGARTEN, place="Hotan",
        names=["Boarding kindergarten no. 0 (fictional)", "0-خوتەن يەسلىسى"])
    for kind, when, who, src, extra in (
        (EventKind.DEPARTED, "2016-04", ["gulnar"], interview.id,
         {"description": "left for Istanbul to give birth abroad"}),
        (EventKind.PASSPORT_CONFISCATED, "2016-10-20", ["ablikim"], passport_scan.id,
         {"place": "Hotan"}),
        (EventKind.LAST_CONTACT, "late 2016", ["mihriban", "abdulla", "gulnar"], interview.id,
         {"description": "last video call through the grandmother's phone"}),
        (EventKind.DETAINED, "2017-03", ["ablikim"], interview.id, {"place": "Hotan"}),
        (EventKind.CARETAKER_DETAINED, "spring 2017", ["aygul"], interview.id, {}),
        (EventKind.TAKEN_TO_INSTITUTION, "summer 2017", ["mihriban"], interview.id,
         {"institution_id": kindergarten.id}),
        (EventKind.SEEN, "2019-06", ["mihriban"], video.id,
         {"description": "seen in a school courtyard video", "institution_id": kindergarten.id}),
    ):
        events.add_event(tx, kind=kind, when=d(when), participants=[p[w] for w in who],
                         source_ids=[src], case_id=case1.id, **extra)
    msg = messages.add_message(
        tx, case_id=case1.id, from_person=p["aygul"], channel=Channel.VOICE_MESSAGE,
        when=d("2017-02"), text="Don't call again. There are cadres at home.",
        language="ug", source_ids=[interview.id])
    messages.interpret(tx, message_id=msg.id, meaning="Officials were present in the house; "
                     "the grandmother could not talk freely.", by="caseworker",
                     confidence=Confidence.HIGH)
    msg2 = messages.add_message(
        tx, case_id=case1.id, from_description="a cousin, by a third person",
        channel=Channel.THIRD_PARTY, when=d("2018"), text="Ablikim went to study.",
        source_ids=[interview.id])
    messages.interpret(tx, message_id=msg2.id, meaning="Coded phrase: taken to a camp.",
                     by="caseworker", confidence=Confidence.MEDIUM)
    letter = advocacy.add_intervention(
        tx, case_id=case1.id, kind=InterventionKind.LETTER, sender="Gulnar Tursun",
        recipient="Ministry of Foreign Affairs (host country)", sent_on=date(2021, 3, 10),
        follow_up_on=date(2021, 6, 10))
    advocacy.add_intervention(
        tx, case_id=case1.id, kind=InterventionKind.DIPLOMATIC_NOTE,
        sender="Demo Families Association", recipient="Embassy of the host country in Beijing",
        sent_on=date(2022, 1, 5), follow_up_on=date(2022, 4, 5))
    advocacy.record_response(tx, intervention_id=letter.id, response="Acknowledged receipt only.",
                             response_on=date(2021, 7, 1), follow_up_on=date(2021, 10, 1))
    app = advocacy.add_application(
        tx, case_id=case1.id, person_id=p["mihriban"], country="TR",
        kind=ApplicationKind.FAMILY_REUNIFICATION, reference="FR-0000-DEMO",
        filed_on=date(2020, 1, 15))
    advocacy.add_stage(tx, application_id=app.id, stage=StageKind.REFUSED, on=date(2020, 9, 2),
                       note="child must apply in person")
    advocacy.add_stage(tx, application_id=app.id, stage=StageKind.APPEALED, on=date(2020, 10, 1))
    cases.set_status(tx, case_id=case1.id, status=CaseStatus.TRACING)

    case2 = cases.open_case(
        tx, searchers=[p["ekber"]], sought=[p["yusup"]], organisation="Demo Families Association",
        priority=Priority.HIGH, opened_on=date(2022, 5, 3),
        summary="Father abroad; son left with relatives in Kashgar.")
    events.add_event(tx, kind=EventKind.LAST_CONTACT, when=d("2017-05-12"),
                     participants=[p["yusup"], p["ekber"]], source_ids=[father_interview.id],
                     case_id=case2.id, description="phone call with the relatives")
    advocacy.add_intervention(
        tx, case_id=case2.id, kind=InterventionKind.UN_SUBMISSION, sender="Ekber Hesen",
        recipient="UN Working Group on Enforced or Involuntary Disappearances",
        sent_on=date(2022, 6, 1), follow_up_on=date(2022, 12, 1))
    return DemoRegistry((case1.id, case2.id), ids)
