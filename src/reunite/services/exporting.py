"""Taking the registry out in the tabular schema (interchange.tabular writes the file).

Without an audience the export is the organisation's own copy: every record the user may see,
in full, so that importing it elsewhere loses nothing the schema covers. With an audience
(domain.disclosure), each person appears as their consent allows it for that audience: named,
under a label with their names, notes and hometown left out and their birth as years only, or
not at all (with their relationships and their places in cases). The export is audited.
"""

from __future__ import annotations

from dataclasses import dataclass

from reunite.domain.access import Actor, Permission
from reunite.domain.cases import Case
from reunite.domain.disclosure import Audience, Level, disclosure
from reunite.domain.persons import NameKind, Person, Publication, Sex
from reunite.errors import NotFound
from reunite.services import audit
from reunite.services.access import visible_cases, visible_person_ids
from reunite.services.export_casework import casework_rows
from reunite.store import events as event_store
from reunite.store import external_ids
from reunite.store import messages as message_store
from reunite.store import persons as person_store
from reunite.store import sources as source_store
from reunite.store.registry import Tx

COLUMN_OF = {NameKind.GIVEN: "given_name", NameKind.FATHER: "father_name",
             NameKind.FAMILY: "family_name", NameKind.FULL: "full_name"}


@dataclass(frozen=True)
class Export:
    tables: dict[str, list[dict[str, str]]]
    audience: Audience | None
    withheld: int  # persons left out
    pseudonymous: int


def _yes(flag: bool) -> str:
    return "yes" if flag else "no"


def _person_row(p: Person, ext: str, level: Level, number: int,
                consent: tuple[bool, bool, Publication], sources: list[str]) -> dict[str, str]:
    row = {"external_id": ext, "sex": p.sex.value if p.sex is not Sex.UNKNOWN else "",
           "status": p.status.value, "sources": ";".join(sources)}
    if level is Level.PSEUDONYMOUS:
        low, high = p.birth.year_range() if p.birth else (None, None)
        row["full_name"] = f"Person {number}"
        row["birth"] = "" if low is None or high is None else (
            str(low) if low == high else f"{low}..{high}")
        return row
    others = []
    for n in p.names:
        column = COLUMN_OF.get(n.kind)
        if column and column not in row:
            row[column] = n.text
        else:
            others.append(f"{n.text}@{n.language}" if n.language else n.text)
    row.update({"other_names": ";".join(others), "birth": p.birth.text if p.birth else "",
                "hometown": p.hometown, "notes": p.notes})
    tracing, sharing, publication = consent
    row.update({"tracing": _yes(tracing), "sharing": _yes(sharing),
                "publication": publication.value})
    return row


def export_tables(tx: Tx, actor: Actor, *, audience: Audience | None = None,
                  client: str = "", file_format: str = "") -> Export:
    if not actor.may(Permission.EXPORT):
        raise NotFound("no export")
    found_cases: list[Case] = visible_cases(tx, actor)
    people = person_store.get_persons(tx, None if actor.sees_all_cases
                                      else sorted(visible_person_ids(tx, actor)))
    levels: dict[str, Level] = {}
    consents: dict[str, tuple[bool, bool, Publication]] = {}
    for pid in people:
        consent = person_store.current_consent(tx, pid)
        consents[pid] = (consent.tracing, consent.sharing, consent.publication)
        levels[pid] = Level.NAMED if audience is None else disclosure(consent, audience)
    shown = {pid: p for pid, p in people.items() if levels[pid] is not Level.WITHHELD}
    rels = {r.id: r for pid in shown for r in person_store.relationships_of(tx, pid)
            if r.from_person in shown and r.to_person in shown}
    source_ids = sorted({s for p in shown.values() for s in p.source_ids}
                        | {s for r in rels.values() for s in r.source_ids})
    ext: dict[str, dict[str, str]] = {}

    def eid(kind: str, record_id: str) -> str:
        return ext[kind].get(record_id, record_id)

    case_ids = [c.id for c in found_cases]
    case_events = [e for e in event_store.get_events(tx, person_ids=sorted(shown))
                   if e.case_id is None or e.case_id in case_ids] if shown else []
    case_events += [e for c in case_ids for e in event_store.get_events(tx, case_id=c)
                    if e.id not in {x.id for x in case_events}]
    case_messages = [m for c in case_ids for m in message_store.get_messages(tx, case_id=c)]
    source_ids = sorted(set(source_ids) | {s for e in case_events for s in e.source_ids}
                        | {s for m in case_messages for s in m.source_ids})
    all_sources = source_store.get_sources(tx, source_ids)
    for kind, ids in (("sources", source_ids), ("persons", sorted(shown)),
                      ("relationships", sorted(rels)), ("cases", case_ids),
                      ("events", [e.id for e in case_events]),
                      ("messages", [m.id for m in case_messages])):
        ext[kind] = external_ids.external_ids_of(tx, kind, ids)

    tables: dict[str, list[dict[str, str]]] = {
        "sources": [{"external_id": eid("sources", s.id), "kind": s.kind.value,
                     "title": s.title, "grade": str(s.grade),
                     "obtained": s.obtained.text if s.obtained else "",
                     "description": s.description} for s in all_sources.values()],
        "persons": [_person_row(p, eid("persons", pid), levels[pid], n, consents[pid],
                                [eid("sources", s) for s in p.source_ids])
                    for n, (pid, p) in enumerate(sorted(shown.items()), start=1)],
        "relationships": [{"external_id": eid("relationships", r.id),
                           "person": eid("persons", r.from_person), "kind": r.kind.value,
                           "other": eid("persons", r.to_person),
                           "sources": ";".join(eid("sources", s) for s in r.source_ids)}
                          for r in rels.values()],
        "cases": [],
    }
    for c in found_cases:
        members = {col: ";".join(eid("persons", m) for m in ms if m in shown)
                   for col, ms in (("searchers", c.searchers), ("sought", c.sought),
                                   ("others", c.others))}
        if not members["searchers"] or not members["sought"]:
            continue  # a case whose searchers or sought persons are all withheld
        tables["cases"].append({"external_id": eid("cases", c.id), **members,
                                "organisation": c.organisation, "priority": c.priority.value,
                                "status": c.status.value, "opened_on": c.opened_on.isoformat(),
                                "summary": c.summary if audience is None else ""})
    tables.update(casework_rows(tx, found_cases, case_events, case_messages, set(shown),
                                audience, eid, ext))
    withheld = len(people) - len(shown)
    pseudonymous = sum(levels[p] is Level.PSEUDONYMOUS for p in shown)
    audit.record(tx, action="export", object_kind="registry", client=client,
                 detail=f"format={file_format} audience={audience.value if audience else 'own'}"
                        f" persons={len(shown)} withheld={withheld}")
    return Export(tables, audience, withheld, pseudonymous)
