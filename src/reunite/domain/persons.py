"""Persons, their names, documents, relationships and consent."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from reunite.domain.dates import BirthDate
from reunite.errors import InvalidInput


class Script(StrEnum):
    LATIN = "latin"
    ARABIC = "arabic"
    CYRILLIC = "cyrillic"
    HAN = "han"
    MIXED = "mixed"
    UNKNOWN = "unknown"


class NameKind(StrEnum):
    GIVEN = "given"
    FATHER = "father"
    FAMILY = "family"
    ALIAS = "alias"
    FULL = "full"


class Sex(StrEnum):
    FEMALE = "F"
    MALE = "M"
    UNKNOWN = "U"


class PersonStatus(StrEnum):
    MISSING = "missing"
    LOCATED = "located"
    IN_INSTITUTION = "in_institution"
    DETAINED = "detained"
    SENTENCED = "sentenced"
    RELEASED = "released"
    DECEASED = "deceased"
    ABROAD = "abroad"
    REUNITED = "reunited"
    UNKNOWN = "unknown"


class DocumentKind(StrEnum):
    PASSPORT = "passport"
    NATIONAL_ID = "national_id"
    RESIDENCE_PERMIT = "residence_permit"
    TRAVEL_DOCUMENT = "travel_document"
    OTHER = "other"


class DocumentStatus(StrEnum):
    HELD = "held"
    CONFISCATED = "confiscated"
    NEVER_ISSUED = "never_issued"
    EXPIRED = "expired"
    REFUSED = "refused"
    UNKNOWN = "unknown"


class Publication(StrEnum):
    NAMED = "named"
    PSEUDONYMOUS = "pseudonymous"
    NONE = "none"


MAX_NAME_LENGTH = 200


@dataclass(frozen=True)
class PersonName:
    text: str
    kind: NameKind
    script: Script
    language: str = ""
    id: str = ""

    def __post_init__(self) -> None:
        if not self.text.strip():
            raise InvalidInput("a name must not be empty")
        if len(self.text) > MAX_NAME_LENGTH:
            raise InvalidInput(f"a name is at most {MAX_NAME_LENGTH} characters")


@dataclass(frozen=True)
class IdentityDocument:
    kind: DocumentKind
    status: DocumentStatus
    number: str = ""
    country: str = ""
    id: str = ""


@dataclass(frozen=True)
class ContactDetail:
    kind: str  # phone, email, address, messenger
    value: str
    id: str = ""


@dataclass(frozen=True)
class Consent:
    """What may be done with one person's data. The newest statement is in force."""

    tracing: bool
    sharing: bool
    publication: Publication
    recorded_by: str
    recorded_at: datetime
    note: str = ""
    id: str = ""

    @classmethod
    def nothing(cls, recorded_by: str, recorded_at: datetime) -> Consent:
        """The default before anyone has asked: no use beyond keeping the record."""
        return cls(False, False, Publication.NONE, recorded_by, recorded_at,
                   "no consent recorded")


@dataclass(frozen=True)
class Person:
    id: str
    names: tuple[PersonName, ...]
    sex: Sex = Sex.UNKNOWN
    birth: BirthDate | None = None
    hometown: str = ""
    status: PersonStatus = PersonStatus.UNKNOWN
    notes: str = ""
    documents: tuple[IdentityDocument, ...] = ()
    contacts: tuple[ContactDetail, ...] = ()
    source_ids: tuple[str, ...] = ()
    created_by: str = ""
    created_at: datetime | None = None
    updated_by: str = ""
    updated_at: datetime | None = None

    def __post_init__(self) -> None:
        if not self.names:
            raise InvalidInput("a person needs at least one name")

    def display_name(self) -> str:
        """'Given Father [Family]' from the first of each kind, else the first full name,
        else the first name recorded."""
        by_kind: dict[NameKind, str] = {}
        for name in self.names:
            by_kind.setdefault(name.kind, name.text)
        parts = [by_kind[k] for k in (NameKind.GIVEN, NameKind.FATHER, NameKind.FAMILY)
                 if k in by_kind]
        if NameKind.GIVEN in by_kind:
            return " ".join(parts)
        return by_kind.get(NameKind.FULL) or self.names[0].text


class RelationshipKind(StrEnum):
    """Directional: 'A parent B' means A is B's parent."""

    PARENT = "parent"
    CHILD = "child"
    SIBLING = "sibling"
    SPOUSE = "spouse"
    GRANDPARENT = "grandparent"
    GRANDCHILD = "grandchild"
    AUNT_UNCLE = "aunt_uncle"
    NIECE_NEPHEW = "niece_nephew"
    COUSIN = "cousin"
    IN_LAW = "in_law"
    CARETAKER = "caretaker"
    CARED_FOR_BY = "cared_for_by"
    FRIEND = "friend"

    @property
    def inverse(self) -> RelationshipKind:
        return _INVERSE.get(self, self)


_INVERSE = {
    RelationshipKind.PARENT: RelationshipKind.CHILD,
    RelationshipKind.CHILD: RelationshipKind.PARENT,
    RelationshipKind.GRANDPARENT: RelationshipKind.GRANDCHILD,
    RelationshipKind.GRANDCHILD: RelationshipKind.GRANDPARENT,
    RelationshipKind.AUNT_UNCLE: RelationshipKind.NIECE_NEPHEW,
    RelationshipKind.NIECE_NEPHEW: RelationshipKind.AUNT_UNCLE,
    RelationshipKind.CARETAKER: RelationshipKind.CARED_FOR_BY,
    RelationshipKind.CARED_FOR_BY: RelationshipKind.CARETAKER,
}


@dataclass(frozen=True)
class Relationship:
    id: str
    from_person: str
    kind: RelationshipKind
    to_person: str
    source_ids: tuple[str, ...] = field(default=())

    def __post_init__(self) -> None:
        if self.from_person == self.to_person:
            raise InvalidInput("a person cannot be related to themselves")
        if not self.source_ids:
            raise InvalidInput("a relationship must cite at least one source")

    def seen_from(self, person_id: str) -> tuple[RelationshipKind, str]:
        """(what the other person is to ``person_id``, the other person's id)."""
        if person_id == self.to_person:
            return self.kind, self.from_person
        return self.kind.inverse, self.to_person
