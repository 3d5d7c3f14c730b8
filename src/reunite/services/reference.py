"""Name and place look-ups: no registry needed, nothing stored."""

from __future__ import annotations

from reunite.names.describe import NameComparison, NameDescription, compare_names, describe_name
from reunite.places.resolve import Resolution, find_place


def show_name(*, text: str) -> NameDescription:
    return describe_name(text)


def compare(*, a: str, b: str) -> NameComparison:
    return compare_names(a, b)


def resolve_place(*, text: str) -> Resolution:
    return find_place(text)
