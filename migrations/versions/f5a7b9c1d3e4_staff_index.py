"""a small partial index of staff by name, so staff lists skip the many customers

Revision ID: f5a7b9c1d3e4
Revises: e4f6a8b0c2d3
Create Date: 2026-12-03 09:10:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "f5a7b9c1d3e4"
down_revision = "e4f6a8b0c2d3"
branch_labels = None
depends_on = None

STAFF = sa.text("role != 'customer'")


def upgrade():
    op.create_index(
        "ix_users_staff_name", "users", ["name"], sqlite_where=STAFF, postgresql_where=STAFF
    )


def downgrade():
    op.drop_index("ix_users_staff_name", table_name="users")
