"""Sources and their two-part grade (reliability A-F, credibility 1-6)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from reunite.domain.dates import FuzzyDate
from reunite.errors import InvalidInput


class Reliability(StrEnum):
    A = "A"
    B = "B"
    C = "C"
    D = "D"
    E = "E"
    F = "F"

    @property
    def label(self) -> str:
        return {
            "A": "completely reliable", "B": "usually reliable", "C": "fairly reliable",
            "D": "not usually reliable", "E": "unreliable", "F": "reliability cannot be judged",
        }[self.value]


class Credibility(StrEnum):
    CONFIRMED = "1"
    PROBABLY_TRUE = "2"
    POSSIBLY_TRUE = "3"
    DOUBTFUL = "4"
    IMPROBABLE = "5"
    CANNOT_BE_JUDGED = "6"

    @property
    def label(self) -> str:
        return self.name.lower().replace("_", " ")


class SourceKind(StrEnum):
    INTERVIEW = "interview"
    RELATIVE_MESSAGE = "relative_message"
    SOCIAL_MEDIA = "social_media"
    DOCUMENT = "document"
    NEWS_REPORT = "news_report"
    NGO_REPORT = "ngo_report"
    OFFICIAL_STATEMENT = "official_statement"
    WITNESS = "witness"
    OTHER = "other"


@dataclass(frozen=True)
class Grade:
    reliability: Reliability
    credibility: Credibility

    @classmethod
    def parse(cls, text: str) -> Grade:
        from reunite.domain.enums import parse_enum

        raw = text.strip().upper()
        if len(raw) != 2:
            raise InvalidInput(f"grade {text!r} must be a letter A-F and a digit 1-6, e.g. B2")
        return cls(parse_enum(Reliability, raw[0], "reliability"),
                   parse_enum(Credibility, raw[1], "credibility"))

    def __str__(self) -> str:
        return f"{self.reliability.value}{self.credibility.value}"


@dataclass(frozen=True)
class Source:
    id: str
    kind: SourceKind
    title: str
    reliability: Reliability
    credibility: Credibility
    obtained: FuzzyDate | None = None
    description: str = ""
    recorded_by: str = ""

    @property
    def grade(self) -> Grade:
        return Grade(self.reliability, self.credibility)
