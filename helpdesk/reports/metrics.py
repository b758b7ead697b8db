"""The support metrics of DESIGN.md's table, computed in SQL over the ticket facts.

Every function takes a `Filter` and a session and returns plain values; none knows about HTTP
or templates, and the moment "now" comes in with the filter. Counting, grouping and
percentiles happen in the database, so the cost grows with the tickets in the range.

Which date puts a row in the period:
- arrival (tickets created, first reply time, complaints and their recovery, incoming
  sentiment): the ticket's created_at, or the message's;
- outcome (resolved, resolution time, requester wait, replies to resolution, one-touch,
  reopens, follow-ups, SLA, conversation length): resolved_at, the latest resolution;
- survey scores: answered_at; response rate: when the invitation was made;
- check-ins: due_at (only those due by now); tagger agreement: when the agent reviewed;
- KB deflection: when suggestions were shown; ideas shipped: done_at.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from sqlalchemy import Select, and_, case, exists, func, literal, or_, select
from sqlalchemy.orm import Session

from helpdesk.auth.models import User
from helpdesk.ideas.models import Idea, IdeaStatus, IdeaStatusChange
from helpdesk.kb.insights import deflection as kb_deflection
from helpdesk.kb.models import Article, ArticleFeedback, ArticleStatus
from helpdesk.playbooks.models import CheckIn, Playbook, PlaybookRun
from helpdesk.sql import day_of, median, seconds_between, spread, week_of
from helpdesk.surveys.models import SurveyInvitation, SurveyResponse
from helpdesk.tickets.models import DONE_STATUSES, Category, Message, MessageKind, Ticket

MOODS = ("negative", "neutral", "positive")
GOOD_MOODS = ("neutral", "positive")


@dataclass(frozen=True)
class Filter:
    """The period [start, end) and the ticket attributes every figure is cut by."""

    start: datetime
    end: datetime
    now: datetime
    agent_id: int | None = None
    category_id: int | None = None
    priority: str | None = None
    channel: str | None = None
    sentiment: str | None = None  # the ticket's opening mood (its first customer message)

    def previous(self) -> "Filter":
        """The period of equal length just before this one, with the same cuts."""
        length = self.end - self.start
        return replace(self, start=self.start - length, end=self.start)

    def days(self) -> list[date]:
        first, last = self.start.date(), (self.end - timedelta(microseconds=1)).date()
        return [first + timedelta(days=n) for n in range((last - first).days + 1)]

    def weeks(self) -> list[date]:
        """The Mondays of the weeks the period touches."""
        first = self.start.date() - timedelta(days=self.start.weekday())
        last = (self.end - timedelta(microseconds=1)).date()
        return [first + timedelta(weeks=n) for n in range((last - first).days // 7 + 1)]


def during(column, f: Filter):
    return and_(column >= f.start, column < f.end)


def cut(f: Filter, *, agent=Ticket.assignee_id, category=Ticket.category_id) -> list:
    """The conditions on ticket attributes the filter asks for. Scores and check-ins pass the
    agent (and category) they keep themselves: who answered the ticket, not who has it now."""
    wanted = (
        (agent, f.agent_id),
        (category, f.category_id),
        (Ticket.priority, f.priority),
        (Ticket.channel, f.channel),
        (Ticket.first_sentiment, f.sentiment),
    )
    return [column == value for column, value in wanted if value is not None]


def through_ticket(statement: Select, ticket_id, conditions: list) -> Select:
    """`statement` (over rows that belong to a ticket) under the filter's conditions, joined
    to the ticket only when a condition is on the ticket's own columns: a year of survey
    answers or customer messages is read without reading each one's ticket."""
    if any(condition.left.table is Ticket.__table__ for condition in conditions):
        statement = statement.join(Ticket, Ticket.id == ticket_id)
    return statement.where(*conditions)


def count_if(condition):
    """How many rows of the group meet the condition (0 for none)."""
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


def total(column):
    """The sum of a column over the group, 0 for none."""
    return func.coalesce(func.sum(column), 0)


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


@dataclass(frozen=True)
class Spread:
    """A duration in seconds over `count` tickets: its median and 90th percentile."""

    count: int
    median: float | None
    p90: float | None


# --- Headline figures ---------------------------------------------------------------------


@dataclass(frozen=True)
class Volume:
    created: int
    resolved: int
    backlog: int  # unresolved at the end of the period


