"""The reports' days, counted from the tickets and kept (ReportDay rows), and counted again
once a write has moved a day's mark (see day_marks.py).

Each UTC day's figures are kept for the whole team and for each agent, category, opening mood,
resolution band and complaint cohort, every duration of the day with them as whole
thousandths of a second: reports/rollups.py adds them up. A run of days is read with one
statement per figure group, grouped by day, and written in a transaction of its own.
"""

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import case, delete, func, select
from sqlalchemy.orm import Session

from helpdesk.reports import metrics
from helpdesk.reports.metrics import MOODS, RESOLUTION_BANDS, Filter, count_if, total
from helpdesk.reports.models import ReportCache, ReportDay, ReportDayMark
from helpdesk.sql import day_of, seconds_between
from helpdesk.sql import thousandths as values_of
from helpdesk.surveys.models import SurveyInvitation, SurveyResponse
from helpdesk.tickets.models import DONE_STATUSES, Message, MessageKind, Ticket

# Days computed at a time: a month's values are held in memory before they are written.
RUN_DAYS = 31

COLUMNS = tuple(
    column.name
    for column in ReportDay.__table__.columns
    if column.name not in ("cut", "day", "grain", "key", "version")
)
TEXTS = ("resolution", "wait", "elapsed", "first_reply")


def cut_key(f: Filter) -> str:
    """The filter's cuts as the key of its days' rows: "" for none, else "agent_id=4&..."."""
    cuts = (
        ("agent_id", f.agent_id),
        ("category_id", f.category_id),
        ("priority", f.priority),
        ("channel", f.channel),
        ("sentiment", f.sentiment),
    )
    return "&".join(f"{name}={value}" for name, value in cuts if value is not None)


def refresh(session: Session, first: date, last: date, cuts: Filter | None = None) -> int:
    """Compute again the days from `first` to `last` whose rows (under the cuts of `cuts`)
    are missing or older than their mark; return how many. Each run of days is read, then
    written in a transaction of its own: a write that lands in between moves a mark on, and
    that day is computed again next time. Commits."""
    key = cut_key(cuts) if cuts is not None else ""
    marks = dict(
        session.execute(
            select(ReportDayMark.day, ReportDayMark.version).where(
                ReportDayMark.day.between(first, last)
            )
        ).all()
    )
    kept = dict(
        session.execute(
            select(ReportDay.day, ReportDay.version).where(
                ReportDay.cut == key,
                ReportDay.grain == "all",
                ReportDay.key == 0,
                ReportDay.day.between(first, last),
            )
        ).all()
    )
    stale = [
        day for day in _days_from(first, last) if day not in kept or kept[day] != marks.get(day, 0)
    ]
    for run in _runs(stale):
        rows = _computed(session, run, marks, cuts)
        session.commit()  # the reading ends here; the writing takes its own transaction
        _store(session, run, rows, key)
        session.commit()
    return len(stale)


def recount(session: Session) -> int:
    """Forget every kept day and every kept report, so the next reports count each day again
    from the tickets (after writes made around the app, which mark no day); return how many
    days were kept. Commits."""
    kept = session.execute(
        delete(ReportDay).where(ReportDay.cut == "", ReportDay.grain == "all")
    ).rowcount
    session.execute(delete(ReportDay))
    session.execute(delete(ReportCache))
    session.commit()
    return kept


def _days_from(first: date, last: date) -> Iterator[date]:
    for n in range((last - first).days + 1):
        yield first + timedelta(days=n)


def _runs(days: Sequence[date]) -> Iterator[list[date]]:
    """Consecutive days in runs of at most RUN_DAYS."""
    run: list[date] = []
    for day in days:
        if run and (day - run[-1] != timedelta(days=1) or len(run) == RUN_DAYS):
            yield run
            run = []
        run.append(day)
    if run:
        yield run


