"""The cells of an imported row: vocabulary values, dates and references to other rows, each
refused with the column it came from."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, TypeVar

from reunite.domain.enums import parse_enum
from reunite.errors import InvalidInput
from reunite.interchange.tabular import Row
from reunite.interchange.tabular_schema import SCHEMA

E = TypeVar("E", bound=StrEnum)
T = TypeVar("T")
Records = dict[tuple[str, str], str]


class CellProblem(InvalidInput):
    def __init__(self, column: str, message: str) -> None:
        super().__init__(message)
        self.column = column


def require_cells(row: Row) -> None:
    """Every required column of the row's sheet has a value."""
    for column in SCHEMA[row.sheet]:
        if column.required and not row.values.get(column.name, "").strip():
            raise CellProblem(column.name, f"{column.name} is required"
                              + (f" ({column.help})" if column.help else ""))


@dataclass(frozen=True)
class Parsed:
    kind: str
    external_id: str
    fields: dict[str, Any]
    refs: dict[str, tuple[str, ...]] = field(default_factory=dict)  # column: external ids
    digest: bytes = b""


def enum_cell(enum: type[E], row: Row, column: str, default: E | None = None) -> E | None:
    raw = row.values.get(column, "")
    if not raw:
        return default
    try:
        return parse_enum(enum, raw, column.replace("_", " "))
    except InvalidInput as exc:
        raise CellProblem(column, str(exc)) from None


def parse_cell(row: Row, column: str, parse: Callable[[str], T]) -> T | None:
    raw = row.values.get(column, "")
    if not raw:
        return None
    try:
        return parse(raw)
    except (InvalidInput, ValueError) as exc:
        raise CellProblem(column, f"{raw!r}: {exc}") from None


def refs(row: Row, column: str, kind: str, in_file: dict[str, set[str]], records: Records,
          *, required: bool = False) -> tuple[str, ...]:
    ids = tuple(dict.fromkeys(i.strip() for i in row.values.get(column, "").split(";")
                              if i.strip()))
    if required and not ids:
        raise CellProblem(column, f"give at least one external id of the {kind} sheet")
    unknown = [i for i in ids if i not in in_file[kind] and (kind, i) not in records]
    if unknown:
        raise CellProblem(column, f"no row of the {kind} sheet, in this file or imported "
                                  f"before, has the external id {', '.join(unknown)}")
    return ids
