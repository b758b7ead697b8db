"""Playbooks synced from files (versioned), runs of them on tickets, and check-ins."""

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from helpdesk import clock
from helpdesk.auth.models import User
from helpdesk.database import UTCDateTime
from helpdesk.extensions import db


class Playbook(db.Model):
    """One version of a playbook file; a changed file makes a new version, runs keep theirs."""

    __tablename__ = "playbooks"
    __table_args__ = (UniqueConstraint("slug", "version", name="uq_playbooks_slug_version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), index=True)
    version: Mapped[int] = mapped_column(default=1)
    title: Mapped[str] = mapped_column(String(200))
    summary: Mapped[str] = mapped_column(Text, default="")
    suggest_when: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    checksum: Mapped[str] = mapped_column(String(64))
    retired: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)

    steps: Mapped[list["PlaybookStep"]] = relationship(
        order_by="PlaybookStep.position", back_populates="playbook"
    )


class PlaybookStep(db.Model):
    """A step of one playbook version."""

    __tablename__ = "playbook_steps"

    id: Mapped[int] = mapped_column(primary_key=True)
    playbook_id: Mapped[int] = mapped_column(ForeignKey("playbooks.id"), index=True)
    position: Mapped[int]
    key: Mapped[str] = mapped_column(String(80))
    title: Mapped[str] = mapped_column(String(200))
    guidance: Mapped[str] = mapped_column(Text)
    check_in_after_seconds: Mapped[int | None]
    required: Mapped[bool] = mapped_column(default=True)

    playbook: Mapped[Playbook] = relationship(back_populates="steps")


class PlaybookRun(db.Model):
    """A playbook being followed on a ticket."""

    __tablename__ = "playbook_runs"
    __table_args__ = (
        Index("ix_playbook_runs_ticket_id_started_at", "ticket_id", "started_at"),
        Index("ix_playbook_runs_completed_at", "completed_at"),  # the reports' fingerprint
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id", ondelete="CASCADE"))
    playbook_id: Mapped[int] = mapped_column(ForeignKey("playbooks.id"), index=True)
    started_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now, index=True)
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    playbook: Mapped[Playbook] = relationship(lazy="joined")
    started_by: Mapped[User | None] = relationship()
    steps_done: Mapped[list["RunStep"]] = relationship(back_populates="run")


class RunStep(db.Model):
    """A step ticked (or unticked again) in a run: who, when, and a note."""

    __tablename__ = "run_steps"
    __table_args__ = (UniqueConstraint("run_id", "step_id", name="uq_run_steps_run_step"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("playbook_runs.id", ondelete="CASCADE"))
    step_id: Mapped[int] = mapped_column(ForeignKey("playbook_steps.id"))
    done: Mapped[bool] = mapped_column(default=False)
    done_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    note: Mapped[str] = mapped_column(Text, default="")

    run: Mapped[PlaybookRun] = relationship(back_populates="steps_done")
    done_by: Mapped[User | None] = relationship()


class CheckIn(db.Model):
    """A follow-up with the customer, due some time after a playbook step."""

    __tablename__ = "check_ins"
    __table_args__ = (
        Index("ix_check_ins_done_at_due_at", "done_at", "due_at"),
        Index("ix_check_ins_assignee_id_done_at_due_at", "assignee_id", "done_at", "due_at"),
        Index("ix_check_ins_due_at", "due_at"),  # the reports: check-ins due in a period
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id", ondelete="CASCADE"), index=True)
    run_id: Mapped[int | None] = mapped_column(ForeignKey("playbook_runs.id", ondelete="CASCADE"))
    step_id: Mapped[int | None] = mapped_column(ForeignKey("playbook_steps.id"))
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
    due_at: Mapped[datetime] = mapped_column(UTCDateTime)
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    done_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    note: Mapped[str] = mapped_column(Text, default="")

    assignee: Mapped[User | None] = relationship(foreign_keys=[assignee_id], lazy="joined")
    done_by: Mapped[User | None] = relationship(foreign_keys=[done_by_id])
    ticket: Mapped["Ticket"] = relationship(lazy="joined")  # noqa: F821  (tickets.models)
