"""Reading submitted forms field by field, collecting one clear message per bad field.

A form is read completely before anything is written: routes check ``form.ok`` and answer
with the form, the values as entered and the messages (422) when it is not.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from enum import StrEnum
from typing import TypeVar

from reunite.domain.dates import BirthDate, FuzzyDate
from reunite.domain.enums import parse_enum
from reunite.domain.sources import Grade
from reunite.errors import InvalidInput

E = TypeVar("E", bound=StrEnum)
V = TypeVar("V")
MAX_FIELD = 10_000


class Form:
    def __init__(self, values: dict[str, str], translate: Callable[[str], str]) -> None:
        self.values = values
        self.errors: dict[str, str] = {}
        self._ = translate

    @property
    def ok(self) -> bool:
        return not self.errors

    def fail(self, name: str, message: str) -> None:
        self.errors.setdefault(name, message)

    def text(self, name: str, *, required: bool = False, limit: int = MAX_FIELD) -> str:
        value = self.values.get(name, "").strip()
        if required and not value:
            self.fail(name, self._("This field is required."))
        elif len(value) > limit:
            self.fail(name, self._("This is too long.") + f" (≤ {limit})")
        return value

    def _parse(self, name: str, parse: Callable[[str], V], required: bool) -> V | None:
        raw = self.text(name, required=required, limit=200)
        if not raw or name in self.errors:
            return None
        try:
            return parse(raw)
        except InvalidInput as exc:
            self.fail(name, str(exc))
            return None

    def choice(self, name: str, enum: type[E], *, default: E | None = None) -> E | None:
        if not self.values.get(name, "").strip():
            if default is None:
                self.fail(name, self._("This field is required."))
            return default
        return self._parse(name, lambda raw: parse_enum(enum, raw, name.replace("_", " ")),
                           True)

    def fuzzy_date(self, name: str, *, required: bool = False) -> FuzzyDate | None:
        return self._parse(name, FuzzyDate.parse, required)

    def birth(self, name: str) -> BirthDate | None:
        return self._parse(name, BirthDate.parse, False)

    def grade(self, name: str) -> Grade | None:
        return self._parse(name, Grade.parse, True)

    def day(self, name: str, *, required: bool = False) -> date | None:
        def parse(raw: str) -> date:
            try:
                return date.fromisoformat(raw)
            except ValueError:
                raise InvalidInput(f"{raw!r} is not a valid date (YYYY-MM-DD)") from None

        return self._parse(name, parse, required)

    def flag(self, name: str) -> bool:
        return self.values.get(name, "") in ("on", "yes", "true", "1")
