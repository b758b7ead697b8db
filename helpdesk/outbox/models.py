"""Outgoing emails, stored before they are delivered."""

from datetime import datetime
from enum import StrEnum

from sqlalchemy import CheckConstraint, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from helpdesk import clock
from helpdesk.database import UTCDateTime
from helpdesk.extensions import db


class OutboxStatus(StrEnum):
    """Where an email is on its way out: waiting (or waiting to retry), delivered, given up."""

    PENDING = "pending"
    SENT = "sent"
    FAILED = "failed"


_STATUS_VALUES = ", ".join(f"'{status.value}'" for status in OutboxStatus)


class OutboxEmail(db.Model):
    """One email to one address, written in the transaction of the change that caused it."""

    __tablename__ = "outbox_emails"
    __table_args__ = (
        CheckConstraint(f"status IN ({_STATUS_VALUES})", name="status"),
        # The sender's one question: which pending emails are due now, oldest first.
        Index("ix_outbox_emails_status_next_attempt_at", "status", "next_attempt_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    to_address: Mapped[str] = mapped_column(String(254))
    subject: Mapped[str] = mapped_column(String(255))
    body_text: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(10), default=OutboxStatus.PENDING.value)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str | None] = mapped_column(Text)

    def __repr__(self) -> str:
        return f"<OutboxEmail {self.id} {self.kind} to {self.to_address} {self.status}>"
