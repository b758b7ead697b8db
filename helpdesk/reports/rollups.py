"""Reports without cuts, added up from daily roll-ups instead of read from every ticket.

A year's report over a million tickets is some forty passes over half a million rows: twelve
seconds. Most of it is the same for every report: what happened on each past day. So each
UTC day's figures are kept (ReportDay rows: the whole team's, and each agent's, category's,
opening mood's, resolution band's and complaint cohort's), with every duration of the day in
whole thousandths of a second, so a period's medians and percentiles are those of all its
values, exactly as `metrics` takes them. A report of whole days with no cut adds up its days;
a report with a cut is computed from the tickets by `metrics`, as before.

A day's rows hold while nothing dated that day changes. Every flush that writes a ticket, a
customer message, a survey answer or invitation, or a playbook run moves on the marks of the
days it touches, in its own transaction: the ticket's day of creation and days of resolution
(old and new), and the message's, answer's, review's or invitation's own day. The writes that
go around the ORM (retagging, an invitation's delivery) send rows_rewritten. A report first computes
again the days whose mark moved (after a reply, today's), a run of days at a time, then adds
up. Figures that depend on `now` or sit in small tables (check-ins, KB, ideas, playbook runs,
deflection) are read live, as `metrics` reads them.
"""

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import Select, case, delete, event, func, select
from sqlalchemy.orm import Session, attributes

from helpdesk.extensions import db
from helpdesk.playbooks.models import PlaybookRun
from helpdesk.reports import metrics
from helpdesk.reports.metrics import MOODS, RESOLUTION_BANDS, Filter, Spread, Surveys, count_if
from helpdesk.reports.models import ReportCache, ReportDay, ReportDayMark
from helpdesk.sql import among, day_of, insert_for, joined, percentiles_of, seconds_between
from helpdesk.sql import thousandths as values_of
from helpdesk.surveys.models import SurveyInvitation, SurveyResponse
from helpdesk.tickets.models import DONE_STATUSES, Message, MessageKind, Ticket
from helpdesk.tickets.signals import rows_rewritten

# Days computed at a time: a month's values are held in memory before they are written.
RUN_DAYS = 31

COLUMNS = tuple(
    column.name
    for column in ReportDay.__table__.columns
    if column.name not in ("day", "grain", "key", "version")
)
TEXTS = ("resolution", "wait", "elapsed", "first_reply")


def applies(f: Filter) -> bool:
    """Whether the roll-ups answer for this filter: whole days, given in UTC, and no cut."""
    whole = all(
        moment.utcoffset() == timedelta(0) and moment.time() == time()
        for moment in (f.start, f.end)
    )
    return whole and not metrics.cut(f)


def report(f: Filter, session: Session) -> metrics.Report:
    """The report for the filter: added up from the days when they answer for it, else
    computed from the tickets. Commits (the days computed again are kept)."""
    if not applies(f):
        return metrics.report(f, session)
    # From the first ticket's day, or the first day kept if earlier (its tickets are gone).
    first_ticket = session.scalar(select(func.min(Ticket.created_at)))
    first_kept = session.scalar(select(func.min(ReportDay.day)))
    firsts = [day for day in (first_ticket and utc_day(first_ticket), first_kept) if day]
    if firsts:
        refresh(session, min(firsts), _last_day(f))
    return _Days(f, session).report()


def _last_day(f: Filter) -> date:
    return (f.end - timedelta(microseconds=1)).astimezone(UTC).date()


# --- Keeping the days -----------------------------------------------------------------------


def refresh(session: Session, first: date, last: date) -> int:
    """Compute again the days from `first` to `last` whose rows are missing or older than
    their mark; return how many. Each run of days is read, then written in a transaction of
    its own: a write that lands in between moves a mark on, and that day is computed again
    next time. Commits."""
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
                ReportDay.grain == "all", ReportDay.key == 0, ReportDay.day.between(first, last)
            )
        ).all()
    )
    stale = [
        day for day in _days_from(first, last) if day not in kept or kept[day] != marks.get(day, 0)
    ]
    for run in _runs(stale):
        rows = _computed(session, run, marks)
        session.commit()  # the reading ends here; the writing takes its own transaction
        _store(session, run, rows)
        session.commit()
    return len(stale)


