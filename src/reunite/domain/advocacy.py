"""Advocacy: interventions (letters, notes, submissions) and applications (permits, visas)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from reunite.errors import InvalidInput


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
