"""The facts a ticket keeps for the reports, updated as its thread and status move.

Definitions follow the metric table in DESIGN.md; every function here changes one ticket in
memory and is called by the service inside the transaction of the change.
"""

from datetime import datetime, timedelta

from flask import current_app

from helpdesk.tickets.models import DONE_STATUSES, WAITING_ON_TEAM, Status, Ticket
from helpdesk.tickets.signals import status_moved


def set_sla_targets(ticket: Ticket) -> None:
    """Due times for the first reply and the resolution, from the priority's targets."""
    config = current_app.config
    ticket.first_reply_due_at = ticket.created_at + timedelta(
        hours=config["SLA_FIRST_REPLY_HOURS"][ticket.priority]
    )
    ticket.resolution_due_at = ticket.created_at + timedelta(
        hours=config["SLA_RESOLUTION_HOURS"][ticket.priority]
    )
    refresh_sla(ticket)


def refresh_sla(ticket: Ticket) -> None:
    """The due time that matters now; none while the customer has the ball or it is done."""
    if ticket.status in (Status.PENDING, *DONE_STATUSES):
        ticket.sla_due_at = None
    elif ticket.first_reply_at is None:
        ticket.sla_due_at = ticket.first_reply_due_at
    else:
        ticket.sla_due_at = ticket.resolution_due_at


def move(ticket: Ticket, to: Status, now: datetime) -> bool:
    """Change the status, keeping wait time, resolution, closing and reopens; True if it moved.
    Every status change passes here, so here is where other areas hear of it."""
    old = Status(ticket.status)
    if old == to:
        return False
    if old in WAITING_ON_TEAM and to not in WAITING_ON_TEAM and ticket.waiting_since:
        ticket.team_wait_seconds += int((now - ticket.waiting_since).total_seconds())
        ticket.waiting_since = None
    if to in WAITING_ON_TEAM and old not in WAITING_ON_TEAM:
        ticket.waiting_since = now
    if old in DONE_STATUSES and to not in DONE_STATUSES:
        ticket.reopen_count += 1
        ticket.resolved_at = None
    if old == Status.CLOSED:  # closed_at means closed now, also when staff step back to resolved
        ticket.closed_at = None
    if to == Status.RESOLVED and not (old == Status.CLOSED and ticket.resolved_at):
        ticket.resolved_at = now  # a closed ticket stepped back to resolved keeps its resolution
    if to == Status.CLOSED:
        ticket.closed_at = now
        ticket.resolved_at = ticket.resolved_at or now
    ticket.status = to.value
    refresh_sla(ticket)
    status_moved.send(ticket, old=old.value, new=to.value)
    return True


def record_customer_message(ticket: Ticket, label: str, *, first: bool) -> None:
    """A customer wrote: the first sets the opening mood; later ones while unresolved are
    follow-ups (the customer had to chase)."""
    if first:
        ticket.first_sentiment = label
    elif ticket.status not in DONE_STATUSES:
        ticket.customer_followups += 1
    ticket.last_sentiment = label


def record_agent_reply(ticket: Ticket, now: datetime) -> None:
    """A public agent reply: the first one stops the first-reply clock; replies before the
    resolution count toward "replies to resolution"."""
    if ticket.first_reply_at is None:
        ticket.first_reply_at = now
    if ticket.status not in DONE_STATUSES:
        ticket.agent_replies += 1
    refresh_sla(ticket)


def record_public_message(ticket: Ticket, now: datetime) -> None:
    """A customer message or a public reply lengthens the conversation (notes do not)."""
    ticket.public_messages = (ticket.public_messages or 0) + 1
    ticket.first_message_at = ticket.first_message_at or now
    ticket.last_message_at = now