def volume(f: Filter, session: Session) -> Volume:
    """Tickets created and resolved in the period, and the backlog at its end (tickets created
    before the end whose latest resolution is not before it)."""
    created = session.scalar(select(func.count()).where(during(Ticket.created_at, f), *cut(f)))
    resolved = session.scalar(select(func.count()).where(during(Ticket.resolved_at, f), *cut(f)))
    end = min(f.end, f.now)
    backlog = session.scalar(
        select(func.count()).where(
            Ticket.created_at < end,
            or_(Ticket.resolved_at.is_(None), Ticket.resolved_at >= end),
            *cut(f),
        )
    )
    return Volume(created=created, resolved=resolved, backlog=backlog)


@dataclass(frozen=True)
class FirstReply:
    answered: Spread  # tickets created in the period that have had a public reply
    unanswered: int  # created in the period and never answered: apart, never as zero


def first_reply(f: Filter, session: Session) -> FirstReply:
    """Created to the first public agent reply, over the tickets created in the period."""
    wait = seconds_between(Ticket.created_at, Ticket.first_reply_at)
    answered, waits, unanswered = session.execute(
        select(
            func.count(Ticket.first_reply_at),
            spread(wait),
            count_if(Ticket.first_reply_at.is_(None)),
        ).where(during(Ticket.created_at, f), *cut(f))
    ).one()
    return FirstReply(Spread(answered, *waits), unanswered)


@dataclass(frozen=True)
class Outcomes:
    """How the tickets resolved in the period went."""

    resolved: int
    resolution: Spread  # created to the latest resolution
    wait: Spread  # requester wait: time spent new or open
    replies_mean: float | None  # public agent replies before resolution
    one_touch: int  # resolved with exactly one agent reply
    reopened: int  # reopened at least once
    reopens: int  # moves back from resolved or closed, all told
    followups_mean: float | None  # customer messages chasing an unresolved ticket
    sla_met: int  # first reply and resolution both within their targets

    @property
    def one_touch_rate(self) -> float | None:
        return _share(self.one_touch, self.resolved)

    @property
    def reopen_rate(self) -> float | None:
        return _share(self.reopened, self.resolved)

    @property
    def sla_rate(self) -> float | None:
        return _share(self.sla_met, self.resolved)


def resolution_seconds():
    return seconds_between(Ticket.created_at, Ticket.resolved_at)


def sla_met():
    """Answered by the first-reply target (or resolved by it without needing a reply) and
    resolved by the resolution target."""
    first_reply_met = func.coalesce(Ticket.first_reply_at, Ticket.resolved_at) <= (
        Ticket.first_reply_due_at
    )
    return and_(first_reply_met, Ticket.resolved_at <= Ticket.resolution_due_at)


def outcomes(f: Filter, session: Session) -> Outcomes:
    """Resolution time, requester wait, replies, one-touch, reopens, follow-ups and SLA over
    the tickets whose latest resolution fell in the period."""
    return resolved_tickets(f, session)[0]


def _float(value) -> float | None:
    return None if value is None else float(value)


@dataclass(frozen=True)
class Conversation:
    tickets: int
    messages_mean: float | None  # customer messages and public replies per ticket
    elapsed: Spread  # first to last of those messages


def conversation(f: Filter, session: Session) -> Conversation:
    """Conversation length of the tickets resolved in the period (internal notes left out)."""
    return resolved_tickets(f, session)[1]


def resolved_tickets(f: Filter, session: Session) -> tuple[Outcomes, Conversation]:
    """The outcomes and the conversation length of the tickets resolved in the period, in one
    read of them (the ticket keeps its conversation's facts: no message is read)."""
    resolution = resolution_seconds()
    elapsed = seconds_between(Ticket.first_message_at, Ticket.last_message_at)
    row = session.execute(
        select(
            func.count(),
            spread(resolution),
            spread(Ticket.team_wait_seconds),
            func.avg(Ticket.agent_replies),
            count_if(Ticket.agent_replies == 1),
            count_if(Ticket.reopen_count > 0),
            func.coalesce(func.sum(Ticket.reopen_count), 0),
            func.avg(Ticket.customer_followups),
            count_if(sla_met()),
            func.count(Ticket.first_message_at),
            func.avg(case((Ticket.public_messages > 0, Ticket.public_messages))),
            spread(elapsed),
        ).where(during(Ticket.resolved_at, f), *cut(f))
    ).one()
    count, talked = row[0], row[9]
    found = Outcomes(
        resolved=count,
        resolution=Spread(count, *row[1]),
        wait=Spread(count, *row[2]),
        replies_mean=_float(row[3]),
        one_touch=row[4],
        reopened=row[5],
        reopens=row[6],
        followups_mean=_float(row[7]),
        sla_met=row[8],
    )
    return found, Conversation(talked, _float(row[10]), Spread(talked, *row[11]))


