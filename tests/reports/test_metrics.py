"""The support metrics of helpdesk.reports.metrics over small histories made through the services.

Each test lives through a short history on the frozen clock, opening, answering and resolving
tickets the way agents and customers do, then asks for the figures of a period. Every expected
figure is worked out in the test: durations in hours, and the 90th percentile interpolated the
way PostgreSQL's percentile_cont does it, the value at position 0.9 * (n - 1) of the sorted
values, between its two neighbours. Which date puts a row in a period follows DESIGN.md and the
docstring of metrics.py: arrivals by created_at, outcomes by the latest resolution, scores by
answered_at, response rate by the invitation, check-ins by due_at (only those due by now),
tagger agreement by the review, deflection by when suggestions were shown, ideas by done_at.
"""

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, select, text

from helpdesk import clock
from helpdesk.extensions import db
from helpdesk.ideas import service as ideas_service
from helpdesk.kb import service as kb_service
from helpdesk.outbox import service as outbox_service
from helpdesk.playbooks import service as playbooks_service
from helpdesk.playbooks.models import CheckIn, PlaybookRun
from helpdesk.reports import metrics
from helpdesk.reports.metrics import (
    NO_SCORES,
    Agreement,
    ArticleRow,
    Band,
    CheckIns,
    Cohort,
    Complaints,
    Conversation,
    DailyVolume,
    Deflection,
    Filter,
    FirstReply,
    IdeaRow,
    IdeaSection,
    KbSection,
    MoodSpread,
    Outcomes,
    PlaybookRow,
    PlaybookSection,
    Spread,
    Summary,
    Surveys,
    TeamRow,
    Volume,
    WeeklyComplaints,
    WeeklyMoods,
    WeeklyScores,
    WeeklySpread,
)
from helpdesk.surveys import service as surveys_service
from helpdesk.surveys.models import SurveyInvitation, SurveyResponse
from helpdesk.tagging.service import tag
from helpdesk.tickets import service
from helpdesk.tickets.models import Category, Message, MessageKind, Ticket
from tests.conftest import FIXED_NOW, RecordingBackend
from tests.factories import make_article, make_idea, make_ticket, make_user

HOUR = 3600.0
T0 = FIXED_NOW  # Monday 2 March 2026, 09:30 UTC
MONDAY = datetime(2026, 3, 2, tzinfo=UTC)  # midnight starting T0's day and week
EMPTY = Spread(0, None, None)

# Texts whose mood the shipped tagger reads as named (checked by the first test below).
ANGRY = "This is terrible, I am furious and still waiting for my refund!"
CALM = "Could you tell me how to change the delivery address on my order?"
GLAD = "Thank you so much, this is wonderful!"
PRAISE = "Fast and friendly, thank you!"  # a survey comment
UPSET = "Awful service, I am really upset."  # a survey comment


# --- Helpers that build histories ---------------------------------------------------------


def at(*, days: float = 0, hours: float = 0) -> datetime:
    """Set the clock this long after T0 (before it when negative)."""
    clock.freeze(T0 + timedelta(days=days, hours=hours))
    return clock.now()


def on(day: int, hour: int = 0, minute: int = 0) -> datetime:
    """Set the clock to a moment of March 2026 (UTC)."""
    clock.freeze(datetime(2026, 3, day, hour, minute, tzinfo=UTC))
    return clock.now()


def hours(value: float) -> float:
    return value * HOUR


def spread(count: int, median_hours: float, p90_hours: float) -> Spread:
    """The Spread expected for durations given in hours (compared to the float's precision)."""
    return Spread(count, pytest.approx(hours(median_hours)), pytest.approx(hours(p90_hours)))


def period(start: datetime, days: float, **cuts) -> Filter:
    """The filter of `days` from `start`, with "now" where the clock stands."""
    return Filter(start=start, end=start + timedelta(days=days), now=clock.now(), **cuts)


def opened(body: str = CALM, *, agent=None, **options) -> Ticket:
    """A ticket a new customer opens now, given to `agent` when one is named."""
    ticket = make_ticket(body=body, **options)
    if agent is not None:
        service.assign(ticket=ticket, actor=agent, assignee_id=agent.id)
    return ticket


def answer(ticket: Ticket, agent, body: str = "Here is what we found.") -> None:
    """A public agent reply."""
    service.reply(ticket=ticket, author=agent, body=body, kind="reply")


def note(ticket: Ticket, agent) -> None:
    service.reply(ticket=ticket, author=agent, body="Checking with the courier.", kind="note")


def customer_writes(ticket: Ticket, body: str = CALM) -> None:
    service.reply(ticket=ticket, author=ticket.customer, body=body)


def resolve(ticket: Ticket, agent) -> None:
    service.change_status(ticket=ticket, actor=agent, status="resolved")


def close(ticket: Ticket, agent) -> None:
    service.change_status(ticket=ticket, actor=agent, status="closed")


def invitation_of(ticket: Ticket) -> SurveyInvitation:
    """The ticket's newest survey invitation."""
    return db.session.scalar(
        select(SurveyInvitation)
        .where(SurveyInvitation.ticket_id == ticket.id)
        .order_by(SurveyInvitation.id.desc())
        .limit(1)
    )


def rate(ticket: Ticket, csat: int, **scores) -> SurveyResponse:
    """The customer answers the survey about the ticket's latest resolution now."""
    return surveys_service.answer(token=invitation_of(ticket).token, csat=csat, **scores)


def send_due_email() -> None:
    """The outbox delivers what is due now (survey invitations included)."""
    outbox_service.send_pending(backend=RecordingBackend())


def first_message_id(ticket: Ticket) -> int:
    return db.session.scalar(
        select(Message.id)
        .where(Message.ticket_id == ticket.id, Message.kind == MessageKind.CUSTOMER)
        .order_by(Message.id)
        .limit(1)
    )


def review(ticket: Ticket, agent, label: str, message_id: int | None = None) -> None:
    """An agent sets the mood of a customer message (by default the ticket's first)."""
    service.correct_sentiment(
        message_id=message_id or first_message_id(ticket), actor=agent, label=label
    )


def stored(ticket: Ticket) -> Ticket:
    db.session.expire_all()
    return db.session.get(Ticket, ticket.id)


def far_from_utc() -> None:
    """Give the database session a time zone far from UTC (PostgreSQL keeps one per session;
    SQLite has none): days and weeks must still be UTC ones."""
    if db.engine.dialect.name == "postgresql":
        db.session.execute(text("SET TIME ZONE 'Pacific/Auckland'"))


def category(name: str) -> Category:
    return db.session.scalar(select(Category).where(Category.name == name))


def test_the_texts_read_as_the_moods_the_histories_rely_on(app):
    labels = [tag(text)[0].label for text in (ANGRY, CALM, GLAD, PRAISE, UPSET)]

    assert labels == ["negative", "neutral", "positive", "positive", "negative"]


# --- No data ------------------------------------------------------------------------------


