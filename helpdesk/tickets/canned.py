"""Canned replies: saved answers with {{customer.name}}-style slots, filled in as plain text."""

import re

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from helpdesk import clock
from helpdesk.auth.models import User
from helpdesk.auth.service import record_event
from helpdesk.errors import Invalid, NotFound
from helpdesk.extensions import db
from helpdesk.tickets.models import CannedReply, Ticket

_SLOT = re.compile(r"\{\{\s*(customer|agent|ticket)\.(\w+)\s*\}\}")


def slot_values(ticket: Ticket, agent: User) -> dict[tuple[str, str], str]:
    """The only values a canned reply can show; nothing else of the app is reachable."""
    customer_name = ticket.customer.name
    return {
        ("customer", "name"): customer_name,
        ("customer", "first_name"): customer_name.split()[0] if customer_name else "",
        ("customer", "email"): ticket.customer.email,
        ("agent", "name"): agent.name,
        ("agent", "first_name"): agent.name.split()[0] if agent.name else "",
        ("ticket", "number"): str(ticket.number),
        ("ticket", "subject"): ticket.subject,
    }


def render(body: str, ticket: Ticket, agent: User) -> str:
    """Fill the slots; an unknown slot is left as written, so the agent sees it."""
    values = slot_values(ticket, agent)
    return _SLOT.sub(lambda match: values.get(match.groups(), match.group(0)), body)


def all_replies() -> list[CannedReply]:
    """Every canned reply by title."""
    return db.session.scalars(select(CannedReply).order_by(CannedReply.title)).all()


def get(reply_id: int) -> CannedReply:
    """One canned reply, or NotFound."""
    reply = db.session.get(CannedReply, reply_id)
    if reply is None:
        raise NotFound("No such canned reply.")
    return reply


def save(*, author: User, title: str, body: str, reply_id: int | None = None) -> CannedReply:
    """Create a canned reply, or update one; titles are unique."""
    reply = get(reply_id) if reply_id else CannedReply(created_by_id=author.id)
    reply.title, reply.body, reply.updated_at = title.strip(), body.strip(), clock.now()
    db.session.add(reply)
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        raise Invalid("A canned reply with this title exists already.", field="title") from None
    return reply


def delete(reply_id: int, *, actor: User) -> None:
    """Remove a canned reply; the audit log keeps who removed which."""
    reply = get(reply_id)
    record_event("canned_reply_deleted", actor=actor, title=reply.title)
    db.session.delete(reply)
    db.session.commit()
