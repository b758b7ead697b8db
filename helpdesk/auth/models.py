"""Users, their roles, and the append-only log of account events."""

import hashlib
import hmac
from datetime import datetime
from enum import StrEnum
from typing import Any

from flask import current_app
from flask_login import UserMixin
from sqlalchemy import JSON, CheckConstraint, ForeignKey, Index, String, func, or_, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from helpdesk import clock
from helpdesk.database import UTCDateTime
from helpdesk.extensions import db


class Role(StrEnum):
    """What a person is to the helpdesk; staff are every role but customer."""

    CUSTOMER = "customer"
    AGENT = "agent"
    SUPERVISOR = "supervisor"
    ADMIN = "admin"

    @property
    def label(self) -> str:
        return self.value.capitalize()


STAFF_ROLES = frozenset({Role.AGENT, Role.SUPERVISOR, Role.ADMIN})

_ROLE_VALUES = ", ".join(f"'{role.value}'" for role in Role)


class User(UserMixin, db.Model):
    """A person who signs in: a customer or a member of staff."""

    __tablename__ = "users"
    __table_args__ = (
        CheckConstraint(f"role IN ({_ROLE_VALUES})", name="role"),
        # Staff are a handful among many customers: lists of staff read this small index
        # (queries must say role != 'customer', see is_staff(), for the planner to use it).
        Index(
            "ix_users_staff_name",
            "name",
            sqlite_where=text("role != 'customer'"),
            postgresql_where=text("role != 'customer'"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    role: Mapped[str] = mapped_column(String(20), default=Role.CUSTOMER.value, index=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    def get_id(self) -> str:
        """What a session and a remember cookie keep: the id and a stamp of the password, so
        a password changed anywhere ends every session made with the old one (load_user)."""
        return f"{self.id}-{password_stamp(self)}"

    @property
    def is_active(self) -> bool:
        """Flask-Login refuses sign-in and drops sessions of inactive users."""
        return self.active

    @property
    def is_staff(self) -> bool:
        return self.role in STAFF_ROLES

    @property
    def role_label(self) -> str:
        return Role(self.role).label

    def __repr__(self) -> str:
        return f"<User {self.id} {self.email} {self.role}>"


def password_stamp(user: User) -> str:
    """A short keyed digest of the user's password hash: it changes with the password and
    tells nothing about it without the app's secret key."""
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, user.password_hash.encode(), hashlib.sha256).hexdigest()[:20]


class AccountEvent(db.Model):
    """Something that happened to an account: sign-ins, failed sign-ins, role and status changes."""

    __tablename__ = "account_events"
    __table_args__ = (
        Index("ix_account_events_user_id_at", "user_id", "at"),
        # Failed sign-ins from one address, counted at every sign-in.
        Index("ix_account_events_ip_address_at", "ip_address", "at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    type: Mapped[str] = mapped_column(String(40), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    ip_address: Mapped[str | None] = mapped_column(String(45))
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now, index=True)

    # Whose account, and who acted (the audit log shows both).
    user: Mapped[User | None] = relationship(foreign_keys=[user_id], lazy="joined")
    actor: Mapped[User | None] = relationship(foreign_keys=[actor_id], lazy="joined")


class ApiToken(db.Model):
    """A personal API token: the API acts with its owner's role. Only a hash of the token is
    kept; the token itself is shown once, when it is made."""

    __tablename__ = "api_tokens"
    __table_args__ = (Index("ix_api_tokens_user_id_created_at", "user_id", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(60))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)  # SHA-256, hex
    prefix: Mapped[str] = mapped_column(String(12))  # the start of the token, to recognise it
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    user: Mapped[User] = relationship(lazy="joined")

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None


def name_or_email_contains(text: str):
    """The SQL condition for users whose name or email contains `text`, any case; `%`, `_` and
    `\\` in it are matched as themselves, not as LIKE wildcards."""
    escaped = text.strip().lower().replace("\\", "\\\\").replace("%", r"\%").replace("_", r"\_")
    pattern = f"%{escaped}%"
    return or_(
        func.lower(User.email).like(pattern, escape="\\"),
        func.lower(User.name).like(pattern, escape="\\"),
    )


def is_staff():
    """The SQL condition for staff, spelled so the partial index ix_users_staff_name applies."""
    return User.role != Role.CUSTOMER.value
