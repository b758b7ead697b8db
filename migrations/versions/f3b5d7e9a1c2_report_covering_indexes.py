"""the reports' covering indexes: a period's tickets (by resolution and by arrival) and its
customer messages' moods are read from an index, not the table

Revision ID: f3b5d7e9a1c2
Revises: e2a4c6e8f0b2
Create Date: 2026-12-04 18:45:00

"""

from alembic import op

# revision identifiers, used by Alembic.
revision = "f3b5d7e9a1c2"
down_revision = "e2a4c6e8f0b2"
branch_labels = None
depends_on = None

# Written out, not imported: a migration keeps the schema of its day.
RESOLVED_FACTS = [
    "resolved_at",
    "created_at",
    "first_reply_at",
    "first_reply_due_at",
    "resolution_due_at",
    "team_wait_seconds",
    "agent_replies",
    "reopen_count",
    "customer_followups",
    "public_messages",
    "first_message_at",
    "last_message_at",
    "first_sentiment",
    "assignee_id",
    "category_id",
    "priority",
    "channel",
]
CREATED_FACTS = [
    "created_at",
    "first_reply_at",
    "resolved_at",
    "status",
    "reopen_count",
    "first_sentiment",
    "last_sentiment",
    "assignee_id",
    "category_id",
    "priority",
    "channel",
]
MESSAGE_MOODS = ["kind", "created_at", "corrected_label", "sentiment_label"]

# (new index, its table and columns; the index it takes over from, and that one's columns)
REPLACED = [
    (
        "ix_tickets_resolved_facts",
        "tickets",
        RESOLVED_FACTS,
        "ix_tickets_resolved_at",
        ["resolved_at"],
    ),
    ("ix_tickets_created_facts", "tickets", CREATED_FACTS, "ix_tickets_created_at", ["created_at"]),
    (
        "ix_messages_kind_created_at_moods",
        "messages",
        MESSAGE_MOODS,
        "ix_messages_kind_created_at",
        ["kind", "created_at"],
    ),
]


def upgrade():
    # Plain CREATE and DROP INDEX (no batch copy of the table): the search triggers stay.
    for name, table, columns, old, _old_columns in REPLACED:
        op.create_index(name, table, columns)
        op.drop_index(old, table_name=table)
    _analyze_if_analyzed()


def _analyze_if_analyzed():
    """A SQLite database that has statistics (ANALYZE was run on it) gets them for the new
    indexes too: next to indexes it has figures for, SQLite's planner would pass over ones it
    has none for."""
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        return
    found = bind.exec_driver_sql(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_stat1'"
    ).first()
    if found:
        for name, _table, _columns, _old, _old_columns in REPLACED:
            op.execute(f"ANALYZE {name}")


def downgrade():
    for name, table, _columns, old, old_columns in REPLACED:
        op.create_index(old, table, old_columns)
        op.drop_index(name, table_name=table)
