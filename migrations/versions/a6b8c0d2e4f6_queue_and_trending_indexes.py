"""a small partial index of active tickets by creation time, for the default queue; recent
votes by idea covered, for the trending ideas

Revision ID: a6b8c0d2e4f6
Revises: f5a7b9c1d3e4
Create Date: 2026-12-03 14:00:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "a6b8c0d2e4f6"
down_revision = "f5a7b9c1d3e4"
branch_labels = None
depends_on = None

ACTIVE = sa.text("status IN ('new', 'open', 'pending')")


def upgrade():
    op.create_index(
        "ix_tickets_active_created_at",
        "tickets",
        ["created_at"],
        sqlite_where=ACTIVE,
        postgresql_where=ACTIVE,
    )
    op.drop_index("ix_idea_votes_created_at", table_name="idea_votes")
    op.create_index("ix_idea_votes_created_at_idea_id", "idea_votes", ["created_at", "idea_id"])


def downgrade():
    op.drop_index("ix_idea_votes_created_at_idea_id", table_name="idea_votes")
    op.create_index("ix_idea_votes_created_at", "idea_votes", ["created_at"])
    op.drop_index("ix_tickets_active_created_at", table_name="tickets")
