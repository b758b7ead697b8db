"""Webhooks: registering URLs, queueing a delivery with the change that causes it, and sending
deliveries signed with HMAC-SHA256, with retries and backoff.

A delivery is a JSON POST:

    {"id": 17, "event": "ticket.resolved", "occurred_at": "2026-03-02T09:30:00Z",
     "data": {"ticket": {...}}}

with the headers `X-Helpdesk-Event`, `X-Helpdesk-Delivery` (the id; a retry sends the same
one), and `X-Helpdesk-Signature: t=<unix time>,v1=<hex>`, where v1 is
HMAC-SHA256(secret, "<t>.<body>"). A receiver recomputes it over the raw body, compares in
constant time, and refuses a `t` far from its own clock.
"""

import hashlib
import hmac
import ipaddress
import json
import secrets
import socket
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

from flask import current_app
from sqlalchemy import select, update

from helpdesk import clock
from helpdesk.auth.models import User
from helpdesk.auth.service import record_event
from helpdesk.errors import Invalid, NotFound
from helpdesk.extensions import db
from helpdesk.ideas.models import Idea, IdeaStatusChange
from helpdesk.ideas.service import status_changed
from helpdesk.outbox.service import absolute_url
from helpdesk.surveys.models import SurveyResponse
from helpdesk.surveys.service import survey_answered
from helpdesk.tickets.models import Message, MessageKind, Status, Ticket
from helpdesk.tickets.signals import message_added, status_moved, ticket_created
from helpdesk.webhooks.models import Delivery, DeliveryStatus, Event, Webhook

MAX_WEBHOOKS = 50
# Wait after the 1st, 2nd... failed attempt; after the last wait's attempt fails, give up.
BACKOFF = (
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
    timedelta(hours=12),
)
MAX_ATTEMPTS = len(BACKOFF) + 1
CLAIM_LEASE = timedelta(minutes=5)  # far longer than one request may take (see TIMEOUT)
TIMEOUT_SECONDS = 10
MAX_ERROR = 500


# --- Registering ---------------------------------------------------------------------------


def _check_url(url: str) -> str:
    url = (url or "").strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise Invalid("Give a full http:// or https:// address.", field="url")
    if len(url) > 500:
        raise Invalid("Keep the address under 500 characters.", field="url")
    if parts.username or parts.password:
        raise Invalid("Leave passwords out of the address; use the signature.", field="url")
    if _refused_host(parts.hostname):
        raise Invalid(
            "That address is on this machine or a private network; "
            "set HELPDESK_WEBHOOKS_ALLOW_PRIVATE=1 to allow it.",
            field="url",
        )
    return url


def _refused_host(host: str) -> bool:
    """True when private addresses are not allowed and `host` is, or resolves to, one: the
    resolver's way of reading it counts (127.1, 2130706433 and 0x7f.0.0.1 are all loopback).
    A name that does not resolve now is let through and checked again at each delivery."""
    if current_app.config["WEBHOOKS_ALLOW_PRIVATE"]:
        return False
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        found = {info[4][0] for info in socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)}
    except (OSError, UnicodeError):
        return False
    return any(_internal(ipaddress.ip_address(address.split("%")[0])) for address in found)


def _internal(address) -> bool:
    return (
        address.is_private
        or address.is_loopback
        or address.is_link_local
        or address.is_multicast
        or address.is_reserved
        or address.is_unspecified
    )


def _check_events(events: list[str]) -> list[str]:
    chosen = sorted({event for event in events if event})
    unknown = [event for event in chosen if event not in set(Event)]
    if unknown or not chosen:
        raise Invalid("Choose at least one event from the list.", field="events")
    return chosen


def webhooks() -> list[Webhook]:
    return db.session.scalars(select(Webhook).order_by(Webhook.id)).all()


def get_webhook(webhook_id: int) -> Webhook:
    webhook = db.session.get(Webhook, webhook_id)
    if webhook is None:
        raise NotFound("There is no such webhook.")
    return webhook


def register(*, url: str, events: list[str], actor: User) -> Webhook:
    """A new webhook with a fresh secret (shown on its page for the receiver to keep)."""
    if len(webhooks()) >= MAX_WEBHOOKS:
        raise Invalid(f"There are {MAX_WEBHOOKS} webhooks already; remove one first.")
    webhook = Webhook(
        url=_check_url(url),
        events=_check_events(events),
        secret=secrets.token_hex(32),
        created_by_id=actor.id,
    )
    db.session.add(webhook)
    db.session.commit()
    return webhook


def update_webhook(*, webhook_id: int, url: str, events: list[str], active: bool) -> Webhook:
    webhook = get_webhook(webhook_id)
    webhook.url = _check_url(url)
    webhook.events = _check_events(events)
    webhook.active = active
    db.session.commit()
    return webhook


def remove(*, webhook_id: int, actor: User) -> None:
    """Forget the webhook and its delivery log; the audit log keeps who removed which."""
    webhook = get_webhook(webhook_id)
    record_event("webhook_deleted", actor=actor, url=webhook.url)
    db.session.delete(webhook)
    db.session.commit()


