"""Deduplication of the registry: the same model as `link`, feeding a review queue.

Duplicates are linked by a confirmed decision, never merged: both records stay as they were,
and the person view shows the facts of every confirmed duplicate with the record each comes
from. A decision holds while the evidence (the pair's comparison levels) is unchanged; a
rejected pair whose evidence changes (someone added a birth date, a name) is proposed again.
"""

from __future__ import annotations

from dataclasses import dataclass

from reunite.domain.ids import new_id
from reunite.domain.persons import NameKind, Person
from reunite.errors import InvalidInput
from reunite.match.comparisons import BIRTH_INSIDE, DOCUMENT, SLIP_APART
from reunite.match.engine import Progress, link
from reunite.match.model import POSSIBLE
from reunite.match.records import MatchRecord, document_key
from reunite.names.parse import parse_name
from reunite.services.checks import text_field
from reunite.store import matches as store
from reunite.store.persons import current_consent, get_persons
from reunite.store.registry import Tx

DECISIONS = ("confirmed", "rejected", "undecided")


def person_record(person: Person) -> MatchRecord:
    """The matcher's view of a registry person: first given and father's names recorded."""
    given = next((n.text for n in person.names if n.kind is NameKind.GIVEN), "")
    father = next((n.text for n in person.names if n.kind in (NameKind.FATHER,
                                                              NameKind.FAMILY)), "")
    if not given or not father:
        full = next((n.text for n in person.names if n.kind in (NameKind.FULL, NameKind.ALIAS)),
                    "")
        if full:
            try:
                parsed = parse_name(full)
            except InvalidInput:
                parsed = None
            if parsed is not None:
                given, father = given or parsed.given, father or parsed.father
    birth = person.birth
    return MatchRecord(person.id, given, father,
                       person.sex.value if person.sex.value in ("M", "F") else "",
                       birth.earliest if birth else None, birth.latest if birth else None,
                       person.hometown, person.display_name(),
                       next((document_key(d.number) for d in person.documents if d.number), ""))


@dataclass(frozen=True)
class DedupeSummary:
    persons: int
    proposed: int
    reproposed: int
    unchanged: int


def run_dedupe(tx: Tx, *, progress: Progress | None = None) -> DedupeSummary:
    people = [p for p in get_persons(tx).values() if current_consent(tx, p.id).tracing]
    records = {r.id: r for r in (person_record(p) for p in people)}
    result = link(list(records.values()), progress=progress)
    existing = store.by_pair(tx)
    proposed = reproposed = unchanged = 0
    for pair in result.pairs:
        if pair.probability < POSSIBLE:
            continue
        a, b = sorted((pair.a, pair.b))
        evidence = _evidence(pair.levels, pair.swapped)
        found = existing.get((a, b))
        if found is None:
            store.insert_candidate(tx, new_id("match"), a, b, pair.probability, evidence)
            proposed += 1
        elif found.status == "rejected" and found.decided_evidence != (
                evidence if found.decided_evidence.startswith(EVIDENCE_FORMAT)
                else _first_evidence(pair.levels, pair.swapped, records[a], records[b])):
            store.rescore(tx, found.id, pair.probability, evidence, status="potential")
            reproposed += 1
        elif found.evidence != evidence:
            store.rescore(tx, found.id, pair.probability, evidence)
            unchanged += 1
        else:
            unchanged += 1
    return DedupeSummary(len(people), proposed, reproposed, unchanged)


EVIDENCE_FORMAT = "2:"  # evidence written since the levels below were added


def _evidence(levels: tuple[int, ...], swapped: bool) -> str:
    """The comparison levels a decision is tied to. An unknown document level is left out, so
    that decisions taken before documents were compared still hold."""
    return EVIDENCE_FORMAT + _levels_text(levels, swapped)


def _levels_text(levels: tuple[int, ...] | list[int], swapped: bool) -> str:
    shown = levels[:DOCUMENT] if levels[DOCUMENT] < 0 else levels
    return ",".join(map(str, shown)) + (",swapped" if swapped else "")


def _first_evidence(levels: tuple[int, ...], swapped: bool, a: MatchRecord,
                    b: MatchRecord) -> str:
    """The evidence as the first format wrote it, before the name level "a slip apart"
    (then "different") and the birth levels compared to the day (one range inside another
    was "ranges overlap"; ranges of the same years without a common day too): a decision
    recorded then still holds while the records say what they said, whatever the matcher
    now makes of them."""
    old = list(levels)
    for field in (0, 1):
        old[field] = 0 if old[field] == SLIP_APART else old[field]
    ya, yb = a.birth_years, b.birth_years
    if old[2] == BIRTH_INSIDE or (old[2] == 1 and ya and yb
                                  and ya[0] <= yb[1] and yb[0] <= ya[1]):
        old[2] = 2
    return _levels_text(old, swapped)


def review_queue(tx: Tx, *, status: str | None = "potential") -> list[store.Candidate]:
    if status is not None and status not in store.STATUSES:
        raise InvalidInput(f"unknown status {status!r}; choose one of: "
                           f"{', '.join(store.STATUSES)}")
    return store.listing(tx, status)


def decide(tx: Tx, *, candidate_id: str, decision: str, reason: str) -> store.Candidate:
    if decision not in DECISIONS:
        raise InvalidInput(f"unknown decision {decision!r}; choose one of: "
                           f"{', '.join(DECISIONS)}")
    if not reason.strip():
        raise InvalidInput("a decision needs its reason")
    return store.decide(tx, candidate_id, decision, text_field(reason, "reason"))


def duplicates_of(tx: Tx, *, person_id: str) -> list[Person]:
    """Persons confirmed to be the same as this one (linked, never merged)."""
    ids = store.confirmed_with(tx, person_id)
    found = get_persons(tx, ids)
    return [found[i] for i in ids if i in found]