def latest_mood():
    """The mood of the customer's last text on the ticket: a survey comment written after
    their last message, else the last message's (agents' corrections included)."""
    last_message_at = (
        select(func.max(Message.created_at))
        .where(Message.ticket_id == Ticket.id, Message.kind == MessageKind.CUSTOMER)
        .correlate(Ticket)  # the ticket being counted, two queries out
        .scalar_subquery()
    )
    later_comment = (
        select(SurveyResponse.sentiment_label)
        .where(
            SurveyResponse.ticket_id == Ticket.id,
            SurveyResponse.sentiment_label.is_not(None),
            SurveyResponse.answered_at > last_message_at,
        )
        .order_by(SurveyResponse.answered_at.desc(), SurveyResponse.id.desc())
        .limit(1)
        .scalar_subquery()
    )
    return func.coalesce(later_comment, Ticket.last_sentiment)


@dataclass(frozen=True)
class Complaints:
    received: int  # tickets created in the period whose first customer message was negative
    resolved: int  # of those, resolved or closed now
    recovered: int  # of those, the customer's last text is neutral or positive

    @property
    def resolved_rate(self) -> float | None:
        return _share(self.resolved, self.received)

    @property
    def recovery_rate(self) -> float | None:
        return _share(self.recovered, self.received)


def complaints(f: Filter, session: Session) -> Complaints:
    """Complaints received in the period, how many are resolved, and mood recovery."""
    received, resolved, recovered = session.execute(
        select(
            func.count(),
            count_if(Ticket.status.in_(DONE_STATUSES)),
            count_if(latest_mood().in_(GOOD_MOODS)),
        ).where(during(Ticket.created_at, f), Ticket.first_sentiment == "negative", *cut(f))
    ).one()
    return Complaints(received, resolved, recovered)


@dataclass(frozen=True)
class Surveys:
    answers: int
    satisfied: int  # CSAT 4 or 5
    nps_answers: int
    promoters: int  # NPS 9-10
    detractors: int  # NPS 0-6
    ces_answers: int
    ces_mean: float | None
    invited: int  # invitations made in the period that reached the customer
    invitations_answered: int

    @property
    def csat(self) -> float | None:
        """Share of answers scoring 4 or 5 of 5."""
        return _share(self.satisfied, self.answers)

    @property
    def nps(self) -> float | None:
        """% promoters minus % detractors, from -100 to 100."""
        if not self.nps_answers:
            return None
        return 100 * (self.promoters - self.detractors) / self.nps_answers

    @property
    def response_rate(self) -> float | None:
        return _share(self.invitations_answered, self.invited)


NO_SCORES = Surveys(0, 0, 0, 0, 0, 0, None, 0, 0)


def score_columns() -> tuple:
    """The survey answers' counts over the group: answers, satisfied, NPS answers, promoters,
    detractors, CES answers and the CES total (a sum, so that days can be added up)."""
    return (
        func.count(),
        count_if(SurveyResponse.csat >= 4),
        func.count(SurveyResponse.nps),
        count_if(SurveyResponse.nps >= 9),
        count_if(SurveyResponse.nps <= 6),
        func.count(SurveyResponse.ces),
        total(SurveyResponse.ces),
    )


def _scores(row) -> Surveys:
    """Surveys from the values of `score_columns` (invitations are counted apart)."""
    ces_answers, ces_total = row[5], row[6]
    return Surveys(*row[:6], ces_total / ces_answers if ces_answers else None, 0, 0)


def response_cut(f: Filter) -> list:
    return cut(f, agent=SurveyResponse.agent_id, category=SurveyResponse.category_id)


def _answers(statement: Select, f: Filter) -> Select:
    """`statement` over the survey answers given in the period, under the filter."""
    return through_ticket(
        statement.where(during(SurveyResponse.answered_at, f)),
        SurveyResponse.ticket_id,
        response_cut(f),
    )


def surveys(f: Filter, session: Session) -> Surveys:
    """CSAT, NPS and CES of the answers given in the period; the response rate of the
    invitations made in it (sent by email, or answered before the email went)."""
    scores = session.execute(_answers(select(*score_columns()), f)).one()
    reached = select(func.count(), func.count(SurveyInvitation.answered_at)).where(
        during(SurveyInvitation.created_at, f),
        or_(SurveyInvitation.sent_at.is_not(None), SurveyInvitation.answered_at.is_not(None)),
    )
    invited, answered = session.execute(
        through_ticket(
            reached,
            SurveyInvitation.ticket_id,
            cut(f, agent=SurveyInvitation.agent_id, category=SurveyInvitation.category_id),
        )
    ).one()
    return replace(_scores(scores), invited=invited, invitations_answered=answered)


@dataclass(frozen=True)
class CheckIns:
    due: int  # check-ins due in the period, up to now
    on_time: int  # done by their due time
    late: int  # done after it
    overdue: int  # not done yet

    @property
    def on_time_rate(self) -> float | None:
        return _share(self.on_time, self.due)


