"""Marking the days a write touches, so the reports count them again (see day_counts.py).

Every ORM flush that writes a ticket, a customer message, a survey answer or invitation, or a
playbook run notes the days it touches: the ticket's day of creation and days of resolution
(old and new), and the message's, review's, answer's or invitation's own day. A ticket given
to another agent, category, priority, channel or opening mood takes all its messages, answers
and invitations to other cuts of the reports, so their days are noted too. The writes that go
around the ORM (retagging, an invitation's delivery) send rows_rewritten, which notes the
same. The transaction moves those days' marks (ReportDayMark) on as its last statement.
"""

from collections.abc import Iterable
from datetime import UTC, date, datetime

from sqlalchemy import event, select
from sqlalchemy.orm import Session, attributes

from helpdesk.extensions import db
from helpdesk.playbooks.models import PlaybookRun
from helpdesk.reports.models import ReportDayMark
from helpdesk.sql import among, day_of, insert_for
from helpdesk.surveys.models import SurveyInvitation, SurveyResponse
from helpdesk.tickets.models import Message, Ticket
from helpdesk.tickets.signals import rows_rewritten


def touch(
    session: Session,
    *,
    tickets: Iterable[int] = (),
    moved: Iterable[int] = (),
    messages: Iterable[int] = (),
    invitations: Iterable[int] = (),
    days: Iterable[date] = (),
) -> None:
    """Move on, when the transaction commits, the marks of `days` and of the days of
    `tickets` (created, resolved), `messages` (written, reviewed) and survey `invitations`
    (made), so the reports compute those days again. A ticket `moved` to another agent,
    category, priority, channel or opening mood takes its messages, answers and invitations
    to other cuts of the reports: the days of all of them are marked too. The ORM's flushes
    are seen by `_flushed`; the writes that go around it send rows_rewritten."""
    touched = session.info.setdefault(_TOUCHED, set())
    touched.update(days)
    moved = sorted(set(moved))
    for ids, dates in (
        (sorted({*tickets, *moved}), (Ticket.created_at, Ticket.resolved_at)),
        (messages, (Message.created_at, Message.corrected_at)),
        (invitations, (SurveyInvitation.created_at,)),
    ):
        ids = sorted(set(ids))
        if ids:
            found = session.execute(select(*dates).where(among(dates[0].class_.id, ids)))
            touched.update(utc_day(moment) for row in found for moment in row if moment)
    if moved:
        for dated in (
            Message.created_at,
            Message.corrected_at,
            SurveyResponse.answered_at,
            SurveyInvitation.created_at,
        ):
            # The distinct days, not every row: a ticket may have hundreds of messages.
            owner = dated.class_.ticket_id
            found = session.scalars(
                select(day_of(dated)).where(among(owner, moved), dated.is_not(None)).distinct()
            )
            touched.update(date.fromisoformat(day) for day in found)


_TOUCHED = "reports.touched_days"  # the days touched in a session's transaction, in its info


@event.listens_for(Session, "before_commit")
def _committing(session: Session) -> None:
    """Move on the marks of the days the transaction touched, as its last statement: on
    PostgreSQL a mark's row stays locked until the commit, so taking the marks last (and in
    order) keeps writers from waiting on them for long, or on each other in a cycle."""
    session.flush()  # the last changes, and their days
    touched = session.info.pop(_TOUCHED, None)
    if not touched:
        return
    values = [{"day": day, "version": 1} for day in sorted(touched)]
    upsert = insert_for(session.get_bind().dialect.name, ReportDayMark).values(values)
    version = ReportDayMark.__table__.c.version
    session.execute(
        upsert.on_conflict_do_update(index_elements=["day"], set_={"version": version + 1})
    )


@rows_rewritten.connect
def _rewritten(_sender, **rows) -> None:
    touch(db.session, **rows)


def utc_day(moment: datetime) -> date:
    """The UTC day of a moment (a naive one is taken as UTC)."""
    return moment.astimezone(UTC).date() if moment.utcoffset() is not None else moment.date()


def _days_of(instance, *names: str) -> set[date]:
    """The days of the instance's timestamps `names`, as they are and as they were."""
    days = set()
    for name in names:
        history = attributes.get_history(instance, name, passive=attributes.PASSIVE_NO_FETCH)
        for moment in (*history.added, *history.unchanged, *history.deleted):
            if isinstance(moment, datetime):
                days.add(utc_day(moment))
    return days


# What of each written row touches which days: its own timestamps', and its ticket's.
_TOUCHES = {
    Ticket: (("created_at", "resolved_at"), None),
    Message: (("created_at", "corrected_at"), "ticket_id"),
    SurveyResponse: (("answered_at",), "ticket_id"),
    SurveyInvitation: (("created_at",), "ticket_id"),
    PlaybookRun: ((), "ticket_id"),
}


@event.listens_for(Session, "after_flush")
def _flushed(session: Session, _context) -> None:
    """Mark the days the flushed tickets, messages, answers, invitations and runs touch."""
    days: set[date] = set()
    tickets: set[int] = set()
    moved: set[int] = set()
    dirty = session.dirty  # a set built on each access: once, not once a ticket
    for instance in (*session.new, *dirty, *session.deleted):
        touches = _TOUCHES.get(type(instance))
        if touches is None:
            continue
        names, ticket = touches
        days |= _days_of(instance, *names)
        ticket_id = instance.id if ticket is None else getattr(instance, ticket)
        if ticket_id is not None:
            tickets.add(ticket_id)
        if isinstance(instance, Ticket) and instance in dirty and _moved(instance):
            moved.add(instance.id)
    # A ticket written in this flush gives its days without a query (a reply's, usually): its
    # version was checked, so the session holds what the database does.
    written = {
        instance.id: instance
        for instance in (*session.new, *dirty)
        if isinstance(instance, Ticket)
        and {"created_at", "resolved_at"} <= instance.__dict__.keys()
    }
    for ticket_id in tickets & written.keys():
        days |= _days_of(written[ticket_id], "created_at", "resolved_at")
    unknown = tickets - written.keys()
    if days or unknown or moved:
        touch(session, tickets=unknown, moved=moved, days=days)


# The ticket's attributes the reports cut by: a change moves all of its rows between cuts.
_CUT_BY = ("assignee_id", "category_id", "priority", "channel", "first_sentiment")


def _moved(ticket: Ticket) -> bool:
    return any(
        attributes.get_history(ticket, name, passive=attributes.PASSIVE_NO_FETCH).has_changes()
        for name in _CUT_BY
    )
