"""Search through the name index, on SQLite and PostgreSQL."""

import pytest
from alembic import command
from sqlalchemy import func, inspect, select

from reunite.domain.dates import BirthDate, FuzzyDate
from reunite.domain.persons import NameKind, Publication, Sex
from reunite.domain.sources import Credibility, Reliability, SourceKind
from reunite.services import persons, sources
from reunite.services.persons import NameInput
from reunite.services.search import compare_person, search_persons
from reunite.services.setup import open_registry
from reunite.store import migrate
from reunite.store.tables import name_index

from .conftest import PASSPHRASE


def _add(tx, src, given, father, sex=Sex.UNKNOWN, born=None, tracing=True):
    return persons.add_person(
        tx, names=[NameInput(given, NameKind.GIVEN), NameInput(father, NameKind.FATHER)],
        source_ids=[src], sex=sex, birth=BirthDate.parse(born) if born else None,
        consent=(tracing, False, Publication.NONE))


@pytest.fixture
def family(registry):
    with registry.transaction() as tx:
        src = sources.add_source(tx, kind=SourceKind.INTERVIEW, title="t",
                                 reliability=Reliability.B, credibility=Credibility.PROBABLY_TRUE,
                                 obtained=FuzzyDate.parse("2021"))
        ids = {
            "mihriban": _add(tx, src.id, "Mihriban", "Ablikim", Sex.FEMALE, "2011").id,
            "sister": _add(tx, src.id, "Mihrigül", "Ablikim", Sex.FEMALE, "2013").id,
            "brother": _add(tx, src.id, "Abdulla", "Ablikim", Sex.MALE, "2010").id,
            "other": _add(tx, src.id, "Gülnar", "Tursun", Sex.FEMALE, "1986").id,
            "hidden": _add(tx, src.id, "Mihriban", "Ablikim", Sex.FEMALE, "2011",
                           tracing=False).id,
        }
    return ids


@pytest.mark.parametrize("query", ["米日班·阿不力克木", "Mehriban Ablikim", "مىھرىبان ئابلىكىم",
                                   "Миһрибан Абликим", "MIRIBAN ABULIKEMU"])
def test_search_finds_the_person_in_any_script(registry, family, query):
    with registry.transaction() as tx:
        hits = search_persons(tx, name=query, sex=Sex.FEMALE, birth=BirthDate.parse("2011"))
    assert hits[0].person.id == family["mihriban"]
    assert {f.field: f.outcome for f in hits[0].fields} == {
        "given name": "match", "father's name": "match", "birth": "match", "sex": "match"}


def test_siblings_are_not_proposed_and_compare_as_different(registry, family):
    with registry.transaction() as tx:
        hits = search_persons(tx, name="Mihriban Ablikim", birth=BirthDate.parse("2011"))
        sister = persons.person_view(tx, person_id=family["sister"], as_of=tx.today).person
    assert hits[0].person.id == family["mihriban"] and hits[0].score >= 0.6
    assert family["sister"] not in {h.person.id for h in hits}
    compared = compare_person(sister, given="Mihriban", father="Ablikim", sex=None,
                              birth=BirthDate.parse("2011"))
    assert compared.score < 0.6
    assert {f.field: f.outcome for f in compared.fields}["given name"] == "mismatch"
    with registry.transaction() as tx:  # the father's name alone finds all the children
        by_father = {h.person.id for h in search_persons(tx, name="阿不力克木")}
    assert {family["mihriban"], family["sister"], family["brother"]} <= by_father


def test_persons_without_tracing_consent_are_never_returned(registry, family):
    with registry.transaction() as tx:
        hits = search_persons(tx, name="Mihriban Ablikim")
    assert family["hidden"] not in {h.person.id for h in hits}
    with registry.transaction() as tx:
        persons.record_consent(tx, person_id=family["hidden"], tracing=True, sharing=False,
                               publication=Publication.NONE)
        hits = search_persons(tx, name="Mihriban Ablikim")
    assert family["hidden"] in {h.person.id for h in hits}


def test_a_single_word_may_be_the_fathers_name(registry, family):
    with registry.transaction() as tx:
        hits = search_persons(tx, name="吐尔逊")
    assert [h.person.id for h in hits] == [family["other"]]
    assert hits[0].fields[1].outcome == "match"


