"""The schema, shared by SQLite and PostgreSQL.

Columns ending in ``_enc`` hold AES-GCM ciphertext (see :mod:`reunite.store.crypto`).
Plaintext columns hold only what statistics and matching need and what names nobody:
kinds, statuses, grades, dates and their precision, country codes, organisation names.
"""

from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect

from reunite.domain.advocacy import ApplicationKind, InterventionKind, StageKind
from reunite.domain.cases import CaseRole, CaseStatus, Priority
from reunite.domain.events import EventKind, InstitutionKind
from reunite.domain.messages import Channel, Confidence
from reunite.domain.persons import (
    DocumentKind,
    DocumentStatus,
    NameKind,
    PersonStatus,
    Publication,
    RelationshipKind,
    Script,
    Sex,
)
from reunite.domain.sources import Credibility, Reliability, SourceKind

metadata = MetaData(naming_convention={
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
})

ID = String(16)


class UtcDateTime(TypeDecorator[datetime]):
    """A moment in UTC on both engines (SQLite would otherwise return it without a zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: Reunite stores moments with their time zone")
        return value.astimezone(UTC)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        assert isinstance(value, datetime)
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _choice(column: str, enum: type[StrEnum], name: str) -> CheckConstraint:
    values = ", ".join(f"'{m.value}'" for m in enum)
    return CheckConstraint(f"{column} IN ({values})", name=name)


def _fuzzy_date(prefix: str, nullable: bool = True) -> list[Column[object]]:
    return [
        Column(f"{prefix}_text", String(40), nullable=nullable),
        Column(f"{prefix}_min", Date),
        Column(f"{prefix}_max", Date),
    ]


def _authorship() -> list[Column[object]]:
    return [
        Column("created_by", String(100), nullable=False),
        Column("created_at", UtcDateTime(), nullable=False),
        Column("updated_by", String(100)),
        Column("updated_at", UtcDateTime()),
    ]


keyslots = Table(
    "keyslots", metadata,
    Column("kind", String(20), primary_key=True),
    Column("salt", LargeBinary, nullable=False),
    Column("params", Text, nullable=False),
    Column("wrapped", LargeBinary, nullable=False),
    Column("created_at", UtcDateTime(), nullable=False),
    CheckConstraint("kind IN ('passphrase', 'recovery')", name="kind"),
)

sources = Table(
    "sources", metadata,
    Column("id", ID, primary_key=True),
    Column("kind", String(30), nullable=False),
    Column("title_enc", LargeBinary, nullable=False),
    Column("description_enc", LargeBinary, nullable=False),
    Column("reliability", String(1), nullable=False),
    Column("credibility", String(1), nullable=False),
    *_fuzzy_date("obtained"),
    *_authorship(),
    _choice("kind", SourceKind, "kind"),
    _choice("reliability", Reliability, "reliability"),
    _choice("credibility", Credibility, "credibility"),
)

citations = Table(
    "citations", metadata,
    Column("subject_kind", String(20), primary_key=True),
    Column("subject_id", ID, primary_key=True),
    Column("source_id", ID, ForeignKey("sources.id"), primary_key=True),
    CheckConstraint(
        "subject_kind IN ('person', 'relationship', 'event', 'message')", name="subject_kind"),
)

persons = Table(
    "persons", metadata,
    Column("id", ID, primary_key=True),
    Column("sex", String(1), nullable=False),
    *_fuzzy_date("birth"),
    Column("hometown_enc", LargeBinary, nullable=False),
    Column("status", String(20), nullable=False),
    Column("notes_enc", LargeBinary, nullable=False),
    *_authorship(),
    _choice("sex", Sex, "sex"),
    _choice("status", PersonStatus, "status"),
)

person_names = Table(
    "person_names", metadata,
    Column("id", ID, primary_key=True),
    Column("person_id", ID, ForeignKey("persons.id", ondelete="CASCADE"), nullable=False,
           index=True),
    Column("position", Integer, nullable=False),
    Column("text_enc", LargeBinary, nullable=False),
    Column("kind", String(10), nullable=False),
    Column("script", String(10), nullable=False),
    Column("language", String(10), nullable=False),
    _choice("kind", NameKind, "kind"),
    _choice("script", Script, "script"),
)

person_documents = Table(
    "person_documents", metadata,
    Column("id", ID, primary_key=True),
    Column("person_id", ID, ForeignKey("persons.id", ondelete="CASCADE"), nullable=False,
           index=True),
    Column("kind", String(20), nullable=False),
    Column("status", String(20), nullable=False),
    Column("number_enc", LargeBinary, nullable=False),
    Column("country", String(2), nullable=False),
    _choice("kind", DocumentKind, "kind"),
    _choice("status", DocumentStatus, "status"),
)

person_contacts = Table(
    "person_contacts", metadata,
    Column("id", ID, primary_key=True),
    Column("person_id", ID, ForeignKey("persons.id", ondelete="CASCADE"), nullable=False,
           index=True),
    Column("kind", String(20), nullable=False),
    Column("value_enc", LargeBinary, nullable=False),
)

consents = Table(
    "consents", metadata,
    Column("id", ID, primary_key=True),
    Column("person_id", ID, ForeignKey("persons.id", ondelete="CASCADE"), nullable=False,
           index=True),
    Column("tracing", Boolean, nullable=False),
    Column("sharing", Boolean, nullable=False),
    Column("publication", String(20), nullable=False),
    Column("note_enc", LargeBinary, nullable=False),
    Column("recorded_by", String(100), nullable=False),
    Column("recorded_at", UtcDateTime(), nullable=False),
    _choice("publication", Publication, "publication"),
)

relationships = Table(
    "relationships", metadata,
    Column("id", ID, primary_key=True),
    Column("from_person", ID, ForeignKey("persons.id"), nullable=False, index=True),
    Column("kind", String(20), nullable=False),
    Column("to_person", ID, ForeignKey("persons.id"), nullable=False, index=True),
    *_authorship(),
    _choice("kind", RelationshipKind, "kind"),
    CheckConstraint("from_person <> to_person", name="not_self"),
)

cases = Table(
    "cases", metadata,
    Column("id", ID, primary_key=True),
    Column("status", String(20), nullable=False),
    Column("priority", String(10), nullable=False),
    Column("organisation", String(200), nullable=False),
    Column("assignee", String(100), nullable=False),
    Column("opened_on", Date, nullable=False),
    Column("closed_on", Date),
    Column("summary_enc", LargeBinary, nullable=False),
    Column("close_reason_enc", LargeBinary, nullable=False),
    *_authorship(),
    _choice("status", CaseStatus, "status"),
    _choice("priority", Priority, "priority"),
)

case_persons = Table(
    "case_persons", metadata,
    Column("case_id", ID, ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True),
    Column("person_id", ID, ForeignKey("persons.id"), primary_key=True, index=True),
    Column("role", String(10), nullable=False),
    Column("position", Integer, nullable=False),
    _choice("role", CaseRole, "role"),
)

institutions = Table(
    "institutions", metadata,
    Column("id", ID, primary_key=True),
    Column("kind", String(20), nullable=False),
    Column("place", String(200), nullable=False),
    Column("notes_enc", LargeBinary, nullable=False),
    *_authorship(),
    _choice("kind", InstitutionKind, "kind"),
)

institution_names = Table(
    "institution_names", metadata,
    Column("institution_id", ID, ForeignKey("institutions.id", ondelete="CASCADE"),
           primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("text", String(300), nullable=False),
)

events = Table(
    "events", metadata,
    Column("id", ID, primary_key=True),
    Column("case_id", ID, ForeignKey("cases.id"), index=True),
    Column("kind", String(30), nullable=False),
    *_fuzzy_date("when", nullable=False),
    Column("place_enc", LargeBinary, nullable=False),
    Column("institution_id", ID, ForeignKey("institutions.id")),
    Column("description_enc", LargeBinary, nullable=False),
    *_authorship(),
    _choice("kind", EventKind, "kind"),
)

event_participants = Table(
    "event_participants", metadata,
    Column("event_id", ID, ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    Column("person_id", ID, ForeignKey("persons.id"), primary_key=True, index=True),
)

messages = Table(
    "messages", metadata,
    Column("id", ID, primary_key=True),
    Column("case_id", ID, ForeignKey("cases.id"), nullable=False, index=True),
    Column("from_person", ID, ForeignKey("persons.id")),
    Column("from_description_enc", LargeBinary, nullable=False),
    Column("channel", String(20), nullable=False),
    *_fuzzy_date("when", nullable=False),
    Column("text_enc", LargeBinary, nullable=False),
    Column("language", String(10), nullable=False),
    *_authorship(),
    _choice("channel", Channel, "channel"),
)

interpretations = Table(
    "interpretations", metadata,
    Column("id", ID, primary_key=True),
    Column("message_id", ID, ForeignKey("messages.id", ondelete="CASCADE"), nullable=False,
           index=True),
    Column("meaning_enc", LargeBinary, nullable=False),
    Column("by_whom_enc", LargeBinary, nullable=False),
    Column("confidence", String(10), nullable=False),
    Column("recorded_by", String(100), nullable=False),
    Column("recorded_at", UtcDateTime(), nullable=False),
    _choice("confidence", Confidence, "confidence"),
)

interventions = Table(
    "interventions", metadata,
    Column("id", ID, primary_key=True),
    Column("case_id", ID, ForeignKey("cases.id"), nullable=False, index=True),
    Column("kind", String(20), nullable=False),
    Column("sender_enc", LargeBinary, nullable=False),
    Column("recipient", String(300), nullable=False),
    Column("sent_on", Date, nullable=False),
    Column("response_enc", LargeBinary, nullable=False),
    Column("response_on", Date),
    Column("follow_up_on", Date, index=True),
    Column("notes_enc", LargeBinary, nullable=False),
    *_authorship(),
    _choice("kind", InterventionKind, "kind"),
)

applications = Table(
    "applications", metadata,
    Column("id", ID, primary_key=True),
    Column("case_id", ID, ForeignKey("cases.id"), nullable=False, index=True),
    Column("person_id", ID, ForeignKey("persons.id"), nullable=False),
    Column("country", String(2), nullable=False),
    Column("kind", String(30), nullable=False),
    Column("reference_enc", LargeBinary, nullable=False),
    *_authorship(),
    _choice("kind", ApplicationKind, "kind"),
)

application_stages = Table(
    "application_stages", metadata,
    Column("id", ID, primary_key=True),
    Column("application_id", ID, ForeignKey("applications.id", ondelete="CASCADE"),
           nullable=False, index=True),
    Column("stage", String(20), nullable=False),
    Column("on_date", Date, nullable=False),
    Column("note_enc", LargeBinary, nullable=False),
    Column("recorded_by", String(100), nullable=False),
    Column("recorded_at", UtcDateTime(), nullable=False),
    _choice("stage", StageKind, "stage"),
)

name_index = Table(
    "name_index", metadata,
    Column("person_id", ID, ForeignKey("persons.id", ondelete="CASCADE"), primary_key=True),
    Column("role", String(10), primary_key=True),
    Column("kind", String(10), primary_key=True),
    Column("digest", LargeBinary(16), primary_key=True),
    # the person's sex and birth range, as stored in clear in persons: a search ranks the
    # bearers of a common name by them from the index alone (see store.name_index)
    Column("sex", String(1), nullable=True),
    Column("birth_min", Date, nullable=True),
    Column("birth_max", Date, nullable=True),
    Index("ix_name_index_lookup", "digest", "role", "person_id", "sex", "birth_min",
          "birth_max"),
    CheckConstraint("kind IN ('key', 'skeleton')", name="kind"),
    CheckConstraint("role IN ('given', 'father', 'pair')", name="role"),
)

# Records brought in from an organisation's own files: (organisation, kind, external id) as a
# keyed hash, so that a re-import finds the record it made without the ids being stored in
# clear; the digest (keyed too) of the row as last imported tells an edited row from the same.
external_ids = Table(
    "external_ids", metadata,
    Column("key", LargeBinary(16), primary_key=True),
    Column("kind", String(20), nullable=False),
    Column("record_id", ID, nullable=False, index=True),
    Column("organisation", String(200), nullable=False),
    Column("external_enc", LargeBinary, nullable=False),
    Column("digest", LargeBinary(16), nullable=False),
    *_authorship(),
)

match_candidates = Table(
    "match_candidates", metadata,
    Column("id", ID, primary_key=True),
    Column("person_a", ID, ForeignKey("persons.id", ondelete="CASCADE"), nullable=False),
    Column("person_b", ID, ForeignKey("persons.id", ondelete="CASCADE"), nullable=False),
    Column("probability", Float, nullable=False),
    Column("evidence", String(100), nullable=False),  # comparison levels when last scored
    Column("status", String(10), nullable=False),
    Column("decided_by", String(100)),
    Column("decided_at", UtcDateTime()),
    Column("decided_evidence", String(100)),  # comparison levels when decided
    Column("reason_enc", LargeBinary, nullable=False),
    Column("created_at", UtcDateTime(), nullable=False),
    Column("updated_at", UtcDateTime(), nullable=False),
    UniqueConstraint("person_a", "person_b", name="uq_match_candidates_pair"),
    Index("ix_match_candidates_status", "status"),
    CheckConstraint("person_a < person_b", name="ordered"),
    CheckConstraint("status IN ('potential', 'confirmed', 'rejected', 'undecided')",
                    name="status"),
)

change_log = Table(
    "change_log", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", UtcDateTime(), nullable=False),
    Column("actor", String(100), nullable=False),
    Column("action", String(10), nullable=False),
    Column("table_name", String(40), nullable=False),
    Column("row_id", ID, nullable=False, index=True),
    Column("fields", Text, nullable=False),
    CheckConstraint("action IN ('create', 'update', 'delete')", name="action"),
)

# Accounts of the web application. Usernames and teams are staff identifiers, not the names of
# the families; the second-factor secret is sealed like any personal field.
users = Table(
    "users", metadata,
    Column("id", ID, primary_key=True),
    Column("username", String(100), nullable=False, unique=True),
    Column("password_hash", String(200), nullable=False),
    Column("role", String(15), nullable=False),
    Column("team", String(100), nullable=False),
    Column("language", String(10), nullable=False),
    Column("totp_secret_enc", LargeBinary),
    Column("totp_required", Boolean, nullable=False),
    Column("last_totp_step", Integer),
    Column("disabled", Boolean, nullable=False),
    Column("failed_logins", Integer, nullable=False),
    Column("locked_until", UtcDateTime()),
    Column("created_by", String(100), nullable=False),
    Column("created_at", UtcDateTime(), nullable=False),
    Column("password_changed_at", UtcDateTime(), nullable=False),
    CheckConstraint("role IN ('admin', 'coordinator', 'caseworker', 'analyst', 'read_only')",
                    name="role"),
)

# A session is known by the SHA-256 of its cookie token: a copy of the table opens nothing.
sessions = Table(
    "sessions", metadata,
    Column("token_hash", LargeBinary(32), primary_key=True),
    Column("user_id", ID, ForeignKey("users.id", ondelete="CASCADE"), nullable=False,
           index=True),
    Column("stage", String(10), nullable=False),
    Column("created_at", UtcDateTime(), nullable=False),
    Column("last_seen_at", UtcDateTime(), nullable=False),
    CheckConstraint("stage IN ('password', 'full')", name="stage"),
)

case_grants = Table(
    "case_grants", metadata,
    Column("case_id", ID, ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True),
    Column("user_id", ID, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True,
           index=True),
    Column("granted_by", String(100), nullable=False),
    Column("granted_at", UtcDateTime(), nullable=False),
)

# Append-only (triggers refuse UPDATE and DELETE) and hash-chained: each entry's MAC covers
# its fields and the previous entry's MAC, under a key derived from the data key.
audit_log = Table(
    "audit_log", metadata,
    Column("seq", Integer, primary_key=True, autoincrement=False),
    Column("at", UtcDateTime(), nullable=False),
    Column("actor", String(100), nullable=False),
    Column("action", String(20), nullable=False),
    Column("object_kind", String(20), nullable=False),
    Column("object_id", String(40), nullable=False),
    Column("outcome", String(12), nullable=False),
    Column("client", String(64), nullable=False),
    Column("detail_enc", LargeBinary, nullable=False),
    Column("mac", LargeBinary(32), nullable=False),
    Index("ix_audit_log_actor_at", "actor", "at"),
)

audit_head = Table(
    "audit_head", metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("seq", Integer, nullable=False),
    Column("mac", LargeBinary(32), nullable=False),
    CheckConstraint("id = 1", name="single_row"),
)
