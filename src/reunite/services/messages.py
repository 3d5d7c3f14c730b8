"""Recording messages as said, and their interpretations kept apart."""

from __future__ import annotations

from collections.abc import Sequence

from reunite.domain.dates import FuzzyDate
from reunite.domain.ids import new_id
from reunite.domain.messages import Channel, Confidence, Interpretation, Message
from reunite.errors import InvalidInput
from reunite.services.checks import not_in_future, text_field
from reunite.store import messages as message_store
from reunite.store.cases import require_case
from reunite.store.persons import require_persons
from reunite.store.registry import Tx


def add_message(tx: Tx, *, case_id: str, text: str, channel: Channel, when: FuzzyDate,
                source_ids: Sequence[str], from_person: str | None = None,
                from_description: str = "", language: str = "") -> Message:
    if not source_ids:
        raise InvalidInput("a message must cite at least one source (--source)")
    require_case(tx, case_id)
    not_in_future(when, tx.today, "message date")
    if from_person is not None:
        require_persons(tx, [from_person])
    message = Message(new_id("message"), case_id, text_field(text, "message text"), channel,
                      when, tuple(source_ids), from_person,
                      text_field(from_description, "from"), language.strip().lower())
    message_store.insert_message(tx, message)
    return message


def interpret(tx: Tx, *, message_id: str, meaning: str, by: str,
              confidence: Confidence) -> Interpretation:
    message_store.get_message(tx, message_id)
    if not meaning.strip():
        raise InvalidInput("an interpretation needs its meaning")
    reading = Interpretation(new_id("interpretation"), message_id,
                             text_field(meaning, "meaning"),
                             text_field(by or tx.actor, "by", 100), confidence, tx.now)
    message_store.insert_interpretation(tx, reading)
    return reading
