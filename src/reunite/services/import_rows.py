"""One imported row: parsed into typed values (refusals name their column), then written as a
new record or as the update of the record its external id made before."""

from __future__ import annotations

import dataclasses
from datetime import date

from reunite.domain.access import Actor
from reunite.domain.cases import CaseStatus, Priority
from reunite.domain.dates import BirthDate, FuzzyDate
from reunite.domain.ids import new_id
from reunite.domain.persons import (
    NameKind,
    PersonStatus,
    Publication,
    Relationship,
    RelationshipKind,
    Sex,
)
from reunite.domain.sources import Grade, Source, SourceKind
from reunite.interchange.tabular import Row
from reunite.services import cases, persons, sources
from reunite.services.import_casework import CASEWORK, apply_casework, parse_casework
from reunite.services.import_cells import CellProblem, Parsed, Records, enum_cell, parse_cell, refs
from reunite.services.persons import NameInput
from reunite.store import cases as case_store
from reunite.store import persons as person_store
from reunite.store import sources as source_store
from reunite.store.registry import Tx

YES = {"yes": True, "y": True, "true": True, "1": True, "no": False, "n": False,
       "false": False, "0": False}
NAME_COLUMNS = (("given_name", NameKind.GIVEN), ("father_name", NameKind.FATHER),
                ("family_name", NameKind.FAMILY), ("full_name", NameKind.FULL))


def parse_row(tx: Tx, actor: Actor, row: Row, in_file: dict[str, set[str]],
              records: Records) -> Parsed:
    v, ext = row.values, row.values["external_id"]
    if row.sheet in CASEWORK:
        return parse_casework(tx, actor, row, in_file, records)
    if row.sheet == "sources":
        kind = enum_cell(SourceKind, row, "kind")
        if not v.get("title"):
            raise CellProblem("title", "a source needs a title")
        grade = parse_cell(row, "grade", Grade.parse)
        if grade is None:
            raise CellProblem("grade", "a source needs its grade, e.g. B2")
        return Parsed("sources", ext, {"kind": kind, "title": v["title"], "grade": grade,
                                       "obtained": parse_cell(row, "obtained", FuzzyDate.parse),
                                       "description": v.get("description", "")})
    if row.sheet == "persons":
        names = [NameInput(v[c], k) for c, k in NAME_COLUMNS if v.get(c)]
        for form in (n.strip() for n in v.get("other_names", "").split(";")):
            if form:
                text, _, lang = form.rpartition("@") if "@" in form else (form, "", "")
                names.append(NameInput(text, NameKind.ALIAS, lang))
        if not names:
            raise CellProblem("given_name", "a person needs at least one name, in any script")
        birth = parse_cell(row, "birth", BirthDate.parse)
        if birth and birth.earliest and birth.earliest > tx.today:
            raise CellProblem("birth", f"{v['birth']!r} is in the future")
        consent = None
        if any(v.get(c) for c in ("tracing", "sharing", "publication")):
            flags = []
            for c in ("tracing", "sharing"):
                if v.get(c, "").casefold() not in YES | {"": False}:
                    raise CellProblem(c, f"{v[c]!r}: write yes or no")
                flags.append(YES.get(v.get(c, "").casefold(), False))
            consent = (flags[0], flags[1], enum_cell(Publication, row, "publication",
                                                 Publication.NONE))
        sex = v.get("sex", "").casefold()
        sexes = {"": Sex.UNKNOWN, "f": Sex.FEMALE, "female": Sex.FEMALE, "m": Sex.MALE,
                 "male": Sex.MALE, "u": Sex.UNKNOWN, "unknown": Sex.UNKNOWN}
        if sex not in sexes:
            raise CellProblem("sex", f"{v['sex']!r}: write F, M or U")
        return Parsed("persons", ext, {
            "names": names, "sex": sexes[sex], "birth": birth, "hometown": v.get("hometown", ""),
            "status": enum_cell(PersonStatus, row, "status", PersonStatus.UNKNOWN),
            "notes": v.get("notes", ""), "consent": consent},
            {"sources": refs(row, "sources", "sources", in_file, records)})
    if row.sheet == "relationships":
        one = refs(row, "person", "persons", in_file, records, required=True)
        other = refs(row, "other", "persons", in_file, records, required=True)
        if len(one) != 1 or len(other) != 1:
            raise CellProblem("person", "a relationship joins exactly two persons")
        if one == other:
            raise CellProblem("other", "a person cannot be related to themselves")
        return Parsed("relationships", ext, {"kind": enum_cell(RelationshipKind, row, "kind")},
                      {"person": one, "other": other,
                       "sources": refs(row, "sources", "sources", in_file, records)})
    status = enum_cell(CaseStatus, row, "status", CaseStatus.OPEN)
    if status is CaseStatus.CLOSED:
        raise CellProblem("status", "closing a case needs its reason: close it in Reunite")
    opened = parse_cell(row, "opened_on", date.fromisoformat)
    if opened and opened > tx.today:
        raise CellProblem("opened_on", f"{opened} is in the future")
    return Parsed("cases", ext, {
        "status": status, "priority": enum_cell(Priority, row, "priority", Priority.NORMAL),
        "opened_on": opened, "summary": v.get("summary", ""),
        "organisation": v.get("organisation", "")},
        {c: refs(row, c, "persons", in_file, records, required=c != "others")
         for c in ("searchers", "sought", "others")})


