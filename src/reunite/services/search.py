"""Search the registry for a person by whatever is known, in any script.

Candidates come from the name index (keyed hashes of name keys), never from a scan; only
persons whose current consent allows tracing are returned. Each result carries a
field-by-field comparison (match, partial, mismatch, unknown) and the overall score.

The score is a weighted mean of field agreements, given name 0.4, father's name 0.3, birth
0.2, sex 0.1, over the fields known on both sides; a mismatch of sex or of birth years more
than two years apart caps it at 0.5. It is a ranking score, not a probability: the calibrated
model is the matching engine's work (issue 4).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from reunite.domain.dates import BirthDate
from reunite.domain.persons import Person, Sex
from reunite.errors import InvalidInput
from reunite.match.keys import name_parts, pair_keys, part_keys
from reunite.names.compare import compare_parts
from reunite.names.parse import parse_name
from reunite.store import name_index
from reunite.store.persons import get_persons, sex_and_birth, tracing_allowed
from reunite.store.registry import Tx
from reunite.store.reindex import rebuild

RANKED = 4  # widening steps take RANKED x (candidates opened) best ranked in the database
DECRYPTED = 40  # at most this many (or 5 x limit) candidates are opened per widening step
WEIGHTS = {"given name": 0.4, "father's name": 0.3, "birth": 0.2, "sex": 0.1}
SCORE = {"match": 1.0, "partial": 0.6, "mismatch": 0.0}
STRONG = 0.9  # a hit this good ends the widening of the search
COMMON_PART = 2_500  # index rows: a name this common is not searched alone in a pair query


@dataclass(frozen=True)
class FieldComparison:
    field: str
    outcome: str  # match, partial, mismatch, unknown
    query: str
    found: str
    detail: str = ""


@dataclass(frozen=True)
class SearchHit:
    person: Person
    score: float
    fields: tuple[FieldComparison, ...]


def _name_field(label: str, wanted: str, options: list[str]) -> FieldComparison:
    if not wanted:
        return FieldComparison(label, "unknown", "", ", ".join(options))
    if not options:
        return FieldComparison(label, "unknown", wanted, "")
    best_word, best = max(((w, compare_parts(wanted, w)) for w in options),
                          key=lambda x: x[1].score)
    outcome = ("match" if best.score >= 0.9 else "partial" if best.same else "mismatch")
    return FieldComparison(label, outcome, wanted, best_word,
                           f"{best.score:.2f}: {best.reasons[-1]}")


def _birth_field(wanted: BirthDate | None, found: BirthDate | None) -> FieldComparison:
    if wanted is None or found is None:
        return FieldComparison("birth", "unknown", wanted.text if wanted else "",
                               found.text if found else "")
    (a0, a1), (b0, b1) = wanted.year_range(), found.year_range()
    if None in (a0, a1, b0, b1):
        return FieldComparison("birth", "unknown", wanted.text, found.text)
    assert a0 is not None and a1 is not None and b0 is not None and b1 is not None
    gap = max(a0 - b1, b0 - a1, 0)
    days_apart = (wanted.latest is not None and found.earliest is not None
                  and wanted.earliest is not None and found.latest is not None
                  and (wanted.latest < found.earliest or found.latest < wanted.earliest))
    if gap == 0 and days_apart:  # the same year, but no day both allow: two exact dates
        return FieldComparison("birth", "partial", wanted.describe(), found.describe(),
                               "the same years, different days")
    outcome = "match" if gap == 0 else "partial" if gap <= 2 else "mismatch"
    return FieldComparison("birth", outcome, wanted.describe(), found.describe(),
                           f"{gap} years apart" if gap else "ranges overlap")


def compare_person(person: Person, *, given: str, father: str, sex: Sex | None,
                   birth: BirthDate | None) -> SearchHit:
    parts = name_parts(person)
    givens = [w for r, w in parts if r == "given"]
    fathers = [w for r, w in parts if r == "father"]
    given_field = _name_field("given name", given, givens)
    father_field = _name_field("father's name", father, fathers)
    if not father and given_field.outcome == "mismatch":
        # one word searched: it may be the father's name (or a family's surname)
        as_father = _name_field("father's name", given, fathers)
        if as_father.outcome in ("match", "partial"):
            given_field = FieldComparison("given name", "unknown", "", ", ".join(givens))
            father_field = as_father
    fields = [
        given_field,
        father_field,
        _birth_field(birth, person.birth),
        FieldComparison("sex", "unknown" if sex in (None, Sex.UNKNOWN)
                        or person.sex is Sex.UNKNOWN
                        else "match" if sex is person.sex else "mismatch",
                        sex.value if sex else "", person.sex.value),
    ]
    known = [f for f in fields if f.outcome != "unknown"]
    total = sum(WEIGHTS[f.field] for f in known)
    score = sum(WEIGHTS[f.field] * SCORE[f.outcome] for f in known) / total if total else 0.0
    if any(f.outcome == "mismatch" and f.field in ("sex", "birth") for f in known):
        score = min(score, 0.5)
    return SearchHit(person, round(score, 3), tuple(fields))


def search_persons(tx: Tx, *, name: str, sex: Sex | None = None,
                   birth: BirthDate | None = None, limit: int = 10) -> list[SearchHit]:
    if not 1 <= limit <= 200:
        raise InvalidInput("limit must be between 1 and 200")
    parsed = parse_name(name)
    words = [word for _, word in parsed.parts()[:2]]
    keys = [part_keys(word) for word in words]
    hits: list[SearchHit] = []
    seen: set[str] = set()
    query = _Query(parsed.given, parsed.father, sex, birth, max(DECRYPTED, 5 * limit))
    years = birth.year_range() if birth is not None else (None, None)
    hint = name_index.Hint(sex.value if sex not in (None, Sex.UNKNOWN) else None,
                           (years[0], years[1]) if years[0] and years[1] else None)

    def enough() -> bool:
        return len(hits) >= limit or any(h.score >= STRONG for h in hits)

    if len(words) == 2:
        # The pair of names as written, then in swapped order (a record written surname
        # first): few bearers even for common names, where each name alone has tens of
        # thousands in a large registry.
        for first, second in ((0, 1), (1, 0)):
            if enough():
                break
            found = name_index.candidates(tx, pair_keys(keys[first], keys[second]), "pair")
            hits += _score(tx, {i: 2 * n for i, (n, _) in found.items() if i not in seen},
                           query, seen, {i: facts for i, (_, facts) in found.items()})
        if not enough():  # each part among names of its role, when one of them is rare
            shared = name_index.sharing_each(tx, [(keys[0], "given"), (keys[1], "father")],
                                             COMMON_PART)
            hits += _score(tx, {i: n for i, n in (shared or {}).items() if i not in seen},
                           query, seen)
        # No one bears both: each part alone, except a part so common that it cannot
        # narrow the search (a stop word, as search engines say).
        wanted = set() if hits else set().union(
            *(k for k in keys if name_index.rows(tx, k, limit=COMMON_PART) < COMMON_PART))
    else:
        wanted = keys[0] if keys else set()
    if not hits and wanted:
        either = name_index.shared_by_all(tx, [(wanted, None)], hint, RANKED * query.opened)
        hits += _score(tx, {i: n for i, n in either.items() if i not in seen}, query, seen)
    hits.sort(key=lambda h: (-h.score, h.person.id))
    return hits[:limit]


@dataclass(frozen=True)
class _Query:
    given: str
    father: str
    sex: Sex | None
    birth: BirthDate | None
    opened: int  # candidates opened (decrypted and compared) at most


def _rank(query: _Query, evidence: int, facts: tuple[str, date | None, date | None]) -> int:
    """How promising a candidate is before it is opened: name keys shared in the index, and
    agreement of the sex and birth years stored in clear."""
    rank = 2 * evidence
    sex, low, high = facts
    if query.sex not in (None, Sex.UNKNOWN) and sex != Sex.UNKNOWN.value:
        rank += 2 if query.sex is not None and sex == query.sex.value else -4
    wanted = query.birth.year_range() if query.birth is not None else (None, None)
    if wanted[0] is not None and wanted[1] is not None and low is not None and high is not None:
        gap = max(wanted[0] - high.year, low.year - wanted[1], 0)
        rank += 4 if gap == 0 else 2 if gap <= 2 else -4
    return rank


def _score(tx: Tx, evidence: dict[str, int], query: _Query, seen: set[str],
           facts: dict[str, name_index.Facts] | None = None) -> list[SearchHit]:
    """Compare the persons among the candidates whose consent allows tracing, the most
    promising ``query.opened`` of them; keep those whose given or father's name agrees at
    least partly. (A common name has thousands of namesakes in a large registry: each opened
    person costs a decryption, so they are ranked first by what is stored in clear.)"""
    if not evidence:
        return []
    seen |= set(evidence)
    ids = sorted(evidence)
    if len(ids) > query.opened:  # rank by what is stored in clear, then check consent
        known = facts if facts is not None else sex_and_birth(tx, ids)
        ids.sort(key=lambda i: (-_rank(query, evidence[i], known[i]), i))
    allowed: list[str] = []
    for start in range(0, len(ids), 2 * query.opened):
        chunk = ids[start:start + 2 * query.opened]
        ok = tracing_allowed(tx, chunk)
        allowed += [i for i in chunk if i in ok]
        if len(allowed) >= query.opened:
            break
    allowed = allowed[:query.opened]
    people = get_persons(tx, sorted(allowed))
    hits = [compare_person(p, given=query.given, father=query.father, sex=query.sex,
                           birth=query.birth) for p in people.values()]
    return [h for h in hits if any(f.outcome in ("match", "partial") for f in h.fields
                                   if f.field in ("given name", "father's name"))]


def reindex(tx: Tx, *, progress: Callable[[int, int], None] | None = None) -> int:
    return rebuild(tx, progress)