def test_every_figure_is_empty_without_any_tickets(app):
    f = period(MONDAY, 7)
    session = db.session
    no_outcomes = Outcomes(0, EMPTY, EMPTY, None, 0, 0, 0, None, 0)
    empty_summary = Summary(
        volume=Volume(0, 0, 0),
        first_reply=FirstReply(EMPTY, 0),
        outcomes=no_outcomes,
        conversation=Conversation(0, None, EMPTY),
        complaints=Complaints(0, 0, 0),
        surveys=NO_SCORES,
        check_ins=CheckIns(0, 0, 0, 0),
        agreement=Agreement(0, 0),
        deflection=Deflection(0, 0),
    )
    week = date(2026, 3, 2)

    found = metrics.summary(f, session)

    assert found == empty_summary
    rates = (
        found.outcomes.one_touch_rate,
        found.outcomes.reopen_rate,
        found.outcomes.sla_rate,
        found.complaints.resolved_rate,
        found.complaints.recovery_rate,
        found.surveys.csat,
        found.surveys.nps,
        found.surveys.response_rate,
        found.check_ins.on_time_rate,
        found.agreement.rate,
        found.deflection.rate,
    )
    assert rates == (None,) * 11
    assert metrics.daily_volume(f, session) == [
        DailyVolume(week + timedelta(days=n), 0, 0) for n in range(7)
    ]
    assert metrics.weekly_resolution(f, session) == [WeeklySpread(week, EMPTY)]
    assert metrics.weekly_sentiment(f, session) == [WeeklyMoods(week, 0, 0, 0)]
    assert metrics.weekly_complaints(f, session) == [WeeklyComplaints(week, 0, 0)]
    assert metrics.weekly_scores(f, session) == [WeeklyScores(week, NO_SCORES)]
    assert metrics.csat_by_resolution_time(f, session) == [
        Band(label, 0, 0)
        for label in ("under 4 hours", "4 to 24 hours", "1 to 3 days", "3 to 7 days", "over 7 days")
    ]
    assert metrics.resolution_by_opening_mood(f, session) == [
        MoodSpread(mood, EMPTY) for mood in ("negative", "neutral", "positive")
    ]
    assert metrics.by_agent(f, session) == []
    assert metrics.by_category(f, session) == []
    assert metrics.playbooks(f, session) == PlaybookSection(
        [],
        0,
        0,
        EMPTY,
        [
            Cohort("With a completed checklist", 0, 0, 0, 0, NO_SCORES),
            Cohort("Without one", 0, 0, 0, 0, NO_SCORES),
        ],
    )
    statuses = ("new", "under_review", "planned", "in_progress", "done", "declined")
    assert metrics.ideas(f, session) == IdeaSection([], dict.fromkeys(statuses, 0), 0, [], 0)
    assert metrics.kb(f, session) == KbSection([], [], 0, 0, Deflection(0, 0), 0)
    report = metrics.report(f, session)
    assert report.current == empty_summary and report.previous == empty_summary


# --- Headline figures ---------------------------------------------------------------------


def test_volume_counts_created_and_resolved_in_the_period_and_the_backlog_at_its_end(ann):
    on(1, 12)
    old_open = opened()  # created before the period, still open: backlog
    old_done = opened()
    on(1, 13)
    resolve(old_done, ann)  # resolved before the period: neither resolved nor backlog
    resolved_late = opened()  # created before, resolved in the period
    on(2, 10)
    fixed = opened()
    waiting = opened()
    carried_over, also_carried = opened(), opened()
    shut = opened()
    on(3, 10)
    resolve(fixed, ann)
    resolve(resolved_late, ann)
    on(4, 10)
    close(shut, ann)  # closed without being resolved first: its resolution is now
    on(9, 10)
    resolve(carried_over, ann)  # after the period: open at its end
    resolve(also_carried, ann)
    close(fixed, ann)  # closing later keeps the resolution where it was
    opened()  # created after the period
    on(12)
    assert waiting.status == old_open.status == "new"

    week = metrics.volume(period(MONDAY, 7), db.session)

    assert week == Volume(
        created=5,  # fixed, waiting, carried_over, also_carried, shut
        resolved=3,  # fixed, resolved_late, shut
        backlog=4,  # old_open, waiting, carried_over, also_carried
    )


def test_first_reply_counts_tickets_created_in_the_period_and_keeps_unanswered_apart(ann):
    at(days=-1)
    before = opened()  # created before the period, answered in it: not counted
    at()
    quick, medium, slow, slower, silent, noted = (opened() for _ in range(6))
    at(hours=1)
    answer(quick, ann)
    at(hours=2)
    answer(medium, ann)
    answer(before, ann)
    at(hours=4)
    answer(slow, ann)
    note(noted, ann)  # an internal note is no reply: still unanswered
    at(hours=10)
    answer(slower, ann)
    at(days=6)
    late = opened()  # created in the period, answered after it: counted
    at(days=7, hours=1)
    opened()  # created after the period, unanswered: not counted
    at(days=7, hours=6)
    answer(late, ann)  # 30 hours after it came in
    assert stored(silent).first_reply_at is None and stored(noted).first_reply_at is None

    found = metrics.first_reply(period(T0, 7), db.session)

    # Answered after 1, 2, 4, 10 and 30 hours; the two unanswered are apart, never zeros.
    assert found == FirstReply(
        answered=spread(5, 4, 10 + 0.6 * (30 - 10)),  # position 0.9 * 4 = 3.6
        unanswered=2,
    )


def test_outcomes_cover_the_tickets_whose_resolution_fell_in_the_period(ann):
    at(days=-4)
    overdue = opened()
    at(days=-4, hours=1)
    answer(overdue, ann)
    at(days=-3)
    early = opened()
    at(days=-2)
    resolve(early, ann)  # resolved before the period: left out
    at(days=-1)
    carried = opened()
    at(days=-1, hours=2)
    answer(carried, ann)
    at(days=-1, hours=3)
    answer(carried, ann)
    at()
    one_reply, paused, silent = opened(), opened(), opened()
    urgent = opened(priority="urgent")  # first reply due in 1 hour, resolution in 8
    at(hours=1)
    answer(one_reply, ann)
    answer(paused, ann)
    service.change_status(ticket=paused, actor=ann, status="pending")  # the customer's turn
    customer_writes(urgent)  # chasing
    at(hours=2)
    resolve(one_reply, ann)
    customer_writes(urgent)  # chasing again
    at(hours=3)
    answer(urgent, ann)  # 2 hours past its first-reply target
    at(hours=4)
    resolve(silent, ann)  # resolved without a reply, within the first-reply target
    at(hours=5)
    customer_writes(paused)  # pending to open: a follow-up, and the team's clock runs again
    resolve(urgent, ann)
    at(hours=6)
    answer(paused, ann)
    at(hours=8)
    resolve(paused, ann)
    resolve(overdue, ann)  # 104 hours: past the 72-hour resolution target
    at(hours=10)
    resolve(carried, ann)  # 34 hours, created before the period
    at(days=6)
    after = opened()
    at(days=7, hours=1)
    resolve(after, ann)  # resolved after the period: left out

    found = metrics.outcomes(period(T0, 7), db.session)

    # Resolution (hours): one_reply 2, silent 4, urgent 5, paused 8, carried 34, overdue 104.
    # Wait on the team: the same but paused, pending from 1 to 5: 1 + 3 = 4 hours.
    # Replies: 1, 0, 1, 2, 2, 1. Follow-ups: urgent 2, paused 1.
    # SLA: urgent missed its first reply, overdue its resolution; the other four met both.
    assert found == Outcomes(
        resolved=6,
        resolution=spread(6, (5 + 8) / 2, 34 + 0.5 * (104 - 34)),  # position 0.9 * 5 = 4.5
        wait=spread(6, (4 + 5) / 2, 34 + 0.5 * (104 - 34)),  # 2, 4, 4, 5, 34, 104
        replies_mean=pytest.approx((1 + 0 + 1 + 2 + 2 + 1) / 6),
        one_touch=3,
        reopened=0,
        reopens=0,
        followups_mean=pytest.approx((2 + 1) / 6),
        sla_met=4,
    )
    assert (found.one_touch_rate, found.reopen_rate, found.sla_rate) == (3 / 6, 0 / 6, 4 / 6)