def _ids(records: Records, kind: str, refs: tuple[str, ...]) -> list[str]:
    return [records[(kind, r)] for r in refs]


def apply_row(tx: Tx, actor: Actor, p: Parsed, record_id: str | None, import_source: str,
              records: Records) -> str:
    """Create the row's record, or update ``record_id``; returns the record's id."""
    f = p.fields
    cited = [import_source, *_ids(records, "sources", p.refs.get("sources", ()))]
    if p.kind in CASEWORK:
        return apply_casework(tx, p, record_id, cited, records)
    if p.kind == "sources":
        grade: Grade = f["grade"]
        if record_id is None:
            return sources.add_source(tx, kind=f["kind"], title=f["title"],
                                      reliability=grade.reliability,
                                      credibility=grade.credibility, obtained=f["obtained"],
                                      description=f["description"]).id
        source = Source(record_id, f["kind"], f["title"], grade.reliability, grade.credibility,
                        f["obtained"], f["description"])
        source_store.update_source(tx, source, ["kind", "title", "grade", "obtained",
                                                "description"])
        return record_id
    if p.kind == "persons":
        if record_id is None:
            return persons.add_person(tx, names=f["names"], source_ids=cited, sex=f["sex"],
                                      birth=f["birth"], hometown=f["hometown"],
                                      status=f["status"], notes=f["notes"],
                                      consent=f["consent"]).id
        current = person_store.get_person(tx, record_id)
        updated = dataclasses.replace(
            current, names=tuple(persons.names_of(f["names"])), sex=f["sex"], birth=f["birth"],
            hometown=f["hometown"], status=f["status"], notes=f["notes"],
            source_ids=tuple(dict.fromkeys(current.source_ids + tuple(cited))))
        person_store.update_person(tx, updated, ["names", "sex", "birth", "hometown", "status",
                                                 "notes"])
        consent = f["consent"]
        now = person_store.current_consent(tx, record_id)
        if consent is not None and (now.tracing, now.sharing, now.publication) != consent:
            persons.record_consent(tx, person_id=record_id, tracing=consent[0],
                                   sharing=consent[1], publication=consent[2],
                                   note="from an import")
        return record_id
    if p.kind == "relationships":
        rel = Relationship(record_id or new_id("relationship"),
                           records[("persons", p.refs["person"][0])], f["kind"],
                           records[("persons", p.refs["other"][0])], tuple(cited))
        if record_id is None:
            person_store.insert_relationship(tx, rel)
        else:
            person_store.update_relationship(tx, rel, ["from_person", "kind", "to_person"])
        return rel.id
    members = {c: _ids(records, "persons", p.refs[c]) for c in ("searchers", "sought", "others")}
    organisation = f["organisation"] or "imported"
    if record_id is None:
        case = cases.open_case(tx, searchers=members["searchers"], sought=members["sought"],
                               others=members["others"], organisation=organisation,
                               assignee=actor.username, priority=f["priority"],
                               summary=f["summary"], opened_on=f["opened_on"])
        if f["status"] is not CaseStatus.OPEN:
            cases.set_status(tx, case_id=case.id, status=f["status"])
        return case.id
    case = case_store.get_case(tx, record_id)
    person_store.require_persons(tx, [m for ms in members.values() for m in ms])
    changed_case = dataclasses.replace(
        case, status=f["status"], priority=f["priority"], organisation=organisation,
        summary=f["summary"], opened_on=f["opened_on"] or case.opened_on,
        searchers=tuple(members["searchers"]), sought=tuple(members["sought"]),
        others=tuple(members["others"]))
    case_store.update_case(tx, changed_case, ["status", "priority", "organisation", "summary",
                                         "opened_on", "members"])
    return record_id
