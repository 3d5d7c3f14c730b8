"""Imported rows of a case's record: events, messages, interventions, applications.

Each refers to its case (and persons) by external id; a case already in the registry must be
one the importing user may see. Updates keep what the record is for truth: a message's
interpretation is appended when the row's differs from the latest, never rewritten; an
application's stages are appended when new, never removed.
"""

from __future__ import annotations

import dataclasses
from datetime import date

from reunite.domain.access import Actor
from reunite.domain.advocacy import (
    ApplicationKind,
    ApplicationStage,
    Intervention,
    InterventionKind,
    StageKind,
)
from reunite.domain.dates import FuzzyDate
from reunite.domain.enums import parse_enum
from reunite.domain.events import Event, EventKind, InstitutionKind
from reunite.domain.ids import new_id
from reunite.domain.messages import Channel, Confidence, Message
from reunite.errors import InvalidInput, NotFound
from reunite.interchange.tabular import Row
from reunite.services import advocacy, events, messages
from reunite.services.access import require_case
from reunite.services.checks import country_code
from reunite.services.import_cells import CellProblem, Parsed, Records, enum_cell, parse_cell, refs
from reunite.store import advocacy as advocacy_store
from reunite.store import events as event_store
from reunite.store import messages as message_store
from reunite.store.registry import Tx

CASEWORK = ("events", "messages", "interventions", "applications")


def _case(tx: Tx, actor: Actor, row: Row, in_file: dict[str, set[str]], records: Records,
          *, required: bool) -> tuple[str, ...]:
    found = refs(row, "case", "cases", in_file, records, required=required)
    if len(found) > 1:
        raise CellProblem("case", "one case per row")
    for ext in found:
        if ("cases", ext) in records and ext not in in_file["cases"]:
            try:
                require_case(tx, actor, records[("cases", ext)])
            except NotFound:
                raise CellProblem("case", f"case {ext} is one you may not change") from None
    return found


def _day(row: Row, column: str, today: date, *, required: bool = False) -> date | None:
    day = parse_cell(row, column, date.fromisoformat)
    if day is None and required:
        raise CellProblem(column, "give the date as YYYY-MM-DD")
    if day is not None and day > today:
        raise CellProblem(column, f"{day} is in the future")
    return day


def _when(row: Row, today: date) -> FuzzyDate:
    when = parse_cell(row, "when", FuzzyDate.parse)
    if when is None:
        raise CellProblem("when", "give the date, at any precision (2017, late 2016)")
    if when.earliest and when.earliest > today:
        raise CellProblem("when", f"{row.values['when']!r} is in the future")
    return when


def _stages(row: Row, today: date) -> list[tuple[StageKind, date, str]]:
    stages = []
    for part in (p.strip() for p in row.values.get("stages", "").split(";")):
        if not part:
            continue
        head, _, note = part.partition(":")
        words = head.split()
        if len(words) != 2:
            raise CellProblem("stages", f"{part!r}: write a stage and its date: filed 2020-01-15")
        try:
            stage = parse_enum(StageKind, words[0], "stage")
            on = date.fromisoformat(words[1])
        except (InvalidInput, ValueError) as exc:
            raise CellProblem("stages", f"{part!r}: {exc}") from None
        if on > today:
            raise CellProblem("stages", f"{on} is in the future")
        stages.append((stage, on, note.strip()))
    return stages


def parse_casework(tx: Tx, actor: Actor, row: Row, in_file: dict[str, set[str]],
                   records: Records) -> Parsed:
    v, ext, kind = row.values, row.values["external_id"], row.sheet
    sources = refs(row, "sources", "sources", in_file, records) if kind in (
        "events", "messages") else ()
    case = _case(tx, actor, row, in_file, records, required=kind != "events")
    if kind == "events":
        persons = refs(row, "persons", "persons", in_file, records)
        if not case and not persons:
            raise CellProblem("case", "an event belongs to a case or involves a person")
        institution_kind = enum_cell(InstitutionKind, row, "institution_kind")
        if v.get("institution") and institution_kind is None:
            raise CellProblem("institution_kind", "say what kind of institution it is")
        return Parsed(kind, ext, {
            "kind": enum_cell(EventKind, row, "kind"), "when": _when(row, tx.today),
            "place": v.get("place", ""), "institution": v.get("institution", ""),
            "institution_kind": institution_kind, "description": v.get("description", "")},
            {"case": case, "persons": persons, "sources": sources})
    if kind == "messages":
        if not v.get("text", "").strip():
            raise CellProblem("text", "a message needs its verbatim text")
        sender = refs(row, "from_person", "persons", in_file, records)
        if len(sender) > 1:
            raise CellProblem("from_person", "one sender per message")
        confidence = enum_cell(Confidence, row, "confidence", Confidence.MEDIUM)
        return Parsed(kind, ext, {
            "channel": enum_cell(Channel, row, "channel"), "when": _when(row, tx.today),
            "text": v["text"], "from_description": v.get("from_description", ""),
            "language": v.get("language", ""), "interpretation": v.get("interpretation", ""),
            "confidence": confidence, "by": v.get("interpreted_by", "")},
            {"case": case, "from_person": sender, "sources": sources})
    if kind == "interventions":
        sent = _day(row, "sent_on", tx.today, required=True)
        response_on = _day(row, "response_on", tx.today)
        if response_on and not v.get("response"):
            raise CellProblem("response", "a response date needs the response itself")
        if response_on and sent and response_on < sent:
            raise CellProblem("response_on", "the response is dated before the sending")
        return Parsed(kind, ext, {
            "kind": enum_cell(InterventionKind, row, "kind"), "recipient": v.get("recipient", ""),
            "sent_on": sent, "sender": v.get("sender", ""),
            "follow_up_on": parse_cell(row, "follow_up_on", date.fromisoformat),
            "response": v.get("response", ""), "response_on": response_on,
            "notes": v.get("notes", "")}, {"case": case})
    person = refs(row, "person", "persons", in_file, records, required=True)
    try:
        country = country_code(v.get("country", ""))
    except InvalidInput as exc:
        raise CellProblem("country", str(exc)) from None
    return Parsed(kind, ext, {
        "kind": enum_cell(ApplicationKind, row, "kind"), "country": country,
        "reference": v.get("reference", ""), "stages": _stages(row, tx.today)},
        {"case": case, "person": person[:1]})


