"""failed sign-ins counted by address: account events by IP address and time

Revision ID: c8d0e2f4a6b8
Revises: b7c9d1e3f5a7
Create Date: 2026-12-03 17:20:00

"""

from alembic import op

# revision identifiers, used by Alembic.
revision = "c8d0e2f4a6b8"
down_revision = "b7c9d1e3f5a7"
branch_labels = None
depends_on = None


def upgrade():
    op.create_index(
        "ix_account_events_ip_address_at", "account_events", ["ip_address", "at"], unique=False
    )


def downgrade():
    op.drop_index("ix_account_events_ip_address_at", table_name="account_events")
