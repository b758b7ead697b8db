"""Survey invitations sent after resolution, the answers, and the recoveries they start."""

from datetime import datetime

from sqlalchemy import CheckConstraint, Float, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from helpdesk import clock
from helpdesk.auth.models import User
from helpdesk.database import UTCDateTime
from helpdesk.extensions import db
from helpdesk.tickets.models import Ticket


class SurveyInvitation(db.Model):
    """A single-use link to the survey about one resolution of a ticket.

    The agent and category are those at resolution, so scores stay with who helped even if
    the ticket moves later.
    """

    __tablename__ = "survey_invitations"
    __table_args__ = (
        Index("ix_survey_invitations_customer_id_created_at", "customer_id", "created_at"),
        Index("ix_survey_invitations_created_at", "created_at"),
        Index("ix_survey_invitations_sent_at", "sent_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    token: Mapped[str] = mapped_column(String(64), unique=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id", ondelete="CASCADE"), index=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    agent_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    category_id: Mapped[int | None] = mapped_column(ForeignKey("categories.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
    send_at: Mapped[datetime] = mapped_column(UTCDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # when the email went out
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    email_id: Mapped[int | None] = mapped_column(
        ForeignKey("outbox_emails.id", ondelete="SET NULL")
    )
    # Set when the ticket was reopened before an answer: the link no longer takes one.
    withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    ticket: Mapped[Ticket] = relationship(lazy="joined")

    def is_open(self, now: datetime) -> bool:
        """Whether the link still takes an answer."""
        return self.answered_at is None and self.withdrawn_at is None and now < self.expires_at


class SurveyResponse(db.Model):
    """A customer's answer: CSAT 1-5, CES 1-7 and NPS 0-10 (the last two optional), a comment
    with its sentiment, and copies of the facts reports cut scores by."""

    __tablename__ = "survey_responses"
    __table_args__ = (
        CheckConstraint("csat BETWEEN 1 AND 5", name="csat"),
        CheckConstraint("ces IS NULL OR ces BETWEEN 1 AND 7", name="ces"),
        CheckConstraint("nps IS NULL OR nps BETWEEN 0 AND 10", name="nps"),
        Index("ix_survey_responses_answered_at", "answered_at"),
        Index("ix_survey_responses_agent_id_answered_at", "agent_id", "answered_at"),
        Index("ix_survey_responses_customer_id_answered_at", "customer_id", "answered_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    invitation_id: Mapped[int] = mapped_column(
        ForeignKey("survey_invitations.id", ondelete="CASCADE"), unique=True
    )
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id", ondelete="CASCADE"), index=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    agent_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    category_id: Mapped[int | None] = mapped_column(ForeignKey("categories.id"))
    csat: Mapped[int]
    ces: Mapped[int | None]
    nps: Mapped[int | None]
    comment: Mapped[str] = mapped_column(Text, default="")
    sentiment_label: Mapped[str | None] = mapped_column(String(10))
    sentiment_polarity: Mapped[float | None] = mapped_column(Float)
    sentiment_model: Mapped[str | None] = mapped_column(String(40))  # which tagger said so
    answered_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)

    ticket: Mapped[Ticket] = relationship(lazy="joined")
    agent: Mapped[User | None] = relationship(foreign_keys=[agent_id], lazy="joined")

    @property
    def is_unhappy(self) -> bool:
        return bool(recovery_reasons(self))


def recovery_reasons(response: SurveyResponse) -> list[str]:
    """Why an answer calls for recovery: a low CSAT, a detractor's NPS, a negative comment."""
    reasons = []
    if response.csat <= 2:
        reasons.append(f"CSAT {response.csat} of 5")
    if response.nps is not None and response.nps <= 6:
        reasons.append(f"NPS {response.nps} of 10")
    if response.comment and response.sentiment_label == "negative":
        reasons.append("negative comment")
    return reasons


class Recovery(db.Model):
    """An unhappy answer being put right: open until a supervisor or agent records what was
    done."""

    __tablename__ = "recoveries"
    __table_args__ = (Index("ix_recoveries_closed_at_flagged_at", "closed_at", "flagged_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id", ondelete="CASCADE"), index=True)
    response_id: Mapped[int] = mapped_column(
        ForeignKey("survey_responses.id", ondelete="CASCADE"), unique=True
    )
    reasons: Mapped[str] = mapped_column(String(200))
    flagged_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
    check_in_id: Mapped[int | None] = mapped_column(ForeignKey("check_ins.id", ondelete="SET NULL"))
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    closed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    outcome: Mapped[str] = mapped_column(Text, default="")

    ticket: Mapped[Ticket] = relationship(lazy="joined")
    response: Mapped[SurveyResponse] = relationship(lazy="joined")
    closed_by: Mapped[User | None] = relationship()
