"""Recording sources."""

from reunite.domain.dates import FuzzyDate
from reunite.domain.ids import new_id
from reunite.domain.sources import Credibility, Reliability, Source, SourceKind
from reunite.errors import InvalidInput
from reunite.services.checks import not_in_future, text_field
from reunite.store import sources as store
from reunite.store.registry import Tx


def add_source(tx: Tx, *, kind: SourceKind, title: str, reliability: Reliability,
               credibility: Credibility, obtained: FuzzyDate | None = None,
               description: str = "") -> Source:
    if not title.strip():
        raise InvalidInput("a source needs a title (what it is: 'interview with the mother')")
    if obtained is not None:
        not_in_future(obtained, tx.today, "source date")
    source = Source(new_id("source"), kind, text_field(title, "title", 500), reliability,
                    credibility, obtained, text_field(description, "description"), tx.actor)
    store.insert_source(tx, source)
    return source


def list_sources(tx: Tx) -> list[Source]:
    return store.list_sources(tx)
