"""The English words a vocabulary code is shown in, before translation.

Codes are stored and exchanged as they are (``voice_message``, ``F``); people read them as words
("voice message", "female") in their interface language. The words are the catalogue entries
(``web/vocabulary.py`` marks each one for extraction, a test checks every code below is translated
in every interface language).
"""

from __future__ import annotations

from enum import Enum

from reunite.domain.access import Role
from reunite.domain.advocacy import ApplicationKind, InterventionKind, StageKind
from reunite.domain.cases import CaseRole, CaseStatus, Priority
from reunite.domain.dates import Precision
from reunite.domain.disclosure import Audience, Level
from reunite.domain.events import EventKind, InstitutionKind
from reunite.domain.messages import Channel, Confidence
from reunite.domain.persons import (
    DocumentKind,
    DocumentStatus,
    NameKind,
    PersonStatus,
    Publication,
    RelationshipKind,
    Script,
    Sex,
)
from reunite.domain.sources import SourceKind

# Every vocabulary a person reads on a page, in a dossier or in a chart. Grades (A-F, 1-6) are
# shown as their codes and are not listed; permissions are never shown.
SHOWN: tuple[type[Enum], ...] = (
    Role, ApplicationKind, InterventionKind, StageKind, CaseRole, CaseStatus, Priority,
    Precision, Audience, Level, EventKind, InstitutionKind, Channel, Confidence, DocumentKind,
    DocumentStatus, NameKind, PersonStatus, Publication, RelationshipKind, Script, Sex,
    SourceKind,
)

# Codes whose words are not simply the code with spaces.
_SPELLED = {"F": "female", "M": "male", "U": "unknown", "aunt_uncle": "aunt or uncle",
            "niece_nephew": "niece or nephew", "in_law": "in-law", "un": "UN",
            "un_submission": "UN submission", "ngo_report": "NGO report",
            "han": "Chinese characters",
            "national_id": "national ID", "part_of_year": "part of the year"}


def words(code: Enum | str) -> str:
    """``voice_message`` -> "voice message"; ``Sex.FEMALE`` -> "female"; other text as given."""
    value = str(code.value if isinstance(code, Enum) else code)
    if value in _SPELLED and (isinstance(code, Sex) or len(value) > 1):
        return _SPELLED[value]
    return value.replace("_", " ")


def mark(message: str) -> str:
    """Marks an interface text for message extraction (``pybabel extract -k mark``); returns it
    unchanged, for texts looked up at run time."""
    return message


def every_word() -> set[str]:
    return {words(member) for vocabulary in SHOWN for member in vocabulary}
