"""The tabular interchange schema: one sheet (or CSV file) per kind of record.

Every row carries ``external_id``, the organisation's own id of the record, unique within its
sheet; rows of other sheets refer to it (``person``, ``searchers``...). Lists inside a cell are
separated by ``;``. Dates keep their precision as Reunite writes them ("late 2016", "2017-03",
"age 5 on 2016-11-15" for a birth). docs/interchange.md lists every column with an example.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    name: str
    required: bool = False
    help: str = ""


SCHEMA: dict[str, tuple[Column, ...]] = {
    "sources": (
        Column("external_id", True), Column("kind", True, "interview, document, news_report..."),
        Column("title", True), Column("grade", True, "reliability A-F and credibility 1-6: B2"),
        Column("obtained", help="when it was obtained, any precision"),
        Column("description"),
    ),
    "persons": (
        Column("external_id", True),
        Column("given_name", help="in any script"), Column("father_name"),
        Column("family_name"), Column("full_name", help="the whole name as written"),
        Column("other_names", help="more forms, ';'-separated, each optionally text@language"),
        Column("sex", help="F, M or U"), Column("birth", help="2011, 2011-05, age 5 on 2016-11-15"),
        Column("hometown"), Column("status", help="missing, detained, abroad..."),
        Column("notes"),
        Column("tracing", help="consent to tracing and matching: yes or no"),
        Column("sharing", help="consent to sharing with partner organisations: yes or no"),
        Column("publication", help="named, pseudonymous or none"),
        Column("sources", help="external ids of rows of the sources sheet, ';'-separated"),
    ),
    "relationships": (
        Column("external_id", True), Column("person", True),
        Column("kind", True, "parent, child, sibling, spouse, caretaker..."),
        Column("other", True, "the person the first one is the kind of: A parent B"),
        Column("sources"),
    ),
    "cases": (
        Column("external_id", True), Column("searchers", True), Column("sought", True),
        Column("others"), Column("organisation"), Column("priority", help="low ... urgent"),
        Column("status", help="open, tracing, located... (closed cases: close them in Reunite)"),
        Column("opened_on", help="YYYY-MM-DD"), Column("summary"),
    ),
}

# The order rows are imported in: a row may refer to rows of the sheets before it.
KINDS = tuple(SCHEMA)
