"""Parsing user-typed vocabulary values, with an error that lists the choices."""

from enum import StrEnum
from typing import TypeVar

from reunite.errors import InvalidInput

E = TypeVar("E", bound=StrEnum)


def parse_enum(enum: type[E], raw: str, what: str) -> E:
    key = raw.strip().lower().replace("-", "_").replace(" ", "_")
    for member in enum:
        if key in (member.value.lower(), member.name.lower()):
            return member
    choices = ", ".join(m.value for m in enum)
    raise InvalidInput(f"unknown {what} {raw!r}; choose one of: {choices}")
