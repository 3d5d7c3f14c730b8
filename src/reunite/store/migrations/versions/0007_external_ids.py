"""external ids of imported records

An organisation's spreadsheet rows carry their own ids; a re-import must find the record a row
made before, and an edited row must update it. The table maps a keyed hash of (organisation,
kind, external id) to the record, keeps the id itself sealed (for export), and a keyed digest
of the row as last imported.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-04 21:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "external_ids",
        sa.Column("key", sa.LargeBinary(length=16), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("record_id", sa.String(length=16), nullable=False),
        sa.Column("organisation", sa.String(length=200), nullable=False),
        sa.Column("external_enc", sa.LargeBinary(), nullable=False),
        sa.Column("digest", sa.LargeBinary(length=16), nullable=False),
        sa.Column("created_by", sa.String(length=100), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=100), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_external_ids")),
    )
    op.create_index(op.f("ix_external_ids_record_id"), "external_ids", ["record_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_external_ids_record_id"), table_name="external_ids")
    op.drop_table("external_ids")
