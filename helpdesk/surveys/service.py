"""Surveys: an invitation when a ticket is resolved, answers by token, and service recovery.

Invitations react to the tickets area's `status_moved` signal inside the change's
transaction: a resolution and its invitation (and its email in the outbox) commit together.
"""

import re
import secrets
from datetime import datetime, time, timedelta

from blinker import Namespace
from flask import current_app
from sqlalchemy import delete, func, or_, select, update

from helpdesk import clock
from helpdesk.auth.models import User
from helpdesk.errors import Conflict, Invalid, NotFound
from helpdesk.extensions import db
from helpdesk.outbox.models import OutboxEmail, OutboxStatus
from helpdesk.outbox.service import absolute_url, email_sent, queue_email
from helpdesk.playbooks import service as playbooks
from helpdesk.playbooks.models import CheckIn, Playbook, PlaybookRun
from helpdesk.surveys.models import Recovery, SurveyInvitation, SurveyResponse, recovery_reasons
from helpdesk.tagging.service import RETAG_STEPS, RetagStep, tag
from helpdesk.tickets.history import record
from helpdesk.tickets.models import DONE_STATUSES, Ticket
from helpdesk.tickets.signals import rows_rewritten, status_moved
from helpdesk.web import Page

TOKEN_BYTES = 32  # 43 URL-safe characters: not guessable, not enumerable
TOKEN = re.compile(r"[A-Za-z0-9_-]{20,64}")
CSAT_SCALE = range(1, 6)
CES_SCALE = range(1, 8)
NPS_SCALE = range(0, 11)
MAX_COMMENT = 5_000
WORKDAY_START = time(9, 0)
# Sent with the new SurveyResponse as sender when a customer answers, before the answer
# commits: what receivers add to the session (a webhook delivery) commits with it.
survey_answered = Namespace().signal("survey-answered")


class Closed(Conflict):
    """The survey link no longer takes an answer: answered, expired or withdrawn."""


@status_moved.connect
def _after_status_move(ticket: Ticket, *, old: str, new: str, **extra) -> None:
    """Resolving invites; reopening withdraws an unanswered invitation."""
    if new in DONE_STATUSES and old not in DONE_STATUSES:
        invite(ticket)
    elif old in DONE_STATUSES and new not in DONE_STATUSES:
        withdraw(ticket)


def _invitations(ticket: Ticket) -> list[SurveyInvitation]:
    return db.session.scalars(
        select(SurveyInvitation)
        .where(SurveyInvitation.ticket_id == ticket.id)
        .order_by(SurveyInvitation.created_at)
    ).all()


def invite(ticket: Ticket) -> SurveyInvitation | None:
    """Invite the customer to rate this resolution, unless they answered for this ticket
    already or were surveyed about another ticket within the quiet period."""
    config = current_app.config
    now = clock.now()
    if not ticket.customer.active:
        return None
    earlier = _invitations(ticket)
    if any(invitation.answered_at for invitation in earlier):
        return None
    quiet_since = now - timedelta(days=config["SURVEY_QUIET_DAYS"])
    surveyed_lately = db.session.scalar(
        select(SurveyInvitation.id)
        .where(
            SurveyInvitation.customer_id == ticket.customer_id,
            SurveyInvitation.ticket_id != ticket.id,
            SurveyInvitation.created_at >= quiet_since,
            SurveyInvitation.created_at <= now,
            # A link withdrawn before its email went out never reached the customer.
            or_(SurveyInvitation.withdrawn_at.is_(None), SurveyInvitation.sent_at.is_not(None)),
        )
        .limit(1)
    )
    if surveyed_lately:
        return None
    _withdraw(earlier)
    invitation = SurveyInvitation(
        token=secrets.token_urlsafe(TOKEN_BYTES),
        ticket_id=ticket.id,
        customer_id=ticket.customer_id,
        agent_id=ticket.assignee_id,
        category_id=ticket.category_id,
        created_at=now,
        send_at=now + timedelta(minutes=config["SURVEY_DELAY_MINUTES"]),
        expires_at=now + timedelta(days=config["SURVEY_EXPIRY_DAYS"]),
    )
    db.session.add(invitation)
    email = queue_email(
        to=ticket.customer.email,
        subject=f"[#{ticket.number}] How did we do? {ticket.subject}"[:255],
        template="survey_invitation",
        kind="survey_invitation",
        ticket=ticket,
        recipient=ticket.customer,
        survey_url=survey_url(invitation),
        scale=[(score, survey_url(invitation, csat=score)) for score in CSAT_SCALE],
        expires_at=invitation.expires_at,
    )
    email.next_attempt_at = invitation.send_at
    db.session.flush()
    invitation.email_id = email.id
    return invitation


