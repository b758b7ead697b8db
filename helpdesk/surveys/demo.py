"""Demo survey answers: about 40% of resolved demo tickets, scored the way their history
suggests (slow, reopened, chased or still unhappy tickets score lower), some recoveries closed."""

import random
from datetime import timedelta

from sqlalchemy import func, or_, select, update

from helpdesk import clock
from helpdesk.auth.models import Role, User
from helpdesk.extensions import db
from helpdesk.playbooks.models import PlaybookRun
from helpdesk.surveys import service
from helpdesk.surveys.models import Recovery, SurveyInvitation, SurveyResponse
from helpdesk.tickets.models import DONE_STATUSES, Ticket
from helpdesk.tickets.signals import rows_rewritten

ANSWERED_SHARE = 0.45  # of resolved tickets; a few answers would land after today and are skipped
COMMENT_CHANCE = 0.45
RECOVERIES_CLOSED = 0.6
COMMENTS = {
    "low": (
        "It took far too long and I had to chase you twice.",
        "Nobody read what I wrote, I kept repeating myself.",
        "Still not really fixed, honestly disappointed.",
        "Very slow and the answers were copy-paste.",
    ),
    "middle": (
        "Got there in the end.",
        "OK, but it took a few emails.",
        "Fine, the answer was a bit vague at first.",
    ),
    "high": (
        "Quick and friendly, thank you!",
        "Sorted in one reply, great service.",
        "Really helpful, thanks a lot.",
        "Lena was brilliant, thank you so much.",
    ),
}
OUTCOMES = (
    "Called the customer, apologised and refunded the shipping.",
    "Sent a goodwill voucher and a personal apology.",
    "Walked them through the fix on the phone; they are happy now.",
    "Escalated the root cause to the product team and told the customer.",
)


def _csat(rng: random.Random, ticket: Ticket, checklist_done: bool) -> int:
    """A believable satisfaction score from what the ticket went through; an upset customer
    whose agent followed the incident checklist through is a little happier."""
    score = 5.0 + (0.5 if checklist_done else 0.0)
    if ticket.last_sentiment == "negative":
        score -= 1.4
    elif ticket.first_sentiment == "negative" and ticket.last_sentiment == "positive":
        score += 0.2
    score -= 0.6 * min(ticket.reopen_count, 2)
    score -= 0.3 * min(ticket.customer_followups, 3)
    if ticket.resolved_at and ticket.resolved_at - ticket.created_at > timedelta(days=3):
        score -= 0.6
    if ticket.agent_replies <= 1:
        score += 0.2
    return max(1, min(5, round(score + rng.gauss(0, 0.7))))


def seed_survey_answers(rng: random.Random) -> int:
    """Answer invitations of resolved demo tickets (once: nothing if answers exist)."""
    if db.session.scalar(select(func.count()).select_from(SurveyResponse)):
        return 0
    now = clock.now()
    # The demo's emails were never really sent (the ticket step drops them); mark the
    # invitations sent at their send time, unless the ticket reopened before that.
    db.session.execute(
        update(SurveyInvitation)
        .where(
            SurveyInvitation.sent_at.is_(None),
            SurveyInvitation.send_at <= now,
            or_(
                SurveyInvitation.withdrawn_at.is_(None),
                SurveyInvitation.withdrawn_at > SurveyInvitation.send_at,
            ),
        )
        .values(sent_at=SurveyInvitation.send_at)
        .execution_options(synchronize_session=False)
    )
    sent = select(SurveyInvitation.id).where(SurveyInvitation.sent_at.is_not(None))
    rows_rewritten.send(None, invitations=db.session.scalars(sent).all())
    db.session.commit()
    resolved = db.session.scalar(
        select(func.count()).select_from(Ticket).where(Ticket.status.in_(DONE_STATUSES))
    )
    invitations = db.session.scalars(
        select(SurveyInvitation)
        .where(
            SurveyInvitation.answered_at.is_(None),
            SurveyInvitation.withdrawn_at.is_(None),
            SurveyInvitation.sent_at.is_not(None),
        )
        .order_by(SurveyInvitation.id)
    ).all()
    if not invitations:
        return 0
    chance = min(1.0, ANSWERED_SHARE * resolved / len(invitations))
    supervisor = db.session.scalar(select(User).where(User.role == Role.SUPERVISOR).limit(1))
    checklists_done = set(
        db.session.scalars(
            select(PlaybookRun.ticket_id).where(PlaybookRun.completed_at.is_not(None))
        )
    )
    answered = 0
    with clock.travelling():
        for invitation in invitations:
            if rng.random() > chance:
                continue
            at = invitation.send_at + timedelta(minutes=rng.randint(5, 3 * 24 * 60))
            if at >= min(now, invitation.expires_at):
                continue
            ticket = invitation.ticket
            csat = _csat(rng, ticket, ticket.id in checklists_done)
            bucket = "low" if csat <= 2 else "middle" if csat == 3 else "high"
            clock.freeze(at)
            service.answer(
                token=invitation.token,
                csat=csat,
                ces=max(1, min(7, round(8 - 1.3 * csat + rng.gauss(0, 0.8)))),
                nps=max(0, min(10, round(2 * csat - 0.5 + rng.gauss(0, 1.3)))),
                comment=rng.choice(COMMENTS[bucket]) if rng.random() < COMMENT_CHANCE else "",
            )
            answered += 1
        for recovery in db.session.scalars(select(Recovery).order_by(Recovery.id)).all():
            closed_at = recovery.flagged_at + timedelta(hours=rng.randint(2, 72))
            if supervisor is None or closed_at >= now or rng.random() > RECOVERIES_CLOSED:
                continue
            clock.freeze(closed_at)
            service.close_recovery(
                recovery_id=recovery.id, actor=supervisor, outcome=rng.choice(OUTCOMES)
            )
        clock.freeze(now)
    return answered