def test_resolution_time_runs_to_the_latest_resolution_of_a_ticket_resolved_twice(ann):
    at()
    twice = opened()
    at(hours=1)
    answer(twice, ann)  # reply 1
    at(hours=2)
    resolve(twice, ann)  # first resolution, Monday
    at(days=1)
    customer_writes(twice, "It broke again.")  # reopens (not a follow-up: it was resolved)
    at(days=1, hours=1)
    answer(twice, ann)  # reply 2
    once = opened()
    at(days=1, hours=2)
    resolve(twice, ann)
    at(days=1, hours=3)
    service.change_status(ticket=twice, actor=twice.customer, status="open")  # reopens again
    at(days=1, hours=4)
    answer(twice, ann)  # reply 3
    answer(once, ann)
    at(days=1, hours=5)
    resolve(once, ann)  # 4 hours, one reply
    at(days=1, hours=6)
    resolve(twice, ann)  # latest resolution, Tuesday: 30 hours after it came in
    at(days=1, hours=7)
    answer(twice, ann)  # after the resolution: not a reply "to resolution"
    assert (stored(twice).reopen_count, stored(twice).agent_replies) == (2, 3)

    monday = metrics.outcomes(period(MONDAY, 1), db.session)
    tuesday = metrics.outcomes(period(MONDAY + timedelta(days=1), 1), db.session)

    assert monday == Outcomes(0, EMPTY, EMPTY, None, 0, 0, 0, None, 0)
    # twice waited on the team 2 + 2 + 3 = 7 hours; once 4 hours.
    assert tuesday == Outcomes(
        resolved=2,
        resolution=spread(2, (4 + 30) / 2, 4 + 0.9 * (30 - 4)),
        wait=spread(2, (4 + 7) / 2, 4 + 0.9 * (7 - 4)),
        replies_mean=pytest.approx((3 + 1) / 2),
        one_touch=1,
        reopened=1,  # the ticket reopened twice counts once
        reopens=2,
        followups_mean=pytest.approx(0.0),
        sla_met=2,
    )
    assert tuesday.reopen_rate == 1 / 2
    assert metrics.daily_volume(period(MONDAY, 2), db.session) == [
        DailyVolume(date(2026, 3, 2), created=1, resolved=0),
        DailyVolume(date(2026, 3, 3), created=1, resolved=2),
    ]


def test_conversation_length_counts_public_messages_of_resolved_tickets(ann):
    at()
    with_note, back_and_forth, closed_at_once, unresolved = (opened() for _ in range(4))
    at(hours=1)
    note(with_note, ann)
    answer(back_and_forth, ann)
    resolve(closed_at_once, ann)  # one message: no time elapsed
    answer(unresolved, ann)
    at(hours=2)
    answer(with_note, ann)
    at(hours=3)
    resolve(with_note, ann)
    customer_writes(back_and_forth)
    at(hours=5)
    answer(back_and_forth, ann)
    note(with_note, ann)  # a note after the last public message changes nothing
    at(hours=6)
    resolve(back_and_forth, ann)

    found = metrics.conversation(period(T0, 7), db.session)

    # Messages: with_note 2 over 2 hours, back_and_forth 4 over 5 hours, closed_at_once 1.
    assert found == Conversation(
        tickets=3,
        messages_mean=pytest.approx((2 + 4 + 1) / 3),
        elapsed=spread(3, 2, 2 + 0.8 * (5 - 2)),  # 0, 2, 5: position 1.8
    )


def test_complaints_and_their_recovery_through_a_later_message_or_survey_comment(ann):
    at(days=-1)
    opened(ANGRY)  # a complaint of the day before: not counted
    at()
    soothed, won_back, shut, waiting, relapsed, spoke_again = (opened(ANGRY) for _ in range(6))
    calm = opened(CALM)
    at(hours=1)
    customer_writes(soothed, GLAD)
    customer_writes(relapsed, GLAD)
    for ticket in (soothed, won_back, relapsed, spoke_again, calm):
        resolve(ticket, ann)
    close(shut, ann)  # closed counts as resolved
    at(hours=2)
    praised = rate(won_back, 4, comment=PRAISE)  # the last text is this comment: recovered
    rate(shut, 3, comment=PRAISE)
    complained = rate(relapsed, 2, comment=UPSET)  # a later, negative comment: not recovered
    rate(spoke_again, 5, comment=PRAISE)
    at(hours=3)
    customer_writes(spoke_again, ANGRY)  # a message after the comment: it is the last text
    assert {stored(t).first_sentiment for t in (soothed, won_back, shut, waiting)} == {"negative"}
    assert stored(soothed).last_sentiment == "positive"
    assert stored(won_back).last_sentiment == stored(shut).last_sentiment == "negative"
    assert (praised.sentiment_label, complained.sentiment_label) == ("positive", "negative")
    assert (stored(shut).status, stored(spoke_again).status) == ("closed", "open")

    found = metrics.complaints(period(T0, 7), db.session)

    assert found == Complaints(
        received=6,  # all but calm and the day before's
        resolved=4,  # soothed, won_back, shut, relapsed (spoke_again was reopened)
        recovered=3,  # soothed by a message; won_back and shut by a survey comment
    )
    assert (found.resolved_rate, found.recovery_rate) == (4 / 6, 3 / 6)


def test_a_survey_comment_recovers_its_complaint_whatever_other_customers_write_later(ann):
    at()
    won_back, elsewhere = opened(ANGRY), opened(ANGRY)
    at(hours=1)
    resolve(won_back, ann)
    at(hours=2)
    rate(won_back, 4, comment=PRAISE)  # won_back's customer's last text: positive
    at(hours=3)
    customer_writes(elsewhere, ANGRY)  # another customer, on another ticket
    # The comment is compared with the last message of its own ticket, nobody else's.

    found = metrics.complaints(period(T0, 7), db.session)

    assert found == Complaints(received=2, resolved=1, recovered=1)


