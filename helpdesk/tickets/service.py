"""Ticket operations: open, reply, move, assign, tag, review moods. Views, API, CLI call these."""

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.datastructures import FileStorage

from helpdesk import clock
from helpdesk.auth.models import STAFF_ROLES, User
from helpdesk.errors import Conflict, Forbidden, Invalid, NotFound
from helpdesk.extensions import db
from helpdesk.sentiment import LABELS
from helpdesk.tagging import service as tagging
from helpdesk.text import multi_line, single_line
from helpdesk.tickets import attachments, facts, notifications
from helpdesk.tickets.history import changes_since, record
from helpdesk.tickets.models import (
    ACTIVE_STATUSES,
    Category,
    Channel,
    Message,
    MessageKind,
    Priority,
    Status,
    Tag,
    Ticket,
)
from helpdesk.tickets.signals import message_added, ticket_created

MAX_TAGS = 10


def tag_message(message: Message) -> None:
    """Store the current tagger's reading of a customer message, and which model read it."""
    for column, value in reading_of(message.body).items():
        setattr(message, column, value)


def reading_of(text: str) -> dict:
    """The current tagger's reading of a customer's text, as the message columns hold it."""
    sentiment, model_version = tagging.tag(text)
    return {
        "sentiment_polarity": sentiment.polarity,
        "sentiment_subjectivity": sentiment.subjectivity,
        "sentiment_label": sentiment.label,
        "sentiment_confidence": sentiment.confidence,
        "sentiment_model": model_version,
    }


def ticket_for(user: User, number: int) -> Ticket:
    """The ticket if this user may see it; another customer's ticket does not exist for them."""
    ticket = db.session.get(Ticket, number)
    if ticket is None or (not user.is_staff and ticket.customer_id != user.id):
        raise NotFound("There is no ticket with that number.")
    return ticket


def _check_version(ticket: Ticket, version: int | None, actor: User) -> None:
    """Refuse a change made on an older version of the ticket, saying what changed since
    (to staff; a customer is only told to look again, as the history holds internal notes)."""
    if version is None or version == ticket.version:
        return
    if not actor.is_staff:
        raise Conflict("This request changed since you opened it. Please look at it again.")
    changed = "; ".join(changes_since(ticket, version)) or "the ticket was updated"
    raise Conflict(f"Someone changed this ticket while you were looking at it: {changed}.")


class ConcurrentChange(Conflict):
    """Two changes of one ticket met in the database; the later one was rolled back."""


@contextmanager
def one_change(written: list[Path] | None = None) -> Iterator[None]:
    """One change, committed whole: on any failure roll back and remove the files written."""
    try:
        yield
        db.session.commit()
    except StaleDataError:
        db.session.rollback()
        attachments.remove(written or [])
        raise ConcurrentChange(
            "Someone changed this ticket at the same moment; please try again."
        ) from None
    except BaseException:
        db.session.rollback()
        attachments.remove(written or [])
        raise


def _add_message(ticket: Ticket, author: User, kind: MessageKind, body: str) -> Message:
    body = multi_line(body) or ""
    if not body:
        raise Invalid("Write a message.", field="body")
    now = clock.now()
    message = Message(
        ticket_id=ticket.id, author_id=author.id, kind=kind.value, body=body, created_at=now
    )
    if kind == MessageKind.CUSTOMER:
        tag_message(message)
    db.session.add(message)
    ticket.updated_at = now
    if kind != MessageKind.NOTE:
        ticket.public_activity_at = now
        facts.record_public_message(ticket, now)
    return message


def _category(category_id: int | None) -> Category | None:
    if category_id is None:
        return None
    category = db.session.get(Category, category_id)
    if category is None or not category.active:
        raise Invalid("Choose a category from the list.", field="category")
    return category


def _submitted(customer: User, submission_key: str) -> Ticket | None:
    return db.session.scalar(
        select(Ticket).where(
            Ticket.customer_id == customer.id, Ticket.submission_key == submission_key
        )
    )