def recount(session: Session) -> int:
    """Forget every kept day and every kept report, so the next reports count each day again
    from the tickets (after writes made around the app, which mark no day); return how many
    days were kept. Commits."""
    kept = session.execute(delete(ReportDay).where(ReportDay.grain == "all")).rowcount
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


def _store(session: Session, run: list[date], rows: list[dict]) -> None:
    """Replace the run's rows with those computed, leaving out the days written to since
    their marks were read (counted again next time): one writer at a time (SQLite's lock,
    taken by the DELETE; PostgreSQL's advisory lock), so rows read before a write never
    replace rows read after it."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(select(func.pg_advisory_xact_lock(_LOCK)))
    session.execute(delete(ReportDay).where(ReportDay.day.between(run[0], run[-1])))
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


def _computed(session: Session, run: list[date], marks: dict[date, int]) -> list[dict]:
    """The rows of the days of `run`, each with the version of its mark when read (marks
    were read before the data, so a row is never newer than its version says)."""
    start = datetime.combine(run[0], time(), tzinfo=UTC)
    f = Filter(start=start, end=start + timedelta(days=len(run)), now=start)
    rows: dict[tuple[date, str, int], dict] = {}

    def row(day: str | date, grain: str = "all", key: int | None = 0) -> dict:
        day = day if isinstance(day, date) else date.fromisoformat(day)
        found = rows.get((day, grain, key or 0))
        if found is None:
            found = {name: None if name in TEXTS else 0 for name in COLUMNS}
            found.update(day=day, grain=grain, key=key or 0, version=marks.get(day, 0))
            rows[(day, grain, key or 0)] = found
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


def _total(column):
    return func.coalesce(func.sum(column), 0)


def _position(column, values: Sequence[str]):
    """The index of the column's value in `values` (the key of mood and band rows)."""
    return case(*((column == value, index) for index, value in enumerate(values)))


def _resolved(session: Session, f: Filter, row) -> None:
    resolution = metrics.resolution_seconds()
    day = day_of(Ticket.resolved_at)
    in_period = metrics.during(Ticket.resolved_at, f)
    elapsed = seconds_between(Ticket.first_message_at, Ticket.last_message_at)
    public = case((Ticket.public_messages > 0, Ticket.public_messages))
    everyone = select(
        day,
        func.count(),
        values_of(resolution),
        values_of(Ticket.team_wait_seconds),
        _total(Ticket.agent_replies),
        count_if(Ticket.agent_replies == 1),
        count_if(Ticket.reopen_count > 0),
        _total(Ticket.reopen_count),
        _total(Ticket.customer_followups),
        count_if(metrics.sla_met()),
        func.count(Ticket.first_message_at),
        _total(public),
        func.count(public),
        values_of(elapsed),
    )
    names = (
        "resolved resolution wait replies one_touch reopened reopens followups sla_met talked"
        " public_messages public_tickets elapsed"
    ).split()
    _fill(session.execute(everyone.where(in_period).group_by(day)), names, row)
    for grain, group in (("agent", Ticket.assignee_id), ("category", Ticket.category_id)):
        parts = select(
            day,
            group,
            func.count(),
            values_of(resolution),
            _total(Ticket.agent_replies),
            count_if(Ticket.reopen_count > 0),
        )
        found = session.execute(parts.where(in_period).group_by(day, group))
        _fill(found, ("resolved", "resolution", "replies", "reopened"), row, grain, keyed=True)
    mood = _position(Ticket.first_sentiment, MOODS)
    by_mood = select(day, mood, func.count(), values_of(resolution)).where(
        in_period, Ticket.first_sentiment.in_(MOODS)
    )
    found = session.execute(by_mood.group_by(day, mood))
    _fill(found, ("resolved", "resolution"), row, "mood", keyed=True)


