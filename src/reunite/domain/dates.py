"""Dates with an honest precision.

A fact's date is rarely a day. Families say "late 2016", "the summer after she left",
"before March 2017". A :class:`FuzzyDate` keeps what was said as a canonical text and the
interval of days it allows (``earliest`` .. ``latest``, either end open for before/after).

Grammar of the canonical text (case-insensitive on input)::

    2016-11-03            a day
    2016-11               a month
    2016                  a year
    spring|summer|autumn|winter 2016      a season (winter 2016 = Dec 2016 to Feb 2017)
    early|mid|late 2016   a third of a year (Jan-Apr, May-Aug, Sep-Dec)
    before <date>         any time before the start of <date>
    after <date>          any time after the end of <date>
    <date>..<date>        between the start of the first and the end of the second
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from reunite.errors import InvalidInput


class Precision(StrEnum):
    DAY = "day"
    MONTH = "month"
    SEASON = "season"
    PART_OF_YEAR = "part_of_year"
    YEAR = "year"
    RANGE = "range"
    BEFORE = "before"
    AFTER = "after"


SEASONS = {
    "spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11), "winter": (12, 2),
}
PARTS = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}

_DAY = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_YEAR = re.compile(r"^(\d{4})$")
_NAMED = re.compile(r"^([a-z]+)\s+(\d{4})$")


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


@dataclass(frozen=True, order=False)
class FuzzyDate:
    """An interval of possible days, with the precision it was stated at."""

    text: str
    precision: Precision
    earliest: date | None
    latest: date | None

    @classmethod
    def parse(cls, raw: str) -> FuzzyDate:
        text = " ".join(str(raw).strip().lower().split())
        if not text:
            raise InvalidInput("empty date")
        if ".." in text:
            start_s, _, end_s = text.partition("..")
            start, end = cls._simple(start_s.strip(), raw), cls._simple(end_s.strip(), raw)
            assert start.earliest is not None and end.latest is not None
            if end.latest < start.earliest:
                raise InvalidInput(f"date range {raw!r} ends before it starts")
            return cls(f"{start.text}..{end.text}", Precision.RANGE, start.earliest, end.latest)
        for word, precision in (("before", Precision.BEFORE), ("after", Precision.AFTER)):
            if text.startswith(word + " "):
                anchor = cls._simple(text[len(word) + 1 :].strip(), raw)
                assert anchor.earliest is not None and anchor.latest is not None
                if precision is Precision.BEFORE:
                    return cls(f"before {anchor.text}", precision, None,
                               anchor.earliest - timedelta(days=1))
                return cls(f"after {anchor.text}", precision,
                           anchor.latest + timedelta(days=1), None)
        return cls._simple(text, raw)

    @classmethod
    def _simple(cls, text: str, raw: str) -> FuzzyDate:
        try:
            if m := _DAY.match(text):
                day = date(int(m[1]), int(m[2]), int(m[3]))
                return cls(day.isoformat(), Precision.DAY, day, day)
            if m := _MONTH.match(text):
                year, month = int(m[1]), int(m[2])
                start = date(year, month, 1)
                return cls(f"{year:04d}-{month:02d}", Precision.MONTH, start,
                           _month_end(year, month))
            if m := _YEAR.match(text):
                year = int(m[1])
                return cls(f"{year:04d}", Precision.YEAR, date(year, 1, 1), date(year, 12, 31))
        except ValueError as exc:
            raise InvalidInput(f"impossible date {raw!r}: {exc}") from None
        if m := _NAMED.match(text):
            word, year = m[1], int(m[2])
            if year < 1:
                raise InvalidInput(f"impossible date {raw!r}")
            if word in SEASONS:
                first, last = SEASONS[word]
                name = "autumn" if word == "fall" else word
                end_year = year + 1 if last < first else year
                return cls(f"{name} {year:04d}", Precision.SEASON, date(year, first, 1),
                           _month_end(end_year, last))
            if word in PARTS:
                first, last = PARTS[word]
                return cls(f"{word} {year:04d}", Precision.PART_OF_YEAR, date(year, first, 1),
                           _month_end(year, last))
        raise InvalidInput(
            f"unrecognised date {raw!r}: use YYYY-MM-DD, YYYY-MM, YYYY, 'late 2016', "
            "'summer 2016', 'before 2017-03', 'after 2016' or 'A..B'"
        )

    @classmethod
    def of_day(cls, day: date) -> FuzzyDate:
        return cls(day.isoformat(), Precision.DAY, day, day)

    def __str__(self) -> str:
        return self.text

    @property
    def is_exact(self) -> bool:
        return self.precision is Precision.DAY

    def sort_key(self) -> tuple[date, date]:
        """Chronological order: by earliest possible day, then by latest possible day."""
        return (self.earliest or date.min, self.latest or date.max)

    def definitely_before(self, other: FuzzyDate) -> bool:
        return (self.latest is not None and other.earliest is not None
                and self.latest < other.earliest)

    def overlaps(self, other: FuzzyDate) -> bool:
        return not (self.definitely_before(other) or other.definitely_before(self))

    def is_after(self, day: date) -> bool:
        """True when every possible day of this date lies after ``day``."""
        return self.earliest is not None and self.earliest > day

    def describe(self) -> str:
        """The text with its precision, for people: '2016 (year)', 'late 2016 (Sep-Dec)'."""
        if self.precision is Precision.DAY:
            return self.text
        if self.earliest and self.latest:
            span = f"{self.earliest.isoformat()} to {self.latest.isoformat()}"
            return f"{self.text} ({self.precision.value.replace('_', ' ')}: {span})"
        return f"{self.text} (open-ended)"


@dataclass(frozen=True)
class DaysSince:
    """Days elapsed since a fuzzy date, as a range: exact when the date is a day."""

    minimum: int
    maximum: int | None  # None: no lower bound on the date ("before ...")

    def describe(self) -> str:
        if self.maximum == self.minimum:
            return f"{self.minimum} days"
        if self.maximum is None:
            return f"at least {self.minimum} days"
        return f"{self.minimum} to {self.maximum} days"


def days_since(when: FuzzyDate, as_of: date) -> DaysSince:
    """Days from ``when`` to ``as_of``; an interval reaching past ``as_of`` counts from it."""
    latest = min(when.latest, as_of) if when.latest else as_of
    minimum = max((as_of - latest).days, 0)
    maximum = None if when.earliest is None else max((as_of - when.earliest).days, 0)
    return DaysSince(minimum, maximum)


def add_years(day: date, years: int) -> date:
    """``day`` moved by whole years; 29 February becomes 28 February in common years."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