def _check_in_counts():
    return (
        func.count(),
        count_if(CheckIn.done_at <= CheckIn.due_at),
        count_if(CheckIn.done_at > CheckIn.due_at),
        count_if(CheckIn.done_at.is_(None)),
    )


def _check_ins_due(statement: Select, f: Filter) -> Select:
    """`statement` over the check-ins due in the period (up to now), under the filter."""
    due = statement.where(during(CheckIn.due_at, f), CheckIn.due_at <= f.now)
    return through_ticket(due, CheckIn.ticket_id, cut(f, agent=CheckIn.assignee_id))


def check_ins(f: Filter, session: Session) -> CheckIns:
    """Follow-ups after resolution that fell due in the period: on time, late, overdue."""
    row = session.execute(_check_ins_due(select(*_check_in_counts()), f)).one()
    return CheckIns(*row)


@dataclass(frozen=True)
class Agreement:
    reviewed: int  # customer messages whose mood an agent reviewed in the period
    kept: int  # the agent kept the tagger's label

    @property
    def rate(self) -> float | None:
        return _share(self.kept, self.reviewed)


def agreement(f: Filter, session: Session) -> Agreement:
    """Tagger agreement: of the labels agents reviewed in the period, the share they kept."""
    reviewed = select(
        func.count(), count_if(Message.corrected_label == Message.sentiment_label)
    ).where(during(Message.corrected_at, f))
    reviewed, kept = session.execute(through_ticket(reviewed, Message.ticket_id, cut(f))).one()
    return Agreement(reviewed, kept)


@dataclass(frozen=True)
class Deflection:
    forms: int  # new-ticket forms shown suggestions in the period
    deflected: int  # a suggestion read and no ticket sent

    @property
    def rate(self) -> float | None:
        return _share(self.deflected, self.forms)


def deflection(f: Filter, session: Session) -> Deflection:
    """KB deflection in the period. A form has no ticket yet, so only the dates cut it."""
    found = kb_deflection(f.start, min(f.end, f.now))
    return Deflection(found.forms, found.deflected)


@dataclass(frozen=True)
class Summary:
    """Every headline figure of one period."""

    volume: Volume
    first_reply: FirstReply
    outcomes: Outcomes
    conversation: Conversation
    complaints: Complaints
    surveys: Surveys
    check_ins: CheckIns
    agreement: Agreement
    deflection: Deflection


def summary(f: Filter, session: Session) -> Summary:
    resolved = resolved_tickets(f, session)
    return Summary(
        volume=volume(f, session),
        first_reply=first_reply(f, session),
        outcomes=resolved[0],
        conversation=resolved[1],
        complaints=complaints(f, session),
        surveys=surveys(f, session),
        check_ins=check_ins(f, session),
        agreement=agreement(f, session),
        deflection=deflection(f, session),
    )


# --- Series for the charts ----------------------------------------------------------------


@dataclass(frozen=True)
class DailyVolume:
    day: date
    created: int
    resolved: int


def daily_volume(f: Filter, session: Session) -> list[DailyVolume]:
    """Tickets created and resolved on each day of the period (days with none included)."""
    created = _by_bucket(session, day_of(Ticket.created_at), Ticket.created_at, f)
    resolved = _by_bucket(session, day_of(Ticket.resolved_at), Ticket.resolved_at, f)
    return [
        DailyVolume(day, created.get(day.isoformat(), 0), resolved.get(day.isoformat(), 0))
        for day in f.days()
    ]


def _by_bucket(session: Session, bucket, dated, f: Filter) -> dict[str, int]:
    rows = session.execute(
        select(bucket, func.count()).where(during(dated, f), *cut(f)).group_by(bucket)
    )
    return {bucket: count for bucket, count in rows}


@dataclass(frozen=True)
class WeeklySpread:
    week: date
    spread: Spread


def weekly_resolution(f: Filter, session: Session) -> list[WeeklySpread]:
    """Median and 90th percentile of resolution time, by the week of resolution."""
    week = week_of(Ticket.resolved_at)
    resolution = resolution_seconds()
    rows = session.execute(
        select(week, func.count(), spread(resolution))
        .where(during(Ticket.resolved_at, f), *cut(f))
        .group_by(week)
    )
    found = {row[0]: Spread(row[1], *row[2]) for row in rows}
    return [
        WeeklySpread(monday, found.get(monday.isoformat(), Spread(0, None, None)))
        for monday in f.weeks()
    ]


@dataclass(frozen=True)
class WeeklyMoods:
    week: date
    negative: int
    neutral: int
    positive: int

    @property
    def total(self) -> int:
        return self.negative + self.neutral + self.positive


