"""The audit log: who signed in, who failed to, who changed whose account, who took data out
and who deleted what, read from the account events the services already keep."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Select, or_, select

from helpdesk.auth.models import AccountEvent, User, name_or_email_contains


@dataclass(frozen=True)
class EventGroup:
    """A family of events an admin filters by."""

    label: str
    types: tuple[str, ...]


GROUPS: dict[str, EventGroup] = {
    "sign_ins": EventGroup("Sign-ins", ("signed_in",)),
    "failed": EventGroup(
        "Failed sign-ins", ("sign_in_failed", "sign_in_refused", "sign_in_throttled")
    ),
    "accounts": EventGroup(
        "Accounts and roles",
        ("registered", "user_created", "role_changed", "activated", "deactivated"),
    ),
    "passwords": EventGroup(
        "Passwords",
        (
            "password_changed",
            "password_reset_requested",
            "password_reset",
            "password_reset_unknown",
        ),
    ),
    "tokens": EventGroup("API tokens", ("api_token_created", "api_token_revoked")),
    "exports": EventGroup("Exports", ("report_exported",)),
    "deletions": EventGroup("Deletions", ("webhook_deleted", "canned_reply_deleted")),
}

LABELS: dict[str, str] = {
    "signed_in": "Signed in",
    "sign_in_failed": "Failed sign-in",
    "sign_in_refused": "Sign-in refused",
    "sign_in_throttled": "Sign-in refused: too many failures",
    "registered": "Signed up",
    "user_created": "Account created",
    "role_changed": "Role changed",
    "activated": "Account reactivated",
    "deactivated": "Account deactivated",
    "password_changed": "Password changed",
    "password_reset_requested": "Password reset link sent",
    "password_reset": "Password reset",
    "password_reset_unknown": "Password reset asked for an unknown email",
    "api_token_created": "API token made",
    "api_token_revoked": "API token revoked",
    "report_exported": "Report exported",
    "webhook_deleted": "Webhook deleted",
    "canned_reply_deleted": "Canned reply deleted",
}


@dataclass(frozen=True)
class AuditFilter:
    """What the admin narrowed the log to; empty values do not filter."""

    group: str = ""
    person: str = ""
    address: str = ""
    start: datetime | None = None
    end: datetime | None = None


def label(event_type: str) -> str:
    return LABELS.get(event_type, event_type.replace("_", " ").capitalize())


def events(cut: AuditFilter) -> Select:
    """The events matching the filter, newest first (the index on `at` orders them)."""
    statement = select(AccountEvent).order_by(AccountEvent.at.desc(), AccountEvent.id.desc())
    if cut.group in GROUPS:
        statement = statement.where(AccountEvent.type.in_(GROUPS[cut.group].types))
    if cut.person:
        people = select(User.id).where(name_or_email_contains(cut.person))
        statement = statement.where(
            or_(AccountEvent.user_id.in_(people), AccountEvent.actor_id.in_(people))
        )
    if cut.address:
        statement = statement.where(AccountEvent.ip_address == cut.address)
    if cut.start:
        statement = statement.where(AccountEvent.at >= cut.start)
    if cut.end:
        statement = statement.where(AccountEvent.at < cut.end)
    return statement