_AGE = re.compile(r"^(?:age\s+)?(\d{1,3})\s+(?:on|at|in)\s+(.+)$")


@dataclass(frozen=True)
class BirthDate:
    """When a person was born: a fuzzy date, or an age stated at a (fuzzy) date.

    "aged 5 on 2016-11-15" means born between 2010-11-16 and 2011-11-15: a person who is
    5 on that day had their 5th birthday on or before it and their 6th after it.
    """

    text: str
    earliest: date | None
    latest: date | None
    age: int | None = None
    stated_on: FuzzyDate | None = None

    @classmethod
    def parse(cls, raw: str) -> BirthDate:
        text = " ".join(str(raw).strip().lower().split())
        if m := _AGE.match(text):
            return cls.from_age(int(m[1]), FuzzyDate.parse(m[2]))
        when = FuzzyDate.parse(text)
        return cls(when.text, when.earliest, when.latest)

    @classmethod
    def from_age(cls, age: int, stated_on: FuzzyDate) -> BirthDate:
        if age < 0 or age > 130:
            raise InvalidInput(f"impossible age {age}")
        if stated_on.earliest is None or stated_on.latest is None:
            raise InvalidInput("an age must be stated at a bounded date, not before/after")
        earliest = add_years(stated_on.earliest, -(age + 1)) + timedelta(days=1)
        latest = add_years(stated_on.latest, -age)
        return cls(f"age {age} on {stated_on.text}", earliest, latest, age, stated_on)

    def year_range(self) -> tuple[int | None, int | None]:
        return (self.earliest.year if self.earliest else None,
                self.latest.year if self.latest else None)

    def describe(self) -> str:
        low, high = self.year_range()
        years = str(low) if low == high else f"{low or '?'}-{high or '?'}"
        if self.age is not None:
            return f"{self.text} (born {years})"
        return self.text if low == high and "-" in self.text else f"{self.text} (born {years})"

    def age_on(self, day: date) -> tuple[int, int] | None:
        """Possible ages (youngest, oldest) on ``day``."""
        if self.earliest is None or self.latest is None:
            return None
        def whole_years(born: date) -> int:
            return day.year - born.year - ((day.month, day.day) < (born.month, born.day))
        return whole_years(self.latest), whole_years(self.earliest)