def weekly_sentiment(f: Filter, session: Session) -> list[WeeklyMoods]:
    """The mood mix of the customer messages that came in each week (agents' corrections
    count over the tagger's label)."""
    week = week_of(Message.created_at)
    label = func.coalesce(Message.corrected_label, Message.sentiment_label)
    statement = (
        select(week, label, func.count())
        .where(Message.kind == MessageKind.CUSTOMER, during(Message.created_at, f))
        .where(label.in_(MOODS))
        .group_by(week, label)
    )
    rows = session.execute(through_ticket(statement, Message.ticket_id, cut(f)))
    counts: dict[tuple[str, str], int] = {(row[0], row[1]): row[2] for row in rows}
    return [
        WeeklyMoods(monday, *(counts.get((monday.isoformat(), mood), 0) for mood in MOODS))
        for monday in f.weeks()
    ]


@dataclass(frozen=True)
class WeeklyComplaints:
    week: date
    received: int
    resolved: int


def weekly_complaints(f: Filter, session: Session) -> list[WeeklyComplaints]:
    """Complaints by the week they came in, and how many of them are resolved now."""
    week = week_of(Ticket.created_at)
    rows = session.execute(
        select(week, func.count(), count_if(Ticket.status.in_(DONE_STATUSES)))
        .where(during(Ticket.created_at, f), Ticket.first_sentiment == "negative", *cut(f))
        .group_by(week)
    )
    found = {row[0]: (row[1], row[2]) for row in rows}
    return [
        WeeklyComplaints(monday, *found.get(monday.isoformat(), (0, 0))) for monday in f.weeks()
    ]


@dataclass(frozen=True)
class WeeklyScores:
    week: date
    scores: Surveys


def weekly_scores(f: Filter, session: Session) -> list[WeeklyScores]:
    """CSAT and NPS by the week the answers came in."""
    week = week_of(SurveyResponse.answered_at)
    rows = session.execute(_answers(select(week, *score_columns()).group_by(week), f))
    found = {row[0]: _scores(row[1:]) for row in rows}
    return [WeeklyScores(monday, found.get(monday.isoformat(), NO_SCORES)) for monday in f.weeks()]


# Resolution time bands for the satisfaction chart: (label, up to this many hours).
RESOLUTION_BANDS = (
    ("under 4 hours", 4),
    ("4 to 24 hours", 24),
    ("1 to 3 days", 72),
    ("3 to 7 days", 168),
    ("over 7 days", None),
)


@dataclass(frozen=True)
class Band:
    label: str
    answers: int
    satisfied: int

    @property
    def csat(self) -> float | None:
        return _share(self.satisfied, self.answers)


def resolution_band():
    """The label of RESOLUTION_BANDS a survey answer falls in, by how long the resolution it
    asks about took (the invitation is made at that resolution; joined to both)."""
    hours = seconds_between(Ticket.created_at, SurveyInvitation.created_at) / 3600.0
    return case(
        *((hours < limit, label) for label, limit in RESOLUTION_BANDS if limit is not None),
        else_=RESOLUTION_BANDS[-1][0],
    )


def csat_by_resolution_time(f: Filter, session: Session) -> list[Band]:
    """CSAT of the answers given in the period, by how long that resolution took (the
    invitation is made at the resolution it asks about)."""
    band = resolution_band()
    rows = session.execute(
        select(band, func.count(), count_if(SurveyResponse.csat >= 4))
        .join(SurveyInvitation, SurveyInvitation.id == SurveyResponse.invitation_id)
        .join(Ticket, Ticket.id == SurveyResponse.ticket_id)
        .where(during(SurveyResponse.answered_at, f), *response_cut(f))
        .group_by(band)
    )
    found = {row[0]: (row[1], row[2]) for row in rows}
    return [Band(label, *found.get(label, (0, 0))) for label, _limit in RESOLUTION_BANDS]


@dataclass(frozen=True)
class MoodSpread:
    mood: str
    spread: Spread


def resolution_by_opening_mood(f: Filter, session: Session) -> list[MoodSpread]:
    """Resolution time of the tickets resolved in the period, by their first message's mood."""
    resolution = resolution_seconds()
    rows = session.execute(
        select(Ticket.first_sentiment, func.count(), spread(resolution))
        .where(during(Ticket.resolved_at, f), Ticket.first_sentiment.in_(MOODS), *cut(f))
        .group_by(Ticket.first_sentiment)
    )
    found = {row[0]: Spread(row[1], *row[2]) for row in rows}
    return [MoodSpread(mood, found.get(mood, Spread(0, None, None))) for mood in MOODS]


# --- Tables -------------------------------------------------------------------------------


