"""The rows of a case's record in an export: events, messages, interventions, applications.

For the organisation's own copy every field; for an audience, persons the audience may not
see are left out of each row (a row about them alone is left out), and free text, which may
name anyone, is left out with them: messages altogether, responses, notes, descriptions.
"""

from __future__ import annotations

from collections.abc import Callable

from reunite.domain.cases import Case
from reunite.domain.disclosure import Audience
from reunite.domain.events import Event
from reunite.domain.messages import Message
from reunite.store import advocacy as advocacy_store
from reunite.store import events as event_store
from reunite.store import external_ids
from reunite.store.registry import Tx


def casework_rows(tx: Tx, cases: list[Case], events: list[Event], messages: list[Message],
                  shown: set[str], audience: Audience | None, eid: Callable[[str, str], str],
                  ext: dict[str, dict[str, str]]) -> dict[str, list[dict[str, str]]]:
    own = audience is None
    exported = {c.id for c in cases if any(m in shown for m in c.sought)
                and any(m in shown for m in c.searchers)}
    interventions = [i for c in sorted(exported) for i in
                     advocacy_store.get_interventions(tx, case_id=c)]
    applications = [a for c in sorted(exported) for a in
                    advocacy_store.get_applications(tx, case_id=c) if a.person_id in shown]
    ext["interventions"] = external_ids.external_ids_of(tx, "interventions",
                                                        [i.id for i in interventions])
    ext["applications"] = external_ids.external_ids_of(tx, "applications",
                                                       [a.id for a in applications])
    institutions = event_store.get_institutions(
        tx, sorted({e.institution_id for e in events if e.institution_id}))
    rows: dict[str, list[dict[str, str]]] = {"events": [], "messages": [],
                                             "interventions": [], "applications": []}
    for e in events:
        persons = [p for p in e.participants if p in shown]
        case = e.case_id if e.case_id in exported else None
        if not persons and case is None:
            continue
        inst = institutions.get(e.institution_id or "")
        rows["events"].append({
            "external_id": eid("events", e.id), "kind": e.kind.value, "when": e.when.text,
            "persons": ";".join(sorted(eid("persons", p) for p in persons)),
            "case": eid("cases", case) if case else "", "place": e.place,
            "institution": inst.names[0] if inst else "",
            "institution_kind": inst.kind.value if inst else "",
            "description": e.description if own else "",
            "sources": ";".join(eid("sources", s) for s in e.source_ids)})
    for m in messages if own else []:
        rows["messages"].append({
            "external_id": eid("messages", m.id), "case": eid("cases", m.case_id),
            "channel": m.channel.value, "when": m.when.text, "text": m.text,
            "from_person": eid("persons", m.from_person) if m.from_person else "",
            "from_description": m.from_description, "language": m.language,
            "sources": ";".join(eid("sources", s) for s in m.source_ids),
            "interpretation": m.interpretations[-1].meaning if m.interpretations else "",
            "confidence": m.interpretations[-1].confidence.value if m.interpretations else "",
            "interpreted_by": m.interpretations[-1].by if m.interpretations else ""})
    for i in interventions:
        answered = own and i.response_on is not None
        rows["interventions"].append({
            "external_id": eid("interventions", i.id), "case": eid("cases", i.case_id),
            "kind": i.kind.value, "recipient": i.recipient, "sent_on": i.sent_on.isoformat(),
            "sender": i.sender,
            "follow_up_on": i.follow_up_on.isoformat() if i.follow_up_on else "",
            "response": i.response if answered else "",
            "response_on": i.response_on.isoformat() if answered and i.response_on else "",
            "notes": i.notes if own else ""})
    for a in applications:
        rows["applications"].append({
            "external_id": eid("applications", a.id), "case": eid("cases", a.case_id),
            "person": eid("persons", a.person_id), "country": a.country, "kind": a.kind.value,
            "reference": a.reference if own else "",
            "stages": "; ".join(f"{s.stage.value} {s.on.isoformat()}"
                                + (f": {s.note}" if s.note and own else "")
                                for s in sorted(a.stages, key=lambda s: s.on))})
    return rows