def test_surveys_score_answers_given_in_the_period_and_rate_its_invitations(ann):
    def resolved_ticket() -> Ticket:
        ticket = opened(agent=ann)
        resolve(ticket, ann)
        return ticket

    at(days=-1)
    early = resolved_ticket()  # invited before the period, answers in it
    at()
    second, third, fourth, fifth = (resolved_ticket() for _ in range(4))
    rate(early, 5, nps=10, ces=2)
    rate(second, 4, nps=9, ces=3)
    rate(third, 3, nps=7)
    rate(fourth, 1, nps=3, ces=6)
    rate(fifth, 2)
    at(hours=1)
    ignored = resolved_ticket()
    at(hours=3)
    send_due_email()  # the ignored ticket's invitation goes out (the answered ones never do)
    at(days=6)
    late = resolved_ticket()
    at(days=6, hours=2)
    send_due_email()
    at(days=6, hours=23)
    resolved_ticket()  # its email waits for its send time: it has not reached the customer
    at(days=8)
    rate(late, 5, nps=10)  # answered the week after
    assert invitation_of(ignored).sent_at == T0 + timedelta(hours=3)
    assert invitation_of(second).sent_at is None

    this_week = metrics.surveys(period(T0, 7), db.session)
    next_week = metrics.surveys(period(T0 + timedelta(days=7), 7), db.session)

    # Answered this week: CSAT 5, 4, 3, 1, 2; NPS 10, 9, 7, 3; CES 2, 3, 6.
    # Invited this week: second to fifth, ignored, late (sent), not the one still waiting.
    assert this_week == Surveys(
        answers=5,
        satisfied=2,
        nps_answers=4,
        promoters=2,
        detractors=1,
        ces_answers=3,
        ces_mean=pytest.approx((2 + 3 + 6) / 3),
        invited=6,
        invitations_answered=5,  # second to fifth, and late (the week after)
    )
    assert this_week.csat == 2 / 5
    assert this_week.nps == 100 * (2 - 1) / 4
    assert this_week.response_rate == 5 / 6
    assert next_week == Surveys(1, 1, 1, 1, 0, 0, None, 0, 0)
    assert next_week.response_rate is None


def test_without_answers_the_scores_are_empty_and_the_response_rate_is_zero(ann):
    at()
    sent, waiting, reopened = opened(), opened(), opened()
    resolve(sent, ann)
    resolve(reopened, ann)
    customer_writes(reopened)  # reopened before its email went: withdrawn, never sent
    at(hours=2)
    send_due_email()
    at(days=6, hours=23)
    resolve(waiting, ann)  # its email is not due yet
    assert invitation_of(sent).sent_at is not None
    assert invitation_of(reopened).withdrawn_at is not None

    found = metrics.surveys(period(T0, 7), db.session)

    assert found == Surveys(0, 0, 0, 0, 0, 0, None, invited=1, invitations_answered=0)
    assert (found.csat, found.nps, found.ces_mean, found.response_rate) == (None, None, None, 0)


# --- Playbooks and check-ins --------------------------------------------------------------


def start(ticket: Ticket, playbook, agent) -> PlaybookRun:
    return playbooks_service.start_run(ticket=ticket, playbook_id=playbook.id, actor=agent)


def tick(run: PlaybookRun, agent, *positions: int) -> None:
    """Tick the run's steps at these positions (1-based) now."""
    steps = {step.position: step for step in run.playbook.steps}
    for position in positions:
        playbooks_service.tick(run_id=run.id, step_id=steps[position].id, actor=agent, done=True)


def schedule_check_in(checklists, agent) -> CheckIn:
    """A ticket of `agent`'s whose call-back step is ticked now: a check-in due a day on."""
    ticket = opened(agent=agent)
    run = start(ticket, checklists["call-back"], agent)
    tick(run, agent, 1)
    return db.session.scalar(select(CheckIn).where(CheckIn.run_id == run.id))


def do_check_in(check_in: CheckIn, agent) -> None:
    playbooks_service.complete_check_in(
        check_in_id=check_in.id, actor=agent, body="Is all well now?", kind="reply"
    )


def test_check_ins_due_in_the_period_by_now_are_on_time_late_or_overdue(checklists, ann, bob):
    at(days=-2)
    schedule_check_in(checklists, bob)  # due the day before the period, never done: left out
    at()
    on_time = schedule_check_in(checklists, ann)  # due T0 + 1 day
    at(hours=1)
    late = schedule_check_in(checklists, ann)  # due T0 + 1 day 1 hour
    at(hours=2)
    forgotten = schedule_check_in(checklists, bob)  # due T0 + 1 day 2 hours, never done
    at(hours=3)
    just_in_time = schedule_check_in(checklists, bob)  # due T0 + 1 day 3 hours
    at(hours=4)
    handed_over = db.session.get(Ticket, forgotten.ticket_id)
    service.assign(ticket=handed_over, actor=bob, assignee_id=ann.id)  # the check-in stays Bob's
    at(hours=20)
    do_check_in(on_time, ann)
    at(days=1, hours=3)
    do_check_in(just_in_time, bob)  # at its due time: on time
    at(days=2)
    do_check_in(late, ann)
    at(days=3)
    schedule_check_in(checklists, ann)  # due T0 + 4 days: in the period, but not due by now
    at(days=3, hours=12)
    week = period(T0, 7)

    found = metrics.check_ins(week, db.session)

    assert found == CheckIns(due=4, on_time=2, late=1, overdue=1)
    assert found.on_time_rate == 2 / 4
    assert metrics.check_ins(period(T0, 7, agent_id=bob.id), db.session) == CheckIns(2, 1, 0, 1)
    assert [(row.name, row.check_ins) for row in metrics.by_agent(week, db.session)] == [
        ("Ann Archer", CheckIns(2, 1, 1, 0)),
        ("Bob Baker", CheckIns(2, 1, 0, 1)),
    ]


def test_playbook_runs_started_in_the_period_and_complaints_with_or_without_one(checklists, ann):
    alpha, beta = checklists["alpha"], checklists["beta"]
    at(days=-1)
    before = opened(ANGRY)
    run_before = start(before, alpha, ann)  # started before the period: not counted
    at()
    helped, helped_twice, half_helped, unhelped = (opened(ANGRY) for _ in range(4))
    calm = opened(CALM)
    first = start(helped, alpha, ann)
    at(hours=1)
    second = start(helped_twice, alpha, ann)
    other = start(calm, beta, ann)
    tick(run_before, ann, 1, 2)
    customer_writes(helped, GLAD)
    at(hours=2)
    tick(first, ann, 1, 2)  # complete after 2 hours
    tick(other, ann, 1)  # complete after 1 hour
    resolve(unhelped, ann)
    at(hours=3)
    third = start(half_helped, alpha, ann)
    tick(third, ann, 1)  # one step of two: not complete
    resolve(half_helped, ann)
    resolve(helped, ann)
    rate(unhelped, 3, comment=PRAISE)  # recovered by the comment
    at(hours=4)
    rate(helped, 5, nps=10)
    at(hours=5)
    tick(second, ann, 2, 1)  # complete after 4 hours
    customer_writes(half_helped, ANGRY)  # reopened, and open now
    at(hours=6)
    resolve(helped_twice, ann)
    at(hours=7)
    customer_writes(helped_twice, ANGRY)  # reopened
    at(hours=8)
    resolve(helped_twice, ann)

    found = metrics.playbooks(period(T0, 7), db.session)

    assert found == PlaybookSection(
        playbooks=[
            PlaybookRow("Alpha checklist", 3, 2, spread(2, (2 + 4) / 2, 2 + 0.9 * (4 - 2))),
            PlaybookRow("Beta checklist", 1, 1, spread(1, 1, 1)),
        ],
        started=4,
        completed=3,
        completion=spread(3, 2, 2 + 0.8 * (4 - 2)),  # 1, 2, 4 hours: position 1.8
        cohorts=[
            Cohort(
                "With a completed checklist",
                tickets=2,  # helped, helped_twice
                resolved=2,
                reopened=1,  # helped_twice
                recovered=1,  # helped wrote a glad message
                scores=Surveys(1, 1, 1, 1, 0, 0, None, 0, 0),
            ),
            Cohort(
                "Without one",
                tickets=2,  # half_helped, unhelped
                resolved=1,  # unhelped
                reopened=0,  # half_helped reopened, but it is not resolved now
                recovered=1,  # unhelped, by its survey comment
                scores=Surveys(1, 0, 0, 0, 0, 0, None, 0, 0),
            ),
        ],
    )
    assert [(c.reopen_rate, c.recovery_rate) for c in found.cohorts] == [
        (1 / 2, 1 / 2),
        (0 / 1, 1 / 2),
    ]


