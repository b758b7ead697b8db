"""report day roll-ups: a day's report figures, kept until a write touches the day

Revision ID: b7d9f1a3c5e7
Revises: a4c6e8f0b2d4
Create Date: 2026-12-04 21:25:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "b7d9f1a3c5e7"
down_revision = "a4c6e8f0b2d4"
branch_labels = None
depends_on = None


def upgrade():
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
    op.create_table(
        "report_day_marks",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("day", name=op.f("pk_report_day_marks")),
    )


def downgrade():
    op.drop_table("report_day_marks")
    op.drop_table("report_days")
