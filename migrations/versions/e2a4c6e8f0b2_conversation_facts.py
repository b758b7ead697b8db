"""conversation facts on the ticket: public messages and the times of the first and last,
so the conversation-length report reads tickets, not messages

Revision ID: e2a4c6e8f0b2
Revises: d9e1f3a5c7b9
Create Date: 2026-12-04 16:05:00

"""

import sqlalchemy as sa
from alembic import op

import helpdesk.database

# revision identifiers, used by Alembic.
revision = "e2a4c6e8f0b2"
down_revision = "d9e1f3a5c7b9"
branch_labels = None
depends_on = None


def upgrade():
    # Plain ALTER TABLE (no batch copy): the search triggers stay in place.
    op.add_column(
        "tickets", sa.Column("public_messages", sa.Integer(), server_default="0", nullable=False)
    )
    for name in ("first_message_at", "last_message_at"):
        op.add_column(
            "tickets",
            sa.Column(name, helpdesk.database.UTCDateTime(timezone=True), nullable=True),
        )
    op.execute(
        "UPDATE tickets SET (public_messages, first_message_at, last_message_at) = "
        "(SELECT count(*), min(created_at), max(created_at) FROM messages "
        "WHERE messages.ticket_id = tickets.id AND messages.kind != 'note')"
    )


def downgrade():
    for name in ("last_message_at", "first_message_at", "public_messages"):
        op.execute(f"ALTER TABLE tickets DROP COLUMN {name}")
