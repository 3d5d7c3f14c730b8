"""Storage of sources."""

from sqlalchemy import insert, select, update

from reunite.domain.dates import FuzzyDate
from reunite.domain.sources import Credibility, Reliability, Source, SourceKind
from reunite.errors import NotFound
from reunite.store.registry import Tx
from reunite.store.tables import sources

T = "sources"


def _values(tx: Tx, source: Source) -> dict[str, object]:
    when = source.obtained
    return {"kind": source.kind.value,
            "title_enc": tx.seal(T, source.id, "title", source.title),
            "description_enc": tx.seal(T, source.id, "description", source.description),
            "reliability": source.reliability.value, "credibility": source.credibility.value,
            "obtained_text": when.text if when else None,
            "obtained_min": when.earliest if when else None,
            "obtained_max": when.latest if when else None}


def insert_source(tx: Tx, source: Source) -> None:
    tx.conn.execute(insert(sources).values(id=source.id, created_by=tx.actor,
                                           created_at=tx.now, **_values(tx, source)))
    tx.log("create", T, source.id, ["kind", "title", "description", "grade", "obtained"])


def update_source(tx: Tx, source: Source, changed: list[str]) -> None:
    tx.conn.execute(update(sources).where(sources.c.id == source.id).values(
        updated_by=tx.actor, updated_at=tx.now, **_values(tx, source)))
    tx.log("update", T, source.id, changed)


def get_sources(tx: Tx, ids: list[str]) -> dict[str, Source]:
    if not ids:
        return {}
    rows = tx.conn.execute(select(sources).where(sources.c.id.in_(ids)))
    return {row.id: _from_row(tx, row) for row in rows}


def get_source(tx: Tx, source_id: str) -> Source:
    found = get_sources(tx, [source_id])
    if source_id not in found:
        raise NotFound(f"no source with id {source_id}")
    return found[source_id]


def list_sources(tx: Tx) -> list[Source]:
    rows = tx.conn.execute(select(sources).order_by(sources.c.created_at, sources.c.id))
    return [_from_row(tx, row) for row in rows]


def _from_row(tx: Tx, row: object) -> Source:
    r = row._mapping  # type: ignore[attr-defined]
    return Source(
        id=r["id"], kind=SourceKind(r["kind"]),
        title=tx.open(T, r["id"], "title", r["title_enc"]),
        description=tx.open(T, r["id"], "description", r["description_enc"]),
        reliability=Reliability(r["reliability"]), credibility=Credibility(r["credibility"]),
        obtained=FuzzyDate.parse(r["obtained_text"]) if r["obtained_text"] else None,
        recorded_by=r["created_by"])