def deliveries_of(webhook: Webhook, limit: int = 50) -> list[Delivery]:
    """The latest deliveries, newest first: the delivery log."""
    return db.session.scalars(
        select(Delivery)
        .where(Delivery.webhook_id == webhook.id)
        .order_by(Delivery.created_at.desc(), Delivery.id.desc())
        .limit(limit)
    ).all()


def redeliver(*, delivery_id: int) -> Delivery:
    """Send a delivery again at once, whatever became of it (a receiver fixed its bug)."""
    delivery = db.session.get(Delivery, delivery_id)
    if delivery is None:
        raise NotFound("There is no such delivery.")
    delivery.status = DeliveryStatus.PENDING.value
    delivery.next_attempt_at = clock.now()
    delivery.attempts = 0
    db.session.commit()
    return delivery


# --- Queueing ------------------------------------------------------------------------------


def _stamp(moment: datetime | None) -> str | None:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ") if moment else None


def ticket_data(ticket: Ticket) -> dict[str, Any]:
    return {
        "number": ticket.number,
        "subject": ticket.subject,
        "status": ticket.status,
        "priority": ticket.priority,
        "channel": ticket.channel,
        "category": ticket.category.name if ticket.category else None,
        "customer_id": ticket.customer_id,
        "assignee_id": ticket.assignee_id,
        "sentiment": ticket.last_sentiment,
        "created_at": _stamp(ticket.created_at),
        "resolved_at": _stamp(ticket.resolved_at),
        "url": absolute_url(f"/tickets/{ticket.number}"),
        "api_url": absolute_url(f"/api/v1/tickets/{ticket.number}"),
    }


def _message_data(message: Message) -> dict[str, Any]:
    return {
        "id": message.id,
        "kind": message.kind,
        "author_id": message.author_id,
        "body": message.body,
        "sentiment": message.effective_label,
        "created_at": _stamp(message.created_at),
    }


def queue(event: Event, data: dict[str, Any]) -> int:
    """Add a delivery for each active webhook that wants the event to the caller's session:
    it goes out only if the change commits. Returns how many were queued."""
    wanting = [webhook for webhook in webhooks() if webhook.wants(event.value)]
    now = clock.now()
    for webhook in wanting:
        db.session.add(
            Delivery(
                webhook_id=webhook.id,
                event=event.value,
                payload={"event": event.value, "occurred_at": _stamp(now), "data": data},
                created_at=now,
                next_attempt_at=now,
            )
        )
    return len(wanting)


@ticket_created.connect
def _ticket_created(ticket: Ticket, message: Message, **extra) -> None:
    queue(Event.TICKET_CREATED, {"ticket": ticket_data(ticket), "message": _message_data(message)})


@message_added.connect
def _message_added(ticket: Ticket, message: Message, **extra) -> None:
    if message.kind != MessageKind.NOTE:  # internal notes never leave the helpdesk
        queue(
            Event.TICKET_REPLIED, {"ticket": ticket_data(ticket), "message": _message_data(message)}
        )


@status_moved.connect
def _status_moved(ticket: Ticket, *, old: str, new: str, **extra) -> None:
    if new == Status.RESOLVED and old != Status.CLOSED:
        queue(Event.TICKET_RESOLVED, {"ticket": ticket_data(ticket)})


@survey_answered.connect
def _survey_answered(response: SurveyResponse, **extra) -> None:
    queue(
        Event.SURVEY_ANSWERED,
        {
            "ticket": ticket_data(response.ticket),
            "answer": {
                "id": response.id,
                "csat": response.csat,
                "nps": response.nps,
                "ces": response.ces,
                "comment": response.comment,
                "sentiment": response.sentiment_label,
                "agent_id": response.agent_id,
                "answered_at": _stamp(response.answered_at),
            },
        },
    )


@status_changed.connect
def _idea_status_changed(idea: Idea, *, change: IdeaStatusChange, **extra) -> None:
    queue(
        Event.IDEA_STATUS_CHANGED,
        {
            "idea": {
                "id": idea.id,
                "title": idea.title,
                "old_status": change.old,
                "status": change.new,
                "note": change.note,
                "votes": idea.vote_count,
                "url": absolute_url(f"/ideas/{idea.id}"),
            }
        },
    )


# --- Sending -------------------------------------------------------------------------------


def sign(secret: str, timestamp: int, body: bytes) -> str:
    """The X-Helpdesk-Signature header value for this body at this time."""
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return f"t={timestamp},v1={mac.hexdigest()}"


def verify(secret: str, header: str, body: bytes, now: datetime, tolerance: int = 300) -> bool:
    """What a receiver does: recompute the signature and compare in constant time, refusing
    a timestamp more than `tolerance` seconds away (a replayed old delivery)."""
    try:
        fields = dict(part.split("=", 1) for part in header.split(","))
        timestamp = int(fields["t"])
    except (KeyError, ValueError):
        return False
    if abs(now.timestamp() - timestamp) > tolerance:
        return False
    expected = sign(secret, timestamp, body).encode()
    given = f"t={timestamp},v1={fields.get('v1', '')}".encode("utf-8", "replace")
    return hmac.compare_digest(expected, given)


