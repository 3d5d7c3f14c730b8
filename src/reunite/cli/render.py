"""Showing records to people (Rich) and to programs (--json)."""

from __future__ import annotations

import json
from typing import Any

from rich.table import Table

from reunite.cli.context import out
from reunite.domain.cases import Case, CaseRole
from reunite.domain.jsonform import plain
from reunite.domain.persons import Person
from reunite.domain.sources import Source
from reunite.services.case_file import CaseFile
from reunite.services.persons import PersonView


def emit_json(value: Any) -> None:
    print(json.dumps(plain(value), ensure_ascii=False, indent=2))


def source_refs(sources: tuple[Source, ...]) -> str:
    return "; ".join(f"{s.id} [{s.grade}] {s.title}" for s in sources)


def person_table(people: list[Person]) -> None:
    table = Table("id", "name", "sex", "born", "status", "hometown", title="Persons")
    for p in people:
        table.add_row(p.id, p.display_name(), p.sex.value,
                      p.birth.describe() if p.birth else "unknown", p.status.value, p.hometown)
    out.print(table)


def person_detail(view: PersonView) -> None:
    p = view.person
    out.print(f"{p.display_name()}  {p.id}", style="bold")
    names = Table("name", "kind", "script", "language", title="Names")
    for n in p.names:
        names.add_row(n.text, n.kind.value, n.script.value, n.language or "-")
    out.print(names)
    out.print(f"sex: {p.sex.value}   born: {p.birth.describe() if p.birth else 'unknown'}   "
              f"hometown: {p.hometown or 'unknown'}   status: {p.status.value}")
    for d in p.documents:
        number = f" no. {d.number}" if d.number else ""
        out.print(f"document: {d.kind.value} {d.status.value}{number} {d.country}".rstrip())
    for c in p.contacts:
        out.print(f"contact ({c.kind}): {c.value}")
    if p.notes:
        out.print(f"notes: {p.notes}")
    consent = view.consent
    out.print(f"consent: tracing={'yes' if consent.tracing else 'no'} sharing="
              f"{'yes' if consent.sharing else 'no'} publication={consent.publication.value}"
              + (f" (recorded by {consent.recorded_by} {consent.recorded_at:%Y-%m-%d})"
                 if consent.recorded_by else " (none recorded)"))
    if view.last_contact and view.days_since_contact:
        out.print(f"last contact: {view.last_contact.when.describe()}; "
                  f"{view.days_since_contact.describe()} as of {view.as_of}")
    else:
        out.print("last contact: none recorded")
    if view.relatives:
        rel = Table("relation", "person", "id", "sources", title="Family and relations")
        for r in view.relatives:
            rel.add_row(r.kind.value.replace("_", "/"), r.person.display_name(), r.person.id,
                        ", ".join(r.source_ids))
        out.print(rel)
    if view.duplicates:
        facts = Table("fact", "value", "record", title="Facts across linked records "
                      "(confirmed duplicates, never merged)")
        for record in (p, *view.duplicates):
            for n in record.names:
                facts.add_row(f"name ({n.kind.value})", n.text, record.id)
            facts.add_row("born", record.birth.describe() if record.birth else "unknown",
                          record.id)
            facts.add_row("status", record.status.value, record.id)
            if record.hometown:
                facts.add_row("hometown", record.hometown, record.id)
        out.print(facts)
    for case in view.cases:
        out.print(f"case {case.id}: {case.status.value}, opened {case.opened_on}")
    out.print(f"sources: {', '.join(p.source_ids)}")


def case_table(cases: list[Case], names: dict[str, str]) -> None:
    table = Table("id", "status", "priority", "opened", "searching", "sought", "assignee",
                  title="Cases")
    for c in cases:
        table.add_row(c.id, c.status.value, c.priority.value, str(c.opened_on),
                      ", ".join(names.get(p, p) for p in c.searchers),
                      ", ".join(names.get(p, p) for p in c.sought), c.assignee)
    out.print(table)


def render_case(f: CaseFile) -> None:
    c = f.case
    out.print(f"Case {c.id} ({c.status.value}, priority {c.priority.value}, "
              f"{c.organisation}, assigned to {c.assignee}, opened {c.opened_on})")
    if c.summary:
        out.print(c.summary)
    for p in f.persons:
        forms = "; ".join(f"{script}: {form}" for script, form in p.forms)
        line = (f"  {p.role.value}: {p.person.display_name()} ({p.person.id}), "
                f"{p.person.status.value}")
        if p.role is CaseRole.SOUGHT:
            line += (f"; last contact {p.last_contact.when.describe()}: "
                     f"{p.days_since.describe()} as of {f.as_of}"
                     if p.last_contact and p.days_since else "; no last contact recorded")
        out.print(line)
        if forms:
            out.print(f"      {forms}")
    table = Table("date", "what", "who", "sources [grade]", title="Timeline", show_lines=True)
    for e in f.entries:
        what = e.summary
        if e.said:
            what += f'\nsaid (verbatim): "{e.said}"'
        for reading in e.interpretations:
            what += (f"\ninterpreted by {reading.by} ({reading.confidence.value} confidence): "
                     f"{reading.meaning}")
        table.add_row(e.when.describe(), what, ", ".join(f.name_of(p) for p in e.persons),
                      source_refs(e.sources))
    out.print(table)
    if f.interventions:
        table = Table("sent", "kind", "recipient", "response", "waiting", title="Interventions")
        for s in f.interventions:
            i = s.intervention
            table.add_row(str(i.sent_on), i.kind.value, i.recipient,
                          f"{i.response_on}: {i.response}" if i.response_on else "none",
                          f"{s.days_waiting} days" if s.days_waiting is not None else "")
        out.print(table)
    for a in f.applications:
        stages = " -> ".join(f"{s.stage.value} {s.on}" for s in a.stages)
        out.print(f"application {a.id}: {a.kind.value} ({a.country}) for "
                  f"{f.name_of(a.person_id)}: {stages or 'no stage'}")
    out.print(f"sources: {source_refs(f.sources)}")
    out.print(f"case file version {f.version}, as of {f.as_of}")
