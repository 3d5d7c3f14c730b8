"""Validation shared by the services."""

from datetime import date

from reunite.domain.dates import FuzzyDate
from reunite.errors import InvalidInput

MAX_TEXT = 20_000


def not_in_future(when: FuzzyDate, today: date, what: str) -> None:
    if when.is_after(today):
        raise InvalidInput(f"{what} {when.text!r} is in the future (today is {today})")


def day_not_in_future(day: date, today: date, what: str) -> None:
    if day > today:
        raise InvalidInput(f"{what} {day} is in the future (today is {today})")


def text_field(value: str, what: str, limit: int = MAX_TEXT) -> str:
    if len(value) > limit:
        raise InvalidInput(f"{what} is too long ({len(value)} characters; at most {limit})")
    if "\x00" in value:
        raise InvalidInput(f"{what} contains a NUL character")
    return value.strip()


def country_code(value: str, what: str = "country") -> str:
    code = value.strip().upper()
    if code and (len(code) != 2 or not code.isascii() or not code.isalpha()):
        raise InvalidInput(f"{what} {value!r} must be a two-letter ISO 3166 code such as DE or TR")
    return code
