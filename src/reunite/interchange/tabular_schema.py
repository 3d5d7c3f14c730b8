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
    "events": (
        Column("external_id", True), Column("kind", True, "last_contact, detained, seen..."),
        Column("when", True, "any precision: late 2016, 2017-03, before 2018"),
        Column("persons", help="external ids of the persons concerned"),
        Column("case", help="external id of the case"), Column("place"),
        Column("institution", help="the institution's name, as recorded"),
        Column("institution_kind", help="camp, orphanage, boarding_school, prison..."),
        Column("description"), Column("sources"),
    ),
    "messages": (
        Column("external_id", True), Column("case", True),
        Column("channel", True, "phone, voice_message, text_message..."),
        Column("when", True), Column("text", True, "verbatim, as said or written"),
        Column("from_person", help="external id of the sender, a person of the registry"),
        Column("from_description", help="the sender in words, when not a person here"),
        Column("language"), Column("sources"),
        Column("interpretation", help="how it is read; kept apart from the text"),
        Column("confidence", help="of the interpretation: low, medium, high"),
        Column("interpreted_by"),
    ),
    "interventions": (
        Column("external_id", True), Column("case", True),
        Column("kind", True, "letter, email, petition, un_submission..."),
        Column("recipient", True), Column("sent_on", True, "YYYY-MM-DD"), Column("sender"),
        Column("follow_up_on"), Column("response"), Column("response_on"), Column("notes"),
    ),
    "applications": (
        Column("external_id", True), Column("case", True), Column("person", True),
        Column("country", True, "two-letter ISO code: TR, DE, NL"),
        Column("kind", True, "family_reunification, visa, passport_renewal..."),
        Column("reference"),
        Column("stages", help="';'-separated: 'filed 2020-01-15; refused 2020-09-02: reason'"),
    ),
}

# The order rows are imported in: a row may refer to rows of the sheets before it.
KINDS = tuple(SCHEMA)
