"""PostgreSQL: the weighted search vector of articles and ideas kept in a stored generated
column (search_fts) under the GIN index, so ranking reads it instead of parsing every match

Revision ID: b7c9d1e3f5a7
Revises: a6b8c0d2e4f6
Create Date: 2026-12-03 15:10:00

"""

from alembic import op

# revision identifiers, used by Alembic.
revision = "b7c9d1e3f5a7"
down_revision = "a6b8c0d2e4f6"
branch_labels = None
depends_on = None

VECTOR = (
    "setweight(to_tsvector('english'::regconfig, title), 'A') || "
    "setweight(to_tsvector('english'::regconfig, body_text), 'B')"
)
TABLES = ("articles", "ideas")


def upgrade():
    if op.get_bind().dialect.name != "postgresql":
        return  # SQLite's FTS5 tables already hold what bm25 ranks by
    for table in TABLES:
        op.execute(
            f"ALTER TABLE {table} ADD COLUMN search_fts tsvector "
            f"GENERATED ALWAYS AS ({VECTOR}) STORED"
        )
        op.execute(f"DROP INDEX ix_{table}_search_fts")
        op.execute(f"CREATE INDEX ix_{table}_search_fts ON {table} USING gin (search_fts)")


def downgrade():
    if op.get_bind().dialect.name != "postgresql":
        return
    for table in TABLES:
        op.execute(f"DROP INDEX ix_{table}_search_fts")
        op.execute(f"ALTER TABLE {table} DROP COLUMN search_fts")
        op.execute(f"CREATE INDEX ix_{table}_search_fts ON {table} USING gin (({VECTOR}))")
