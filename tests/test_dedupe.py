"""Registry deduplication and the review queue, on SQLite and PostgreSQL."""

import pytest

from reunite.domain.dates import BirthDate
from reunite.domain.persons import NameKind, Publication, Sex
from reunite.domain.sources import Credibility, Reliability, SourceKind
from reunite.errors import InvalidInput
from reunite.services import dedupe, persons, sources
from reunite.services.persons import NameInput

from .conftest import snapshot


@pytest.fixture
def registry_with_duplicates(registry):
    with registry.transaction() as tx:
        src = sources.add_source(tx, kind=SourceKind.INTERVIEW, title="t",
                                 reliability=Reliability.B,
                                 credibility=Credibility.PROBABLY_TRUE).id

        def add(given, father, born, sex=Sex.FEMALE, full=None):
            names = [NameInput(given, NameKind.GIVEN), NameInput(father, NameKind.FATHER)]
            if full:
                names = [NameInput(full, NameKind.FULL)]
            return persons.add_person(tx, names=names, source_ids=[src], sex=sex,
                                      birth=BirthDate.parse(born) if born else None,
                                      consent=(True, False, Publication.NONE)).id

        ids = {
            "latin": add("Mihriban", "Ablikim", "2011-03-02"),
            "chinese": add("", "", "2011-03-02", full="米日班·阿不力克木"),
            "sister": add("Mihrigül", "Ablikim", "2013-05-01"),
            "tursun": add("Tursun", "Memet", "1979", Sex.MALE),
            "tursun2": add("Турсун", "Мәмәт", None, Sex.MALE),
        }
    return registry, ids, src


def _pair(found, a, b):
    return next(c for c in found if {c.person_a, c.person_b} == {a, b})


def test_dedupe_proposes_cross_script_duplicates_not_siblings(registry_with_duplicates):
    registry, ids, _ = registry_with_duplicates
    with registry.transaction() as tx:
        summary = dedupe.run_dedupe(tx)
        queue = dedupe.review_queue(tx)
    assert summary.persons == 5 and summary.proposed >= 1
    pairs = {frozenset((c.person_a, c.person_b)) for c in queue}
    assert frozenset((ids["latin"], ids["chinese"])) in pairs
    assert not any(ids["sister"] in p for p in pairs)


def test_decisions_survive_a_rerun(registry_with_duplicates):
    registry, ids, _ = registry_with_duplicates
    with registry.transaction() as tx:
        dedupe.run_dedupe(tx)
        found = dedupe.review_queue(tx)
        same = _pair(found, ids["latin"], ids["chinese"])
        dedupe.decide(tx, candidate_id=same.id, decision="confirmed",
                      reason="same birth date and names in three scripts")
    with registry.transaction() as tx:
        again = dedupe.run_dedupe(tx)
        confirmed = dedupe.review_queue(tx, status="confirmed")
        view = persons.person_view(tx, person_id=ids["latin"], as_of=tx.today)
    assert again.proposed == 0 and again.reproposed == 0
    assert [c.id for c in confirmed] == [same.id]
    assert confirmed[0].decided_by == "tester" and "three scripts" in confirmed[0].reason
    assert [p.id for p in view.duplicates] == [ids["chinese"]]  # linked, not merged
    with registry.transaction() as tx:
        persons.person_view(tx, person_id=ids["chinese"], as_of=tx.today)  # still there


def test_rejected_pair_returns_only_with_new_information(registry_with_duplicates):
    registry, ids, src = registry_with_duplicates
    with registry.transaction() as tx:
        dedupe.run_dedupe(tx)
        pair = _pair(dedupe.review_queue(tx), ids["tursun"], ids["tursun2"])
        dedupe.decide(tx, candidate_id=pair.id, decision="rejected", reason="different men")
    with registry.transaction() as tx:
        assert dedupe.run_dedupe(tx).reproposed == 0
        assert dedupe.review_queue(tx, status="rejected")[0].id == pair.id
        persons.edit_person(tx, person_id=ids["tursun2"], birth=BirthDate.parse("1979"),
                            source_ids=[src])
        assert dedupe.run_dedupe(tx).reproposed == 1
        assert _pair(dedupe.review_queue(tx), ids["tursun"], ids["tursun2"]).id == pair.id


def test_a_rejection_recorded_before_the_new_levels_still_holds(registry_with_duplicates):
    """Decisions taken when evidence had its first format (no level "a slip apart", birth
    ranges compared by years) hold after the upgrade while the records are unchanged; new
    information still brings the pair back."""
    from sqlalchemy import update

    from reunite.store.tables import match_candidates

    registry, ids, src = registry_with_duplicates
    with registry.transaction() as tx:
        persons.edit_person(tx, person_id=ids["tursun2"], birth=BirthDate.parse("1979-04"),
                            source_ids=[src])
        dedupe.run_dedupe(tx)
        pair = _pair(dedupe.review_queue(tx), ids["tursun"], ids["tursun2"])
        assert pair.evidence.startswith("2:") and ",5," in pair.evidence  # 1979-04 in 1979
        dedupe.decide(tx, candidate_id=pair.id, decision="rejected", reason="different men")
        # as the first format wrote it: the month inside the year was "ranges overlap"
        first = pair.evidence.removeprefix("2:").replace(",5,", ",2,")
        tx.conn.execute(update(match_candidates).where(match_candidates.c.id == pair.id)
                        .values(decided_evidence=first, evidence=first))
    with registry.transaction() as tx:
        assert dedupe.run_dedupe(tx).reproposed == 0
        assert dedupe.review_queue(tx, status="rejected")[0].id == pair.id
        for person in ("tursun", "tursun2"):  # both now give the same day
            persons.edit_person(tx, person_id=ids[person], birth=BirthDate.parse("1979-04-10"),
                                source_ids=[src])
        assert dedupe.run_dedupe(tx).reproposed == 1
        assert _pair(dedupe.review_queue(tx), ids["tursun"], ids["tursun2"]).id == pair.id


@pytest.mark.parametrize(("decision", "reason", "message"), [
    ("merged", "x", "unknown decision"), ("confirmed", "  ", "needs its reason")])
def test_bad_decisions_are_refused_and_change_nothing(registry_with_duplicates, engine,
                                                      decision, reason, message):
    registry, _, _ = registry_with_duplicates
    with registry.transaction() as tx:
        dedupe.run_dedupe(tx)
        cid = dedupe.review_queue(tx)[0].id
    before = snapshot(engine)
    with registry.transaction() as tx, pytest.raises(InvalidInput, match=message):
        dedupe.decide(tx, candidate_id=cid, decision=decision, reason=reason)
    assert snapshot(engine) == before
