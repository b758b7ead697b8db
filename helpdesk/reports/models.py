"""Computed reports kept for reuse: one row per filter, valid while the data is unchanged."""

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
