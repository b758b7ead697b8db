"""report days by cut: rebuild report_days where an earlier shape of it was made

Revision ID: c2e4a6b8d0f1
Revises: b7d9f1a3c5e7
Create Date: 2026-12-04 22:30:00

The previous revision's table changed shape while it was being built (its duration columns
moved last, then the cut joined its key). A database migrated before that has report_days
without a cut column: its rows are only counts kept for the reports, so the table is made
again, empty, and the days are counted again on the next report.
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "c2e4a6b8d0f1"
down_revision = "b7d9f1a3c5e7"
branch_labels = None
depends_on = None


def upgrade():
    columns = {column["name"] for column in sa.inspect(op.get_bind()).get_columns("report_days")}
    if "cut" in columns:
        return
    op.drop_table("report_days")
    op.create_table(
        "report_days",
        sa.Column("cut", sa.String(length=120), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("grain", sa.String(length=10), nullable=False),
        sa.Column("key", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("resolved", sa.Integer(), nullable=False),
        sa.Column("replies", sa.Integer(), nullable=False),
        sa.Column("one_touch", sa.Integer(), nullable=False),
        sa.Column("reopened", sa.Integer(), nullable=False),
        sa.Column("reopens", sa.Integer(), nullable=False),
        sa.Column("followups", sa.Integer(), nullable=False),
        sa.Column("sla_met", sa.Integer(), nullable=False),
        sa.Column("talked", sa.Integer(), nullable=False),
        sa.Column("public_messages", sa.Integer(), nullable=False),
        sa.Column("public_tickets", sa.Integer(), nullable=False),
        sa.Column("created", sa.Integer(), nullable=False),
        sa.Column("answered", sa.Integer(), nullable=False),
        sa.Column("complaints", sa.Integer(), nullable=False),
        sa.Column("complaints_resolved", sa.Integer(), nullable=False),
        sa.Column("complaints_reopened", sa.Integer(), nullable=False),
        sa.Column("complaints_recovered", sa.Integer(), nullable=False),
        sa.Column("negative", sa.Integer(), nullable=False),
        sa.Column("neutral", sa.Integer(), nullable=False),
        sa.Column("positive", sa.Integer(), nullable=False),
        sa.Column("reviewed", sa.Integer(), nullable=False),
        sa.Column("kept", sa.Integer(), nullable=False),
        sa.Column("answers", sa.Integer(), nullable=False),
        sa.Column("satisfied", sa.Integer(), nullable=False),
        sa.Column("nps_answers", sa.Integer(), nullable=False),
        sa.Column("promoters", sa.Integer(), nullable=False),
        sa.Column("detractors", sa.Integer(), nullable=False),
        sa.Column("ces_answers", sa.Integer(), nullable=False),
        sa.Column("ces_total", sa.Integer(), nullable=False),
        sa.Column("invited", sa.Integer(), nullable=False),
        sa.Column("invitations_answered", sa.Integer(), nullable=False),
        sa.Column("resolution", sa.Text(), nullable=True),
        sa.Column("wait", sa.Text(), nullable=True),
        sa.Column("elapsed", sa.Text(), nullable=True),
        sa.Column("first_reply", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("cut", "day", "grain", "key", name=op.f("pk_report_days")),
    )


def downgrade():
    pass  # the table keeps the shape the previous revision now makes
