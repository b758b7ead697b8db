"""Queueing emails with the change that causes them, and delivering them with retries."""

from dataclasses import dataclass
from datetime import timedelta
from email.message import EmailMessage
from typing import Any

from blinker import Namespace
from flask import current_app, render_template
from sqlalchemy import select, update

from helpdesk import clock
from helpdesk.errors import Invalid
from helpdesk.extensions import db
from helpdesk.outbox.delivery import Backend, DeliveryError, backend_from_config, build_message
from helpdesk.outbox.models import OutboxEmail, OutboxStatus

# How long a claimed email belongs to the sender that claimed it. Far longer than one SMTP
# conversation may take; if that sender dies mid-send, the email is due again afterwards.
# Sent with the email as sender when the mail server accepted it, before the outcome commits:
# what receivers change (a survey invitation's sent time, say) commits with it.
email_sent = Namespace().signal("email-sent")
CLAIM_LEASE = timedelta(minutes=10)
FIRST_RETRY_DELAY = timedelta(minutes=1)
LONGEST_RETRY_DELAY = timedelta(hours=1)


@dataclass
class DeliveryReport:
    """What one run of the sender did: delivered, gave up on, left to try again later."""

    sent: int = 0
    failed: int = 0
    retried: int = 0

    @property
    def attempted(self) -> int:
        return self.sent + self.failed + self.retried


def queue_email(*, to: str, subject: str, template: str, kind: str, **context: Any) -> OutboxEmail:
    """Render templates/email/<template>.txt and .html with `context` and add the email to the
    session without committing: it is sent only if the caller's transaction commits."""
    to, subject = to.strip(), subject.strip()
    if "@" not in to or _breaks_a_header(to) or len(to) > 254:
        raise Invalid(f"Not an email address: {to!r}.", field="to")
    if not subject or _breaks_a_header(subject) or len(subject) > 255:
        raise Invalid("An email subject is one line of at most 255 characters.", field="subject")
    context = {"absolute_url": absolute_url, **context}
    email = OutboxEmail(
        to_address=to,
        subject=subject,
        kind=kind,
        body_text=render_template(f"email/{template}.txt", **context),
        body_html=render_template(f"email/{template}.html", **context),
    )
    db.session.add(email)
    return email


def _breaks_a_header(value: str) -> bool:
    # Any line break Python's email package knows (\x0b, \x85, \u2028...), not only CR and LF.
    return len(value.splitlines()) > 1 or value != value.strip("\r\n\x0b\x0c\x1c\x1d\x1e\x85")


def absolute_url(path: str) -> str:
    """HELPDESK_BASE_URL joined with a local path, for links in emails (no request to ask)."""
    if not path.startswith("/") or path.startswith("//"):
        raise ValueError(f"absolute_url() needs a local path such as /my/tickets, not {path!r}")
    return current_app.config["BASE_URL"].rstrip("/") + path


def retry_delay(attempts: int) -> timedelta:
    """How long to wait after the given number of failed attempts: 1, 2, 4... minutes, at most
    an hour."""
    doublings = min(max(attempts - 1, 0), 10)  # 2**10 minutes is past the cap already
    return min(FIRST_RETRY_DELAY * 2**doublings, LONGEST_RETRY_DELAY)


def send_pending(*, limit: int = 100, backend: Backend | None = None) -> DeliveryReport:
    """Deliver up to `limit` due emails, committing each one's outcome as soon as it is known."""
    if backend is None:
        backend = backend_from_config(current_app)
    sender = current_app.config["MAIL_SENDER"]
    max_attempts = current_app.config["MAIL_MAX_ATTEMPTS"]
    report = DeliveryReport()
    for _ in range(limit):
        claim = _claim_next_due(sender)
        if claim is None:
            break
        try:
            backend.send(claim.message)
        except DeliveryError as error:
            if _record_failure(claim, str(error), max_attempts):
                report.failed += 1
            else:
                report.retried += 1
        else:
            _record_sent(claim)
            report.sent += 1
    return report


@dataclass(frozen=True)
class _Claim:
    email_id: int
    attempts: int
    message: EmailMessage


def _claim_next_due(sender: str) -> _Claim | None:
    """Take the oldest due email for this sender alone, or None when nothing is due.

    The claim moves next_attempt_at a lease ahead and commits at once, so no lock is held while
    the mail server is talked to (on SQLite that would stall every writer of the site) and every
    other sender passes the email by. PostgreSQL's SKIP LOCKED keeps two claims from queueing
    on one row; on SQLite the conditional UPDATE under the write lock lets only one claim win.
    """
    while True:
        now = clock.now()
        is_due = (
            OutboxEmail.status == OutboxStatus.PENDING.value,
            OutboxEmail.next_attempt_at <= now,
        )
        email = db.session.scalar(
            select(OutboxEmail)
            .where(*is_due)
            .order_by(OutboxEmail.next_attempt_at, OutboxEmail.id)
            .limit(1)
            .with_for_update(skip_locked=True)
            .execution_options(populate_existing=True)
        )
        if email is None:
            db.session.commit()
            return None
        attempts = db.session.scalar(
            update(OutboxEmail)
            .where(OutboxEmail.id == email.id, *is_due)
            .values(next_attempt_at=now + CLAIM_LEASE, attempts=OutboxEmail.attempts + 1)
            .returning(OutboxEmail.attempts)
            .execution_options(synchronize_session=False)
        )
        claim = None
        if attempts:
            try:
                claim = _Claim(email.id, attempts, build_message(email, sender=sender))
            except (ValueError, TypeError) as error:
                # A row that cannot become an email must not block the ones behind it.
                email.status = OutboxStatus.FAILED.value
                email.last_error = f"cannot build the message: {error}"
                current_app.logger.getChild("outbox").error(
                    "Email %s cannot be built: %s", email.id, error
                )
        db.session.commit()
        if claim is not None:
            return claim
        # Another sender claimed it between our read and our write; look for the next one.


def _record_sent(claim: _Claim) -> None:
    email = db.session.get(OutboxEmail, claim.email_id)
    email.status = OutboxStatus.SENT.value
    email.sent_at = clock.now()
    email_sent.send(email)
    db.session.commit()


def _record_failure(claim: _Claim, error: str, max_attempts: int) -> bool:
    """Keep the error and schedule the next attempt; True when this was the last one."""
    email = db.session.get(OutboxEmail, claim.email_id)
    email.last_error = error
    gave_up = claim.attempts >= max_attempts
    logger = current_app.logger.getChild("outbox")
    if gave_up:
        email.status = OutboxStatus.FAILED.value
        logger.error(
            "Email %s to %s failed for good after %s attempts: %s",
            email.id,
            email.to_address,
            claim.attempts,
            error,
        )
    else:
        email.next_attempt_at = clock.now() + retry_delay(claim.attempts)
        logger.warning(
            "Email %s to %s: attempt %s of %s failed (%s); next at %s",
            email.id,
            email.to_address,
            claim.attempts,
            max_attempts,
            error,
            email.next_attempt_at.isoformat(timespec="seconds"),
        )
    db.session.commit()
    return gave_up
