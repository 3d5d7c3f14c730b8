"""Interventions (letters, notes, submissions) and applications (permits, visas)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date

from reunite.domain.advocacy import (
    Application,
    ApplicationKind,
    ApplicationStage,
    Intervention,
    InterventionKind,
    StageKind,
)
from reunite.domain.ids import new_id
from reunite.errors import InvalidInput
from reunite.services.checks import country_code, day_not_in_future, text_field
from reunite.store import advocacy as store
from reunite.store.cases import require_case
from reunite.store.persons import require_persons
from reunite.store.registry import Tx


def add_intervention(tx: Tx, *, case_id: str, kind: InterventionKind, sender: str,
                     recipient: str, sent_on: date, follow_up_on: date | None = None,
                     response: str = "", response_on: date | None = None,
                     notes: str = "") -> Intervention:
    require_case(tx, case_id)
    day_not_in_future(sent_on, tx.today, "sending date")
    if not recipient.strip():
        raise InvalidInput("an intervention needs its recipient organisation")
    if follow_up_on is not None and follow_up_on < sent_on:
        raise InvalidInput(f"follow-up date {follow_up_on} is before the sending date {sent_on}")
    if response_on is not None:
        day_not_in_future(response_on, tx.today, "response date")
    item = Intervention(new_id("intervention"), case_id, kind, text_field(sender, "sender", 300),
                        text_field(recipient, "recipient", 300), sent_on,
                        text_field(response, "response"), response_on, follow_up_on,
                        text_field(notes, "notes"))
    store.insert_intervention(tx, item)
    return item


def record_response(tx: Tx, *, intervention_id: str, response: str, response_on: date,
                    follow_up_on: date | None = None) -> Intervention:
    current = store.get_intervention(tx, intervention_id)
    day_not_in_future(response_on, tx.today, "response date")
    updated = dataclasses.replace(current, response=text_field(response, "response"),
                                  response_on=response_on, follow_up_on=follow_up_on)
    store.update_intervention(tx, updated, ["response", "response_on", "follow_up_on"])
    return updated


@dataclass(frozen=True)
class DueItem:
    intervention: Intervention
    days_overdue: int


def due_interventions(tx: Tx, *, as_of: date) -> list[DueItem]:
    """Follow-ups due on or before ``as_of``: most overdue first."""
    due = store.get_interventions(tx, due_by=as_of)
    items = [DueItem(i, i.days_overdue(as_of)) for i in due]
    return sorted(items, key=lambda d: (-d.days_overdue, d.intervention.id))


def list_interventions(tx: Tx, *, case_id: str | None = None) -> list[Intervention]:
    if case_id is not None:
        require_case(tx, case_id)
    return store.get_interventions(tx, case_id=case_id)


def add_application(tx: Tx, *, case_id: str, person_id: str, country: str,
                    kind: ApplicationKind, reference: str = "",
                    filed_on: date | None = None) -> Application:
    require_case(tx, case_id)
    require_persons(tx, [person_id])
    code = country_code(country)
    if not code:
        raise InvalidInput("an application needs the country it was made to")
    stages: tuple[ApplicationStage, ...] = ()
    if filed_on is not None:
        day_not_in_future(filed_on, tx.today, "filing date")
        stages = (ApplicationStage(new_id("stage"), StageKind.FILED, filed_on),)
    app = Application(new_id("application"), case_id, person_id, code, kind,
                      text_field(reference, "reference", 200), stages)
    store.insert_application(tx, app)
    return app


def add_stage(tx: Tx, *, application_id: str, stage: StageKind, on: date,
              note: str = "") -> Application:
    app = store.get_application(tx, application_id)
    day_not_in_future(on, tx.today, "stage date")
    if app.stages and on < app.stages[0].on:
        raise InvalidInput(f"stage date {on} is before the application's first stage "
                           f"({app.stages[0].on})")
    store.insert_stage(tx, application_id,
                       ApplicationStage(new_id("stage"), stage, on, text_field(note, "note")))
    return store.get_application(tx, application_id)
