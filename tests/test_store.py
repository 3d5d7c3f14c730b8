"""Round trips of every record type, on SQLite and PostgreSQL; migrations from empty."""

from datetime import date

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, select, update

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
    Script,
    Sex,
)
from reunite.domain.sources import Credibility, Reliability, SourceKind
from reunite.errors import LockedError, NotInitialised, TamperedData
from reunite.services import advocacy, cases, events, messages, persons, sources
from reunite.services.persons import DocumentInput, NameInput
from reunite.store import advocacy as advocacy_store
from reunite.store import events as event_store
from reunite.store import messages as message_store
from reunite.store import migrate
from reunite.store import persons as person_store
from reunite.store import sources as source_store
from reunite.store.registry import Registry
from reunite.store.tables import change_log, metadata
from reunite.store.tables import persons as persons_table

from .conftest import PASSPHRASE


def test_migrations_from_empty_database_match_the_tables(engine):
    assert migrate.current_revision(engine) is None
    migrate.upgrade(engine)
    assert migrate.current_revision(engine) == migrate.head_revision()
    with engine.connect() as conn:
        diffs = compare_metadata(MigrationContext.configure(conn), metadata)
    assert diffs == []
    assert set(inspect(engine).get_table_names()) >= {t.name for t in metadata.sorted_tables}


def _source(tx, title="Interview"):
    return sources.add_source(tx, kind=SourceKind.INTERVIEW, title=title,
                              reliability=Reliability.B, credibility=Credibility.PROBABLY_TRUE,
                              obtained=FuzzyDate.parse("2021-02"), description="notes")


def test_source_round_trip(registry):
    with registry.transaction() as tx:
        written = _source(tx)
    with registry.transaction() as tx:
        assert source_store.get_source(tx, written.id) == written


def test_person_round_trip_with_every_part(registry):
    with registry.transaction() as tx:
        src = _source(tx)
        written = persons.add_person(
            tx, names=[NameInput("Mihriban", NameKind.GIVEN),
                       NameInput("مىھرىبان", NameKind.GIVEN, "ug"),
                       NameInput("米日班·阿不力克木", NameKind.FULL, "zh"),
                       NameInput("Миһрибан", NameKind.ALIAS, "ug-cyrl")],
            source_ids=[src.id], sex=Sex.FEMALE, birth=BirthDate.parse("age 5 on 2016-11-15"),
            hometown="Hotan", status=PersonStatus.IN_INSTITUTION, notes="testimony text",
            documents=[DocumentInput(DocumentKind.PASSPORT, DocumentStatus.CONFISCATED,
                                     "E1234", "cn")],
            contacts=[("phone", "+90 555")],
            consent=(True, False, Publication.PSEUDONYMOUS))
    with registry.transaction() as tx:
        read = person_store.get_person(tx, written.id)
        consent = person_store.current_consent(tx, written.id)
    assert read == written
    assert [n.script for n in read.names] == [Script.LATIN, Script.ARABIC, Script.HAN,
                                              Script.CYRILLIC]
    assert read.documents[0].country == "CN" and read.documents[0].number == "E1234"
    assert read.birth.year_range() == (2010, 2011)
    assert (consent.tracing, consent.sharing, consent.publication) == (
        True, False, Publication.PSEUDONYMOUS)
    assert consent.recorded_by == "tester"


def _family(tx):
    src = _source(tx)
    mother = persons.add_person(tx, names=[NameInput("Gulnar", NameKind.GIVEN)],
                                source_ids=[src.id])
    child = persons.add_person(tx, names=[NameInput("Mihriban", NameKind.GIVEN)],
                               source_ids=[src.id])
    case = cases.open_case(tx, searchers=[mother.id], sought=[child.id],
                           organisation="Org", priority=Priority.HIGH, summary="summary text",
                           opened_on=date(2021, 2, 14))
    return src, mother, child, case


