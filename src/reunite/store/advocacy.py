"""Storage of interventions and applications with their stages."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from sqlalchemy import insert, select, update

from reunite.domain.advocacy import (
    Application,
    ApplicationKind,
    ApplicationStage,
    Intervention,
    InterventionKind,
    StageKind,
)
from reunite.errors import NotFound
from reunite.store.registry import Tx
from reunite.store.tables import application_stages, applications, interventions

T = "interventions"


def _intervention_values(tx: Tx, i: Intervention) -> dict[str, Any]:
    return {
        "case_id": i.case_id, "kind": i.kind.value, "recipient": i.recipient,
        "sent_on": i.sent_on, "response_on": i.response_on, "follow_up_on": i.follow_up_on,
        "sender_enc": tx.seal(T, i.id, "sender", i.sender),
        "response_enc": tx.seal(T, i.id, "response", i.response),
        "notes_enc": tx.seal(T, i.id, "notes", i.notes),
    }


def insert_intervention(tx: Tx, i: Intervention) -> None:
    tx.conn.execute(insert(interventions).values(
        id=i.id, created_by=tx.actor, created_at=tx.now, **_intervention_values(tx, i)))
    tx.log("create", T, i.id, ["kind", "sender", "recipient", "sent_on", "follow_up_on"])


def update_intervention(tx: Tx, i: Intervention, changed: list[str]) -> None:
    tx.conn.execute(update(interventions).where(interventions.c.id == i.id).values(
        updated_by=tx.actor, updated_at=tx.now, **_intervention_values(tx, i)))
    tx.log("update", T, i.id, changed)


def get_interventions(tx: Tx, case_id: str | None = None, ids: list[str] | None = None,
                      due_by: date | None = None) -> list[Intervention]:
    query = select(interventions).order_by(interventions.c.sent_on, interventions.c.id)
    if case_id is not None:
        query = query.where(interventions.c.case_id == case_id)
    if ids is not None:
        query = query.where(interventions.c.id.in_(ids))
    if due_by is not None:
        query = query.where(interventions.c.follow_up_on <= due_by)
    return [Intervention(
        id=r.id, case_id=r.case_id, kind=InterventionKind(r.kind),
        sender=tx.open(T, r.id, "sender", r.sender_enc), recipient=r.recipient,
        sent_on=r.sent_on, response=tx.open(T, r.id, "response", r.response_enc),
        response_on=r.response_on, follow_up_on=r.follow_up_on,
        notes=tx.open(T, r.id, "notes", r.notes_enc)) for r in tx.conn.execute(query)]


def get_intervention(tx: Tx, intervention_id: str) -> Intervention:
    found = get_interventions(tx, ids=[intervention_id])
    if not found:
        raise NotFound(f"no intervention with id {intervention_id}")
    return found[0]


def _application_values(tx: Tx, a: Application) -> dict[str, object]:
    return {"case_id": a.case_id, "person_id": a.person_id, "country": a.country,
            "kind": a.kind.value,
            "reference_enc": tx.seal("applications", a.id, "reference", a.reference)}


def insert_application(tx: Tx, a: Application) -> None:
    tx.conn.execute(insert(applications).values(id=a.id, created_by=tx.actor, created_at=tx.now,
                                                **_application_values(tx, a)))
    tx.log("create", "applications", a.id, ["country", "kind", "reference", "person"])
    for stage in a.stages:
        insert_stage(tx, a.id, stage)


def update_application(tx: Tx, a: Application, changed: list[str]) -> None:
    """The application's own fields; stages are appended with insert_stage, never rewritten."""
    tx.conn.execute(update(applications).where(applications.c.id == a.id).values(
        updated_by=tx.actor, updated_at=tx.now, **_application_values(tx, a)))
    tx.log("update", "applications", a.id, changed)


def insert_stage(tx: Tx, application_id: str, s: ApplicationStage) -> None:
    tx.conn.execute(insert(application_stages).values(
        id=s.id, application_id=application_id, stage=s.stage.value, on_date=s.on,
        note_enc=tx.seal("application_stages", s.id, "note", s.note),
        recorded_by=tx.actor, recorded_at=tx.now))
    tx.log("create", "application_stages", s.id, ["stage", "on", "note"])


def get_applications(tx: Tx, case_id: str | None = None,
                     ids: list[str] | None = None) -> list[Application]:
    query = select(applications).order_by(applications.c.created_at, applications.c.id)
    if case_id is not None:
        query = query.where(applications.c.case_id == case_id)
    if ids is not None:
        query = query.where(applications.c.id.in_(ids))
    rows = list(tx.conn.execute(query))
    stages: dict[str, list[ApplicationStage]] = defaultdict(list)
    for s in tx.conn.execute(select(application_stages)
                             .where(application_stages.c.application_id.in_([r.id for r in rows]))
                             .order_by(application_stages.c.on_date, application_stages.c.id)):
        stages[s.application_id].append(ApplicationStage(
            s.id, StageKind(s.stage), s.on_date,
            tx.open("application_stages", s.id, "note", s.note_enc)))
    return [Application(r.id, r.case_id, r.person_id, r.country, ApplicationKind(r.kind),
                        tx.open("applications", r.id, "reference", r.reference_enc),
                        tuple(stages[r.id])) for r in rows]


def get_application(tx: Tx, application_id: str) -> Application:
    found = get_applications(tx, ids=[application_id])
    if not found:
        raise NotFound(f"no application with id {application_id}")
    return found[0]