@dataclass
class SendReport:
    delivered: int = 0
    retried: int = 0
    failed: int = 0

    @property
    def attempted(self) -> int:
        return self.delivered + self.retried + self.failed


@dataclass(frozen=True)
class _Claim:
    delivery_id: int
    attempts: int
    url: str
    secret: str
    body: bytes
    event: str


def send_pending(*, limit: int = 100) -> SendReport:
    """Send up to `limit` due deliveries, committing each outcome as soon as it is known."""
    report = SendReport()
    for _ in range(limit):
        claim = _claim_next_due()
        if claim is None:
            break
        status, error = _post(claim)
        if status is not None and 200 <= status < 300:
            _record(claim, DeliveryStatus.DELIVERED, status, "")
            report.delivered += 1
        elif claim.attempts >= MAX_ATTEMPTS:
            _record(claim, DeliveryStatus.FAILED, status, error)
            report.failed += 1
        else:
            _record(claim, DeliveryStatus.PENDING, status, error)
            report.retried += 1
    return report


def _claim_next_due() -> _Claim | None:
    """Take the oldest due delivery for this sender alone (as the outbox does: the claim moves
    next_attempt_at a lease ahead and commits, so no lock is held during the request)."""
    while True:
        now = clock.now()
        is_due = (
            Delivery.status == DeliveryStatus.PENDING.value,
            Delivery.next_attempt_at <= now,
            # A paused webhook's deliveries wait for it to be turned on again.
            Delivery.webhook_id.in_(select(Webhook.id).where(Webhook.active)),
        )
        delivery = db.session.scalar(
            select(Delivery)
            .where(*is_due)
            .order_by(Delivery.next_attempt_at, Delivery.id)
            .limit(1)
            .with_for_update(skip_locked=True)
            .execution_options(populate_existing=True)
        )
        if delivery is None:
            db.session.commit()
            return None
        attempts = db.session.scalar(
            update(Delivery)
            .where(Delivery.id == delivery.id, *is_due)
            .values(next_attempt_at=now + CLAIM_LEASE, attempts=Delivery.attempts + 1)
            .returning(Delivery.attempts)
            .execution_options(synchronize_session=False)
        )
        claim = None
        if attempts:
            payload = {"id": delivery.id, **delivery.payload}
            claim = _Claim(
                delivery.id,
                attempts,
                delivery.webhook.url,
                delivery.webhook.secret,
                json.dumps(payload, separators=(",", ":"), sort_keys=True).encode(),
                delivery.event,
            )
        db.session.commit()
        if claim is not None:
            return claim


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """A redirect is an answer, not a delivery: following it would resend without the body
    and signature, and could lead a public address to an internal one."""

    def redirect_request(self, *args, **kwargs):
        return None


_OPENER = urllib.request.build_opener(_NoRedirects)


def _post(claim: _Claim) -> tuple[int | None, str]:
    """POST the delivery; (HTTP status or None, error text or "")."""
    host = urlsplit(claim.url).hostname or ""
    if _refused_host(host):
        return None, f"refused: {host} is a private or local address"
    request = urllib.request.Request(
        claim.url,
        data=claim.body,
        method="POST",
        headers={
            "Content-Type": "application/json",
            "User-Agent": "Helpdesk-Webhooks/1",
            "X-Helpdesk-Event": claim.event,
            "X-Helpdesk-Delivery": str(claim.delivery_id),
            "X-Helpdesk-Signature": sign(claim.secret, int(clock.now().timestamp()), claim.body),
        },
    )
    try:
        with _OPENER.open(request, timeout=TIMEOUT_SECONDS) as response:
            return response.status, ""
    except urllib.error.HTTPError as error:
        return error.code, f"HTTP {error.code} {error.reason}"
    except (urllib.error.URLError, OSError, ValueError) as error:
        reason = getattr(error, "reason", error)
        return None, f"{type(error).__name__}: {reason}"


def _record(claim: _Claim, status: DeliveryStatus, code: int | None, error: str) -> None:
    delivery = db.session.get(Delivery, claim.delivery_id)
    now = clock.now()
    delivery.status = status.value
    delivery.response_status = code
    delivery.last_error = error[:MAX_ERROR]
    delivery.last_attempt_at = now
    if status == DeliveryStatus.DELIVERED:
        delivery.delivered_at = now
        delivery.next_attempt_at = None
    elif status == DeliveryStatus.FAILED:
        delivery.next_attempt_at = None
        current_app.logger.getChild("webhooks").error(
            "Webhook delivery %s to %s failed for good: %s", delivery.id, claim.url, error
        )
    else:
        delivery.next_attempt_at = now + BACKOFF[claim.attempts - 1]
    db.session.commit()
