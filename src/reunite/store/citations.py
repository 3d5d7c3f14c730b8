"""Which sources each fact-bearing record cites."""

from collections import defaultdict
from collections.abc import Iterable

from sqlalchemy import insert, select

from reunite.errors import NotFound
from reunite.store.registry import Tx
from reunite.store.tables import citations, sources


def cite(tx: Tx, subject_kind: str, subject_id: str, source_ids: Iterable[str], *,
         new: bool = False) -> None:
    """Record that the subject cites the sources (which must exist); ``new``: the subject was
    just inserted, so it cites nothing yet."""
    wanted = sorted(set(source_ids))
    found = set(tx.conn.scalars(select(sources.c.id).where(sources.c.id.in_(wanted))))
    missing = [s for s in wanted if s not in found]
    if missing:
        raise NotFound(f"no source with id {', '.join(missing)}")
    already = set() if new else set(cited(tx, subject_kind, [subject_id]).get(subject_id, ()))
    rows = [{"subject_kind": subject_kind, "subject_id": subject_id, "source_id": s}
            for s in wanted if s not in already]
    if rows:
        tx.conn.execute(insert(citations), rows)


def cited(tx: Tx, subject_kind: str, subject_ids: list[str]) -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = defaultdict(list)
    if not subject_ids:
        return {}
    rows = tx.conn.execute(
        select(citations.c.subject_id, citations.c.source_id)
        .where(citations.c.subject_kind == subject_kind,
               citations.c.subject_id.in_(subject_ids))
        .order_by(citations.c.source_id))
    for subject_id, source_id in rows:
        out[subject_id].append(source_id)
    return {k: tuple(v) for k, v in out.items()}