def withdraw(ticket: Ticket) -> None:
    """The ticket is open again: its unanswered link stops taking answers, and an invitation
    email still waiting for its send time is not sent."""
    _withdraw(_invitations(ticket))


def _withdraw(invitations: list[SurveyInvitation]) -> None:
    now = clock.now()
    for invitation in invitations:
        if invitation.answered_at is None and invitation.withdrawn_at is None:
            invitation.withdrawn_at = now
            _cancel_email(invitation)


def _cancel_email(invitation: SurveyInvitation) -> None:
    """Take back an invitation email that has not gone out (no point asking any more)."""
    if invitation.email_id is None or invitation.sent_at is not None:
        return
    db.session.execute(
        delete(OutboxEmail)
        .where(
            OutboxEmail.id == invitation.email_id,
            OutboxEmail.status == OutboxStatus.PENDING.value,
            OutboxEmail.attempts == 0,
        )
        .execution_options(synchronize_session=False)
    )


@email_sent.connect
def _invitation_sent(email: OutboxEmail, **extra) -> None:
    """Note when an invitation reached the mail server: the response rate counts from here."""
    if email.kind == "survey_invitation":
        db.session.execute(
            update(SurveyInvitation)
            .where(SurveyInvitation.email_id == email.id)
            .values(sent_at=email.sent_at)
            .execution_options(synchronize_session=False)
        )
        sent = select(SurveyInvitation.id).where(SurveyInvitation.email_id == email.id)
        rows_rewritten.send(None, invitations=db.session.scalars(sent).all())


def survey_url(invitation: SurveyInvitation, csat: int | None = None) -> str:
    """The survey's address for emails; with a score, the form opens with it chosen."""
    query = f"?csat={csat}" if csat is not None else ""
    return absolute_url(f"/survey/{invitation.token}{query}")


def invitation_for(token: str) -> SurveyInvitation:
    """The invitation a link holds, or NotFound (the same for any token that is not one)."""
    if not TOKEN.fullmatch(token):
        raise NotFound("This survey link is not valid.")
    invitation = db.session.scalar(select(SurveyInvitation).where(SurveyInvitation.token == token))
    if invitation is None:
        raise NotFound("This survey link is not valid.")
    return invitation


def why_closed(invitation: SurveyInvitation, now: datetime) -> str | None:
    """Why the link takes no answer now, in words; None while it is open."""
    if invitation.answered_at is not None:
        return "You have already answered this survey. Thank you!"
    if invitation.withdrawn_at is not None:
        return (
            "This request was reopened, so this survey is closed. "
            "We will ask again once it is solved."
        )
    if now >= invitation.expires_at:
        return "This survey has expired. Thank you all the same."
    return None


def _score(value: int | None, scale: range, field: str, label: str, required: bool) -> int | None:
    if value is None:
        if required:
            raise Invalid(f"Choose a {label} score.", field=field)
        return None
    if value not in scale:
        raise Invalid(f"{label} is a number from {scale.start} to {scale.stop - 1}.", field=field)
    return value