@dataclass
class TeamRow:
    """One agent's (or one category's) figures in the period."""

    key: int | None
    name: str
    created: int = 0
    resolved: int = 0
    first_reply_median: float | None = None
    resolution_median: float | None = None
    replies_mean: float | None = None
    reopened: int = 0
    complaints: int = 0
    scores: Surveys | None = None
    check_ins: CheckIns | None = None

    @property
    def reopen_rate(self) -> float | None:
        return _share(self.reopened, self.resolved)


def _rows_for(keys: Iterable[int | None], names: dict[int, str], nobody: str) -> dict:
    return {key: TeamRow(key, names.get(key, nobody) if key else nobody) for key in keys}


def _outcomes_by(group, f: Filter, session: Session) -> dict:
    resolution = resolution_seconds()
    rows = session.execute(
        select(
            group,
            func.count(),
            median(resolution),
            func.avg(Ticket.agent_replies),
            count_if(Ticket.reopen_count > 0),
        )
        .where(during(Ticket.resolved_at, f), *cut(f))
        .group_by(group)
    )
    return {row[0]: row[1:] for row in rows}


def _arrivals_by(group, f: Filter, session: Session) -> dict:
    wait = seconds_between(Ticket.created_at, Ticket.first_reply_at)
    rows = session.execute(
        select(
            group,
            func.count(),
            median(wait),
            count_if(Ticket.first_sentiment == "negative"),
        )
        .where(during(Ticket.created_at, f), *cut(f))
        .group_by(group)
    )
    return {row[0]: row[1:] for row in rows}


def _scores_by(group, f: Filter, session: Session) -> dict:
    rows = session.execute(_answers(select(group, *score_columns()).group_by(group), f))
    return {row[0]: _scores(row[1:]) for row in rows}


def _fill(rows: dict, outcomes_found: dict, arrivals: dict, scores: dict) -> list[TeamRow]:
    for key, (resolved, (resolution,), replies, reopened) in outcomes_found.items():
        row = rows[key]
        row.resolved, row.resolution_median, row.reopened = resolved, resolution, reopened
        row.replies_mean = _float(replies)
    for key, (created, (first_reply_median,), complaint_count) in arrivals.items():
        row = rows[key]
        row.created, row.first_reply_median = created, first_reply_median
        row.complaints = complaint_count
    for key, found in scores.items():
        rows[key].scores = found
    return sorted(rows.values(), key=lambda row: (row.key is None, -row.resolved, row.name))


def by_agent(f: Filter, session: Session) -> list[TeamRow]:
    """Per agent: tickets resolved, median first reply and resolution time, replies to
    resolution, reopen rate (all by the ticket's assignee), CSAT (the agent who resolved the
    ticket answered about) and check-ins on time (the check-in's agent)."""
    return agent_rows(
        _outcomes_by(Ticket.assignee_id, f, session),
        _arrivals_by(Ticket.assignee_id, f, session),
        _scores_by(SurveyResponse.agent_id, f, session),
        f,
        session,
    )


def agent_rows(
    outcomes_found: dict, arrivals: dict, scores: dict, f: Filter, session: Session
) -> list[TeamRow]:
    """The agents' table from their outcomes, arrivals and scores found (by agent id, None
    for unassigned: {id: (resolved, (median resolution,), mean replies, reopened)}, {id:
    (created, (median first reply,), complaints)}, {id: Surveys}), with their check-ins."""
    check_in_rows = session.execute(
        _check_ins_due(
            select(CheckIn.assignee_id, *_check_in_counts()).group_by(CheckIn.assignee_id), f
        )
    )
    check_ins_found = {row[0]: CheckIns(*row[1:]) for row in check_in_rows}
    keys = {*outcomes_found, *arrivals, *scores, *check_ins_found}
    names = dict(
        session.execute(select(User.id, User.name).where(User.id.in_(k for k in keys if k))).all()
    )
    rows = _rows_for(keys, names, "Unassigned")
    for key, found in check_ins_found.items():
        rows[key].check_ins = found
    return _fill(rows, outcomes_found, arrivals, scores)


def by_category(f: Filter, session: Session) -> list[TeamRow]:
    """Per category: tickets created and resolved, median first reply and resolution time,
    replies, reopen rate, complaints and CSAT."""
    return category_rows(
        _outcomes_by(Ticket.category_id, f, session),
        _arrivals_by(Ticket.category_id, f, session),
        _scores_by(SurveyResponse.category_id, f, session),
        session,
    )


