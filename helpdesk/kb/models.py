"""Knowledge-base articles, their tags, readers' votes and the suggestions shown to customers."""

from datetime import datetime
from enum import StrEnum

from sqlalchemy import (
    CheckConstraint,
    Column,
    ForeignKey,
    Index,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from helpdesk import clock
from helpdesk.auth.models import User
from helpdesk.database import UTCDateTime
from helpdesk.extensions import db
from helpdesk.tickets.models import Category, Tag


class ArticleStatus(StrEnum):
    """A draft is for staff only; a published article is public and searchable."""

    DRAFT = "draft"
    PUBLISHED = "published"

    @property
    def label(self) -> str:
        return self.value.capitalize()


article_tags = Table(
    "article_tags",
    db.metadata,
    Column("article_id", ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("tag_id", ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class Article(db.Model):
    """A FAQ answer: Markdown as written, and the sanitised HTML and plain text made from it."""

    __tablename__ = "articles"
    __table_args__ = (
        CheckConstraint("status IN ('draft', 'published')", name="status"),
        Index("ix_articles_status_view_count", "status", "view_count"),
        Index("ix_articles_status_updated_at", "status", "updated_at"),
        Index("ix_articles_category_id_status", "category_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(90), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    body_markdown: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str] = mapped_column(Text)
    body_text: Mapped[str] = mapped_column(Text)  # what search indexes and excerpts read
    category_id: Mapped[int | None] = mapped_column(ForeignKey("categories.id"))
    status: Mapped[str] = mapped_column(String(10), default=ArticleStatus.DRAFT.value)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    source_ticket_id: Mapped[int | None] = mapped_column(
        ForeignKey("tickets.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    view_count: Mapped[int] = mapped_column(default=0)
    helpful_yes: Mapped[int] = mapped_column(default=0)
    helpful_no: Mapped[int] = mapped_column(default=0)
    version: Mapped[int] = mapped_column(default=1)

    category: Mapped[Category | None] = relationship(lazy="joined")
    author: Mapped[User | None] = relationship(lazy="joined")
    tags: Mapped[list[Tag]] = relationship(secondary=article_tags, order_by=Tag.name)

    __mapper_args__ = {"version_id_col": version}

    @property
    def is_published(self) -> bool:
        return self.status == ArticleStatus.PUBLISHED

    @property
    def status_label(self) -> str:
        return ArticleStatus(self.status).label

    @property
    def helpful_share(self) -> float | None:
        """Share of readers' votes that said yes; None before anyone voted."""
        votes = self.helpful_yes + self.helpful_no
        return self.helpful_yes / votes if votes else None


class ArticleFeedback(db.Model):
    """One visitor's answer to "Was this helpful?"; one row per visitor and article."""

    __tablename__ = "article_feedback"
    __table_args__ = (
        UniqueConstraint("article_id", "visitor", name="uq_article_feedback_visitor"),
        Index("ix_article_feedback_at", "at"),  # the reports: feedback given in a period
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    # "user:<id>" for someone signed in, else the random id kept in the visitor's session.
    visitor: Mapped[str] = mapped_column(String(80))
    helpful: Mapped[bool]
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)


class Suggestion(db.Model):
    """An article suggested to a customer writing a new ticket, and what they did next.

    `form_key` is the new-ticket form's submission key: a ticket with that key means the
    customer went on to submit; none means they left, and `opened_at` says whether they read.
    """

    __tablename__ = "kb_suggestions"
    __table_args__ = (
        UniqueConstraint("form_key", "article_id", name="uq_kb_suggestions_form_key_article"),
        Index("ix_kb_suggestions_shown_at", "shown_at"),
        Index("ix_kb_suggestions_opened_at", "opened_at"),  # the reports' fingerprint
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    customer_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    form_key: Mapped[str] = mapped_column(String(64))
    query: Mapped[str] = mapped_column(String(200))
    shown_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
    opened_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
