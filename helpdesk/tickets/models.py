"""Tickets, their messages and attachments, tags, categories, canned replies and history."""

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from helpdesk import clock
from helpdesk.auth.models import User
from helpdesk.database import UTCDateTime
from helpdesk.extensions import db


class Status(StrEnum):
    """Where a ticket stands: waiting on the team (new, open), on the customer, or done."""

    NEW = "new"
    OPEN = "open"
    PENDING = "pending"
    RESOLVED = "resolved"
    CLOSED = "closed"

    @property
    def label(self) -> str:
        return self.value.capitalize()


ACTIVE_STATUSES = (Status.NEW, Status.OPEN, Status.PENDING)
WAITING_ON_TEAM = (Status.NEW, Status.OPEN)
DONE_STATUSES = (Status.RESOLVED, Status.CLOSED)


class Priority(StrEnum):
    """How urgent a ticket is; sets its SLA targets."""

    LOW = "low"
    NORMAL = "normal"
    HIGH = "high"
    URGENT = "urgent"

    @property
    def label(self) -> str:
        return self.value.capitalize()

    @property
    def rank(self) -> int:
        return list(Priority).index(self)


class Channel(StrEnum):
    """Where the ticket came from."""

    WEB = "web"
    EMAIL = "email"
    PHONE = "phone"
    CHAT = "chat"
    API = "api"


class MessageKind(StrEnum):
    """A customer's message, a public agent reply, or an internal note."""

    CUSTOMER = "customer"
    REPLY = "reply"
    NOTE = "note"


DEFAULT_CATEGORIES = (
    "Billing",
    "Orders & delivery",
    "Account & sign-in",
    "Technical issue",
    "Product question",
    "Returns & refunds",
)


def _in(values) -> str:
    return ", ".join(f"'{value}'" for value in values)


# Spelled out for the partial index of active tickets; see in_active_status().
ACTIVE_SQL = f"status IN ({_in(ACTIVE_STATUSES)})"

# The columns of the reports' indexes (the migration that made them names them too).
RESOLVED_FACTS = (
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
)
CREATED_FACTS = (
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
)
MESSAGE_MOODS = ("kind", "created_at", "corrected_label", "sentiment_label")


class Category(db.Model):
    """A topic customers choose when they write in; admins keep the list."""

    __tablename__ = "categories"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(60), unique=True)
    position: Mapped[int] = mapped_column(default=0)
    active: Mapped[bool] = mapped_column(default=True)
    # Shown on the knowledge base's front page under the category's name.
    description: Mapped[str] = mapped_column(String(300), default="", server_default="")