# --- Tagger agreement and deflection ------------------------------------------------------


def test_tagger_agreement_is_the_share_of_reviews_in_the_period_that_kept_the_label(ann):
    at(days=-1)
    older = opened(ANGRY)
    at(days=-1, hours=1)
    review(older, ann, "negative")  # reviewed before the period: left out
    at()
    angry, calm, glad, later = opened(ANGRY), opened(CALM), opened(GLAD), opened(CALM)
    customer_writes(older, CALM)
    at(hours=1)
    review(angry, ann, "negative")  # kept
    review(calm, ann, "positive")  # changed
    review(glad, ann, "positive")  # kept
    second_message = db.session.scalar(
        select(func.max(Message.id)).where(Message.ticket_id == older.id)
    )
    review(older, ann, "neutral", message_id=second_message)  # kept, on an older ticket
    at(days=7, hours=1)
    review(later, ann, "negative")  # reviewed after the period

    found = metrics.agreement(period(T0, 7), db.session)

    assert found == Agreement(reviewed=4, kept=3)
    assert found.rate == 3 / 4


def test_deflection_counts_forms_shown_suggestions_in_the_period(app):
    article = make_article(title="How do I reset my password?", body="Use the reset link.")
    customers = [make_user("customer") for _ in range(5)]

    def shown(customer, form_key: str, *, read: bool) -> None:
        found = kb_service.suggest(query="reset password", customer=customer, form_key=form_key)
        assert [a.id for a in found] == [article.id]
        if read:
            kb_service.suggestion_opened(article=article, customer=customer, form_key=form_key)

    at(days=-1)
    shown(customers[0], "form-before", read=True)  # before the period
    at()
    shown(customers[1], "form-read-left", read=True)  # read and left: deflected
    shown(customers[2], "form-read-sent", read=True)
    make_ticket(customer=customers[2], submission_key="form-read-sent")  # read, sent anyway
    shown(customers[3], "form-unread", read=False)  # not read
    at(days=7, hours=1)
    shown(customers[4], "form-after", read=True)  # after the period
    at(days=8)

    found = metrics.deflection(period(T0, 7), db.session)

    assert found == Deflection(forms=3, deflected=1)
    assert found.rate == 1 / 3


# --- The period comparison ----------------------------------------------------------------


def test_the_previous_period_has_the_same_length_and_cuts_and_its_own_figures(ann):
    at()
    first = opened(channel="email")
    opened(channel="web")  # another channel: left out of every figure below
    at(hours=1)
    answer(first, ann)
    at(hours=3)
    resolve(first, ann)
    at(days=1)
    carried = opened(channel="email")
    at(days=1, hours=2)
    answer(carried, ann)
    at(days=7)
    third = opened(channel="email")
    at(days=8)
    resolve(carried, ann)  # 7 days after it came in: past the 72-hour target
    opened(channel="web")
    at(days=7, hours=4)
    answer(third, ann)
    at(days=7, hours=6)
    resolve(third, ann)
    at(days=9)
    opened(channel="email")  # never answered
    at(days=14)
    current = period(T0 + timedelta(days=7), 7, channel="email")

    previous = current.previous()

    assert previous == Filter(
        start=T0, end=T0 + timedelta(days=7), now=clock.now(), channel="email"
    )
    assert metrics.summary(previous, db.session) == Summary(
        volume=Volume(created=2, resolved=1, backlog=1),  # carried was open at the week's end
        first_reply=FirstReply(spread(2, (1 + 2) / 2, 1 + 0.9 * (2 - 1)), unanswered=0),
        outcomes=Outcomes(
            resolved=1,
            resolution=spread(1, 3, 3),
            wait=spread(1, 3, 3),
            replies_mean=1.0,
            one_touch=1,
            reopened=0,
            reopens=0,
            followups_mean=0.0,
            sla_met=1,
        ),
        conversation=Conversation(1, 2.0, spread(1, 1, 1)),
        complaints=Complaints(0, 0, 0),
        surveys=NO_SCORES,  # the invitation's email never went out
        check_ins=CheckIns(0, 0, 0, 0),
        agreement=Agreement(0, 0),
        deflection=Deflection(0, 0),
    )
    # This week: carried resolved after 7 days = 168 hours, third after 6 hours.
    assert metrics.summary(current, db.session) == Summary(
        volume=Volume(created=2, resolved=2, backlog=1),
        first_reply=FirstReply(spread(1, 4, 4), unanswered=1),
        outcomes=Outcomes(
            resolved=2,
            resolution=spread(2, (6 + 168) / 2, 6 + 0.9 * (168 - 6)),
            wait=spread(2, (6 + 168) / 2, 6 + 0.9 * (168 - 6)),
            replies_mean=1.0,
            one_touch=2,
            reopened=0,
            reopens=0,
            followups_mean=0.0,
            sla_met=1,  # third only
        ),
        conversation=Conversation(2, 2.0, spread(2, (2 + 4) / 2, 2 + 0.9 * (4 - 2))),
        complaints=Complaints(0, 0, 0),
        surveys=NO_SCORES,
        check_ins=CheckIns(0, 0, 0, 0),
        agreement=Agreement(0, 0),
        deflection=Deflection(0, 0),
    )
    report = metrics.report(current, db.session)
    assert report.current == metrics.summary(current, db.session)
    assert report.previous == metrics.summary(previous, db.session)


def test_the_previous_period_of_an_odd_length_ends_where_the_period_starts():
    f = Filter(
        start=datetime(2026, 3, 5, 12, tzinfo=UTC),
        end=datetime(2026, 3, 7, tzinfo=UTC),
        now=T0,
        agent_id=7,
        category_id=3,
        priority="high",
        channel="chat",
        sentiment="negative",
    )

    assert f.previous() == Filter(
        start=datetime(2026, 3, 4, tzinfo=UTC),  # 36 hours before the start
        end=datetime(2026, 3, 5, 12, tzinfo=UTC),
        now=T0,
        agent_id=7,
        category_id=3,
        priority="high",
        channel="chat",
        sentiment="negative",
    )


# --- Series for the charts ----------------------------------------------------------------