def answer(
    *,
    token: str,
    csat: int | None,
    ces: int | None = None,
    nps: int | None = None,
    comment: str = "",
) -> SurveyResponse:
    """Store the one answer a link takes; an unhappy answer flags the ticket for recovery."""
    invitation = invitation_for(token)
    now = clock.now()
    closed = why_closed(invitation, now)
    if closed:
        raise Closed(closed)
    comment = (comment or "").strip()
    if len(comment) > MAX_COMMENT:
        raise Invalid(f"Keep the comment under {MAX_COMMENT} characters.", field="comment")
    response = SurveyResponse(
        invitation_id=invitation.id,
        ticket_id=invitation.ticket_id,
        customer_id=invitation.customer_id,
        agent_id=invitation.agent_id,
        category_id=invitation.category_id,
        csat=_score(csat, CSAT_SCALE, "csat", "CSAT", required=True),
        ces=_score(ces, CES_SCALE, "ces", "Effort", required=False),
        nps=_score(nps, NPS_SCALE, "nps", "Recommendation", required=False),
        comment=comment,
        answered_at=now,
    )
    if comment:
        reading, model = tag(comment)
        response.sentiment_label = reading.label
        response.sentiment_polarity = reading.polarity
        response.sentiment_model = model[:40]
    # Take the link in one conditional update, so two answers sent at once store one.
    taken = db.session.execute(
        update(SurveyInvitation)
        .where(
            SurveyInvitation.id == invitation.id,
            SurveyInvitation.answered_at.is_(None),
            SurveyInvitation.withdrawn_at.is_(None),
            SurveyInvitation.expires_at > now,
        )
        .values(answered_at=now)
        .execution_options(synchronize_session=False)
    ).rowcount
    rows_rewritten.send(None, invitations=[invitation.id])
    if not taken:
        db.session.rollback()
        raise Closed("You have already answered this survey. Thank you!")
    _cancel_email(invitation)
    db.session.add(response)
    db.session.flush()
    ticket = invitation.ticket
    customer = db.session.get(User, invitation.customer_id)
    record(
        ticket, customer, "survey_answered", csat=response.csat, nps=response.nps, ces=response.ces
    )
    reasons = recovery_reasons(response)
    if reasons:
        _flag_for_recovery(ticket, invitation, response, reasons, now)
    survey_answered.send(response)
    db.session.commit()
    db.session.refresh(invitation)
    return response


def next_working_day(now: datetime) -> datetime:
    """9:00 UTC on the next weekday after `now`."""
    day = now.date() + timedelta(days=1)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return datetime.combine(day, WORKDAY_START, tzinfo=now.tzinfo)


def _follow_up_agent(ticket: Ticket, invitation: SurveyInvitation) -> User | None:
    """Who checks in: the agent who resolved the ticket, else its assignee now, if either is
    still active staff; else nobody (the recovery queue shows it to supervisors)."""
    for user_id in (invitation.agent_id, ticket.assignee_id):
        user = db.session.get(User, user_id) if user_id else None
        if user is not None and user.is_staff and user.active:
            return user
    return None


def _flag_for_recovery(
    ticket: Ticket,
    invitation: SurveyInvitation,
    response: SurveyResponse,
    reasons: list[str],
    now: datetime,
) -> None:
    check_in = None
    agent = _follow_up_agent(ticket, invitation)
    if agent is not None:
        check_in = CheckIn(
            ticket_id=ticket.id, assignee_id=agent.id, created_at=now, due_at=next_working_day(now)
        )
        db.session.add(check_in)
        db.session.flush()
    db.session.add(
        Recovery(
            ticket_id=ticket.id,
            response_id=response.id,
            reasons=", ".join(reasons)[:200],
            flagged_at=now,
            check_in_id=check_in.id if check_in else None,
        )
    )
    record(ticket, None, "recovery_flagged", reasons=reasons)


def close_recovery(*, recovery_id: int, actor: User, outcome: str) -> Recovery:
    """Record what was done for the customer and take the ticket off the recovery queue; its
    check-in, if still open, is done with it."""
    recovery = db.session.get(Recovery, recovery_id)
    if recovery is None:
        raise NotFound("There is no such recovery.")
    outcome = (outcome or "").strip()
    if not outcome:
        raise Invalid("Say what was done for the customer.", field="outcome")
    now = clock.now()
    closed = db.session.execute(
        update(Recovery)
        .where(Recovery.id == recovery.id, Recovery.closed_at.is_(None))
        .values(closed_at=now, closed_by_id=actor.id, outcome=outcome)
        .execution_options(synchronize_session=False)
    ).rowcount
    if not closed:
        db.session.rollback()
        raise Conflict("This recovery was closed already.")
    if recovery.check_in_id is not None:
        db.session.execute(
            update(CheckIn)
            .where(CheckIn.id == recovery.check_in_id, CheckIn.done_at.is_(None))
            .values(done_at=now, done_by_id=actor.id, note=f"Recovery closed: {outcome}"[:2000])
            .execution_options(synchronize_session=False)
        )
    record(recovery.ticket, actor, "recovery_closed", outcome=outcome[:200])
    db.session.commit()
    db.session.refresh(recovery)
    return recovery


