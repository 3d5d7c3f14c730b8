"""Commands for sources, persons, relationships and institutions."""

from __future__ import annotations

import re
from typing import Annotated

import typer

from reunite.cli.context import as_of_day, ids, out, transaction
from reunite.cli.render import emit_json, person_detail, person_table
from reunite.domain.dates import BirthDate, FuzzyDate
from reunite.domain.enums import parse_enum
from reunite.domain.events import InstitutionKind
from reunite.domain.ids import normalise_id
from reunite.domain.persons import (
    DocumentKind,
    DocumentStatus,
    NameKind,
    PersonStatus,
    Publication,
    RelationshipKind,
    Sex,
)
from reunite.domain.sources import Credibility, Grade, SourceKind
from reunite.errors import InvalidInput
from reunite.services import events, persons, sources
from reunite.services.persons import DocumentInput, NameInput

source_app = typer.Typer(no_args_is_help=True, help="Sources of information and their grades.")
person_app = typer.Typer(no_args_is_help=True, help="Persons: sought, searching, relatives.")
institution_app = typer.Typer(no_args_is_help=True, help="Orphanages, schools, camps, prisons.")

Names = Annotated[list[str] | None, typer.Option(help="Repeatable. Append @ug, @zh, ... to "
                                                       "give the language.")]
Sources = Annotated[list[str] | None, typer.Option("--source", "-s",
                                                   help="Source id (repeatable).")]
Json = Annotated[bool, typer.Option("--json", help="Machine-readable output.")]
_LANG = re.compile(r"^(.*\S)\s*@([a-z]{2,3}(?:-[A-Za-z]{2,4})?)$", re.S)

def register(app: typer.Typer) -> None:
    app.add_typer(source_app, name="source")
    app.add_typer(person_app, name="person")
    app.add_typer(institution_app, name="institution")
    app.command("relate")(relate)

@source_app.command("add")
def source_add(ctx: typer.Context,
               kind: Annotated[SourceKind, typer.Option(help="What kind of source.")],
               title: Annotated[str, typer.Option(help="What it is, e.g. 'interview with the "
                                                       "mother'.")],
               grade: Annotated[str, typer.Option(help="Reliability A-F and credibility 1-6, "
                                                       "e.g. B2.")],
               date: Annotated[str | None, typer.Option(help="When it was obtained.")] = None,
               description: str = "", as_json: Json = False) -> None:
    """Record a source with its two-part grade."""
    g = Grade.parse(grade)
    obtained = FuzzyDate.parse(date) if date else None
    with transaction(ctx) as tx:
        s = sources.add_source(tx, kind=kind, title=title, reliability=g.reliability,
                               credibility=g.credibility, obtained=obtained,
                               description=description)
    emit_json(s) if as_json else out.print(f"source {s.id} [{s.grade}] recorded")

@source_app.command("list")
def source_list(ctx: typer.Context, as_json: Json = False) -> None:
    """All sources with their grades."""
    with transaction(ctx) as tx:
        found = sources.list_sources(tx)
    if as_json:
        emit_json(found)
        return
    for s in found:
        credibility = Credibility(s.credibility).label
        out.print(f"{s.id} [{s.grade}] {s.kind.value}: {s.title} "
                  f"({s.reliability.label}; {credibility})")

def _names(**by_kind: list[str] | None) -> list[NameInput]:
    result = []
    for kind, values in by_kind.items():
        for raw in values or []:
            m = _LANG.match(raw)
            text, lang = (m[1], m[2].lower()) if m else (raw, "")
            result.append(NameInput(text, NameKind(kind), lang))
    return result

def _documents(values: list[str] | None) -> list[DocumentInput]:
    docs = []
    for raw in values or []:
        parts = raw.split(":")
        if len(parts) < 2 or len(parts) > 4:
            raise InvalidInput(f"document {raw!r}: write KIND:STATUS[:NUMBER[:COUNTRY]], "
                               "e.g. passport:confiscated")
        parts += [""] * (4 - len(parts))
        docs.append(DocumentInput(parse_enum(DocumentKind, parts[0], "document kind"),
                                  parse_enum(DocumentStatus, parts[1], "document status"),
                                  parts[2], parts[3]))
    return docs

def _contacts(values: list[str] | None) -> list[tuple[str, str]]:
    pairs = []
    for raw in values or []:
        kind, sep, value = raw.partition(":")
        if not sep or not kind.strip() or not value.strip():
            raise InvalidInput(f"contact {raw!r}: write KIND:VALUE, e.g. phone:+90...")
        pairs.append((kind, value))
    return pairs

