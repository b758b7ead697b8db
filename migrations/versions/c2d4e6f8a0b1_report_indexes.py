"""indexes the reports read by: messages by kind and date, reviewed moods, check-ins due,
article feedback and idea status changes by date

Revision ID: c2d4e6f8a0b1
Revises: b1c3d5e7f9a2
Create Date: 2026-12-03 08:10:00

"""

from alembic import op

# revision identifiers, used by Alembic.
revision = "c2d4e6f8a0b1"
down_revision = "b1c3d5e7f9a2"
branch_labels = None
depends_on = None

INDEXES = (
    ("ix_messages_kind_created_at", "messages", ["kind", "created_at"]),
    ("ix_messages_corrected_at", "messages", ["corrected_at"]),
    ("ix_check_ins_due_at", "check_ins", ["due_at"]),
    ("ix_article_feedback_at", "article_feedback", ["at"]),
    ("ix_idea_status_changes_new_created_at", "idea_status_changes", ["new", "created_at"]),
)


def upgrade():
    for name, table, columns in INDEXES:
        op.create_index(name, table, columns)


def downgrade():
    for name, table, _columns in reversed(INDEXES):
        op.drop_index(name, table_name=table)