def open_invitation(ticket: Ticket) -> SurveyInvitation | None:
    """The invitation the customer can still answer on the ticket's page, if any."""
    now = clock.now()
    return next(
        (invitation for invitation in reversed(_invitations(ticket)) if invitation.is_open(now)),
        None,
    )


def responses_of_ticket(ticket: Ticket) -> list[SurveyResponse]:
    return db.session.scalars(
        select(SurveyResponse)
        .where(SurveyResponse.ticket_id == ticket.id)
        .order_by(SurveyResponse.answered_at)
    ).all()


def recent_scores_of(customer_id: int, limit: int = 10) -> list[SurveyResponse]:
    """The customer's latest answers, newest first, for their history beside a ticket."""
    return db.session.scalars(
        select(SurveyResponse)
        .where(SurveyResponse.customer_id == customer_id)
        .order_by(SurveyResponse.answered_at.desc())
        .limit(limit)
    ).all()


def recovery_of(ticket: Ticket) -> list[Recovery]:
    return db.session.scalars(
        select(Recovery).where(Recovery.ticket_id == ticket.id).order_by(Recovery.flagged_at)
    ).all()


INCIDENT_CHECKLIST = "difficult-customer"


def checklists_to_suggest(tickets: list[Ticket]) -> dict[int, Playbook]:
    """For tickets flagged for recovery: the incident checklist, by ticket id, for those that
    never ran it (two queries however many tickets)."""
    checklist = next(
        (p for p in playbooks.current_playbooks() if p.slug == INCIDENT_CHECKLIST), None
    )
    if checklist is None or not tickets:
        return {}
    ran = set(
        db.session.scalars(
            select(PlaybookRun.ticket_id)
            .join(Playbook, Playbook.id == PlaybookRun.playbook_id)
            .where(
                Playbook.slug == INCIDENT_CHECKLIST,
                PlaybookRun.ticket_id.in_([ticket.id for ticket in tickets]),
            )
        )
    )
    return {ticket.id: checklist for ticket in tickets if ticket.id not in ran}


def open_recoveries(*, page: int, per_page: int) -> Page:
    """Tickets waiting for recovery, flagged longest ago first."""
    statement = select(Recovery).where(Recovery.closed_at.is_(None))
    total = db.session.scalar(select(func.count()).select_from(statement.subquery()))
    items = db.session.scalars(
        statement.order_by(Recovery.flagged_at, Recovery.id)
        .limit(per_page)
        .offset((page - 1) * per_page)
    ).all()
    return Page(items, page, per_page, total)


def open_recovery_count() -> int:
    return db.session.scalar(
        select(func.count()).select_from(Recovery).where(Recovery.closed_at.is_(None))
    )


def _comments_after(after_id: int):
    return select(SurveyResponse.id, SurveyResponse.comment).where(
        SurveyResponse.comment != "", SurveyResponse.id > after_id
    )


def retag_comments(after_id: int, batch_size: int) -> tuple[int, int] | None:
    """Tag a batch of survey comments again with the current model (written with one UPDATE
    for the batch)."""
    batch = db.session.execute(
        _comments_after(after_id).order_by(SurveyResponse.id).limit(batch_size)
    ).all()
    if not batch:
        return None
    readings = []
    for response_id, comment in batch:
        reading, model = tag(comment)
        readings.append(
            {
                "id": response_id,
                "sentiment_label": reading.label,
                "sentiment_polarity": reading.polarity,
                "sentiment_model": model[:40],
            }
        )
    db.session.execute(update(SurveyResponse), readings)
    # A comment's mood may recover its complaint: the reports count that by the ticket.
    answered = select(SurveyResponse.ticket_id).where(
        SurveyResponse.id.in_(response_id for response_id, _comment in batch)
    )
    rows_rewritten.send(None, tickets=db.session.scalars(answered).all())
    db.session.commit()
    return batch[-1].id, len(batch)


RETAG_STEPS.append(
    RetagStep(
        "survey comments",
        count=lambda: db.session.scalar(
            select(func.count()).select_from(_comments_after(0).subquery())
        ),
        batch=retag_comments,
    )
)