def create_ticket(
    *,
    customer: User,
    subject: str,
    body: str,
    category_id: int | None = None,
    channel: str = Channel.WEB.value,
    priority: str = Priority.NORMAL.value,
    uploads: Sequence[FileStorage] = (),
    submission_key: str | None = None,
) -> Ticket:
    """Open a ticket with its first message; the same submission key twice gives the same ticket."""
    existing = _submitted(customer, submission_key) if submission_key else None
    if existing is not None:
        return existing
    subject = single_line(subject) or ""
    if not subject:
        raise Invalid("Give your request a subject.", field="subject")
    category = _category(category_id)
    files = attachments.check(list(uploads))
    now = clock.now()
    ticket = Ticket(
        subject=subject[:200],
        customer_id=customer.id,
        category_id=category.id if category else None,
        channel=Channel(channel).value,
        priority=Priority(priority).value,
        status=Status.NEW.value,
        created_at=now,
        updated_at=now,
        public_activity_at=now,
        waiting_since=now,
        submission_key=submission_key,
    )
    facts.set_sla_targets(ticket)
    written: list[Path] = []
    with one_change(written):
        try:
            with db.session.begin_nested():
                db.session.add(ticket)
                db.session.flush()
        except IntegrityError:
            # The same form, sent twice at the same moment: the first one made the ticket.
            existing = _submitted(customer, submission_key) if submission_key else None
            if existing is None:
                raise
            return existing
        message = _add_message(ticket, customer, MessageKind.CUSTOMER, body)
        facts.record_customer_message(ticket, message.sentiment_label, first=True)
        db.session.flush()
        written += attachments.store(files, message)
        record(ticket, customer, "created", channel=ticket.channel)
        ticket_created.send(ticket, message=message)
    return ticket


def reply(
    *,
    ticket: Ticket,
    author: User,
    body: str,
    kind: str = MessageKind.CUSTOMER.value,
    uploads: Sequence[FileStorage] = (),
    status: str | None = None,
    version: int | None = None,
    submission_key: str | None = None,
) -> tuple[Message, Conflict | None]:
    """Add a message, then the status change that came with it. The message is kept even when
    that status change meets a newer version; the conflict is returned for the caller to show.
    The same submission key twice (a form sent again) stores the message once."""
    sent_before = _sent_message(ticket, submission_key)
    if sent_before is not None:
        return sent_before, None
    stale = version is not None and version != ticket.version
    files = attachments.check(list(uploads))
    for attempt in range(3):
        try:
            message = _add_reply(ticket, author, body, kind, files, submission_key)
            break
        except IntegrityError:
            sent_before = _sent_message(ticket, submission_key)
            if sent_before is None:
                raise
            return sent_before, None
        except ConcurrentChange:
            # Someone else saved the ticket at the same moment: the message still goes in.
            if attempt == 2:
                raise
            db.session.refresh(ticket)
    if not status or status == ticket.status:
        return message, None
    if stale:
        try:
            _check_version(ticket, version, author)
        except Conflict as conflict:
            return message, conflict
    change_status(ticket=ticket, actor=author, status=status)
    return message, None


def _sent_message(ticket: Ticket, submission_key: str | None) -> Message | None:
    if not submission_key:
        return None
    return db.session.scalar(
        select(Message).where(
            Message.ticket_id == ticket.id, Message.submission_key == submission_key
        )
    )


def _add_reply(
    ticket: Ticket,
    author: User,
    body: str,
    kind: str,
    files: list[FileStorage],
    submission_key: str | None,
) -> Message:
    written: list[Path] = []
    with one_change(written):
        now = clock.now()
        if author.is_staff:
            message = _staff_message(ticket, author, MessageKind(kind), body, now)
        else:
            message = _customer_message(ticket, author, body, now)
        message.submission_key = submission_key
        db.session.flush()
        written += attachments.store(files, message)
        db.session.flush()
        kind_added = "note_added" if message.is_note else "message_added"
        record(ticket, author, kind_added, kind=message.kind)
        message_added.send(ticket, message=message)
    return message


def _customer_message(ticket: Ticket, author: User, body: str, now) -> Message:
    if ticket.customer_id != author.id:
        raise Forbidden("Only the customer who opened this ticket can write to it.")
    if ticket.status == Status.CLOSED:
        raise Invalid(
            "This ticket is closed. Please open a new request and mention this one.", field="body"
        )
    message = _add_message(ticket, author, MessageKind.CUSTOMER, body)
    facts.record_customer_message(ticket, message.sentiment_label, first=False)
    if ticket.status in (Status.PENDING, Status.RESOLVED):
        old = ticket.status
        facts.move(ticket, Status.OPEN, now)
        db.session.flush()
        record(ticket, author, "status_changed", old=old, new=ticket.status, by_reply=True)
    notifications.customer_replied(ticket, message)
    return message


