"""The idea board: ideas, votes, comments, status changes, links to tickets, and notices."""

from datetime import datetime
from enum import StrEnum

from sqlalchemy import CheckConstraint, Float, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from helpdesk import clock
from helpdesk.auth.models import User
from helpdesk.database import UTCDateTime
from helpdesk.extensions import db


class IdeaStatus(StrEnum):
    """Where an idea stands; done and declined are final, and so is a merge."""

    NEW = "new"
    UNDER_REVIEW = "under_review"
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    DECLINED = "declined"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


CLOSED_STATUSES = (IdeaStatus.DONE, IdeaStatus.DECLINED)
_STATUS_VALUES = ", ".join(f"'{status.value}'" for status in IdeaStatus)


class IdeaCategory(db.Model):
    """A product area ideas are filed under; staff keep the list."""

    __tablename__ = "idea_categories"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(60), unique=True)
    position: Mapped[int] = mapped_column(default=0)


class Idea(db.Model):
    """A suggestion on the board, with the counts the board sorts by kept beside it."""

    __tablename__ = "ideas"
    __table_args__ = (
        CheckConstraint(f"status IN ({_STATUS_VALUES})", name="status"),
        CheckConstraint("vote_count >= 0", name="vote_count"),
        Index("ix_ideas_status_vote_count", "status", "vote_count"),
        Index("ix_ideas_created_at", "created_at"),
        Index("ix_ideas_category_id_vote_count", "category_id", "vote_count"),
        Index("ix_ideas_merged_into_id", "merged_into_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(150))
    body_markdown: Mapped[str] = mapped_column(Text, default="")
    body_html: Mapped[str] = mapped_column(Text, default="")
    body_text: Mapped[str] = mapped_column(Text, default="")  # what search reads
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    category_id: Mapped[int | None] = mapped_column(ForeignKey("idea_categories.id"))
    status: Mapped[str] = mapped_column(String(20), default=IdeaStatus.NEW.value)
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("ideas.id"))
    vote_count: Mapped[int] = mapped_column(default=0)
    comment_count: Mapped[int] = mapped_column(default=0)
    ticket_count: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
    reviewed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # first status change
    status_changed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    sentiment_label: Mapped[str | None] = mapped_column(String(10))
    sentiment_polarity: Mapped[float | None] = mapped_column(Float)

    author: Mapped[User] = relationship(lazy="joined")
    category: Mapped[IdeaCategory | None] = relationship(lazy="joined")
    merged_into: Mapped["Idea | None"] = relationship(remote_side=[id])

    @property
    def status_label(self) -> str:
        return "Merged" if self.merged_into_id else IdeaStatus(self.status).label

    @property
    def takes_votes(self) -> bool:
        return self.merged_into_id is None and self.status not in CLOSED_STATUSES


class Vote(db.Model):
    """One person's vote for one idea: the unique pair makes a second vote impossible."""

    __tablename__ = "idea_votes"
    __table_args__ = (
        UniqueConstraint("idea_id", "user_id", name="uq_idea_votes_idea_user"),
        Index("ix_idea_votes_idea_id_created_at", "idea_id", "created_at"),
        # Covers the trending score (recent votes by idea) without reading the votes.
        Index("ix_idea_votes_created_at_idea_id", "created_at", "idea_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    idea_id: Mapped[int] = mapped_column(ForeignKey("ideas.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)


class IdeaComment(db.Model):
    """A comment on an idea; a staff member's is the team's official word."""

    __tablename__ = "idea_comments"
    __table_args__ = (Index("ix_idea_comments_idea_id_created_at", "idea_id", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    idea_id: Mapped[int] = mapped_column(ForeignKey("ideas.id", ondelete="CASCADE"))
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    body: Mapped[str] = mapped_column(Text)
    official: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
    sentiment_label: Mapped[str | None] = mapped_column(String(10))
    sentiment_polarity: Mapped[float | None] = mapped_column(Float)

    author: Mapped[User] = relationship(lazy="joined")


class IdeaStatusChange(db.Model):
    """A move on the idea's way, with the public note the voters were sent."""

    __tablename__ = "idea_status_changes"
    __table_args__ = (
        Index("ix_idea_status_changes_idea_id_created_at", "idea_id", "created_at"),
        Index("ix_idea_status_changes_new_created_at", "new", "created_at"),  # for the reports
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    idea_id: Mapped[int] = mapped_column(ForeignKey("ideas.id", ondelete="CASCADE"))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    old: Mapped[str] = mapped_column(String(20))
    new: Mapped[str] = mapped_column(String(20))  # a status, or "merged"
    note: Mapped[str] = mapped_column(Text, default="")
    told: Mapped[int] = mapped_column(default=0)  # people emailed about it
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)

    actor: Mapped[User | None] = relationship(lazy="joined")

    @property
    def new_label(self) -> str:
        return "Merged" if self.new == "merged" else IdeaStatus(self.new).label


class IdeaTicket(db.Model):
    """A ticket in which a customer asked for the idea: how many asked, and who."""

    __tablename__ = "idea_tickets"
    __table_args__ = (UniqueConstraint("idea_id", "ticket_id", name="uq_idea_tickets_pair"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    idea_id: Mapped[int] = mapped_column(ForeignKey("ideas.id", ondelete="CASCADE"))
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id", ondelete="CASCADE"), index=True)
    linked_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)


class Notice(db.Model):
    """A note in the app for one person ("The idea you voted for is now planned")."""

    __tablename__ = "notices"
    __table_args__ = (Index("ix_notices_user_id_read_at", "user_id", "read_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    idea_id: Mapped[int | None] = mapped_column(ForeignKey("ideas.id", ondelete="CASCADE"))
    text: Mapped[str] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
