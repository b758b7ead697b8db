"""PostgreSQL: message bodies and ticket subjects keep their search vector in a stored
generated column (search_fts) under the GIN index, so a search can walk the newest messages
checking each stored vector instead of parsing every body

Revision ID: d9e1f3a5c7b9
Revises: c8d0e2f4a6b8
Create Date: 2026-12-04 15:50:00

"""

from alembic import op

# revision identifiers, used by Alembic.
revision = "d9e1f3a5c7b9"
down_revision = "c8d0e2f4a6b8"
branch_labels = None
depends_on = None

# (table, old expression index, the column it reads)
VECTORS = (
    ("messages", "ix_messages_body_fts", "body"),
    ("tickets", "ix_tickets_subject_fts", "subject"),
)


def upgrade():
    if op.get_bind().dialect.name != "postgresql":
        return  # SQLite's FTS5 tables already hold the words
    for table, index, source in VECTORS:
        op.execute(
            f"ALTER TABLE {table} ADD COLUMN search_fts tsvector "
            f"GENERATED ALWAYS AS (to_tsvector('english'::regconfig, {source})) STORED"
        )
        op.execute(f"DROP INDEX {index}")
        op.execute(f"CREATE INDEX {index} ON {table} USING gin (search_fts)")


def downgrade():
    if op.get_bind().dialect.name != "postgresql":
        return
    for table, index, source in VECTORS:
        op.execute(f"DROP INDEX {index}")
        op.execute(f"ALTER TABLE {table} DROP COLUMN search_fts")
        op.execute(
            f"CREATE INDEX {index} ON {table} "
            f"USING gin (to_tsvector('english'::regconfig, {source}))"
        )