def _store(session: Session, run: list[date], rows: list[dict], key: str) -> None:
    """Replace the run's rows with those computed, leaving out the days written to since
    their marks were read (counted again next time): one writer at a time (SQLite's lock,
    taken by the DELETE; PostgreSQL's advisory lock), so rows read before a write never
    replace rows read after it."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(select(func.pg_advisory_xact_lock(_LOCK)))
    session.execute(
        delete(ReportDay).where(ReportDay.cut == key, ReportDay.day.between(run[0], run[-1]))
    )
    marks = dict(
        session.execute(
            select(ReportDayMark.day, ReportDayMark.version).where(
                ReportDayMark.day.between(run[0], run[-1])
            )
        ).all()
    )
    current = [row for row in rows if row["version"] == marks.get(row["day"], 0)]
    if current:
        session.execute(ReportDay.__table__.insert(), current)


_LOCK = 0x5EB0_D4F5  # the advisory lock of the roll-ups' writers on PostgreSQL


def _computed(
    session: Session, run: list[date], marks: dict[date, int], cuts: Filter | None = None
) -> list[dict]:
    """The rows of the days of `run` under the cuts of `cuts`, each with the version of its
    mark when read (marks were read before the data, so a row is never newer than its version
    says)."""
    start = datetime.combine(run[0], time(), tzinfo=UTC)
    period = {"start": start, "end": start + timedelta(days=len(run)), "now": start}
    f = replace(cuts, **period) if cuts is not None else Filter(**period)
    key = cut_key(f)
    rows: dict[tuple[date, str, int], dict] = {}

    def row(day: str | date, grain: str = "all", number: int | None = 0) -> dict:
        day = day if isinstance(day, date) else date.fromisoformat(day)
        found = rows.get((day, grain, number or 0))
        if found is None:
            found = {name: None if name in TEXTS else 0 for name in COLUMNS}
            found.update(cut=key, day=day, grain=grain, key=number or 0)
            found["version"] = marks.get(day, 0)
            rows[(day, grain, number or 0)] = found
        return found

    for day in run:
        row(day)
    for read in _READS:
        read(session, f, row)
    return list(rows.values())


def _fill(found: Iterable, names: Sequence[str], row, grain: str = "all", keyed=False) -> None:
    """Put each result row's values (after its day, and its key when `keyed`) into the
    columns `names` of the day's row."""
    for result in found:
        day, key = result[0], (result[1] if keyed else 0)
        values = result[2:] if keyed else result[1:]
        row(day, grain, key).update(zip(names, values, strict=True))


def _position(column, values: Sequence[str]):
    """The index of the column's value in `values` (the key of mood and band rows)."""
    return case(*((column == value, index) for index, value in enumerate(values)))


def _resolved(session: Session, f: Filter, row) -> None:
    resolution = metrics.resolution_seconds()
    day = day_of(Ticket.resolved_at)
    in_period = (metrics.during(Ticket.resolved_at, f), *metrics.cut(f))
    elapsed = seconds_between(Ticket.first_message_at, Ticket.last_message_at)
    public = case((Ticket.public_messages > 0, Ticket.public_messages))
    everyone = select(
        day,
        func.count(),
        values_of(resolution),
        values_of(Ticket.team_wait_seconds),
        total(Ticket.agent_replies),
        count_if(Ticket.agent_replies == 1),
        count_if(Ticket.reopen_count > 0),
        total(Ticket.reopen_count),
        total(Ticket.customer_followups),
        count_if(metrics.sla_met()),
        func.count(Ticket.first_message_at),
        total(public),
        func.count(public),
        values_of(elapsed),
    )
    names = (
        "resolved resolution wait replies one_touch reopened reopens followups sla_met talked"
        " public_messages public_tickets elapsed"
    ).split()
    _fill(session.execute(everyone.where(*in_period).group_by(day)), names, row)
    for grain, group in (("agent", Ticket.assignee_id), ("category", Ticket.category_id)):
        parts = select(
            day,
            group,
            func.count(),
            values_of(resolution),
            total(Ticket.agent_replies),
            count_if(Ticket.reopen_count > 0),
        )
        found = session.execute(parts.where(*in_period).group_by(day, group))
        _fill(found, ("resolved", "resolution", "replies", "reopened"), row, grain, keyed=True)
    mood = _position(Ticket.first_sentiment, MOODS)
    by_mood = select(day, mood, func.count(), values_of(resolution)).where(
        *in_period, Ticket.first_sentiment.in_(MOODS)
    )
    found = session.execute(by_mood.group_by(day, mood))
    _fill(found, ("resolved", "resolution"), row, "mood", keyed=True)