def category_rows(
    outcomes_found: dict, arrivals: dict, scores: dict, session: Session
) -> list[TeamRow]:
    """The categories' table from their parts found, as `agent_rows` takes them."""
    keys = {*outcomes_found, *arrivals, *scores}
    names = dict(
        session.execute(
            select(Category.id, Category.name).where(Category.id.in_(k for k in keys if k))
        ).all()
    )
    return _fill(_rows_for(keys, names, "No category"), outcomes_found, arrivals, scores)


# --- Sections of the other areas ----------------------------------------------------------


@dataclass(frozen=True)
class PlaybookRow:
    title: str
    started: int
    completed: int
    completion: Spread  # started to completed


@dataclass(frozen=True)
class Cohort:
    """Complaints received in the period, with or without a completed playbook run."""

    label: str
    tickets: int
    resolved: int
    reopened: int
    recovered: int
    scores: Surveys

    @property
    def reopen_rate(self) -> float | None:
        return _share(self.reopened, self.resolved)

    @property
    def recovery_rate(self) -> float | None:
        return _share(self.recovered, self.tickets)


@dataclass(frozen=True)
class PlaybookSection:
    playbooks: list[PlaybookRow]
    started: int
    completed: int
    completion: Spread
    cohorts: list[Cohort]


def playbooks(
    f: Filter, session: Session, cohorts: Callable[[Filter, Session], list[Cohort]] | None = None
) -> PlaybookSection:
    """Runs started in the period (and how many are complete, how fast), and how complaints
    with a completed run fared against complaints of the same period without one (`cohorts`
    finds them; by default from the tickets)."""
    completion = seconds_between(PlaybookRun.started_at, PlaybookRun.completed_at)
    counts = (
        func.count(),
        func.count(PlaybookRun.completed_at),
        spread(completion),
    )
    runs = through_ticket(
        select(*counts).where(during(PlaybookRun.started_at, f)), PlaybookRun.ticket_id, cut(f)
    )
    by_playbook = session.execute(
        runs.add_columns(Playbook.title)
        .join(Playbook, Playbook.id == PlaybookRun.playbook_id)
        .group_by(Playbook.title)
        .order_by(func.count().desc(), Playbook.title)
    )
    rows = [PlaybookRow(row[3], row[0], row[1], Spread(row[1], *row[2])) for row in by_playbook]
    total = session.execute(runs).one()
    return PlaybookSection(
        playbooks=rows,
        started=total[0],
        completed=total[1],
        completion=Spread(total[1], *total[2]),
        cohorts=(cohorts or _cohorts)(f, session),
    )


COHORTS = (("with", "With a completed checklist"), ("without", "Without one"))


def cohort_of():
    """A ticket's complaint cohort: "with" a completed playbook run, or "without"."""
    ran = exists().where(PlaybookRun.ticket_id == Ticket.id, PlaybookRun.completed_at.is_not(None))
    return case((ran, literal("with")), else_=literal("without"))


def _cohorts(f: Filter, session: Session) -> list[Cohort]:
    group = cohort_of()
    complaint = (
        during(Ticket.created_at, f),
        Ticket.first_sentiment == "negative",
        *cut(f),
    )
    tickets = {
        row[0]: row[1:]
        for row in session.execute(
            select(
                group,
                func.count(),
                count_if(Ticket.status.in_(DONE_STATUSES)),
                count_if(and_(Ticket.status.in_(DONE_STATUSES), Ticket.reopen_count > 0)),
                count_if(latest_mood().in_(GOOD_MOODS)),
            )
            .where(*complaint)
            .group_by(group)
        )
    }
    scores = {
        row[0]: _scores(row[1:])
        for row in session.execute(
            select(group, *score_columns())
            .join(Ticket, Ticket.id == SurveyResponse.ticket_id)
            .where(*complaint)
            .group_by(group)
        )
    }
    return [
        Cohort(label, *tickets.get(key, (0, 0, 0, 0)), scores.get(key, NO_SCORES))
        for key, label in COHORTS
    ]


@dataclass(frozen=True)
class IdeaRow:
    id: int
    title: str
    status: str
    votes: int


@dataclass(frozen=True)
class IdeaSection:
    top: list[IdeaRow]  # open ideas with the most votes
    by_status: dict[str, int]  # every idea not merged away, by status now
    posted: int  # ideas posted in the period
    shipped: list[IdeaRow]  # ideas done in the period
    voters_told: int  # people emailed that an idea they voted for was done