@person_app.command("add")
def person_add(
    ctx: typer.Context, source: Sources = None,
    given: Names = None, father: Names = None, family: Names = None, full: Names = None,
    alias: Names = None,
    sex: Annotated[Sex, typer.Option(case_sensitive=False)] = Sex.UNKNOWN,
    born: Annotated[str | None, typer.Option(
        help="Birth date (2011, 2011-03, late 2011) or an age at a date ('5 on 2016-11').")]
    = None,
    hometown: str = "", status: PersonStatus = PersonStatus.UNKNOWN, notes: str = "",
    document: Annotated[list[str] | None, typer.Option(
        help="KIND:STATUS[:NUMBER[:COUNTRY]], e.g. passport:confiscated")] = None,
    contact: Annotated[list[str] | None, typer.Option(help="KIND:VALUE")] = None,
    tracing: Annotated[bool | None, typer.Option("--tracing/--no-tracing",
                                                 help="Consent to tracing and matching.")] = None,
    sharing: Annotated[bool | None, typer.Option("--sharing/--no-sharing",
                                                 help="Consent to sharing with partners.")]
    = None,
    publication: Annotated[Publication | None, typer.Option(help="Consent to publication.")]
    = None,
    as_json: Json = False,
) -> None:
    """Add a person with their names in any script, citing the source."""
    names = _names(given=given, father=father, family=family, full=full, alias=alias)
    if not names:
        raise InvalidInput("give at least one name (--given, --father, --full, ...)")
    birth = BirthDate.parse(born) if born else None
    consent = None
    if tracing is not None or sharing is not None or publication is not None:
        consent = (bool(tracing), bool(sharing), publication or Publication.NONE)
    docs, contacts = _documents(document), _contacts(contact)
    with transaction(ctx) as tx:
        p = persons.add_person(tx, names=names, source_ids=ids(source), sex=sex, birth=birth,
                               hometown=hometown, status=status, notes=notes, documents=docs,
                               contacts=contacts, consent=consent)
    emit_json(p) if as_json else out.print(f"person {p.id} added: {p.display_name()}")

@person_app.command("edit")
def person_edit(
    ctx: typer.Context, person_id: str, source: Sources = None,
    sex: Annotated[Sex | None, typer.Option(case_sensitive=False)] = None,
    born: str | None = None, hometown: str | None = None, status: PersonStatus | None = None,
    notes: str | None = None, add_given: Names = None, add_father: Names = None,
    add_full: Names = None, add_alias: Names = None,
    add_document: Annotated[list[str] | None, typer.Option(help="KIND:STATUS[:NUMBER]")] = None,
    as_json: Json = False,
) -> None:
    """Change a person's facts (citing the source) or notes; adds names and documents."""
    names = _names(given=add_given, father=add_father, full=add_full, alias=add_alias)
    birth = BirthDate.parse(born) if born else None
    docs = _documents(add_document)
    with transaction(ctx) as tx:
        p = persons.edit_person(tx, person_id=normalise_id(person_id), source_ids=ids(source),
                                sex=sex, birth=birth, hometown=hometown, status=status,
                                notes=notes, add_names=names, add_documents=docs)
    emit_json(p) if as_json else out.print(f"person {p.id} updated")

@person_app.command("consent")
def person_consent(ctx: typer.Context, person_id: str,
                   tracing: Annotated[bool, typer.Option("--tracing/--no-tracing")] = False,
                   sharing: Annotated[bool, typer.Option("--sharing/--no-sharing")] = False,
                   publication: Publication = Publication.NONE, note: str = "",
                   as_json: Json = False) -> None:
    """Record what may be done with this person's data (replaces the previous statement)."""
    with transaction(ctx) as tx:
        c = persons.record_consent(tx, person_id=normalise_id(person_id), tracing=tracing,
                                   sharing=sharing, publication=publication, note=note)
    emit_json(c) if as_json else out.print("consent recorded")

@person_app.command("show")
def person_show(ctx: typer.Context, person_id: str,
                as_of: Annotated[str | None, typer.Option(help="YYYY-MM-DD")] = None,
                as_json: Json = False) -> None:
    """A person: names in every script, family, cases, consent, days since last contact."""
    day = as_of_day(as_of)
    with transaction(ctx) as tx:
        view = persons.person_view(tx, person_id=normalise_id(person_id), as_of=day)
    emit_json(view) if as_json else person_detail(view)

@person_app.command("list")
def person_list(ctx: typer.Context, status: PersonStatus | None = None,
                as_json: Json = False) -> None:
    """All persons, optionally by status."""
    with transaction(ctx) as tx:
        found = persons.list_persons(tx, status=status)
    emit_json(found) if as_json else person_table(found)

def relate(ctx: typer.Context,
           person_a: Annotated[str, typer.Argument(help="First person's id.")],
           kind: Annotated[str, typer.Argument(
               help="What the first person is to the second: "
                    + ", ".join(k.value for k in RelationshipKind))],
           person_b: Annotated[str, typer.Argument(help="Second person's id.")],
           source: Sources = None, as_json: Json = False) -> None:
    """Record that PERSON_A is KIND of PERSON_B (e.g. `relate P-.. parent P-..`)."""
    rel_kind = parse_enum(RelationshipKind, kind, "relationship")
    with transaction(ctx) as tx:
        rel = persons.relate(tx, from_person=normalise_id(person_a), kind=rel_kind,
                             to_person=normalise_id(person_b), source_ids=ids(source))
    emit_json(rel) if as_json else out.print(f"relationship {rel.id} recorded")

@institution_app.command("add")
def institution_add(ctx: typer.Context, kind: InstitutionKind,
                    name: Annotated[list[str], typer.Option(help="Repeatable, any script.")],
                    place: str = "", notes: str = "", as_json: Json = False) -> None:
    """Record an institution with its names."""
    with transaction(ctx) as tx:
        inst = events.add_institution(tx, kind=kind, names=name, place=place, notes=notes)
    emit_json(inst) if as_json else out.print(f"institution {inst.id} recorded")

@institution_app.command("list")
def institution_list(ctx: typer.Context, as_json: Json = False) -> None:
    """All institutions."""
    with transaction(ctx) as tx:
        found = events.list_institutions(tx)
    if as_json:
        emit_json(found)
        return
    for i in found:
        out.print(f"{i.id} {i.kind.value}: {' / '.join(i.names)} ({i.place or 'place unknown'})")
