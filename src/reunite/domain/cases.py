"""Cases (tracing requests), events, institutions, messages and advocacy."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from reunite.domain.dates import FuzzyDate
from reunite.errors import InvalidInput


class CaseStatus(StrEnum):
    OPEN = "open"
    TRACING = "tracing"
    LOCATED = "located"
    CONTACT_RESTORED = "contact_restored"
    REUNITED = "reunited"
    CLOSED = "closed"


class Priority(StrEnum):
    LOW = "low"
    NORMAL = "normal"
    HIGH = "high"
    URGENT = "urgent"


class CaseRole(StrEnum):
    SEARCHER = "searcher"
    SOUGHT = "sought"
    OTHER = "other"


@dataclass(frozen=True)
class Case:
    id: str
    status: CaseStatus
    priority: Priority
    organisation: str
    assignee: str
    opened_on: date
    searchers: tuple[str, ...]
    sought: tuple[str, ...]
    others: tuple[str, ...] = ()
    summary: str = ""
    closed_on: date | None = None
    close_reason: str = ""

    def __post_init__(self) -> None:
        if not self.searchers:
            raise InvalidInput("a case needs at least one searching person")
        if not self.sought:
            raise InvalidInput("a case needs at least one sought person")
        if set(self.searchers) & set(self.sought):
            raise InvalidInput("the same person cannot be both searcher and sought in a case")


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


class Channel(StrEnum):
    PHONE = "phone"
    VOICE_MESSAGE = "voice_message"
    TEXT_MESSAGE = "text_message"
    SOCIAL_MEDIA = "social_media"
    VIDEO = "video"
    LETTER = "letter"
    IN_PERSON = "in_person"
    THIRD_PARTY = "third_party"
    OTHER = "other"


class Confidence(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


@dataclass(frozen=True)
class Interpretation:
    id: str
    message_id: str
    meaning: str
    by: str
    confidence: Confidence
    recorded_at: datetime


@dataclass(frozen=True)
class Message:
    """What was said or shown, verbatim. Interpretations are kept apart."""

    id: str
    case_id: str
    text: str
    channel: Channel
    when: FuzzyDate
    source_ids: tuple[str, ...]
    from_person: str | None = None
    from_description: str = ""
    language: str = ""
    interpretations: tuple[Interpretation, ...] = ()

    def __post_init__(self) -> None:
        if not self.text.strip():
            raise InvalidInput("a message needs its verbatim text")
        if not self.source_ids:
            raise InvalidInput("a message must cite at least one source")


class InterventionKind(StrEnum):
    LETTER = "letter"
    EMAIL = "email"
    CALL = "call"
    VISIT = "visit"
    PETITION = "petition"
    DIPLOMATIC_NOTE = "diplomatic_note"
    UN_SUBMISSION = "un_submission"
    OTHER = "other"


@dataclass(frozen=True)
class Intervention:
    id: str
    case_id: str
    kind: InterventionKind
    sender: str
    recipient: str
    sent_on: date
    response: str = ""
    response_on: date | None = None
    follow_up_on: date | None = None
    notes: str = ""

    def __post_init__(self) -> None:
        if self.response_on and self.response_on < self.sent_on:
            raise InvalidInput("a response cannot be dated before the intervention was sent")
        if self.response_on and not self.response.strip():
            raise InvalidInput("a response date needs the response itself")

    def is_due(self, as_of: date) -> bool:
        return self.follow_up_on is not None and self.follow_up_on <= as_of

    def days_overdue(self, as_of: date) -> int:
        return (as_of - self.follow_up_on).days if self.follow_up_on else 0


class ApplicationKind(StrEnum):
    FAMILY_REUNIFICATION = "family_reunification"
    VISA = "visa"
    PASSPORT_RENEWAL = "passport_renewal"
    RESIDENCE = "residence"
    CITIZENSHIP = "citizenship"
    ASYLUM = "asylum"
    OTHER = "other"


class StageKind(StrEnum):
    FILED = "filed"
    ACKNOWLEDGED = "acknowledged"
    INTERVIEW = "interview"
    GRANTED = "granted"
    REFUSED = "refused"
    APPEALED = "appealed"
    WITHDRAWN = "withdrawn"
    OTHER = "other"


@dataclass(frozen=True)
class ApplicationStage:
    id: str
    stage: StageKind
    on: date
    note: str = ""


@dataclass(frozen=True)
class Application:
    id: str
    case_id: str
    person_id: str
    country: str
    kind: ApplicationKind
    reference: str = ""
    stages: tuple[ApplicationStage, ...] = ()

    @property
    def current_stage(self) -> ApplicationStage | None:
        return max(self.stages, key=lambda s: s.on) if self.stages else None
