"""Computed reports kept for reuse (one row per filter, valid while the data is unchanged),
the claims of the workers computing them, and the daily roll-ups reports add up."""

from datetime import date, datetime

from sqlalchemy import Date, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from helpdesk import clock
from helpdesk.database import UTCDateTime
from helpdesk.extensions import db


class ReportCache(db.Model):
    """A report as computed for a filter, with the fingerprint of the data it was computed
    from; kept in the database so every worker and instance shares it."""

    __tablename__ = "report_cache"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)  # SHA-256 of the filter
    fingerprint: Mapped[str] = mapped_column(String(64))
    payload: Mapped[bytes] = mapped_column(LargeBinary)
    computed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)


class ReportClaim(db.Model):
    """A report being computed, and since when: the worker that claimed it computes it, the
    others show what they have meanwhile instead of computing the same report beside it."""

    __tablename__ = "report_claims"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)  # the report's key
    since: Mapped[datetime] = mapped_column(UTCDateTime)


class ReportDay(db.Model):
    """One UTC day's figures under a report's cuts, added up by reports instead of reading
    every ticket of their period (see reports/rollups.py). A row is the whole team's (grain "all",
    key 0) or one part of it: an agent's or a category's (key the id, 0 for none), an opening
    mood's, a resolution band's or a complaint cohort's (key the index in their list). Each
    group of columns counts the rows its own date puts on the day; durations are kept as
    every value, in whole thousandths of a second, so a period's medians stay exact. A row
    holds for the day's `version` of ReportDayMark: a write that touches the day moves the
    mark on, and the day is computed again."""

    __tablename__ = "report_days"

    # The report's cuts the day was counted under ("" for none; see day_counts.cut_key).
    cut: Mapped[str] = mapped_column(String(120), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    grain: Mapped[str] = mapped_column(String(10), primary_key=True)
    key: Mapped[int] = mapped_column(Integer, primary_key=True)
    version: Mapped[int] = mapped_column(Integer)
    # Tickets whose latest resolution fell on the day.
    resolved: Mapped[int] = mapped_column(Integer, default=0)
    replies: Mapped[int] = mapped_column(Integer, default=0)
    one_touch: Mapped[int] = mapped_column(Integer, default=0)
    reopened: Mapped[int] = mapped_column(Integer, default=0)
    reopens: Mapped[int] = mapped_column(Integer, default=0)
    followups: Mapped[int] = mapped_column(Integer, default=0)
    sla_met: Mapped[int] = mapped_column(Integer, default=0)
    talked: Mapped[int] = mapped_column(Integer, default=0)
    public_messages: Mapped[int] = mapped_column(Integer, default=0)
    public_tickets: Mapped[int] = mapped_column(Integer, default=0)
    # Tickets created on the day (complaints: those of the cohort rows).
    created: Mapped[int] = mapped_column(Integer, default=0)
    answered: Mapped[int] = mapped_column(Integer, default=0)
    complaints: Mapped[int] = mapped_column(Integer, default=0)
    complaints_resolved: Mapped[int] = mapped_column(Integer, default=0)
    complaints_reopened: Mapped[int] = mapped_column(Integer, default=0)
    complaints_recovered: Mapped[int] = mapped_column(Integer, default=0)
    # Customer messages that came in on the day, by mood.
    negative: Mapped[int] = mapped_column(Integer, default=0)
    neutral: Mapped[int] = mapped_column(Integer, default=0)
    positive: Mapped[int] = mapped_column(Integer, default=0)
    # Customer messages whose mood an agent reviewed on the day, and kept the tagger's label.
    reviewed: Mapped[int] = mapped_column(Integer, default=0)
    kept: Mapped[int] = mapped_column(Integer, default=0)
    # Survey answers given on the day (a cohort's: about its complaints created that day).
    answers: Mapped[int] = mapped_column(Integer, default=0)
    satisfied: Mapped[int] = mapped_column(Integer, default=0)
    nps_answers: Mapped[int] = mapped_column(Integer, default=0)
    promoters: Mapped[int] = mapped_column(Integer, default=0)
    detractors: Mapped[int] = mapped_column(Integer, default=0)
    ces_answers: Mapped[int] = mapped_column(Integer, default=0)
    ces_total: Mapped[int] = mapped_column(Integer, default=0)
    # Survey invitations made on the day that reached the customer, and answered.
    invited: Mapped[int] = mapped_column(Integer, default=0)
    invitations_answered: Mapped[int] = mapped_column(Integer, default=0)
    # Every duration of the day's tickets, in whole thousandths of a second, comma-separated
    # (NULL for none), last, so that counts are read without stepping over them: from
    # creation to the latest resolution, time spent new or open, first to last public
    # message (of the tickets resolved on the day); to the first reply (created on the day).
    resolution: Mapped[str | None] = mapped_column(Text)
    wait: Mapped[str | None] = mapped_column(Text)
    elapsed: Mapped[str | None] = mapped_column(Text)
    first_reply: Mapped[str | None] = mapped_column(Text)


class ReportDayMark(db.Model):
    """How many times the data of a day has changed: its ReportDay rows hold while their
    version is this one (a day with no mark has version 0)."""

    __tablename__ = "report_day_marks"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    version: Mapped[int] = mapped_column(Integer)
