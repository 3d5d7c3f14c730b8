"""Cases (tracing requests): who searches for whom, opened when, in which status."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

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
