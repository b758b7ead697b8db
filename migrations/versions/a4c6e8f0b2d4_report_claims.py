"""report claims: one worker computes a report while the others show what they have

Revision ID: a4c6e8f0b2d4
Revises: f3b5d7e9a1c2
Create Date: 2026-12-04 19:25:00

"""

import sqlalchemy as sa
from alembic import op

import helpdesk.database

# revision identifiers, used by Alembic.
revision = "a4c6e8f0b2d4"
down_revision = "f3b5d7e9a1c2"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "report_claims",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("since", helpdesk.database.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_report_claims")),
    )


def downgrade():
    op.drop_table("report_claims")