def test_daily_volume_counts_each_utc_day_and_gives_days_without_tickets_zeros(ann):
    on(1, 22)
    from_sunday = opened()
    on(2, 1)
    resolve(from_sunday, ann)
    on(2, 9)
    morning = opened()
    on(2, 23, 59)
    midnight = opened()
    on(3, 10)
    resolve(morning, ann)
    on(4, 12)
    wednesday = opened()
    on(6, 8)
    resolve(midnight, ann)
    on(6, 23)
    friday_night = opened()
    on(6, 23, 30)
    resolve(wednesday, ann)
    on(7, 0, 0)
    opened()  # Saturday: after the period
    on(7, 0, 30)
    resolve(friday_night, ann)  # Saturday: after the period

    far_from_utc()
    found = metrics.daily_volume(period(MONDAY, 5), db.session)

    assert found == [
        DailyVolume(date(2026, 3, 2), created=2, resolved=1),  # morning, midnight; from_sunday
        DailyVolume(date(2026, 3, 3), created=0, resolved=1),  # morning
        DailyVolume(date(2026, 3, 4), created=1, resolved=0),  # wednesday
        DailyVolume(date(2026, 3, 5), created=0, resolved=0),
        DailyVolume(date(2026, 3, 6), created=1, resolved=2),  # friday_night; midnight, wednesday
    ]


def test_weekly_resolution_buckets_by_the_monday_of_the_resolution_week(ann):
    for day, took in ((2, 1), (3, 3), (4, 8)):
        on(day, 10)
        ticket = opened()
        on(day, 10 + took)
        resolve(ticket, ann)
    on(10, 12)
    opened()  # the middle week resolves nothing
    on(15, 22, 30)
    sunday = opened()  # created on a Sunday, resolved on the Monday after
    on(16, 0, 30)
    resolve(sunday, ann)
    on(20, 23)
    friday = opened()
    on(22, 23)
    resolve(friday, ann)  # Sunday night still belongs to the week of Monday 16th
    on(22, 23, 30)
    after = opened()
    on(23, 0, 0)
    resolve(after, ann)  # Monday 23rd: after the period

    far_from_utc()
    found = metrics.weekly_resolution(period(MONDAY, 21), db.session)

    assert found == [
        WeeklySpread(date(2026, 3, 2), spread(3, 3, 3 + 0.8 * (8 - 3))),  # 1, 3, 8 hours
        WeeklySpread(date(2026, 3, 9), EMPTY),
        WeeklySpread(date(2026, 3, 16), spread(2, (2 + 48) / 2, 2 + 0.9 * (48 - 2))),
    ]


def test_weekly_sentiment_is_the_mood_mix_of_customer_messages_by_week(ann):
    on(1, 12)
    opened(ANGRY)  # before the period
    on(2, 10)
    first = opened(ANGRY)
    on(3, 10)
    customer_writes(first, CALM)
    answer(first, ann)  # agents' replies and notes carry no mood
    note(first, ann)
    on(4, 10)
    opened(GLAD)
    on(5, 10)
    corrected = opened(ANGRY)
    review(corrected, ann, "neutral")  # the agent's label counts over the tagger's
    on(8, 23, 30)
    opened(CALM, priority="urgent")  # Sunday night: the first week still
    on(9, 0, 30)
    customer_writes(first, GLAD)
    on(10, 10)
    opened(ANGRY)

    found = metrics.weekly_sentiment(period(MONDAY, 14), db.session)

    assert found == [
        WeeklyMoods(date(2026, 3, 2), negative=1, neutral=3, positive=1),
        WeeklyMoods(date(2026, 3, 9), negative=1, neutral=0, positive=1),
    ]
    assert [week.total for week in found] == [5, 2]
    urgent = metrics.weekly_sentiment(period(MONDAY, 14, priority="urgent"), db.session)
    assert [week.total for week in urgent] == [1, 0]


def test_weekly_complaints_count_by_arrival_week_and_resolved_now(ann):
    on(2, 10)
    quick, slow, stuck = opened(ANGRY), opened(ANGRY), opened(ANGRY)
    content = opened(CALM)
    on(3, 10)
    resolve(quick, ann)
    resolve(content, ann)  # not a complaint
    on(10, 10)
    still_open = opened(ANGRY)
    back_again = opened(ANGRY)
    resolve(back_again, ann)
    on(11, 10)
    customer_writes(back_again, ANGRY)  # reopened: not resolved now
    on(17, 10)
    resolve(slow, ann)  # after the period, but resolved now
    assert stuck.status == still_open.status == "new"

    found = metrics.weekly_complaints(period(MONDAY, 14), db.session)

    assert found == [
        WeeklyComplaints(date(2026, 3, 2), received=3, resolved=2),  # quick, slow
        WeeklyComplaints(date(2026, 3, 9), received=2, resolved=0),
    ]


def test_weekly_scores_group_answers_by_the_week_they_came_in(ann):
    on(2, 10)
    delighted, annoyed = opened(), opened()
    for ticket in (delighted, annoyed):
        resolve(ticket, ann)
    on(3, 10)
    rate(delighted, 5, nps=9, ces=2)
    on(8, 23)
    rate(annoyed, 2, nps=0)  # Sunday night: the first week
    on(9, 10)
    lukewarm = opened()
    resolve(lukewarm, ann)  # nobody answers in the second week
    on(22, 23)
    rate(lukewarm, 4, nps=7, ces=4)  # Sunday night of the third week

    found = metrics.weekly_scores(period(MONDAY, 21), db.session)

    assert found == [
        WeeklyScores(date(2026, 3, 2), Surveys(2, 1, 2, 1, 1, 1, 2.0, 0, 0)),
        WeeklyScores(date(2026, 3, 9), NO_SCORES),
        WeeklyScores(date(2026, 3, 16), Surveys(1, 1, 1, 0, 0, 1, 4.0, 0, 0)),
    ]
    assert [week.scores.nps for week in found] == [100 * (1 - 1) / 2, None, 100 * (0 - 0) / 1]


def test_csat_by_resolution_time_bands_answers_by_the_resolution_they_rate(ann):
    at(days=-9)
    slow = opened()
    at(days=-2)
    answered_before = opened()
    at(days=-2, hours=1)
    resolve(answered_before, ann)
    at(days=-1)
    rate(answered_before, 5)  # before the period
    at(days=-9, hours=200)  # 16 hours before T0
    resolve(slow, ann)
    at()
    quick, brisk, four_hours, reopened, rated_first = (opened() for _ in range(5))
    at(hours=1)
    rate(slow, 5)  # 200 hours: over 7 days
    at(hours=2)
    resolve(quick, ann)
    resolve(reopened, ann)
    resolve(rated_first, ann)
    at(hours=3)
    resolve(brisk, ann)
    customer_writes(reopened)  # its first invitation is withdrawn
    rate(rated_first, 5)  # about the resolution after 2 hours
    customer_writes(rated_first)  # reopened after the answer: no second survey
    at(hours=4)
    resolve(four_hours, ann)  # exactly 4 hours: the second band
    at(hours=30)
    resolve(reopened, ann)
    at(hours=31)
    rate(quick, 5)
    rate(brisk, 2)
    rate(four_hours, 4)
    rate(reopened, 1)  # about the resolution after 30 hours
    at(hours=50)
    resolve(rated_first, ann)  # its answer stays with its first resolution

    found = metrics.csat_by_resolution_time(period(T0, 7), db.session)

    assert found == [
        Band("under 4 hours", answers=3, satisfied=2),  # quick, brisk, rated_first
        Band("4 to 24 hours", answers=1, satisfied=1),  # four_hours
        Band("1 to 3 days", answers=1, satisfied=0),  # reopened
        Band("3 to 7 days", answers=0, satisfied=0),
        Band("over 7 days", answers=1, satisfied=1),  # slow
    ]
    assert [band.csat for band in found] == [2 / 3, 1 / 1, 0 / 1, None, 1 / 1]