def test_index_holds_keyed_hashes_only_and_follows_edits(registry, family):
    with registry.transaction() as tx:
        digests = tx.conn.scalars(select(name_index.c.digest)).all()
        assert digests and all(len(d) == 16 for d in digests)
        persons.edit_person(tx, person_id=family["other"], source_ids=[],
                            notes="no change of names")
        persons.edit_person(tx, person_id=family["other"],
                            add_names=[NameInput("Aygül", NameKind.ALIAS)],
                            source_ids=persons.list_persons(tx)[0].source_ids)
        assert search_persons(tx, name="Aygul")[0].person.id == family["other"]


def test_upgrading_a_registry_from_before_the_index_builds_it(engine, registry, family):
    with engine.begin() as conn:  # back to the schema before the name index
        command.downgrade(migrate.alembic_config(conn), "0001")
    reopened = open_registry(engine=engine, passphrase=PASSPHRASE, actor="tester")
    with reopened.transaction() as tx:
        assert tx.conn.scalar(select(func.count()).select_from(name_index)) > 0
        assert search_persons(tx, name="米日班")[0].person.id == family["mihriban"]


def test_upgrading_an_index_without_pairs_rebuilds_it_with_pairs(engine, registry, family):
    with engine.begin() as conn:  # back to the index of names one by one
        command.downgrade(migrate.alembic_config(conn), "0004")
        assert conn.scalar(select(func.count()).select_from(name_index)
                           .where(name_index.c.role == "pair")) == 0
    reopened = open_registry(engine=engine, passphrase=PASSPHRASE, actor="tester")
    with reopened.transaction() as tx:
        assert tx.conn.scalar(select(func.count()).select_from(name_index)
                              .where(name_index.c.role == "pair")) > 0


def _index_facts(tx, person_id):
    return set(tx.conn.execute(select(name_index.c.sex, name_index.c.birth_min,
                                      name_index.c.birth_max)
                               .where(name_index.c.person_id == person_id)))


def test_index_rows_carry_the_sex_and_birth_range_and_follow_edits(registry, family):
    """Bearers of a common name are ranked from the index alone, so its rows carry the
    person's sex and birth range (stored in clear in persons too) and follow every edit."""
    import datetime

    with registry.transaction() as tx:
        assert _index_facts(tx, family["brother"]) == {
            ("M", datetime.date(2010, 1, 1), datetime.date(2010, 12, 31))}
        persons.edit_person(tx, person_id=family["brother"], sex=Sex.FEMALE,
                            birth=BirthDate.parse("2009-05"),
                            source_ids=persons.list_persons(tx)[0].source_ids)
        assert _index_facts(tx, family["brother"]) == {
            ("F", datetime.date(2009, 5, 1), datetime.date(2009, 5, 31))}


def test_upgrading_past_0006_copies_the_facts_into_the_index(engine, registry, family):
    with engine.begin() as conn:
        command.downgrade(migrate.alembic_config(conn), "0005")
        assert "sex" not in {c["name"] for c in inspect(conn).get_columns("name_index")}
    reopened = open_registry(engine=engine, passphrase=PASSPHRASE, actor="tester")
    with reopened.transaction() as tx:
        import datetime

        assert _index_facts(tx, family["sister"]) == {
            ("F", datetime.date(2013, 1, 1), datetime.date(2013, 12, 31))}
        assert search_persons(tx, name="Mihrigül Ablikim")[0].person.id == family["sister"]


def test_among_many_namesakes_the_one_born_then_is_opened_and_found(registry, monkeypatch):
    """A common name has more namesakes than a search opens (decrypts); the candidates are
    ranked first by the sex and birth years stored in clear, so the one born in the year
    asked for is among those opened, and no more than the cap are opened."""
    from reunite.services import search

    monkeypatch.setattr(search, "DECRYPTED", 4)
    opened: list[int] = []
    real = search.get_persons

    def counting(tx, ids):
        opened.append(len(ids))
        return real(tx, ids)

    monkeypatch.setattr(search, "get_persons", counting)
    with registry.transaction() as tx:
        src = sources.add_source(tx, kind=SourceKind.INTERVIEW, title="t",
                                 reliability=Reliability.B, credibility=Credibility.PROBABLY_TRUE,
                                 obtained=FuzzyDate.parse("2021"))
        for year in range(1950, 1980, 2):
            _add(tx, src.id, "Memet", "Tursun", Sex.MALE, str(year))
        _add(tx, src.id, "Memet", "Tursun", Sex.FEMALE, "1991")  # sex recorded wrongly
        wanted = _add(tx, src.id, "Memet", "Tursun", Sex.MALE, "1991").id
    with registry.transaction() as tx:
        hits = search_persons(tx, name="Мәмәт Турсун", sex=Sex.MALE,
                              birth=BirthDate.parse("1991"), limit=1)
    assert hits[0].person.id == wanted
    assert opened and max(opened) <= 5  # 5 x limit, above the cap of 4


