"""Messages as they were said or shown, verbatim, and their interpretations kept apart."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from reunite.domain.dates import FuzzyDate
from reunite.errors import InvalidInput


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