def _staff_message(ticket: Ticket, author: User, kind: MessageKind, body: str, now) -> Message:
    if kind not in (MessageKind.REPLY, MessageKind.NOTE):
        raise Invalid("Choose a public reply or an internal note.", field="kind")
    message = _add_message(ticket, author, kind, body)
    if kind == MessageKind.REPLY:
        facts.record_agent_reply(ticket, now)
        if ticket.status == Status.NEW:
            facts.move(ticket, Status.OPEN, now)
        notifications.agent_replied(ticket, message)
    return message


# Other areas add checks that name what is left undone before a ticket is resolved
# (open playbook steps, say); staff are asked to confirm, and the event keeps the count.
RESOLUTION_CHECKS: list[Callable[[Ticket], list[str]]] = []


def left_undone(ticket: Ticket) -> list[str]:
    """What the resolution checks say is still open on this ticket."""
    return [item for check in RESOLUTION_CHECKS for item in check(ticket)]


CUSTOMER_MOVES = {
    Status.RESOLVED: ACTIVE_STATUSES,  # "my problem is solved"
    Status.OPEN: (Status.RESOLVED,),  # "it is not solved after all"
}


def change_status(
    *,
    ticket: Ticket,
    actor: User,
    status: str,
    version: int | None = None,
    confirmed_undone: Sequence[str] = (),
) -> Ticket:
    """Move a ticket to another status; customers may only resolve or reopen their own."""
    try:
        target = Status(status)
    except ValueError:
        raise Invalid("Choose a status from the list.", field="status") from None
    if not actor.is_staff:
        if ticket.customer_id != actor.id:
            raise Forbidden("This is not your ticket.")
        if ticket.status not in CUSTOMER_MOVES.get(target, ()):
            raise Invalid(f"A {ticket.status} ticket cannot be set to {target.value}.")
    elif target == Status.NEW:
        raise Invalid("A ticket cannot go back to new.", field="status")
    _check_version(ticket, version, actor)
    old = ticket.status
    with one_change():
        if not facts.move(ticket, target, clock.now()):
            return ticket
        ticket.updated_at = ticket.public_activity_at = clock.now()
        db.session.flush()
        extra = {"left_undone": len(confirmed_undone)} if confirmed_undone else {}
        record(ticket, actor, "status_changed", old=old, new=target.value, **extra)
        if target == Status.RESOLVED and actor.is_staff:
            notifications.ticket_resolved(ticket)
    return ticket


def staff_member(user_id: int) -> User:
    """An active member of staff, or Invalid: tickets go only to people who can work them."""
    user = db.session.get(User, user_id)
    if user is None or user.role not in STAFF_ROLES or not user.active:
        raise Invalid("Choose an active member of staff.", field="assignee_id")
    return user


def assign(
    *, ticket: Ticket, actor: User, assignee_id: int | None, version: int | None = None
) -> Ticket:
    """Give the ticket to a member of staff, or to nobody."""
    assignee = staff_member(assignee_id) if assignee_id else None
    _check_version(ticket, version, actor)
    if ticket.assignee_id == (assignee.id if assignee else None):
        return ticket
    old = ticket.assignee.name if ticket.assignee else None
    with one_change():
        ticket.assignee_id = assignee.id if assignee else None
        ticket.updated_at = clock.now()
        db.session.flush()
        record(ticket, actor, "assigned", old=old, new=assignee.name if assignee else None)
        if assignee is not None and assignee.id != actor.id:
            notifications.ticket_assigned(ticket, assignee, actor)
    return ticket