def test_resolution_time_by_the_opening_mood_of_the_ticket(ann):
    at()
    angry_quick, angry_slow = opened(ANGRY), opened(ANGRY)
    calm = opened(CALM)
    corrected = opened(ANGRY)
    review(corrected, ann, "neutral")  # the agent's reading is the opening mood now
    opened(GLAD)  # not resolved
    customer_writes(angry_slow, GLAD)  # mood later: the opening mood stays negative
    at(hours=1)
    resolve(calm, ann)
    at(hours=2)
    resolve(angry_quick, ann)
    at(hours=3)
    resolve(corrected, ann)
    at(hours=6)
    resolve(angry_slow, ann)
    assert stored(corrected).first_sentiment == "neutral"

    found = metrics.resolution_by_opening_mood(period(T0, 7), db.session)

    assert found == [
        MoodSpread("negative", spread(2, (2 + 6) / 2, 2 + 0.9 * (6 - 2))),
        MoodSpread("neutral", spread(2, (1 + 3) / 2, 1 + 0.9 * (3 - 1))),
        MoodSpread("positive", EMPTY),
    ]


# --- Tables -------------------------------------------------------------------------------


def test_by_agent_gives_each_agent_their_tickets_and_the_scores_of_their_resolutions(ann, bob):
    at()
    first, second = opened(agent=ann), opened(agent=ann)
    complaint = opened(ANGRY, agent=ann)
    customer_writes(complaint, GLAD)  # still a complaint: it opened negative
    bobs, handed_over = opened(agent=bob), opened(agent=bob)
    opened(ANGRY)  # nobody's
    at(hours=1)
    answer(first, ann)
    resolve(handed_over, bob)  # Bob resolves without a reply; the survey is about him
    at(hours=2)
    resolve(first, ann)
    answer(complaint, ann)
    at(hours=3)
    answer(second, ann)
    at(hours=4)
    resolve(second, ann)
    answer(bobs, bob)
    at(hours=4.5)
    customer_writes(second)  # reopened
    at(hours=5)
    answer(second, ann)
    service.assign(ticket=handed_over, actor=bob, assignee_id=ann.id)  # now Ann's
    at(hours=6)
    resolve(second, ann)
    at(hours=8)
    resolve(bobs, bob)
    at(hours=9)
    rate(first, 5)
    rate(second, 3)
    rate(handed_over, 4)
    week = period(T0, 7)

    found = metrics.by_agent(week, db.session)

    # Ann has first, second, complaint and handed_over: first replies after 1, 3 and 2 hours
    # (handed_over unanswered), resolutions after 2, 6 and 1 hours, replies 1, 2 and 0.
    assert found == [
        TeamRow(
            key=ann.id,
            name="Ann Archer",
            created=4,
            resolved=3,
            first_reply_median=hours(2),
            resolution_median=hours(2),
            replies_mean=pytest.approx((1 + 2 + 0) / 3),
            reopened=1,
            complaints=1,
            scores=Surveys(2, 1, 0, 0, 0, 0, None, 0, 0),  # first (5), second (3)
        ),
        TeamRow(
            key=bob.id,
            name="Bob Baker",
            created=1,
            resolved=1,
            first_reply_median=hours(4),
            resolution_median=hours(8),
            replies_mean=1.0,
            reopened=0,
            complaints=0,
            scores=Surveys(1, 1, 0, 0, 0, 0, None, 0, 0),  # handed_over (4)
        ),
        TeamRow(key=None, name="Unassigned", created=1, complaints=1),
    ]
    assert found[0].reopen_rate == 1 / 3
    assert metrics.surveys(period(T0, 7, agent_id=bob.id), db.session).answers == 1
    assert metrics.outcomes(period(T0, 7, agent_id=bob.id), db.session).resolved == 1


def test_by_category_gives_each_category_its_tickets_and_scores(ann):
    billing, technical = category("Billing"), category("Technical issue")
    at(days=-1)
    older = opened(category_id=technical.id)
    at()
    paid = opened(category_id=billing.id)
    charged_twice = opened(ANGRY, category_id=billing.id)
    opened()  # no category, never answered
    at(hours=1)
    answer(paid, ann)
    at(hours=2)
    answer(charged_twice, ann)
    at(hours=3)
    resolve(paid, ann)
    at(hours=5)
    rate(paid, 4, nps=10)
    at(hours=6)
    resolve(older, ann)  # 30 hours, no reply

    found = metrics.by_category(period(T0, 7), db.session)

    assert found == [
        TeamRow(
            key=billing.id,
            name="Billing",
            created=2,
            resolved=1,
            first_reply_median=hours((1 + 2) / 2),
            resolution_median=hours(3),
            replies_mean=1.0,
            reopened=0,
            complaints=1,
            scores=Surveys(1, 1, 1, 1, 0, 0, None, 0, 0),
        ),
        TeamRow(
            key=technical.id,
            name="Technical issue",
            created=0,
            resolved=1,
            resolution_median=hours(30),
            replies_mean=0.0,
        ),
        TeamRow(key=None, name="No category", created=1),
    ]
    scores_by_category = [
        metrics.surveys(period(T0, 7, category_id=kind.id), db.session).answers
        for kind in (billing, technical)
    ]
    assert scores_by_category == [1, 0]


def test_each_filter_cut_keeps_only_the_matching_tickets(ann, bob):
    billing, technical = category("Billing"), category("Technical issue")
    at()
    made = [
        # (hours to resolve or None, opening text, assignee, category, priority, channel)
        (1, ANGRY, ann, billing, "high", "email"),
        (2, CALM, bob, billing, "normal", "web"),  # the customer writes angrily later
        (3, GLAD, ann, technical, "high", "web"),
        (4, ANGRY, None, None, "low", "phone"),
        (None, CALM, bob, technical, "urgent", "chat"),
    ]
    tickets = []
    for _took, opening, agent, kind, priority, channel in made:
        tickets.append(
            opened(
                opening,
                agent=agent,
                category_id=kind.id if kind else None,
                priority=priority,
                channel=channel,
            )
        )
    at(hours=0.5)
    customer_writes(tickets[1], ANGRY)  # the opening mood stays neutral
    assert (stored(tickets[1]).first_sentiment, stored(tickets[1]).last_sentiment) == (
        "neutral",
        "negative",
    )
    for ticket, (took, *_rest) in zip(tickets, made, strict=True):
        if took is not None:
            at(hours=took)
            resolve(ticket, ann)
    at(days=1)

    def figures(**cut) -> tuple:
        f = period(T0, 7, **cut)
        outcomes = metrics.outcomes(f, db.session)
        return metrics.volume(f, db.session).created, outcomes.resolved, outcomes.resolution

    assert figures(agent_id=ann.id) == (2, 2, spread(2, (1 + 3) / 2, 1 + 0.9 * (3 - 1)))
    assert figures(agent_id=bob.id) == (2, 1, spread(1, 2, 2))
    assert figures(category_id=billing.id) == (2, 2, spread(2, (1 + 2) / 2, 1 + 0.9 * (2 - 1)))
    assert figures(category_id=technical.id) == (2, 1, spread(1, 3, 3))
    assert figures(priority="high") == (2, 2, spread(2, (1 + 3) / 2, 1 + 0.9 * (3 - 1)))
    assert figures(channel="web") == (2, 2, spread(2, (2 + 3) / 2, 2 + 0.9 * (3 - 2)))
    assert figures(channel="api") == (0, 0, EMPTY)
    assert figures(sentiment="negative") == (2, 2, spread(2, (1 + 4) / 2, 1 + 0.9 * (4 - 1)))
    assert figures(sentiment="positive") == (1, 1, spread(1, 3, 3))
    assert figures(agent_id=ann.id, priority="high", channel="web") == (1, 1, spread(1, 3, 3))
    assert figures(category_id=billing.id, sentiment="neutral") == (1, 1, spread(1, 2, 2))


