"""computed reports kept for reuse, and indexes their fingerprint reads

Revision ID: e4f6a8b0c2d3
Revises: d3e5f7a9b1c2
Create Date: 2026-12-03 09:00:00

"""

import sqlalchemy as sa
from alembic import op

import helpdesk.database

# revision identifiers, used by Alembic.
revision = "e4f6a8b0c2d3"
down_revision = "d3e5f7a9b1c2"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "report_cache",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("payload", sa.LargeBinary(), nullable=False),
        sa.Column("computed_at", helpdesk.database.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_report_cache")),
    )
    op.create_index("ix_playbook_runs_completed_at", "playbook_runs", ["completed_at"])
    op.create_index("ix_kb_suggestions_opened_at", "kb_suggestions", ["opened_at"])


def downgrade():
    op.drop_index("ix_kb_suggestions_opened_at", table_name="kb_suggestions")
    op.drop_index("ix_playbook_runs_completed_at", table_name="playbook_runs")
    op.drop_table("report_cache")
