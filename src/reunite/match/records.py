"""What the matcher compares: one record about one person, from a file or the registry."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


def document_key(number: str) -> str:
    """A document number without spaces, dashes or dots, upper case: '6531 0120-1105' and
    '65310120 1105' are one number."""
    if not number:
        return ""
    return "".join(ch for ch in number.upper() if ch.isalnum())


@dataclass(frozen=True, slots=True)
class MatchRecord:
    id: str
    given: str  # as written, any script ("" when unknown)
    father: str
    sex: str  # "M", "F" or ""
    birth_min: date | None = None
    birth_max: date | None = None
    place: str = ""  # a resolved place code, or the text when it could not be resolved
    name: str = ""  # the full name as written
    document: str = ""  # an identity document's number, normalised (see document_key)

    def __reduce__(self) -> tuple[type[MatchRecord], tuple[object, ...]]:
        # the fields as one tuple: a file's records cross between processes when several
        # read it, and the default for a frozen dataclass with slots is twice as slow
        return MatchRecord, (self.id, self.given, self.father, self.sex, self.birth_min,
                             self.birth_max, self.place, self.name, self.document)

    @property
    def birth_years(self) -> tuple[int, int] | None:
        if self.birth_min is None or self.birth_max is None:
            return None
        return self.birth_min.year, self.birth_max.year
