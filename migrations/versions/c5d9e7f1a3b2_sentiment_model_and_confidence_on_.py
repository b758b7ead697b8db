"""sentiment model and confidence on messages

Revision ID: c5d9e7f1a3b2
Revises: b8f3d2e6c4a1
Create Date: 2026-11-23 13:08:18.240695

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "c5d9e7f1a3b2"
down_revision = "b8f3d2e6c4a1"
branch_labels = None
depends_on = None


def upgrade():
    # Plain ALTER TABLE (no batch copy) keeps the full-text triggers on messages in place.
    op.add_column("messages", sa.Column("sentiment_confidence", sa.Float(), nullable=True))
    op.add_column("messages", sa.Column("sentiment_model", sa.String(length=40), nullable=True))


def downgrade():
    op.execute("ALTER TABLE messages DROP COLUMN sentiment_model")
    op.execute("ALTER TABLE messages DROP COLUMN sentiment_confidence")