ticket_tags = Table(
    "ticket_tags",
    db.metadata,
    Column("ticket_id", ForeignKey("tickets.id", ondelete="CASCADE"), primary_key=True),
    Column("tag_id", ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class Tag(db.Model):
    """A free label staff put on tickets ("refund", "vip")."""

    __tablename__ = "tags"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(40), unique=True)


class Ticket(db.Model):
    """One customer problem and everything known about it, with the facts reports read."""

    __tablename__ = "tickets"
    __table_args__ = (
        CheckConstraint(f"status IN ({_in(Status)})", name="status"),
        CheckConstraint(f"priority IN ({_in(Priority)})", name="priority"),
        CheckConstraint(f"channel IN ({_in(Channel)})", name="channel"),
        UniqueConstraint("customer_id", "submission_key", name="uq_tickets_submission"),
        Index("ix_tickets_status_created_at", "status", "created_at"),
        Index("ix_tickets_assignee_id_status", "assignee_id", "status"),
        Index("ix_tickets_customer_id_public_activity_at", "customer_id", "public_activity_at"),
        Index("ix_tickets_status_sla_due_at", "status", "sla_due_at"),
        Index("ix_tickets_last_sentiment_status", "last_sentiment", "status"),
        # The reports read a period's tickets from these two alone, never from the table: by
        # the latest resolution (outcomes) and by arrival (first reply, complaints, backlog).
        Index("ix_tickets_resolved_facts", *RESOLVED_FACTS),
        Index("ix_tickets_created_facts", *CREATED_FACTS),
        Index("ix_tickets_updated_at", "updated_at"),
        # The work in hand is a few hundred tickets among a million: the default queue
        # reads this small index, newest first (queries say in_active_status()).
        Index(
            "ix_tickets_active_created_at",
            "created_at",
            sqlite_where=text(ACTIVE_SQL),
            postgresql_where=text(ACTIVE_SQL),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    subject: Mapped[str] = mapped_column(String(200))
    customer_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    category_id: Mapped[int | None] = mapped_column(ForeignKey("categories.id"), index=True)
    status: Mapped[str] = mapped_column(String(10), default=Status.NEW.value)
    priority: Mapped[str] = mapped_column(String(10), default=Priority.NORMAL.value)
    channel: Mapped[str] = mapped_column(String(10), default=Channel.WEB.value)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
    # What the customer sees change: public messages and statuses, not notes or tags.
    public_activity_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=clock.now)
    version: Mapped[int] = mapped_column(Integer, default=1)
    # A random key from the form, so a double click or a resent form makes one ticket.
    submission_key: Mapped[str | None] = mapped_column(String(64))

    # SLA: due times set from the priority; sla_due_at is the next one that matters.
    first_reply_due_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    resolution_due_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    sla_due_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    # Facts kept by the service layer for the reports (see DESIGN.md, metric definitions).
    first_reply_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Its old value is loaded before a change: the reports' days of resolution, old and new.
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime, active_history=True)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    agent_replies: Mapped[int] = mapped_column(default=0)
    customer_followups: Mapped[int] = mapped_column(default=0)
    reopen_count: Mapped[int] = mapped_column(default=0)
    team_wait_seconds: Mapped[int] = mapped_column(default=0)
    waiting_since: Mapped[datetime | None] = mapped_column(UTCDateTime)
    first_sentiment: Mapped[str | None] = mapped_column(String(10))
    last_sentiment: Mapped[str | None] = mapped_column(String(10))
    # Conversation length: customer messages and public replies, and their first and last time.
    public_messages: Mapped[int] = mapped_column(default=0, server_default="0")
    first_message_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_message_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    customer: Mapped[User] = relationship(foreign_keys=[customer_id], lazy="joined")
    assignee: Mapped[User | None] = relationship(foreign_keys=[assignee_id], lazy="joined")
    category: Mapped[Category | None] = relationship(lazy="joined")
    tags: Mapped[list[Tag]] = relationship(secondary=ticket_tags, order_by=Tag.name)

    __mapper_args__ = {"version_id_col": version}

    @property
    def number(self) -> int:
        """The number customers and agents quote; the same as the id."""
        return self.id

    @property
    def sentiment_label(self) -> str | None:
        """The ticket's current mood: that of the customer's latest text."""
        return self.last_sentiment

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES

    @property
    def status_label(self) -> str:
        return Status(self.status).label

    @property
    def priority_label(self) -> str:
        return Priority(self.priority).label


def in_active_status():
    """The SQL condition for active tickets, with the statuses as literals (not parameters)
    so that the planners of SQLite and PostgreSQL use ix_tickets_active_created_at."""
    return text(f"tickets.{ACTIVE_SQL}")


class Message(db.Model):
    """One entry in a ticket's thread, with the sentiment of customer texts."""

    __tablename__ = "messages"
    __table_args__ = (
        CheckConstraint(f"kind IN ({_in(MessageKind)})", name="kind"),
        Index("ix_messages_ticket_id_created_at", "ticket_id", "created_at"),
        # A reply form sent twice (a resend, a double click) stores one message.
        Index("uq_messages_submission", "ticket_id", "submission_key", unique=True),
        # The reports: incoming messages by week, and the moods agents reviewed.
        # The reports' moods by week read the labels from the index, not the messages.
        Index("ix_messages_kind_created_at_moods", *MESSAGE_MOODS),
        Index("ix_messages_corrected_at", "corrected_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id", ondelete="CASCADE"))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    kind: Mapped[str] = mapped_column(String(10))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
    sentiment_polarity: Mapped[float | None] = mapped_column(Float)
    sentiment_subjectivity: Mapped[float | None] = mapped_column(Float)
    sentiment_label: Mapped[str | None] = mapped_column(String(10))
    sentiment_confidence: Mapped[float | None] = mapped_column(Float)
    sentiment_model: Mapped[str | None] = mapped_column(String(40))  # which tagger said so
    # An agent's correction, kept beside the machine's label.
    corrected_label: Mapped[str | None] = mapped_column(String(10))
    corrected_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    corrected_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    submission_key: Mapped[str | None] = mapped_column(String(64))

    author: Mapped[User | None] = relationship(foreign_keys=[author_id], lazy="joined")
    attachments: Mapped[list["Attachment"]] = relationship(
        back_populates="message", order_by="Attachment.id"
    )

    @property
    def effective_label(self) -> str | None:
        """The label people should see: the agent's correction if there is one."""
        return self.corrected_label or self.sentiment_label

    @property
    def is_note(self) -> bool:
        return self.kind == MessageKind.NOTE


class Attachment(db.Model):
    """A file sent with a message, stored under instance/uploads with a generated name."""

    __tablename__ = "attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    message_id: Mapped[int] = mapped_column(
        ForeignKey("messages.id", ondelete="CASCADE"), index=True
    )
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id", ondelete="CASCADE"), index=True)
    filename: Mapped[str] = mapped_column(String(255))
    stored_name: Mapped[str] = mapped_column(String(64), unique=True)
    content_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int]
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)

    message: Mapped[Message] = relationship(back_populates="attachments")


class TicketEvent(db.Model):
    """Append-only history: who did what to a ticket, and when."""

    __tablename__ = "ticket_events"
    __table_args__ = (Index("ix_ticket_events_ticket_id_at", "ticket_id", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id", ondelete="CASCADE"))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    type: Mapped[str] = mapped_column(String(40))
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)

    actor: Mapped[User | None] = relationship(lazy="joined")


class CannedReply(db.Model):
    """A saved answer staff insert into the reply box, with {{customer.name}}-style slots."""

    __tablename__ = "canned_replies"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(100), unique=True)
    body: Mapped[str] = mapped_column(Text)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
