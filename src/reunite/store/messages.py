"""Storage of messages (verbatim) and their interpretations (kept apart)."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import insert, select, update

from reunite.domain.dates import FuzzyDate
from reunite.domain.messages import Channel, Confidence, Interpretation, Message
from reunite.errors import NotFound
from reunite.store.citations import cite, cited
from reunite.store.registry import Tx
from reunite.store.tables import interpretations, messages


def _values(tx: Tx, m: Message) -> dict[str, object]:
    return {"case_id": m.case_id, "from_person": m.from_person,
            "from_description_enc": tx.seal("messages", m.id, "from_description",
                                            m.from_description),
            "channel": m.channel.value, "when_text": m.when.text, "when_min": m.when.earliest,
            "when_max": m.when.latest, "text_enc": tx.seal("messages", m.id, "text", m.text),
            "language": m.language}


def insert_message(tx: Tx, m: Message) -> None:
    tx.conn.execute(insert(messages).values(id=m.id, created_by=tx.actor, created_at=tx.now,
                                            **_values(tx, m)))
    cite(tx, "message", m.id, m.source_ids, new=True)
    tx.log("create", "messages", m.id, ["text", "channel", "when", "from"])


def update_message(tx: Tx, m: Message, changed: list[str]) -> None:
    """A correction of how a message was recorded (its interpretations stay as they were)."""
    tx.conn.execute(update(messages).where(messages.c.id == m.id).values(
        updated_by=tx.actor, updated_at=tx.now, **_values(tx, m)))
    cite(tx, "message", m.id, m.source_ids)
    tx.log("update", "messages", m.id, changed)


def insert_interpretation(tx: Tx, i: Interpretation) -> None:
    tx.conn.execute(insert(interpretations).values(
        id=i.id, message_id=i.message_id,
        meaning_enc=tx.seal("interpretations", i.id, "meaning", i.meaning),
        by_whom_enc=tx.seal("interpretations", i.id, "by_whom", i.by),
        confidence=i.confidence.value, recorded_by=tx.actor, recorded_at=i.recorded_at))
    tx.log("create", "interpretations", i.id, ["meaning", "by", "confidence"])


def get_messages(tx: Tx, case_id: str | None = None,
                 ids: list[str] | None = None) -> list[Message]:
    query = select(messages).order_by(messages.c.when_min, messages.c.id)
    if case_id is not None:
        query = query.where(messages.c.case_id == case_id)
    if ids is not None:
        query = query.where(messages.c.id.in_(ids))
    rows = list(tx.conn.execute(query))
    ids_found = [r.id for r in rows]
    readings: dict[str, list[Interpretation]] = defaultdict(list)
    for r in tx.conn.execute(select(interpretations)
                             .where(interpretations.c.message_id.in_(ids_found))
                             .order_by(interpretations.c.recorded_at, interpretations.c.id)):
        readings[r.message_id].append(Interpretation(
            r.id, r.message_id, tx.open("interpretations", r.id, "meaning", r.meaning_enc),
            tx.open("interpretations", r.id, "by_whom", r.by_whom_enc), Confidence(r.confidence),
            r.recorded_at))
    sources = cited(tx, "message", ids_found)
    return [Message(
        id=r.id, case_id=r.case_id, text=tx.open("messages", r.id, "text", r.text_enc),
        channel=Channel(r.channel), when=FuzzyDate.parse(r.when_text),
        source_ids=sources.get(r.id, ()), from_person=r.from_person,
        from_description=tx.open("messages", r.id, "from_description", r.from_description_enc),
        language=r.language, interpretations=tuple(readings[r.id])) for r in rows]


def get_message(tx: Tx, message_id: str) -> Message:
    found = get_messages(tx, ids=[message_id])
    if not found:
        raise NotFound(f"no message with id {message_id}")
    return found[0]
