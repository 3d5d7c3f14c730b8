"""Dossiers: the case file as a document for a lawyer, a ministry, a UN procedure or the
public, holding of each person only what their consent allows for that audience.

:func:`dossier_view` turns the case file into a :class:`DossierView` in which consent has
already been applied: a person who may not be named appears by a stable label ("Child 2")
whose place in free text is marked ``⟦n⟧`` (the renderer writes the label in the document's
language), and their recorded names are replaced by that mark wherever free text quotes them.
:func:`export_dossier` renders the view and audits the export with the document's SHA-256.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from reunite.domain.access import Actor, Permission
from reunite.domain.cases import CaseRole, CaseStatus, Priority
from reunite.domain.dates import DaysSince, FuzzyDate
from reunite.domain.disclosure import (
    Audience,
    Level,
    disclosure,
    shows_document_numbers,
    shows_verbatim_messages,
)
from reunite.domain.persons import PersonStatus, Sex
from reunite.domain.sources import Grade, SourceKind
from reunite.errors import NotFound
from reunite.services import audit
from reunite.services.case_file import CaseFile, CasePerson, case_file
from reunite.store.registry import Tx

MARK = "⟦{}⟧"
MARKED = re.compile(r"⟦(\d+)⟧")
OUTSIDER = -1  # a person who is not a member of the case


@dataclass(frozen=True)
class DossierPerson:
    number: int  # within its label: Child 1, Child 2
    label: str  # child, sought person, searching relative, person
    level: Level
    role: CaseRole
    sex: Sex
    names: tuple[str, ...] = ()  # as recorded (named only)
    forms: tuple[tuple[str, str], ...] = ()  # in every script (named only)
    born: str = ""  # exact for the named, "about 2014" for a pseudonym, "" when withheld
    status: PersonStatus | None = None
    hometown: str = ""
    documents: tuple[str, ...] = ()
    last_contact: FuzzyDate | None = None
    days_since: DaysSince | None = None


@dataclass(frozen=True)
class DossierEntry:
    when: FuzzyDate
    kind: str
    code: str
    persons: tuple[int, ...]  # positions in DossierView.persons (OUTSIDER for others)
    where: str = ""
    detail: str = ""
    party: str = ""
    stage: str = ""
    sender: str = ""
    said: str = ""
    interpretations: tuple[tuple[str, str], ...] = ()  # (meaning, confidence)
    sources: tuple[int, ...] = ()  # 1-based numbers in DossierView.sources


@dataclass(frozen=True)
class DossierIntervention:
    kind: str
    recipient: str
    sent_on: date
    response: str
    response_on: date | None
    days_waiting: int | None


@dataclass(frozen=True)
class DossierApplication:
    kind: str
    country: str
    person: int
    stages: tuple[tuple[str, date], ...]


@dataclass(frozen=True)
class DossierSource:
    number: int
    kind: SourceKind
    title: str
    grade: Grade
    obtained: str


@dataclass(frozen=True)
class DossierView:
    case_id: str
    organisation: str
    status: CaseStatus
    priority: Priority
    opened_on: date
    summary: str
    audience: Audience
    persons: tuple[DossierPerson, ...]
    entries: tuple[DossierEntry, ...]
    interventions: tuple[DossierIntervention, ...]
    applications: tuple[DossierApplication, ...]
    sources: tuple[DossierSource, ...]
    as_of: date
    made_at: datetime
    made_by: str
    version: str

    def shown_name(self, position: int, label: Callable[[DossierPerson], str]) -> str:
        if position == OUTSIDER:
            return ""
        person = self.persons[position]
        return " ".join(person.names[:1]) if person.level is Level.NAMED else label(person)


def _label(p: CasePerson, opened: date) -> str:
    if p.role is CaseRole.SEARCHER:
        return "searching relative"
    if p.role is CaseRole.OTHER:
        return "person"
    birth = p.person.birth
    if birth and birth.latest and birth.latest.year > opened.year - 18:
        return "child"
    return "sought person"


def _about(p: CasePerson) -> str:
    if p.person.birth is None:
        return ""
    low, high = p.person.birth.year_range()
    if low is None or high is None:
        return ""
    return str(low) if low == high else f"{low}-{high}"


def _person(p: CasePerson, number: int, label: str, level: Level,
            audience: Audience) -> DossierPerson:
    person = p.person
    if level is Level.WITHHELD:
        return DossierPerson(number, label, level, p.role, Sex.UNKNOWN)
    common = {"status": person.status, "last_contact": p.last_contact.when
              if p.last_contact else None, "days_since": p.days_since}
    if level is Level.PSEUDONYMOUS:
        return DossierPerson(number, label, level, p.role, person.sex, born=_about(p),
                             **common)  # type: ignore[arg-type]
    shown = person.display_name()
    documents = tuple(
        f"{d.kind.value}: {d.status.value}" + (f" {d.number}" if d.number and
                                               shows_document_numbers(audience) else "")
        for d in person.documents)
    return DossierPerson(number, label, level, p.role, person.sex,
                         names=(shown, *dict.fromkeys(
                             n.text for n in person.names if n.text not in shown.split()
                             and n.text != shown)),
                         forms=p.forms, born=person.birth.text if person.birth else "",
                         hometown=person.hometown, documents=documents,
                         **common)  # type: ignore[arg-type]


class _Redactor:
    """Replaces the recorded names of persons who may not be named with their mark."""

    def __init__(self, hidden: dict[int, CasePerson]) -> None:
        words = {}
        for position, p in hidden.items():
            texts = {p.person.display_name(), *(n.text for n in p.person.names),
                     *(form for _, form in p.forms)}
            for text in texts:
                if len(text.strip()) >= 2:
                    words[text.strip()] = position
        self.words = sorted(words.items(), key=lambda kv: -len(kv[0]))
        self.pattern = (re.compile("|".join(re.escape(w) for w, _ in self.words),
                                   re.IGNORECASE) if self.words else None)
        self.lookup = {w.casefold(): pos for w, pos in self.words}

    def __call__(self, text: str) -> str:
        if not text or self.pattern is None:
            return text
        return self.pattern.sub(lambda m: MARK.format(self.lookup[m.group(0).casefold()]), text)


def dossier_view(tx: Tx, actor: Actor, case_id: str, *, audience: Audience, as_of: date,
                 client: str = "") -> DossierView:
    if not actor.may(Permission.EXPORT):
        raise NotFound(f"no case with id {case_id}")
    f = case_file(tx, actor, case_id, as_of=as_of, client=client,
                  purpose=f"dossier ({audience.value})")
    return build_view(f, audience)


def build_view(f: CaseFile, audience: Audience) -> DossierView:
    """The dossier's content from a case file (pure)."""
    counters: dict[str, int] = {}
    persons: list[DossierPerson] = []
    position = {}
    hidden: dict[int, CasePerson] = {}
    for i, p in enumerate(f.persons):
        label = _label(p, f.case.opened_on)
        counters[label] = counters.get(label, 0) + 1
        level = disclosure(p.consent, audience)
        persons.append(_person(p, counters[label], label, level, audience))
        position[p.person.id] = i
        if level is not Level.NAMED:
            hidden[i] = p
    clean = _Redactor(hidden)
    numbers = {s.id: n for n, s in enumerate(f.sources, start=1)}
    verbatim = shows_verbatim_messages(audience)
    entries = tuple(
        DossierEntry(e.when, e.kind, e.code,
                     tuple(position.get(pid, OUTSIDER) for pid in e.persons),
                     clean(e.where), clean(e.detail), clean(e.party), e.stage,
                     clean(e.sender) if verbatim else "", clean(e.said) if verbatim else "",
                     tuple((clean(i.meaning), i.confidence.value) for i in e.interpretations)
                     if verbatim else (),
                     tuple(numbers[s.id] for s in e.sources if s.id in numbers))
        for e in f.entries)
    interventions = tuple(
        DossierIntervention(s.intervention.kind.value, clean(s.intervention.recipient),
                            s.intervention.sent_on, clean(s.intervention.response),
                            s.intervention.response_on, s.days_waiting)
        for s in f.interventions)
    applications = tuple(
        DossierApplication(a.kind.value, a.country, position.get(a.person_id, OUTSIDER),
                           tuple((s.stage.value, s.on) for s in a.stages))
        for a in f.applications)
    sources = tuple(DossierSource(numbers[s.id], s.kind, clean(s.title), s.grade,
                                  s.obtained.text if s.obtained else "") for s in f.sources)
    return DossierView(f.case.id, f.case.organisation, f.case.status, f.case.priority,
                       f.case.opened_on, clean(f.case.summary) if verbatim else "", audience,
                       tuple(persons), entries, interventions, applications, sources,
                       f.as_of, f.made_at, f.made_by, f.version)


@dataclass(frozen=True)
class Dossier:
    content: bytes
    sha256: str
    view: DossierView


def export_dossier(tx: Tx, actor: Actor, case_id: str, *, audience: Audience, language: str,
                   as_of: date, render: Callable[[DossierView], bytes],
                   client: str = "") -> Dossier:
    """Build, render and audit a dossier: the audit entry holds the document's SHA-256, so
    that a copy can later be shown to be the one Reunite made, and by whom."""
    view = dossier_view(tx, actor, case_id, audience=audience, as_of=as_of, client=client)
    content = render(view)
    digest = hashlib.sha256(content).hexdigest()
    audit.record(tx, action="export", object_kind="dossier", object_id=view.case_id,
                 client=client, detail=f"audience={audience.value} language={language} "
                 f"version={view.version} sha256={digest}")
    return Dossier(content, digest, view)