def ideas(f: Filter, session: Session, limit: int = 10) -> IdeaSection:
    """The idea board: what customers want most, where ideas stand, what shipped and who was
    told. Ideas carry no ticket attributes, so only the dates cut them."""
    standing = Idea.merged_into_id.is_(None)
    columns = (Idea.id, Idea.title, Idea.status, Idea.vote_count)
    top = session.execute(
        select(*columns)
        .where(standing, Idea.status.not_in([IdeaStatus.DONE, IdeaStatus.DECLINED]))
        .order_by(Idea.vote_count.desc(), Idea.id)
        .limit(limit)
    )
    by_status = dict(
        session.execute(
            select(Idea.status, func.count()).where(standing).group_by(Idea.status)
        ).all()
    )
    shipped = session.execute(
        select(*columns)
        .where(standing, during(Idea.done_at, f))
        .order_by(Idea.vote_count.desc(), Idea.id)
    )
    told = session.scalar(
        select(func.coalesce(func.sum(IdeaStatusChange.told), 0)).where(
            IdeaStatusChange.new == IdeaStatus.DONE, during(IdeaStatusChange.created_at, f)
        )
    )
    posted = session.scalar(select(func.count()).where(during(Idea.created_at, f)))
    return IdeaSection(
        top=[IdeaRow(*row) for row in top],
        by_status={status.value: by_status.get(status.value, 0) for status in IdeaStatus},
        posted=posted,
        shipped=[IdeaRow(*row) for row in shipped],
        voters_told=told,
    )


@dataclass(frozen=True)
class ArticleRow:
    slug: str
    title: str
    views: int
    helpful_yes: int
    helpful_no: int

    @property
    def helpful_rate(self) -> float | None:
        return _share(self.helpful_yes, self.helpful_yes + self.helpful_no)


@dataclass(frozen=True)
class KbSection:
    most_viewed: list[ArticleRow]  # all time: views are counted, not dated
    least_helpful: list[ArticleRow]  # all time, among articles with enough votes
    feedback_yes: int  # "was this helpful?" answers given in the period
    feedback_no: int
    deflection: Deflection
    written_from_tickets: int  # articles created in the period from a ticket

    @property
    def helpful_rate(self) -> float | None:
        return _share(self.feedback_yes, self.feedback_yes + self.feedback_no)


def kb(f: Filter, session: Session, limit: int = 5, min_votes: int = 3) -> KbSection:
    """The help centre: most read, least helpful, feedback and deflection. Articles carry no
    ticket attributes, so only the dates cut them."""
    columns = (
        Article.slug,
        Article.title,
        Article.view_count,
        Article.helpful_yes,
        Article.helpful_no,
    )
    published = Article.status == ArticleStatus.PUBLISHED
    most_viewed = session.execute(
        select(*columns)
        .where(published)
        .order_by(Article.view_count.desc(), Article.id)
        .limit(limit)
    )
    votes = Article.helpful_yes + Article.helpful_no
    least_helpful = session.execute(
        select(*columns)
        .where(published, votes >= min_votes)
        .order_by((Article.helpful_no * 1.0 / votes).desc(), votes.desc(), Article.id)
        .limit(limit)
    )
    yes, no = session.execute(
        select(count_if(ArticleFeedback.helpful), count_if(~ArticleFeedback.helpful)).where(
            during(ArticleFeedback.at, f)
        )
    ).one()
    written = session.scalar(
        select(func.count()).where(
            Article.source_ticket_id.is_not(None), during(Article.created_at, f)
        )
    )
    return KbSection(
        most_viewed=[ArticleRow(*row) for row in most_viewed],
        least_helpful=[ArticleRow(*row) for row in least_helpful],
        feedback_yes=yes,
        feedback_no=no,
        deflection=deflection(f, session),
        written_from_tickets=written,
    )


@dataclass(frozen=True)
class Report:
    """Everything the dashboard shows for one filter."""

    filter: Filter
    current: Summary
    previous: Summary
    daily: list[DailyVolume]
    resolution_weeks: list[WeeklySpread]
    sentiment_weeks: list[WeeklyMoods]
    complaint_weeks: list[WeeklyComplaints]
    score_weeks: list[WeeklyScores]
    csat_bands: list[Band]
    mood_resolution: list[MoodSpread]
    agents: list[TeamRow]
    categories: list[TeamRow]
    playbooks: PlaybookSection
    ideas: IdeaSection
    kb: KbSection


def report(f: Filter, session: Session) -> Report:
    return Report(
        filter=f,
        current=summary(f, session),
        previous=summary(f.previous(), session),
        daily=daily_volume(f, session),
        resolution_weeks=weekly_resolution(f, session),
        sentiment_weeks=weekly_sentiment(f, session),
        complaint_weeks=weekly_complaints(f, session),
        score_weeks=weekly_scores(f, session),
        csat_bands=csat_by_resolution_time(f, session),
        mood_resolution=resolution_by_opening_mood(f, session),
        agents=by_agent(f, session),
        categories=by_category(f, session),
        playbooks=playbooks(f, session),
        ideas=ideas(f, session),
        kb=kb(f, session),
    )
