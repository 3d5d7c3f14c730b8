"""The JSON form of domain values and view objects (dataclasses, enums, dates), shared by
every JSON output and by the digest that names a case file's data version."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime
from enum import Enum
from typing import Any

from reunite.domain.dates import BirthDate, DaysSince, FuzzyDate


def plain(value: Any) -> Any:
    """A JSON-ready form of domain values."""
    if isinstance(value, FuzzyDate):
        return {"text": value.text, "precision": value.precision.value,
                "earliest": plain(value.earliest), "latest": plain(value.latest)}
    if isinstance(value, BirthDate):
        low, high = value.year_range()
        return {"text": value.text, "earliest": plain(value.earliest),
                "latest": plain(value.latest), "year_min": low, "year_max": high}
    if isinstance(value, DaysSince):
        return {"minimum": value.minimum, "maximum": value.maximum, "text": value.describe()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    return value
