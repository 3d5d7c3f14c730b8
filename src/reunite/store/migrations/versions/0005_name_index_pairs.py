"""the name index holds (given, father) pairs: roles are checked, the index is rebuilt

The index's rows gain the role 'pair' (the keys of a given name and a father's name
together; see reunite.match.keys.pair_keys). Nothing here can compute them (the index key is
in the vault): opening the registry (services.setup.open_registry) rebuilds the index after upgrading past this revision.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-24 06:50:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("name_index", schema=None) as batch_op:
        batch_op.create_check_constraint(op.f("ck_name_index_role"), "role IN ('given', 'father', 'pair')")


def downgrade() -> None:
    op.execute("DELETE FROM name_index WHERE role = 'pair'")
    with op.batch_alter_table("name_index", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_name_index_role"), type_="check")
