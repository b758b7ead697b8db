"""Computed reports kept for reuse (one row per filter, valid while the data is unchanged),
and the claims of the workers computing them."""

from datetime import datetime

from sqlalchemy import LargeBinary, String
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
