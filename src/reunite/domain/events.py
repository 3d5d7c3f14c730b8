"""Events (what happened to whom, when and where, from which sources) and institutions."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from reunite.domain.dates import FuzzyDate
from reunite.errors import InvalidInput


class EventKind(StrEnum):
    PASSPORT_CONFISCATED = "passport_confiscated"
    DEPARTED = "departed"
    LAST_CONTACT = "last_contact"
    CARETAKER_DETAINED = "caretaker_detained"
    DETAINED = "detained"
    INTERROGATED = "interrogated"
    TAKEN_TO_INSTITUTION = "taken_to_institution"
    TRANSFERRED = "transferred"
    SEEN = "seen"
    SENTENCED = "sentenced"
    RELEASED = "released"
    DIED_IN_CUSTODY = "died_in_custody"
    PERMIT_GRANTED = "permit_granted"
    VISA_REFUSED = "visa_refused"
    DETAINED_WHILE_TRAVELLING = "detained_while_travelling"
    REUNITED = "reunited"
    OTHER = "other"


@dataclass(frozen=True)
class Event:
    id: str
    kind: EventKind
    when: FuzzyDate
    source_ids: tuple[str, ...]
    participants: tuple[str, ...] = ()
    case_id: str | None = None
    place: str = ""
    institution_id: str | None = None
    description: str = ""

    def __post_init__(self) -> None:
        if not self.source_ids:
            raise InvalidInput("an event must cite at least one source")


class InstitutionKind(StrEnum):
    ORPHANAGE = "orphanage"
    BOARDING_SCHOOL = "boarding_school"
    KINDERGARTEN = "kindergarten"
    CAMP = "camp"
    DETENTION_CENTRE = "detention_centre"
    PRISON = "prison"
    HOSPITAL = "hospital"
    OTHER = "other"


@dataclass(frozen=True)
class Institution:
    id: str
    kind: InstitutionKind
    names: tuple[str, ...]
    place: str = ""
    notes: str = ""

    def __post_init__(self) -> None:
        if not self.names or not all(n.strip() for n in self.names):
            raise InvalidInput("an institution needs at least one non-empty name")