def test_relationship_case_event_message_round_trip(registry):
    with registry.transaction() as tx:
        src, mother, child, case = _family(tx)
        rel = persons.relate(tx, from_person=mother.id, kind=RelationshipKind.PARENT,
                             to_person=child.id, source_ids=[src.id])
        inst = events.add_institution(tx, kind=InstitutionKind.KINDERGARTEN,
                                      names=["Kindergarten", "يەسلى"], place="Hotan")
        event = events.add_event(tx, kind=EventKind.TAKEN_TO_INSTITUTION,
                                 when=FuzzyDate.parse("summer 2017"), source_ids=[src.id],
                                 participants=[child.id], case_id=case.id, place="Hotan",
                                 institution_id=inst.id, description="seen taken away")
        message = messages.add_message(tx, case_id=case.id, text="There are cadres at home.",
                                     channel=Channel.VOICE_MESSAGE,
                                     when=FuzzyDate.parse("2017-02"), source_ids=[src.id],
                                     from_person=mother.id, language="ug")
        reading = messages.interpret(tx, message_id=message.id, meaning="officials present",
                                   by="caseworker", confidence=Confidence.HIGH)
    with registry.transaction() as tx:
        assert person_store.relationships_of(tx, child.id) == [rel]
        # what the other person is to the one looking
        assert rel.seen_from(child.id) == (RelationshipKind.PARENT, mother.id)
        assert rel.seen_from(mother.id) == (RelationshipKind.CHILD, child.id)
        assert cases.get_case(tx, case_id=case.id) == case
        assert event_store.get_events(tx, case_id=case.id) == [event]
        assert event_store.get_institutions(tx)[inst.id] == inst
        read = message_store.get_message(tx, message.id)
    assert read.text == "There are cadres at home."
    assert read.interpretations == (reading,)  # the reading is kept apart from the text


def test_intervention_and_application_round_trip(registry):
    with registry.transaction() as tx:
        _, _, child, case = _family(tx)
        letter = advocacy.add_intervention(tx, case_id=case.id, kind=InterventionKind.LETTER,
                                           sender="mother", recipient="Ministry",
                                           sent_on=date(2021, 3, 10),
                                           follow_up_on=date(2021, 6, 10))
        app = advocacy.add_application(tx, case_id=case.id, person_id=child.id, country="tr",
                                       kind=ApplicationKind.FAMILY_REUNIFICATION,
                                       reference="REF-1", filed_on=date(2020, 1, 15))
        app = advocacy.add_stage(tx, application_id=app.id, stage=StageKind.REFUSED,
                                 on=date(2020, 9, 2), note="in person only")
    with registry.transaction() as tx:
        assert advocacy_store.get_intervention(tx, letter.id) == letter
        read = advocacy_store.get_application(tx, app.id)
    assert read == app
    assert [s.stage for s in read.stages] == [StageKind.FILED, StageKind.REFUSED]
    assert read.current_stage.stage is StageKind.REFUSED and read.country == "TR"


def test_closing_a_case_is_recorded_and_attributed(registry):
    with registry.transaction() as tx:
        _, _, _, case = _family(tx)
        cases.close_case(tx, case_id=case.id, reason="reunited in Istanbul")
    with registry.transaction() as tx:
        read = cases.get_case(tx, case_id=case.id)
        log = tx.conn.execute(select(change_log.c.actor, change_log.c.action, change_log.c.fields)
                              .where(change_log.c.row_id == case.id)
                              .order_by(change_log.c.id)).all()
    assert read.status is CaseStatus.CLOSED and read.close_reason == "reunited in Istanbul"
    assert [(a, act) for a, act, _ in log] == [("tester", "create"), ("tester", "update")]
    assert "close_reason" in log[1][2]


def test_tampered_ciphertext_is_detected_on_read(registry, engine):
    with registry.transaction() as tx:
        _, mother, child, _ = _family(tx)
    with engine.begin() as conn:  # move the mother's notes ciphertext onto the child's row
        blob = conn.scalar(select(persons_table.c.notes_enc)
                           .where(persons_table.c.id == mother.id))
        conn.execute(update(persons_table).where(persons_table.c.id == child.id)
                     .values(notes_enc=blob))
    with registry.transaction() as tx, pytest.raises(TamperedData, match=child.id):
        person_store.get_person(tx, child.id)


def test_wrong_passphrase_and_uninitialised_database(engine):
    with pytest.raises(NotInitialised):
        Registry.open(engine, PASSPHRASE, "x")
    Registry.create(engine, PASSPHRASE, "x")
    with pytest.raises(LockedError):
        Registry.open(engine, PASSPHRASE + "!", "x")
    assert Registry.open(engine, PASSPHRASE, "x").actor == "x"


def test_long_id_lists_are_read_in_chunks(registry):
    """SQLite refuses more than 32,766 parameters in one statement: a registry of that many
    persons must still be readable whole (dedupe, search baseline)."""
    from reunite.services.demo import build_demo
    from reunite.store.persons import get_persons, tracing_allowed

    with registry.transaction() as tx:
        build_demo(tx)
        real = sorted(get_persons(tx))
        assert len(real) > 5
        ids = [f"P-{n:012d}" for n in range(40_000)] + real
        assert sorted(get_persons(tx, ids)) == real
        assert tracing_allowed(tx, ids) <= set(real)