def _created(session: Session, f: Filter, row) -> None:
    wait = seconds_between(Ticket.created_at, Ticket.first_reply_at)
    day = day_of(Ticket.created_at)
    in_period = metrics.during(Ticket.created_at, f)
    everyone = select(day, func.count(), func.count(Ticket.first_reply_at), values_of(wait))
    found = session.execute(everyone.where(in_period).group_by(day))
    _fill(found, ("created", "answered", "first_reply"), row)
    for grain, group in (("agent", Ticket.assignee_id), ("category", Ticket.category_id)):
        parts = select(
            day,
            group,
            func.count(),
            values_of(wait),
            count_if(Ticket.first_sentiment == "negative"),
        )
        found = session.execute(parts.where(in_period).group_by(day, group))
        _fill(found, ("created", "first_reply", "complaints"), row, grain, keyed=True)
    # Complaints, by cohort: with a completed checklist (key 0) or without (key 1).
    cohort = _position(metrics.cohort_of(), [key for key, _label in metrics.COHORTS])
    complaint = (in_period, Ticket.first_sentiment == "negative")
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
    _fill(session.execute(reviews), ("reviewed", "kept"), row)


_SCORES = (
    func.count(),
    count_if(SurveyResponse.csat >= 4),
    func.count(SurveyResponse.nps),
    count_if(SurveyResponse.nps >= 9),
    count_if(SurveyResponse.nps <= 6),
    func.count(SurveyResponse.ces),
    _total(SurveyResponse.ces),
)
_SCORE_NAMES = "answers satisfied nps_answers promoters detractors ces_answers ces_total".split()