def _created(session: Session, f: Filter, row) -> None:
    wait = seconds_between(Ticket.created_at, Ticket.first_reply_at)
    day = day_of(Ticket.created_at)
    in_period = (metrics.during(Ticket.created_at, f), *metrics.cut(f))
    everyone = select(day, func.count(), func.count(Ticket.first_reply_at), values_of(wait))
    found = session.execute(everyone.where(*in_period).group_by(day))
    _fill(found, ("created", "answered", "first_reply"), row)
    for grain, group in (("agent", Ticket.assignee_id), ("category", Ticket.category_id)):
        parts = select(
            day,
            group,
            func.count(),
            values_of(wait),
            count_if(Ticket.first_sentiment == "negative"),
        )
        found = session.execute(parts.where(*in_period).group_by(day, group))
        _fill(found, ("created", "first_reply", "complaints"), row, grain, keyed=True)
    # Complaints, by cohort: with a completed checklist (key 0) or without (key 1).
    cohort = _position(metrics.cohort_of(), [key for key, _label in metrics.COHORTS])
    complaint = (*in_period, Ticket.first_sentiment == "negative")
    done = Ticket.status.in_(DONE_STATUSES)
    complaints = select(
        day,
        cohort,
        func.count(),
        count_if(done),
        count_if(done & (Ticket.reopen_count > 0)),
        count_if(metrics.latest_mood().in_(metrics.GOOD_MOODS)),
    )
    names = ("complaints", "complaints_resolved", "complaints_reopened", "complaints_recovered")
    found = session.execute(complaints.where(*complaint).group_by(day, cohort))
    _fill(found, names, row, "cohort", keyed=True)
    scores = select(day, cohort, *_SCORES).join(Ticket, Ticket.id == SurveyResponse.ticket_id)
    found = session.execute(scores.where(*complaint).group_by(day, cohort))
    _fill(found, _SCORE_NAMES, row, "cohort", keyed=True)


def _messages(session: Session, f: Filter, row) -> None:
    day = day_of(Message.created_at)
    label = func.coalesce(Message.corrected_label, Message.sentiment_label)
    moods = (
        select(day, label, func.count())
        .where(Message.kind == MessageKind.CUSTOMER, metrics.during(Message.created_at, f))
        .where(label.in_(MOODS))
        .group_by(day, label)
    )
    moods = metrics.through_ticket(moods, Message.ticket_id, metrics.cut(f))
    for found_day, mood, count in session.execute(moods):
        row(found_day)[mood] = count
    reviewed_on = day_of(Message.corrected_at)
    reviews = (
        select(
            reviewed_on,
            func.count(),
            count_if(Message.corrected_label == Message.sentiment_label),
        )
        .where(metrics.during(Message.corrected_at, f))
        .group_by(reviewed_on)
    )
    reviews = metrics.through_ticket(reviews, Message.ticket_id, metrics.cut(f))
    _fill(session.execute(reviews), ("reviewed", "kept"), row)


_SCORES = metrics.score_columns()
_SCORE_NAMES = "answers satisfied nps_answers promoters detractors ces_answers ces_total".split()


def _answers(session: Session, f: Filter, row) -> None:
    day = day_of(SurveyResponse.answered_at)
    in_period = metrics.during(SurveyResponse.answered_at, f)

    def answers(statement):
        # Cut by who answered about it (the ticket's agent and category when resolved).
        given = statement.where(in_period)
        return metrics.through_ticket(given, SurveyResponse.ticket_id, metrics.response_cut(f))

    found = session.execute(answers(select(day, *_SCORES)).group_by(day))
    _fill(found, _SCORE_NAMES, row)
    for grain, group in (
        ("agent", SurveyResponse.agent_id),
        ("category", SurveyResponse.category_id),
    ):
        found = session.execute(answers(select(day, group, *_SCORES)).group_by(day, group))
        _fill(found, _SCORE_NAMES, row, grain, keyed=True)
    band = _position(metrics.resolution_band(), [label for label, _hours in RESOLUTION_BANDS])
    bands = (
        select(day, band, func.count(), count_if(SurveyResponse.csat >= 4))
        .join(SurveyInvitation, SurveyInvitation.id == SurveyResponse.invitation_id)
        .join(Ticket, Ticket.id == SurveyResponse.ticket_id)
        .where(in_period, *metrics.response_cut(f))
        .group_by(day, band)
    )
    _fill(session.execute(bands), ("answers", "satisfied"), row, "band", keyed=True)
    made = day_of(SurveyInvitation.created_at)
    reached = (
        select(made, func.count(), func.count(SurveyInvitation.answered_at))
        .where(
            metrics.during(SurveyInvitation.created_at, f),
            SurveyInvitation.sent_at.is_not(None) | SurveyInvitation.answered_at.is_not(None),
        )
        .group_by(made)
    )
    invitation_cut = metrics.cut(
        f, agent=SurveyInvitation.agent_id, category=SurveyInvitation.category_id
    )
    reached = metrics.through_ticket(reached, SurveyInvitation.ticket_id, invitation_cut)
    _fill(session.execute(reached), ("invited", "invitations_answered"), row)


_READS = (_resolved, _created, _messages, _answers)