def test_cuts_on_the_ticket_reach_answers_reviews_and_moods_through_their_ticket(ann, bob):
    # Answers, reviews and messages are read without their ticket unless a cut is on the
    # ticket's own columns; each cut must still keep exactly the matching rows.
    at()
    urgent = opened(ANGRY, agent=ann, priority="urgent", channel="email")
    low = opened(CALM, agent=bob, priority="low", channel="web")
    at(hours=1)
    for ticket in (urgent, low):
        resolve(ticket, ticket.assignee)
    rate(urgent, 5, nps=10)
    rate(low, 2, nps=3)
    review(urgent, ann, "negative")
    review(low, bob, "positive")
    at(days=1)

    def figures(**cut) -> tuple:
        f = period(T0, 7, **cut)
        scores = metrics.surveys(f, db.session)
        moods = metrics.weekly_sentiment(f, db.session)
        return (
            (scores.answers, scores.satisfied, scores.invited),
            metrics.agreement(f, db.session),
            sum(week.negative for week in moods),
            sum(week.total for week in moods),
            [row.name for row in metrics.by_agent(f, db.session) if row.scores],
        )

    assert figures() == ((2, 1, 2), Agreement(2, 1), 1, 2, [ann.name, bob.name])
    assert figures(priority="urgent") == ((1, 1, 1), Agreement(1, 1), 1, 1, [ann.name])
    assert figures(channel="web") == ((1, 0, 1), Agreement(1, 0), 0, 1, [bob.name])
    assert figures(sentiment="negative") == ((1, 1, 1), Agreement(1, 1), 1, 1, [ann.name])
    assert figures(agent_id=bob.id) == ((1, 0, 1), Agreement(1, 0), 0, 1, [bob.name])
    assert figures(priority="high") == ((0, 0, 0), Agreement(0, 0), 0, 0, [])


# --- Ideas and the knowledge base ---------------------------------------------------------


def test_ideas_rank_open_ideas_by_votes_and_count_what_shipped_in_the_period(ann):
    fans = [make_user("customer") for _ in range(3)]
    at(days=-3)
    exported = make_idea(title="Export to CSV")
    at(days=-2)
    ideas_service.change_status(idea=exported, actor=ann, status="done", note="Shipped.")
    at(days=-1)
    dark = make_idea(title="Dark mode")
    ideas_service.toggle_vote(idea=dark, user=fans[0])
    duplicate = make_idea(title="Night theme")
    at()
    offline = make_idea(title="Offline mode")
    for fan in fans[:2]:
        ideas_service.toggle_vote(idea=offline, user=fan)
    bulk = make_idea(title="Bulk edit")
    crypto = make_idea(title="Pay in crypto")
    at(hours=1)
    ideas_service.change_status(idea=dark, actor=ann, status="done", note="It is out.")
    ideas_service.change_status(idea=bulk, actor=ann, status="planned", note="Next month.")
    ideas_service.change_status(idea=crypto, actor=ann, status="declined", note="Not for us.")
    at(hours=2)
    ideas_service.merge(idea=duplicate, into_id=offline.id, actor=ann)  # its vote moves over
    at(days=8)

    found = metrics.ideas(period(T0, 7), db.session)

    assert found == IdeaSection(
        top=[
            IdeaRow(offline.id, "Offline mode", "new", 1 + 2 + 1),  # author, two fans, merged
            IdeaRow(bulk.id, "Bulk edit", "planned", 1),
        ],
        by_status={
            "new": 1,
            "under_review": 0,
            "planned": 1,
            "in_progress": 0,
            "done": 2,  # exported, dark
            "declined": 1,
        },
        posted=3,  # offline, bulk, crypto
        shipped=[IdeaRow(dark.id, "Dark mode", "done", 2)],
        voters_told=2,  # dark's author and its fan
    )
    assert metrics.ideas(period(T0, 7), db.session, limit=1).top == found.top[:1]


def test_kb_section_reads_views_votes_in_the_period_and_articles_from_tickets(ann):
    def give(article, visitor: str, helpful: bool) -> None:
        kb_service.give_feedback(article=article, visitor=visitor, helpful=helpful)

    at(days=-2)
    password = make_article(title="Reset your password", author=ann)
    parcel = make_article(title="Track a parcel", author=ann)
    draft = make_article(title="Notes in progress", status="draft", author=ann)
    email = make_article(title="Change your email", author=ann)
    for article, views in ((password, 5), (parcel, 2), (draft, 9)):
        for _ in range(views):
            kb_service.record_view(article)
    at(days=-1)
    give(parcel, "visitor-old", False)  # before the period
    give(email, "visitor-7", True)  # changes their mind in the period
    make_article(
        title="From an old ticket", status="draft", author=ann, source_ticket_number=opened().number
    )
    at()
    give(password, "visitor-1", True)
    give(password, "visitor-2", True)
    give(password, "visitor-3", False)
    give(parcel, "visitor-4", False)
    give(parcel, "visitor-5", False)
    give(email, "visitor-6", True)
    give(email, "visitor-7", False)
    make_article(
        title="From a new ticket", status="draft", author=ann, source_ticket_number=opened().number
    )
    at(days=7, hours=1)
    give(password, "visitor-8", True)  # after the period
    f = period(T0, 7)

    found = metrics.kb(f, db.session)

    # All time: password 2 yes (3 with visitor-8) and 1 no; parcel 0 yes and 3 no; email 1 and 1.
    assert found == KbSection(
        most_viewed=[
            ArticleRow(password.slug, "Reset your password", 5, 3, 1),
            ArticleRow(parcel.slug, "Track a parcel", 2, 0, 3),
            ArticleRow(email.slug, "Change your email", 0, 1, 1),
        ],
        least_helpful=[  # three votes or more, the largest share of no first
            ArticleRow(parcel.slug, "Track a parcel", 2, 0, 3),
            ArticleRow(password.slug, "Reset your password", 5, 3, 1),
        ],
        feedback_yes=3,  # visitors 1, 2 and 6
        feedback_no=4,  # visitors 3, 4, 5 and 7
        deflection=Deflection(0, 0),
        written_from_tickets=1,
    )
    assert found.helpful_rate == 3 / (3 + 4)
    assert found.most_viewed[0].helpful_rate == 3 / 4
    short = metrics.kb(f, db.session, limit=2, min_votes=2)
    assert [row.slug for row in short.most_viewed] == [password.slug, parcel.slug]
    assert [row.slug for row in short.least_helpful] == [parcel.slug, email.slug]
