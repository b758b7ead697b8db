"""public activity time and reply submission keys

Revision ID: d6e1f3a5b7c9
Revises: c5d9e7f1a3b2
Create Date: 2026-11-23 13:45:23.574935

"""

import sqlalchemy as sa
from alembic import op

import helpdesk.database

# revision identifiers, used by Alembic.
revision = "d6e1f3a5b7c9"
down_revision = "c5d9e7f1a3b2"
branch_labels = None
depends_on = None


def upgrade():
    # Plain ALTER TABLE and CREATE INDEX (no batch copy): the search triggers stay in place.
    op.add_column("messages", sa.Column("submission_key", sa.String(length=64), nullable=True))
    op.create_index(
        "uq_messages_submission", "messages", ["ticket_id", "submission_key"], unique=True
    )
    op.add_column(
        "tickets",
        sa.Column(
            "public_activity_at", helpdesk.database.UTCDateTime(timezone=True), nullable=True
        ),
    )
    op.execute("UPDATE tickets SET public_activity_at = updated_at")
    op.drop_index("ix_tickets_customer_id_updated_at", table_name="tickets")
    op.create_index(
        "ix_tickets_customer_id_public_activity_at",
        "tickets",
        ["customer_id", "public_activity_at"],
    )


def downgrade():
    op.drop_index("ix_tickets_customer_id_public_activity_at", table_name="tickets")
    op.create_index("ix_tickets_customer_id_updated_at", "tickets", ["customer_id", "updated_at"])
    op.execute("ALTER TABLE tickets DROP COLUMN public_activity_at")
    op.drop_index("uq_messages_submission", table_name="messages")
    op.execute("ALTER TABLE messages DROP COLUMN submission_key")
