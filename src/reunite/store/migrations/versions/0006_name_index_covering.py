"""the name index carries each person's sex and birth range and is read from one index

A search looks up the digests of a name and ranks the bearers by the sex and birth years
stored in clear. At a million records a common pair of names has thousands of bearers, and
reading each one's row of persons cost most of a search; the index rows now carry those three
columns (copied here from persons, kept in step by store.name_index.index_person) and one
index on (digest, role, person_id, sex, birth_min, birth_max) answers the lookup alone.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-24 09:20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("name_index", schema=None) as batch_op:
        batch_op.add_column(sa.Column("sex", sa.String(length=1), nullable=True))
        batch_op.add_column(sa.Column("birth_min", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("birth_max", sa.Date(), nullable=True))
        batch_op.drop_index("ix_name_index_digest")
        batch_op.create_index("ix_name_index_lookup", ["digest", "role", "person_id", "sex",
                                                       "birth_min", "birth_max"])
    op.execute("UPDATE name_index SET "
               "sex = (SELECT p.sex FROM persons p WHERE p.id = name_index.person_id), "
               "birth_min = (SELECT p.birth_min FROM persons p WHERE p.id = name_index.person_id), "
               "birth_max = (SELECT p.birth_max FROM persons p WHERE p.id = name_index.person_id)")


def downgrade() -> None:
    with op.batch_alter_table("name_index", schema=None) as batch_op:
        batch_op.drop_index("ix_name_index_lookup")
        batch_op.create_index("ix_name_index_digest", ["digest"])
        batch_op.drop_column("birth_max")
        batch_op.drop_column("birth_min")
        batch_op.drop_column("sex")