def _institution(tx: Tx, name: str, kind: InstitutionKind | None) -> str | None:
    if not name or kind is None:
        return None
    for inst in event_store.get_institutions(tx).values():
        if inst.kind is kind and name.casefold() in (n.casefold() for n in inst.names):
            return inst.id
    return events.add_institution(tx, kind=kind, names=[name]).id


def apply_casework(tx: Tx, p: Parsed, record_id: str | None, cited: list[str],
                   records: Records) -> str:
    f, r = p.fields, p.refs
    case_id = records[("cases", r["case"][0])] if r.get("case") else None
    if p.kind == "events":
        persons = [records[("persons", x)] for x in r["persons"]]
        institution = _institution(tx, f["institution"], f["institution_kind"])
        if record_id is None:
            return events.add_event(tx, kind=f["kind"], when=f["when"], source_ids=cited,
                                    participants=persons, case_id=case_id, place=f["place"],
                                    institution_id=institution,
                                    description=f["description"]).id
        event = Event(record_id, f["kind"], f["when"], tuple(cited), tuple(persons), case_id,
                      f["place"], institution, f["description"])
        event_store.update_event(tx, event, ["kind", "when", "place", "institution",
                                             "description", "participants"])
        return record_id
    if p.kind == "messages":
        assert case_id is not None
        sender = records[("persons", r["from_person"][0])] if r["from_person"] else None
        if record_id is None:
            record_id = messages.add_message(
                tx, case_id=case_id, text=f["text"], channel=f["channel"], when=f["when"],
                source_ids=cited, from_person=sender, from_description=f["from_description"],
                language=f["language"]).id
        else:
            message_store.update_message(tx, Message(
                record_id, case_id, f["text"], f["channel"], f["when"], tuple(cited), sender,
                f["from_description"], f["language"]), ["text", "channel", "when", "from"])
        readings = message_store.get_message(tx, record_id).interpretations
        latest = readings[-1].meaning if readings else ""
        if f["interpretation"] and f["interpretation"] != latest:
            messages.interpret(tx, message_id=record_id, meaning=f["interpretation"],
                               by=f["by"] or tx.actor, confidence=f["confidence"])
        return record_id
    assert case_id is not None
    if p.kind == "interventions":
        if record_id is None:
            return advocacy.add_intervention(
                tx, case_id=case_id, kind=f["kind"], sender=f["sender"],
                recipient=f["recipient"], sent_on=f["sent_on"], follow_up_on=f["follow_up_on"],
                response=f["response"], response_on=f["response_on"], notes=f["notes"]).id
        advocacy_store.update_intervention(tx, Intervention(
            record_id, case_id, f["kind"], f["sender"], f["recipient"], f["sent_on"],
            f["response"], f["response_on"], f["follow_up_on"], f["notes"]),
            ["kind", "sender", "recipient", "sent_on", "response", "follow_up_on", "notes"])
        return record_id
    person = records[("persons", r["person"][0])]
    if record_id is None:
        record_id = advocacy.add_application(tx, case_id=case_id, person_id=person,
                                             country=f["country"], kind=f["kind"],
                                             reference=f["reference"]).id
        have: set[tuple[StageKind, date, str]] = set()
    else:
        current = advocacy_store.get_application(tx, record_id)
        advocacy_store.update_application(tx, dataclasses.replace(
            current, case_id=case_id, person_id=person, country=f["country"], kind=f["kind"],
            reference=f["reference"]), ["case", "person", "country", "kind", "reference"])
        have = {(s.stage, s.on, s.note) for s in current.stages}
    for stage in sorted(f["stages"], key=lambda s: s[1]):
        if stage not in have:
            advocacy_store.insert_stage(tx, record_id, ApplicationStage(
                new_id("stage"), stage[0], stage[1], stage[2]))
    return record_id