def test_a_pair_of_names_is_looked_up_as_a_pair_first(registry, family, monkeypatch):
    """Each name alone of a common pair has tens of thousands of bearers in a large
    registry; the index keeps the pair's keys too, and a search that finds a strong hit
    through them reads no per-name lists."""
    from reunite.services import search
    from reunite.store import name_index as index_store

    with registry.transaction() as tx:
        roles = set(tx.conn.scalars(select(name_index.c.role).where(
            name_index.c.person_id == family["mihriban"])))
    assert roles == {"given", "father", "pair"}
    asked: list[str | None] = []
    real = index_store.candidates

    def spy(tx, keys, role=None):
        asked.append(role)
        return real(tx, keys, role)

    monkeypatch.setattr(search.name_index, "candidates", spy)
    with registry.transaction() as tx:
        hits = search_persons(tx, name="Мехрибан Абликим", limit=1)
    assert hits[0].person.id == family["mihriban"] and asked == ["pair"]


def test_persons_sharing_every_part_are_counted_in_the_database(registry, family):
    from reunite.match.keys import part_keys
    from reunite.store.name_index import shared_by_all

    with registry.transaction() as tx:
        both = shared_by_all(tx, [(part_keys("Мехрибан"), "given"),
                                  (part_keys("Абликим"), "father")])
        swapped = shared_by_all(tx, [(part_keys("Абликим"), "given"),
                                     (part_keys("Мехрибан"), "father")])
        any_role = shared_by_all(tx, [(part_keys("Абликим"), None),
                                      (part_keys("Мехрибан"), None)])
    assert set(both) == {family["mihriban"], family["hidden"]}  # consent is the service's
    assert all(count >= 2 for count in both.values())
    assert swapped == {} and set(any_role) == set(both)


def test_ranked_sharing_puts_the_right_sex_and_birth_first(registry, family):
    """Widening steps take only the best ranked candidates from the database: the names
    shared, then sex and birth years stored in clear."""
    from reunite.match.keys import part_keys
    from reunite.store.name_index import Hint, shared_by_all

    with registry.transaction() as tx:
        parts = [(part_keys("Ablikim"), None)]
        everyone = shared_by_all(tx, parts)
        boy = shared_by_all(tx, parts, Hint("M", (2010, 2010)), limit=1)
        girl = shared_by_all(tx, parts, Hint("F", (2013, 2013)), limit=1)
    assert {family["mihriban"], family["sister"], family["brother"]} <= set(everyone)
    assert list(boy) == [family["brother"]] and list(girl) == [family["sister"]]



def test_two_exact_birth_dates_of_one_year_that_differ_only_partly_agree(registry):
    """A namesake born the same year on another day is not a birth match: the exact day
    ranks first."""
    with registry.transaction() as tx:
        src = sources.add_source(tx, kind=SourceKind.INTERVIEW, title="t",
                                 reliability=Reliability.B, credibility=Credibility.PROBABLY_TRUE,
                                 obtained=FuzzyDate.parse("2021"))
        other_day = _add(tx, src.id, "Memet", "Tursun", Sex.MALE, "1991-03-02").id
        that_day = _add(tx, src.id, "Memet", "Tursun", Sex.MALE, "1991-07-10").id
    with registry.transaction() as tx:
        exact = search_persons(tx, name="Memet Tursun", birth=BirthDate.parse("1991-07-10"))
        year = search_persons(tx, name="Memet Tursun", birth=BirthDate.parse("1991"))
    births = {h.person.id: {f.field: f for f in h.fields}["birth"] for h in exact}
    assert [h.person.id for h in exact] == [that_day, other_day]
    assert births[that_day].outcome == "match" and births[other_day].outcome == "partial"
    assert births[other_day].detail == "the same years, different days"
    assert {{f.field: f.outcome for f in h.fields}["birth"] for h in year} == {"match"}


def test_a_full_name_with_the_grandfathers_name_is_stored_and_found(registry, family):
    with registry.transaction() as tx:
        src = sources.add_source(tx, kind=SourceKind.INTERVIEW, title="t",
                                 reliability=Reliability.B, credibility=Credibility.PROBABLY_TRUE)
        added = persons.add_person(
            tx, names=[NameInput("Nurgül Tursun Memet", NameKind.FULL)], source_ids=[src.id],
            consent=(True, False, Publication.NONE))
        hits = search_persons(tx, name="Nurgül Tursun")
    assert added.id in [h.person.id for h in hits]
