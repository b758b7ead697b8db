"""data version: one number every writing transaction moves, so kept pages know they are stale

Revision ID: d4f6b8a0c2e3
Revises: c2e4a6b8d0f1
Create Date: 2026-12-04 23:40:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "d4f6b8a0c2e3"
down_revision = "c2e4a6b8d0f1"
branch_labels = None
depends_on = None


def upgrade():
    table = op.create_table(
        "data_version",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("value", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_data_version")),
    )
    op.bulk_insert(table, [{"id": 1, "value": 0}])


def downgrade():
    op.drop_table("data_version")
