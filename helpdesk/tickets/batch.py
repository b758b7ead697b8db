"""Changes to many tickets at once: bulk edits from the queue, closing stale tickets,
re-tagging moods, and freeing the tickets of people who left the team."""

from collections.abc import Sequence
from datetime import timedelta

from sqlalchemy import bindparam, select, update

from helpdesk import clock
from helpdesk.auth.models import User
from helpdesk.auth.signals import staff_left
from helpdesk.errors import Invalid
from helpdesk.extensions import db
from helpdesk.tickets import facts
from helpdesk.tickets.history import record
from helpdesk.tickets.models import ACTIVE_STATUSES, Message, MessageKind, Priority, Status, Ticket
from helpdesk.tickets.service import (
    assign,
    change_status,
    one_change,
    opening_and_latest_moods,
    reading_of,
    staff_member,
    update_properties,
)
from helpdesk.tickets.signals import rows_rewritten


@staff_left.connect
def unassign_departed(user: User, actor: User | None = None, **_) -> None:
    """Someone who is no longer active staff keeps no open tickets (nor their emails)."""
    tickets = db.session.scalars(
        select(Ticket).where(Ticket.assignee_id == user.id, Ticket.status.in_(ACTIVE_STATUSES))
    ).all()
    if not tickets:
        return
    with one_change():
        for ticket in tickets:
            ticket.assignee_id = None
            ticket.updated_at = clock.now()
        db.session.flush()
        for ticket in tickets:
            record(ticket, actor, "assigned", old=user.name, new=None, reason="left the team")


BULK_ACTIONS = ("assign", "status", "priority")
MAX_BULK = 100
MAX_ID = 2**31 - 1


def bulk_update(*, actor: User, ticket_ids: Sequence[int], action: str, value: str) -> int:
    """Apply one change to many tickets at once; returns how many changed."""
    if action not in BULK_ACTIONS:
        raise Invalid("Choose what to change.", field="action")
    ids = [id_ for id_ in dict.fromkeys(ticket_ids) if 0 < id_ <= MAX_ID][:MAX_BULK]
    if not ids:
        raise Invalid("Select at least one ticket.", field="ticket_ids")
    # Check the value once, before anything changes, so a bad value changes no ticket.
    assignee_id = None
    if action == "assign" and value:
        if not value.isdecimal() or int(value) > MAX_ID:
            raise Invalid("Choose an active member of staff.", field="value")
        assignee_id = staff_member(int(value)).id
    elif action == "status" and (value not in set(Status) or value == Status.NEW):
        raise Invalid("Choose a status from the list.", field="value")
    elif action == "priority" and value not in set(Priority):
        raise Invalid("Choose a priority from the list.", field="value")
    tickets = db.session.scalars(select(Ticket).where(Ticket.id.in_(ids))).all()
    changed = 0
    for ticket in tickets:
        before = ticket.version
        if action == "assign":
            assign(ticket=ticket, actor=actor, assignee_id=assignee_id)
        elif action == "status":
            change_status(ticket=ticket, actor=actor, status=value)
        else:
            update_properties(
                ticket=ticket, actor=actor, priority=value, category_id=ticket.category_id
            )
        changed += ticket.version != before
    return changed


def close_stale(*, days: int, batch_size: int = 500) -> int:
    """Close tickets resolved more than `days` ago; safe to run again at any time."""
    cutoff = clock.now() - timedelta(days=days)
    closed = 0
    while True:
        batch = db.session.scalars(
            select(Ticket)
            .where(Ticket.status == Status.RESOLVED, Ticket.resolved_at < cutoff)
            .order_by(Ticket.id)
            .limit(batch_size)
        ).all()
        if not batch:
            return closed
        with one_change():
            for ticket in batch:
                facts.move(ticket, Status.CLOSED, clock.now())
                ticket.updated_at = ticket.public_activity_at = clock.now()
            db.session.flush()
            for ticket in batch:
                record(ticket, None, "auto_closed", after_days=days)
        closed += len(batch)


def retag_batch(*, after_id: int, batch_size: int) -> tuple[int, int] | None:
    """Recompute the machine's mood of up to `batch_size` customer messages after `after_id`,
    and the moods of their tickets; return (last id done, how many), or None when done.
    Agents' corrections are kept."""
    found = db.session.execute(
        select(Message.id, Message.ticket_id, Message.body)
        .where(Message.kind == MessageKind.CUSTOMER, Message.id > after_id)
        .order_by(Message.id)
        .limit(batch_size)
    ).all()
    if not found:
        return None
    _retag(found)
    return found[-1].id, len(found)


def retag_tickets(first: int, last: int) -> int:
    """Recompute the machine's mood of every customer message of the tickets with ids from
    `first` to `last`, and those tickets' moods; return how many messages. The rows are
    ordered here, not by the query: asked for messages in id order, SQLite walked every
    message from the first (the ids are parameters, so it cannot tell how few the tickets
    hold), and retagging a million tickets took hours instead of minutes."""
    found = db.session.execute(
        select(Message.id, Message.ticket_id, Message.body).where(
            Message.kind == MessageKind.CUSTOMER, Message.ticket_id.between(first, last)
        )
    ).all()
    _retag(sorted(found))
    return len(found)


def _retag(messages: Sequence) -> None:
    """Tag the (id, ticket id, body) rows and refresh their tickets' moods, with one UPDATE
    per table for the lot: through the ORM's unit of work, the writes took as long as the
    tagging. Commits."""
    if not messages:
        return
    db.session.execute(
        update(Message), [{"id": id_, **reading_of(body)} for id_, _ticket_id, body in messages]
    )
    ticket_ids = sorted({ticket_id for _id, ticket_id, _body in messages})
    rows_rewritten.send(None, tickets=ticket_ids, messages=[id_ for id_, _t, _b in messages])
    moods = opening_and_latest_moods(ticket_ids)
    found = db.session.execute(
        select(Ticket.id, Ticket.first_sentiment, Ticket.last_sentiment).where(
            Ticket.id.in_(ticket_ids)
        )
    ).all()
    changed = [
        {"ticket": ticket_id, "first": moods[ticket_id][0], "last": moods[ticket_id][1]}
        for ticket_id, first, last in found
        if (first, last) != moods[ticket_id]
    ]
    # A new opening mood moves the ticket, and all it holds, to another cut of the reports.
    moved = [ticket_id for ticket_id, first, _last in found if first != moods[ticket_id][0]]
    rows_rewritten.send(None, moved=moved)
    if changed:
        tickets_table = Ticket.__table__
        db.session.execute(
            update(tickets_table)
            .where(tickets_table.c.id == bindparam("ticket"))
            .values(
                first_sentiment=bindparam("first"),
                last_sentiment=bindparam("last"),
                version=tickets_table.c.version + 1,  # an agent's open form sees the change
            ),
            changed,
        )
    db.session.commit()