def update_properties(
    *,
    ticket: Ticket,
    actor: User,
    priority: str,
    category_id: int | None,
    version: int | None = None,
) -> Ticket:
    """Change priority (which moves the SLA targets) and category."""
    try:
        new_priority = Priority(priority)
    except ValueError:
        raise Invalid("Choose a priority from the list.", field="priority") from None
    category = _category(category_id) if category_id != ticket.category_id else ticket.category
    _check_version(ticket, version, actor)
    changes = {}
    if new_priority != ticket.priority:
        changes["priority"] = [ticket.priority, new_priority.value]
        ticket.priority = new_priority.value
        facts.set_sla_targets(ticket)
    if (category.id if category else None) != ticket.category_id:
        changes["category"] = [
            ticket.category.name if ticket.category else None,
            category.name if category else None,
        ]
        ticket.category_id = category.id if category else None
    if not changes:
        return ticket
    with one_change():
        ticket.updated_at = clock.now()
        db.session.flush()
        record(ticket, actor, "properties_changed", changes=changes)
    return ticket


def tag_names(names: Sequence[str]) -> list[str]:
    """Tags as stored: lower case, trimmed, each once, sorted; Invalid when too many."""
    wanted = sorted({name.strip().lower()[:40] for name in names if name.strip()})
    if len(wanted) > MAX_TAGS:
        raise Invalid(f"Use at most {MAX_TAGS} tags.", field="tags")
    return wanted


def tags_named(names: Sequence[str]) -> list[Tag]:
    """The tags of these (already cleaned) names, creating the new ones in the session."""
    existing = {tag.name: tag for tag in db.session.scalars(select(Tag).where(Tag.name.in_(names)))}
    for name in names:
        if name not in existing:
            existing[name] = Tag(name=name)
            db.session.add(existing[name])
    return [existing[name] for name in names]


def set_tags(
    *, ticket: Ticket, actor: User, names: Sequence[str], version: int | None = None
) -> Ticket:
    """Replace the ticket's tags with these names (created when new)."""
    wanted = tag_names(names)
    _check_version(ticket, version, actor)
    old = [tag.name for tag in ticket.tags]
    if old == wanted:
        return ticket
    with one_change():
        ticket.tags = tags_named(wanted)
        ticket.updated_at = clock.now()
        db.session.flush()
        record(ticket, actor, "tags_changed", old=old, new=wanted)
    return ticket


def refresh_ticket_moods(ticket: Ticket) -> None:
    """Recompute the opening and latest mood from the customer's messages."""
    refresh_moods([ticket])


def refresh_moods(tickets: Sequence[Ticket]) -> None:
    """Recompute the opening and latest mood of tickets from their customer messages (an
    agent's correction over the machine's label), in one read for all of them; the changes
    are written with the session's next flush."""
    moods = opening_and_latest_moods([ticket.id for ticket in tickets])
    for ticket in tickets:
        ticket.first_sentiment, ticket.last_sentiment = moods.get(ticket.id, (None, None))


def opening_and_latest_moods(ticket_ids: Sequence[int]) -> dict[int, tuple[str, str]]:
    """The mood of the first and of the latest customer message of each ticket that has one
    (an agent's correction over the machine's label), in one read."""
    labels: dict[int, list[str | None]] = {}
    for ticket_id, label in db.session.execute(
        select(Message.ticket_id, func.coalesce(Message.corrected_label, Message.sentiment_label))
        .where(Message.ticket_id.in_(ticket_ids), Message.kind == MessageKind.CUSTOMER)
        .order_by(Message.ticket_id, Message.created_at, Message.id)
    ):
        labels.setdefault(ticket_id, []).append(label)
    return {ticket_id: (moods[0], moods[-1]) for ticket_id, moods in labels.items()}


def correct_sentiment(*, message_id: int, actor: User, label: str) -> Message:
    """An agent reviews a customer message's mood: the label they give is kept beside the
    machine's (the same label confirms it)."""
    message = db.session.get(Message, message_id)
    if message is None:
        raise NotFound("No such message.")
    if message.kind != MessageKind.CUSTOMER:
        raise Invalid("Only customer messages carry a mood.")
    if label not in LABELS:
        raise Invalid("Choose negative, neutral or positive.", field="label")
    with one_change():
        message.corrected_label = label
        message.corrected_by_id = actor.id
        message.corrected_at = clock.now()
        ticket = db.session.get(Ticket, message.ticket_id)
        db.session.flush()
        refresh_ticket_moods(ticket)
        ticket.updated_at = clock.now()
        db.session.flush()
        record(
            ticket,
            actor,
            "sentiment_reviewed",
            message_id=message.id,
            machine=message.sentiment_label,
            label=label,
        )
    return message