def _answers(session: Session, f: Filter, row) -> None:
    day = day_of(SurveyResponse.answered_at)
    in_period = metrics.during(SurveyResponse.answered_at, f)
    found = session.execute(select(day, *_SCORES).where(in_period).group_by(day))
    _fill(found, _SCORE_NAMES, row)
    for grain, group in (
        ("agent", SurveyResponse.agent_id),
        ("category", SurveyResponse.category_id),
    ):
        parts = select(day, group, *_SCORES).where(in_period)
        found = session.execute(parts.group_by(day, group))
        _fill(found, _SCORE_NAMES, row, grain, keyed=True)
    band = _position(metrics.resolution_band(), [label for label, _hours in RESOLUTION_BANDS])
    bands = (
        select(day, band, func.count(), count_if(SurveyResponse.csat >= 4))
        .join(SurveyInvitation, SurveyInvitation.id == SurveyResponse.invitation_id)
        .join(Ticket, Ticket.id == SurveyResponse.ticket_id)
        .where(in_period)
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
    _fill(session.execute(reached), ("invited", "invitations_answered"), row)


_READS = (_resolved, _created, _messages, _answers)


# --- Marking the days a write touches ------------------------------------------------------


def touch(
    session: Session,
    *,
    tickets: Iterable[int] = (),
    messages: Iterable[int] = (),
    invitations: Iterable[int] = (),
    days: Iterable[date] = (),
) -> None:
    """Move on, when the transaction commits, the marks of `days` and of the days of
    `tickets` (created, resolved), `messages` (written, reviewed) and survey `invitations`
    (made), so the reports compute those days again. The ORM's flushes are seen by
    `_flushed`; the writes that go around it send rows_rewritten."""
    touched = session.info.setdefault(_TOUCHED, set())
    touched.update(days)
    for ids, dates in (
        (tickets, (Ticket.created_at, Ticket.resolved_at)),
        (messages, (Message.created_at, Message.corrected_at)),
        (invitations, (SurveyInvitation.created_at,)),
    ):
        ids = sorted(set(ids))
        if ids:
            found = session.execute(select(*dates).where(among(dates[0].class_.id, ids)))
            touched.update(utc_day(moment) for row in found for moment in row if moment)


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
    for instance in (*session.new, *session.dirty, *session.deleted):
        touches = _TOUCHES.get(type(instance))
        if touches is None:
            continue
        names, ticket = touches
        days |= _days_of(instance, *names)
        ticket_id = instance.id if ticket is None else getattr(instance, ticket)
        if ticket_id is not None:
            tickets.add(ticket_id)
    if days or tickets:
        touch(session, tickets=tickets, days=days)


# --- Adding up ------------------------------------------------------------------------------


@dataclass
class _Sum:
    """Days' rows added up: counts summed, duration texts joined."""

    values: dict

    def __getattr__(self, name: str):
        try:
            return self.values[name]
        except KeyError:
            raise AttributeError(name) from None

    def spread(self, count_name: str, text_name: str) -> Spread:
        return Spread(self.values[count_name], *percentiles_of(self.values[text_name], (0.5, 0.9)))

    def mean(self, total_name: str, count_name: str) -> float | None:
        count = self.values[count_name]
        return self.values[total_name] / count if count else None

    def scores(self) -> Surveys:
        return Surveys(
            self.answers,
            self.satisfied,
            self.nps_answers,
            self.promoters,
            self.detractors,
            self.ces_answers,
            self.mean("ces_total", "ces_answers"),
            self.invited,
            self.invitations_answered,
        )


def _added(rows: Iterable[Sequence]) -> _Sum:
    """Rows of ReportDay's columns (a Row or tuple each, in the table's order) added up."""
    columns = list(zip(*rows, strict=True)) or [()] * len(ReportDay.__table__.columns)
    values = {}
    for name, position in _POSITIONS.items():
        found = columns[position]
        values[name] = ",".join(text for text in found if text) if name in TEXTS else sum(found)
    return _Sum(values)


_POSITIONS = {
    column.name: position
    for position, column in enumerate(ReportDay.__table__.columns)
    if column.name in COLUMNS
}


class _Days:
    """One report added up from the days of its period and of the one before."""

    def __init__(self, f: Filter, session: Session) -> None:
        self.f, self.session = f, session
        before = f.previous()
        self.first, self.last = before.start.astimezone(UTC).date(), _last_day(f)
        rows = session.execute(self._rows().where(ReportDay.day.between(self.first, self.last)))
        self.days: dict[tuple[str, int], dict[date, object]] = defaultdict(dict)
        for row in rows:
            self.days[(row.grain, row.key)][row.day] = row

    @staticmethod
    def _rows() -> Select:
        # Plain rows, not ReportDay objects: two years of days are thousands of them.
        grains = ReportDay.grain.in_(("all", "mood", "band", "cohort"))
        return select(*ReportDay.__table__.columns).where(grains)

    def _in(self, f: Filter, grain: str = "all", key: int = 0, days=None) -> _Sum:
        rows = self.days.get((grain, key), {})
        wanted = f.days() if days is None else days
        return _added(rows[day] for day in wanted if day in rows)

    def report(self) -> metrics.Report:
        f, session = self.f, self.session
        weeks = self._weeks()
        return metrics.Report(
            filter=f,
            current=self._summary(f),
            previous=self._summary(f.previous()),
            daily=[
                metrics.DailyVolume(day, found.created, found.resolved)
                for day in f.days()
                for found in (self._in(f, days=[day]),)
            ],
            resolution_weeks=[
                metrics.WeeklySpread(
                    monday, self._in(f, days=days).spread("resolved", "resolution")
                )
                for monday, days in weeks
            ],
            sentiment_weeks=[
                metrics.WeeklyMoods(
                    monday, *(getattr(self._in(f, days=days), mood) for mood in MOODS)
                )
                for monday, days in weeks
            ],
            complaint_weeks=[
                metrics.WeeklyComplaints(monday, found.complaints, found.complaints_resolved)
                for monday, days in weeks
                for found in (self._cohorts(f, days),)
            ],
            score_weeks=[
                metrics.WeeklyScores(monday, _only_scores(self._in(f, days=days).scores()))
                for monday, days in weeks
            ],
            csat_bands=[
                metrics.Band(label, found.answers, found.satisfied)
                for index, (label, _hours) in enumerate(RESOLUTION_BANDS)
                for found in (self._in(f, "band", index),)
            ],
            mood_resolution=[
                metrics.MoodSpread(
                    mood, self._in(f, "mood", index).spread("resolved", "resolution")
                )
                for index, mood in enumerate(MOODS)
            ],
            agents=metrics.agent_rows(*self._team("agent"), f, session),
            categories=metrics.category_rows(*self._team("category"), session),
            playbooks=metrics.playbooks(f, session, cohorts=self._cohort_rows),
            ideas=metrics.ideas(f, session),
            kb=metrics.kb(f, session),
        )

    def _weeks(self) -> list[tuple[date, list[date]]]:
        days = self.f.days()
        return [
            (monday, [day for day in days if monday <= day < monday + timedelta(weeks=1)])
            for monday in self.f.weeks()
        ]

    def _cohorts(self, f: Filter, days=None) -> _Sum:
        """Both complaint cohorts added up: all the complaints of the days."""
        wanted = f.days() if days is None else days
        cohorts = [self.days.get(("cohort", key), {}) for key in range(len(metrics.COHORTS))]
        return _added(rows[day] for rows in cohorts for day in wanted if day in rows)

    def _cohort_rows(self, f: Filter, _session: Session) -> list[metrics.Cohort]:
        cohorts = []
        for index, (_key_name, label) in enumerate(metrics.COHORTS):
            found = self._in(f, "cohort", index)
            cohorts.append(
                metrics.Cohort(
                    label,
                    found.complaints,
                    found.complaints_resolved,
                    found.complaints_reopened,
                    found.complaints_recovered,
                    _only_scores(found.scores()),
                )
            )
        return cohorts

    def _summary(self, f: Filter) -> metrics.Summary:
        found = self._in(f)
        complaints = self._cohorts(f)
        return metrics.Summary(
            volume=metrics.Volume(found.created, found.resolved, self._backlog(f)),
            first_reply=metrics.FirstReply(
                found.spread("answered", "first_reply"), found.created - found.answered
            ),
            outcomes=metrics.Outcomes(
                resolved=found.resolved,
                resolution=found.spread("resolved", "resolution"),
                wait=found.spread("resolved", "wait"),
                replies_mean=found.mean("replies", "resolved"),
                one_touch=found.one_touch,
                reopened=found.reopened,
                reopens=found.reopens,
                followups_mean=found.mean("followups", "resolved"),
                sla_met=found.sla_met,
            ),
            conversation=metrics.Conversation(
                found.talked,
                found.mean("public_messages", "public_tickets"),
                found.spread("talked", "elapsed"),
            ),
            complaints=metrics.Complaints(
                complaints.complaints,
                complaints.complaints_resolved,
                complaints.complaints_recovered,
            ),
            surveys=found.scores(),
            check_ins=metrics.check_ins(f, self.session),
            agreement=metrics.Agreement(found.reviewed, found.kept),
            deflection=metrics.deflection(f, self.session),
        )

    def _backlog(self, f: Filter) -> int:
        """Created before the end (capped at now) and not resolved before it. Every ticket
        resolved before the end was created before it, so it is those created less those
        resolved: the whole days' from their rows, the day the end falls in from the tickets."""
        end = min(f.end, f.now)
        midnight = datetime.combine(end.astimezone(UTC).date(), time(), tzinfo=UTC)
        days = self.session.scalar(
            select(_total(ReportDay.created) - _total(ReportDay.resolved)).where(
                ReportDay.grain == "all", ReportDay.key == 0, ReportDay.day < midnight.date()
            )
        )
        partly = Filter(start=midnight, end=end, now=end)
        created, resolved = (
            self.session.scalar(select(func.count()).where(metrics.during(column, partly)))
            for column in (Ticket.created_at, Ticket.resolved_at)
        )
        return days + created - resolved

    def _team(self, grain: str) -> tuple[dict, dict, dict]:
        """The outcomes, arrivals and scores of each agent or category over the period, as
        `metrics.agent_rows` takes them (key None for none)."""
        period = ReportDay.day.between(self.f.start.astimezone(UTC).date(), _last_day(self.f))
        found = self.session.execute(
            select(
                ReportDay.key,
                *(
                    joined(getattr(ReportDay, name))
                    if name in TEXTS
                    else _total(getattr(ReportDay, name))
                    for name in COLUMNS
                ),
            )
            .where(ReportDay.grain == grain, period)
            .group_by(ReportDay.key)
        )
        outcomes, arrivals, scores = {}, {}, {}
        for result in found:
            key = result[0] or None
            part = _Sum(dict(zip(COLUMNS, result[1:], strict=True)))
            if part.resolved:
                median = percentiles_of(part.resolution, (0.5,))
                outcomes[key] = (
                    part.resolved,
                    median,
                    part.mean("replies", "resolved"),
                    part.reopened,
                )
            if part.created:
                median = percentiles_of(part.first_reply, (0.5,))
                arrivals[key] = (part.created, median, part.complaints)
            if part.answers:
                scores[key] = _only_scores(part.scores())
        return outcomes, arrivals, scores


def _only_scores(scores: Surveys) -> Surveys:
    """Scores as `metrics` finds them apart from invitations (counted only in summaries)."""
    return replace(scores, invited=0, invitations_answered=0)
