"""Emails a ticket change causes, queued in the outbox within the change's transaction."""

from helpdesk.auth.models import User
from helpdesk.outbox.service import absolute_url, queue_email
from helpdesk.tickets.models import Message, Ticket


def _subject(ticket: Ticket, text: str) -> str:
    return f"[#{ticket.number}] {text}: {ticket.subject}"[:255]


def _url(ticket: Ticket) -> str:
    return absolute_url(f"/tickets/{ticket.number}")


def agent_replied(ticket: Ticket, message: Message) -> None:
    """Tell the customer an agent answered."""
    queue_email(
        to=ticket.customer.email,
        subject=_subject(ticket, "New reply"),
        template="ticket_reply",
        kind="ticket_reply",
        ticket=ticket,
        message=message,
        recipient=ticket.customer,
        ticket_url=_url(ticket),
    )


def ticket_resolved(ticket: Ticket) -> None:
    """Tell the customer their ticket was resolved, and how to reopen it."""
    queue_email(
        to=ticket.customer.email,
        subject=_subject(ticket, "Resolved"),
        template="ticket_resolved",
        kind="ticket_resolved",
        ticket=ticket,
        recipient=ticket.customer,
        ticket_url=_url(ticket),
    )


def customer_replied(ticket: Ticket, message: Message) -> None:
    """Tell the assigned agent the customer wrote again."""
    assignee = ticket.assignee
    if assignee is None or not assignee.active or not assignee.is_staff:
        return
    queue_email(
        to=ticket.assignee.email,
        subject=_subject(ticket, "Customer replied"),
        template="ticket_customer_reply",
        kind="ticket_customer_reply",
        ticket=ticket,
        message=message,
        recipient=ticket.assignee,
        ticket_url=_url(ticket),
    )


def ticket_assigned(ticket: Ticket, assignee: User, actor: User) -> None:
    """Tell an agent someone gave them a ticket."""
    queue_email(
        to=assignee.email,
        subject=_subject(ticket, "Assigned to you"),
        template="ticket_assigned",
        kind="ticket_assigned",
        ticket=ticket,
        recipient=assignee,
        actor=actor,
        ticket_url=_url(ticket),
    )
